// GET /reports/clients?<filter>&page=: 客户贡献, earned income by client, largest first.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { Pagination } from "~/components/Pagination";
import { FilterBar } from "~/components/reports/FilterBar";
import { ReportHead } from "~/components/reports/ReportHead";
import { ReportStats } from "~/components/reports/ReportStats";
import { ReportTable } from "~/components/reports/ReportTable";
import styles from "~/components/reports/reports.css";
import { clientsReport } from "~/modules/analytics/reports/clients.server";
import { CLIENTS_PAGE_SIZE, clientsTable } from "~/modules/analytics/reports/clients-tables";
import { openReport } from "~/modules/analytics/reports/route.server";
import { periodTitle } from "~/modules/analytics/reports/filter-types";
import type { ReportTable as Table } from "~/modules/analytics/reports/table";
import { pageParam } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller, parsed, shell } = await openReport(request, context);
  const page = pageParam(new URL(request.url));
  const empty = { ...shell, page, clientCount: 0, earnedFen: 0, subsidyFen: 0, table: null as Table | null };
  if (!parsed.ok) return data(empty, { status: 400 });
  const report = await clientsReport(context.db, caller.scope, parsed.filter);
  // The page carries one page of rows (the totals are of all clients); the file has every row.
  return {
    ...empty,
    clientCount: report.rows.length,
    earnedFen: report.earned.current,
    subsidyFen: report.subsidy.current,
    table: clientsTable(report, periodTitle(parsed.filter), { offset: (page - 1) * CLIENTS_PAGE_SIZE, limit: CLIENTS_PAGE_SIZE }),
  };
}

export default function ClientsPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <section>
      <ReportHead title={t("rpt.clients.title")} xlsx="/reports/clients.xlsx" error={d.error} closing={d.closing} future={d.future}>
        <p>{t("rpt.clients.definition")}</p>
      </ReportHead>
      <FilterBar values={d.values} options={d.options} />
      {d.table ? (
        <>
          <ReportStats
            stats={[
              { label: t("rpt.card.earned"), fen: d.earnedFen },
              { label: t("rpt.card.clients"), text: d.clientCount.toLocaleString("en-US") },
              { label: t("rpt.card.subsidy"), fen: d.subsidyFen },
            ]}
          />
          <ReportTable table={d.table} />
          <Pagination page={d.page} pageSize={CLIENTS_PAGE_SIZE} total={d.clientCount} />
        </>
      ) : null}
    </section>
  );
}
