import { t, tKey } from "~/i18n";
import { ChartFigure } from "~/components/charts/ChartFigure";
import type { DashboardData } from "~/modules/analytics/dashboard.server";
import { pct } from "./format";
import { OCCUPANCY_KINDS, occupancyShares } from "./occupancy";

/** Outdoor and LED occupancy by month, each kind of use as a share of capacity. */
export function OccupancyPanel({ data, charts }: { data: DashboardData["occupancy"]; charts: { medium: string; svg: string }[] }) {
  return (
    <div className="panel dash-occupancy">
      <h2>{t("dash.occ.title")}</h2>
      <div className="two-col">
        {charts.map(({ medium, svg }) => {
          const shares = occupancyShares(data.rows.filter((r) => r.medium === medium));
          return (
            <div key={medium} data-medium={medium}>
              <h3>{tKey("medium", medium)}</h3>
              <ChartFigure svg={svg} label={`${t("dash.occ.title")} ${tKey("medium", medium)}`}>
                <table className="grid dash-table">
                  <thead>
                    <tr>
                      <th />
                      {OCCUPANCY_KINDS.map((k) => <th key={k} className="num">{t(`dash.occ.kind.${k}`)}</th>)}
                      <th className="num">{t("dash.occ.rate")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shares.map((s) => (
                      <tr key={s.month}>
                        <td className="nowrap">{s.month}</td>
                        {OCCUPANCY_KINDS.map((k) => <td key={k} className="num">{pct(s.bp[k])}</td>)}
                        <td className="num"><strong>{s.rate_bp === null ? t("dash.occ.noUnits") : pct(s.rate_bp)}</strong></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ChartFigure>
            </div>
          );
        })}
      </div>
      <p className="muted small">{t("dash.occ.rule")}</p>
    </div>
  );
}
