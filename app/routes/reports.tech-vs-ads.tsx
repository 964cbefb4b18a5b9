// GET /reports/tech-vs-ads?<filter>: 技术服务与传统广告对比, month by month, the crossover marked.
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
import { techVsAdsReport, type TechVsAdsReport } from "~/modules/analytics/reports/tech-vs-ads.server";
import { crossoverText, techVsAdsTable } from "~/modules/analytics/reports/tech-vs-ads-tables";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller, parsed, shell } = await openReport(request, context);
  if (!parsed.ok) return data({ ...shell, report: null as TechVsAdsReport | null, period: "" }, { status: 400 });
  return { ...shell, report: await techVsAdsReport(context.db, caller.scope, parsed.filter), period: periodTitle(parsed.filter) };
}

export default function TechVsAdsPage() {
  const d = useLoaderData<typeof loader>();
  const r = d.report;
  return (
    <section>
      <ReportHead title={t("rpt.tva.title")} xlsx="/reports/tech-vs-ads.xlsx" error={d.error} closing={d.closing} future={d.future}>
        <p>{t("rpt.tva.definition")}</p>
      </ReportHead>
      <FilterBar values={d.values} options={d.options} unused={{ medium: t("rpt.tva.noMedium") }} />
      {r ? (
        <>
          <p className="crossover">{crossoverText(r)}</p>
          <ReportStats
            stats={[
              { label: t("rpt.tva.col.tech"), fen: r.totals.tech },
              { label: t("rpt.tva.col.traditional"), fen: r.totals.traditional },
              { label: t("rpt.tva.col.allAds"), fen: r.totals.allAds },
            ]}
          />
          <ReportTable table={techVsAdsTable(r, d.period)} />
        </>
      ) : null}
    </section>
  );
}
