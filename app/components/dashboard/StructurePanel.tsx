import { t } from "~/i18n";
import { ChartFigure } from "~/components/charts/ChartFigure";
import { PALETTE } from "~/components/charts/theme";
import type { DashboardData } from "~/modules/analytics/dashboard.server";
import { formatFen } from "~/utils/money";
import { formatHhi, pct, points } from "./format";
import { Hint } from "./Hint";

/** Shares of the top-level categories this year against the same months last year, the non-advertising share and the HHI. */
export function StructurePanel({ data: d, chart }: { data: DashboardData["structure"]; chart: string }) {
  const colored = d.rows.filter((r) => r.amount_fen > 0);
  const swatch = (id: string) => {
    const i = colored.findIndex((r) => r.id === id);
    return i < 0 ? undefined : PALETTE[i % PALETTE.length];
  };
  return (
    <div className="panel dash-structure">
      <h2>{t("dash.structure.title", { from: d.from, to: d.to })}</h2>
      <div className="dash-kpis">
        <div className="stat" data-figure="non-ad">
          <span className="stat-label"><Hint title={t("dash.structure.nonAd.hint")}>{t("dash.structure.nonAd")}</Hint></span>
          <span className="stat-value">{pct(d.non_ad_bp)}</span>
          <span className="small muted">{t("dash.structure.lastYear")} {pct(d.last_non_ad_bp)}</span>
        </div>
        <div className="stat" data-figure="hhi">
          <span className="stat-label"><Hint title={t("dash.structure.hhi.hint")}>{t("dash.structure.hhi")}</Hint></span>
          <span className="stat-value" title={t("dash.structure.hhi.hint")}>{formatHhi(d.hhi)}</span>
          <span className="small muted">{t("dash.structure.lastYear")} {formatHhi(d.last_hhi)}</span>
        </div>
      </div>
      <ChartFigure svg={chart} label={t("dash.structure.title", { from: d.from, to: d.to })} side>
        <table className="grid dash-table">
          <thead>
            <tr>
              <th>{t("dash.structure.category")}</th>
              <th className="num">{t("dash.structure.amount")}</th>
              <th className="num">{t("dash.structure.share")}</th>
              <th className="num">{t("dash.structure.lastShare")}</th>
              <th className="num">{t("dash.structure.change")}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">
                  <span className="dash-swatch" style={{ background: swatch(r.id) ?? "transparent" }} />
                  {r.name}
                </td>
                <td className="num">{formatFen(r.amount_fen)}</td>
                <td className="num">{pct(r.share_bp)}</td>
                <td className="num">{pct(r.last_share_bp)}</td>
                <td className="num">{d.last_earned_fen > 0 && d.earned_fen > 0 ? points(r.share_bp - r.last_share_bp) : "—"}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>{t("dash.structure.total")}</td>
              <td className="num">{formatFen(d.earned_fen)}</td>
              <td className="num">{d.earned_fen > 0 ? "100%" : "—"}</td>
              <td className="num">{d.last_earned_fen > 0 ? "100%" : "—"}</td>
              <td />
            </tr>
            <tr className="row-muted">
              <td>{t("dash.structure.subsidy")}</td>
              <td className="num">{formatFen(d.subsidy_fen)}</td>
              <td colSpan={3} />
            </tr>
          </tfoot>
        </table>
      </ChartFigure>
    </div>
  );
}
