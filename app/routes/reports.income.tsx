// GET /reports/income?from=&to=&category=&medium=&client=&rep=&page=: 收入明细表, recognised income
// line by line for the months, a page at a time, with the totals of every line.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { Pagination } from "~/components/Pagination";
import { FilterBar } from "~/components/reports/FilterBar";
import { ReportHead } from "~/components/reports/ReportHead";
import { ReportStats } from "~/components/reports/ReportStats";
import { ReportTable } from "~/components/reports/ReportTable";
import styles from "~/components/reports/reports.css";
import { INCOME_PAGE_SIZE } from "~/modules/analytics/reports/constants";
import { incomeDetail, type IncomeDetail } from "~/modules/analytics/reports/income.server";
import { incomeTable } from "~/modules/analytics/reports/income-tables";
import { openReport } from "~/modules/analytics/reports/route.server";
import { pageParam } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller, parsed, shell } = await openReport(request, context);
  const page = pageParam(new URL(request.url));
  if (!parsed.ok) return data({ ...shell, page, detail: null as IncomeDetail | null }, { status: 400 });
  return { ...shell, page, detail: await incomeDetail(context.db, caller.scope, parsed.filter, page) };
}

export default function IncomeReport() {
  const d = useLoaderData<typeof loader>();
  return (
    <section>
      <ReportHead title={t("rpt.income.title")} xlsx="/reports/income.xlsx" error={d.error} closing={d.closing} future={d.future}>
        <p>{t("rpt.income.definition")}</p>
      </ReportHead>
      <FilterBar values={d.values} options={d.options} />
      {d.detail ? (
        <>
          <ReportStats
            stats={[
              { label: t("rpt.card.earned"), fen: d.detail.earnedFen },
              { label: t("rpt.card.subsidy"), fen: d.detail.subsidyFen },
              { label: t("rpt.card.lines"), text: d.detail.lineCount.toLocaleString("en-US") },
            ]}
          />
          <ReportTable table={incomeTable(d.detail)} showTitle={false} />
          <Pagination page={d.page} pageSize={INCOME_PAGE_SIZE} total={d.detail.lineCount} />
        </>
      ) : null}
    </section>
  );
}
