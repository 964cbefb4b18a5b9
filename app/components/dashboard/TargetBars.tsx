import { t } from "~/i18n";
import type { TargetProgress } from "~/modules/analytics/targets.server";
import { formatFen } from "~/utils/money";
import { pct } from "./format";

const width = (bp: number | null) => `${Math.max(0, Math.min(bp ?? 0, 10_000)) / 100}%`;

/** Progress against a target: done so far (solid), the run-rate forecast (light), and where time is (the tick). */
export function ProgressBar({ progressBp, forecastBp, elapsedBp }: { progressBp: number | null; forecastBp: number | null; elapsedBp: number }) {
  const behind = progressBp !== null && forecastBp !== null && forecastBp < 10_000;
  return (
    <div className="dash-bar" role="img" aria-label={`${pct(progressBp)} / ${pct(forecastBp)}`}>
      <div className="dash-bar-forecast" style={{ width: width(forecastBp) }} />
      <div className={behind ? "dash-bar-done dash-bar-behind" : "dash-bar-done"} style={{ width: width(progressBp) }} />
      {elapsedBp > 0 ? <div className="dash-bar-tick" style={{ left: width(elapsedBp) }} title={t("dash.targets.elapsed", { pct: pct(elapsedBp) })} /> : null}
    </div>
  );
}

/** One subject: its name, the bar and the figures. */
export function TargetLine({ p, elapsedBp }: { p: TargetProgress; elapsedBp: number }) {
  return (
    <div className="dash-target" data-subject={`${p.subject}:${p.subject_id}`}>
      <div className="dash-target-name">{p.name}</div>
      {p.target_fen === null ? (
        <div className="dash-target-figures muted">
          {t("dash.targets.noTarget")} · {formatFen(p.actual_fen)}
        </div>
      ) : (
        <>
          <ProgressBar progressBp={p.progress_bp} forecastBp={p.forecast_bp} elapsedBp={elapsedBp} />
          <div className="dash-target-figures">
            <span>{t("dash.targets.line", { actual: formatFen(p.actual_fen), target: formatFen(p.target_fen), pct: pct(p.progress_bp) })}</span>
            {p.forecast_fen !== null ? (
              <span className={p.forecast_bp !== null && p.forecast_bp < 10_000 ? "danger-text" : "ok-text"}>
                {t("dash.targets.forecast", { forecast: formatFen(p.forecast_fen), pct: pct(p.forecast_bp) })}
              </span>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}
