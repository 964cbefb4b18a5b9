import { t } from "~/i18n";
import type { DashboardData } from "~/modules/analytics/dashboard.server";
import { formatFen } from "~/utils/money";
import { signedPct } from "./format";
import { Hint } from "./Hint";

/** This month, quarter and year: recognised (earned and subsidy apart), invoiced, collected. */
export function PeriodsPanel({ periods }: { periods: DashboardData["periods"] }) {
  return (
    <div className="panel dash-periods">
      <h2>{t("dash.periods.title")}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("dash.col.period")}</th>
            <th className="num"><Hint title={t("dash.col.recognised.hint")}>{t("dash.col.recognised")}</Hint></th>
            <th className="num"><Hint title={t("dash.col.yoy.hint")}>{t("dash.col.yoy")}</Hint></th>
            <th className="num"><Hint title={t("dash.col.subsidy.hint")}>{t("dash.col.subsidy")}</Hint></th>
            <th className="num"><Hint title={t("dash.col.invoiced.hint")}>{t("dash.col.invoiced")}</Hint></th>
            <th className="num"><Hint title={t("dash.col.collected.hint")}>{t("dash.col.collected")}</Hint></th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.key} data-period={p.key}>
              <td>
                <strong>{t(`dash.period.${p.key}`)}</strong>
                <span className="muted small"> {p.from === p.to ? p.from : t("dash.period.range", { from: p.from, to: p.to })}</span>
              </td>
              <td className="num dash-figure">{formatFen(p.earned_fen)}</td>
              <td className={p.yoy_bp !== null && p.yoy_bp < 0 ? "num danger-text" : "num"}>{signedPct(p.yoy_bp)}</td>
              <td className="num">{formatFen(p.subsidy_fen)}</td>
              <td className="num">{formatFen(p.invoiced_net_fen)}</td>
              <td className="num">{formatFen(p.collected_fen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
