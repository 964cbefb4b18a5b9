// GET /reports/sales?<filter>: 销售业绩 by sales rep — booked, recognised, collected, against target.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { FilterBar } from "~/components/reports/FilterBar";
import { ReportHead } from "~/components/reports/ReportHead";
import { ReportStats } from "~/components/reports/ReportStats";
import { ReportTable } from "~/components/reports/ReportTable";
import styles from "~/components/reports/reports.css";
import { openReport } from "~/modules/analytics/reports/route.server";
import { periodTitle } from "~/modules/analytics/reports/filter-types";
import { salesReport, type SalesReport } from "~/modules/analytics/reports/sales.server";
import { salesTable } from "~/modules/analytics/reports/sales-tables";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller, parsed, shell } = await openReport(request, context);
  if (!parsed.ok) return data({ ...shell, report: null as SalesReport | null, period: "" }, { status: 400 });
  return { ...shell, report: await salesReport(context.db, caller.scope, parsed.filter), period: periodTitle(parsed.filter) };
}

export default function SalesPage() {
  const d = useLoaderData<typeof loader>();
  const r = d.report;
  return (
    <section>
      <ReportHead title={t("rpt.sales.title")} xlsx="/reports/sales.xlsx" error={d.error} closing={d.closing} future={d.future}>
        <p>{t("rpt.sales.def.booked")}</p>
        <p>{t("rpt.sales.def.recognised")}</p>
        <p>{t("rpt.sales.def.collected")}</p>
        <p>{t("rpt.sales.def.target")}</p>
      </ReportHead>
      <FilterBar values={d.values} options={d.options} />
      {r ? (
        <>
          <ReportStats
            stats={[
              { label: t("rpt.sales.col.booked"), fen: r.totals.booked },
              { label: t("rpt.sales.col.recognised"), fen: r.totals.recognised },
              { label: t("rpt.sales.col.collected"), fen: r.totals.collected },
            ]}
          />
          <ReportTable table={salesTable(r, d.period)} />
        </>
      ) : null}
    </section>
  );
}
