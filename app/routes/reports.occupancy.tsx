// GET /reports/occupancy?from=&to=&medium=&category=: 上刊率 of outdoor faces and LED screens by
// month — paid, bonus, public-service, internal use and what stayed free.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { FilterBar } from "~/components/reports/FilterBar";
import { ReportHead } from "~/components/reports/ReportHead";
import { ReportStats } from "~/components/reports/ReportStats";
import { ReportTable } from "~/components/reports/ReportTable";
import styles from "~/components/reports/reports.css";
import { OCCUPANCY_MEDIA } from "~/modules/analytics/reports/constants";
import { occupancyRefusal, occupancyReport, type OccupancyRow } from "~/modules/analytics/reports/occupancy.server";
import { occupancyTable, occupancyTotals } from "~/modules/analytics/reports/occupancy-tables";
import { openReport } from "~/modules/analytics/reports/route.server";
import { periodTitle } from "~/modules/analytics/reports/filter-types";
import { ratioBp } from "~/modules/analytics/series";
import { formatBp } from "~/modules/analytics/reports/table";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller, parsed, shell } = await openReport(request, context);
  const refusal = parsed.ok ? occupancyRefusal(parsed.filter) : null;
  if (!parsed.ok || refusal) return data({ ...shell, error: shell.error ?? refusal, rows: null as OccupancyRow[] | null, period: "" }, { status: 400 });
  return { ...shell, rows: await occupancyReport(context.db, caller.scope, parsed.filter), period: periodTitle(parsed.filter) };
}

export default function OccupancyPage() {
  const d = useLoaderData<typeof loader>();
  const notHere = t("rpt.occ.noClient");
  return (
    <section>
      <ReportHead title={t("rpt.occ.title")} xlsx="/reports/occupancy.xlsx" error={d.error} closing={d.closing} future={d.future}>
        <p>{t("rpt.occ.definition")}</p>
      </ReportHead>
      <FilterBar values={d.values} options={d.options} media={OCCUPANCY_MEDIA} unused={{ client: notHere, rep: notHere }} />
      {d.rows ? (
        <>
          <ReportStats
            stats={occupancyTotals(d.rows).flatMap((s) => {
              const used = s.byKind.paid + s.byKind.bonus + s.byKind.public_service + s.byKind.internal;
              const paid = ratioBp(s.byKind.paid, s.capacityDays);
              const all = ratioBp(used, s.capacityDays);
              return [
                { label: t("rpt.occ.stat.paid", { medium: tKey("medium", s.medium) }), text: paid === null ? "—" : formatBp(paid) },
                { label: t("rpt.occ.stat.used", { medium: tKey("medium", s.medium) }), text: all === null ? "—" : formatBp(all) },
              ];
            })}
          />
          <ReportTable table={occupancyTable(d.rows, d.period)} />
        </>
      ) : null}
    </section>
  );
}
