// GET /reports/structure?<filter>: 收入结构分析, income by category with shares and the change on the
// same months a year earlier, and the monthly structure; read from the fact table only.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { FilterBar } from "~/components/reports/FilterBar";
import { ReportHead } from "~/components/reports/ReportHead";
import { ReportStats } from "~/components/reports/ReportStats";
import { ReportTable } from "~/components/reports/ReportTable";
import styles from "~/components/reports/reports.css";
import { ratioBp } from "~/modules/analytics/series";
import { openReport } from "~/modules/analytics/reports/route.server";
import { periodTitle } from "~/modules/analytics/reports/filter-types";
import { structureReport, type StructureReport } from "~/modules/analytics/reports/structure.server";
import { structureTables } from "~/modules/analytics/reports/structure-tables";
import { formatBp } from "~/modules/analytics/reports/table";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller, parsed, shell } = await openReport(request, context);
  if (!parsed.ok) return data({ ...shell, report: null as StructureReport | null }, { status: 400 });
  return { ...shell, report: await structureReport(context.db, caller.scope, parsed.filter) };
}

export default function StructurePage() {
  const d = useLoaderData<typeof loader>();
  const r = d.report;
  const nonAdsShare = r ? ratioBp(r.nonAds.current, r.earnedTotal.current) : null;
  return (
    <section>
      <ReportHead title={t("rpt.structure.title")} xlsx="/reports/structure.xlsx" error={d.error} closing={d.closing} future={d.future}>
        <p>{t("rpt.structure.definition")}</p>
      </ReportHead>
      <FilterBar values={d.values} options={d.options} />
      {r ? (
        <>
          <ReportStats
            stats={[
              { label: t("rpt.card.earned"), fen: r.earnedTotal.current },
              { label: t("rpt.card.nonAdsShare"), text: nonAdsShare === null ? "—" : formatBp(nonAdsShare) },
              { label: t("rpt.card.subsidy"), fen: r.subsidyTotal.current },
            ]}
          />
          {structureTables(r, periodTitle(r)).map((table) => (
            <ReportTable key={table.sheet} table={table} />
          ))}
        </>
      ) : null}
    </section>
  );
}
