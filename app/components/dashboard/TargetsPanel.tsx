import { Link } from "@remix-run/react";
import { t } from "~/i18n";
import type { TargetBoard } from "~/modules/analytics/targets.server";
import { pct } from "./format";
import { TargetLine } from "./TargetBars";

/** The dashboard's targets: the total, and the categories and reps that have a target. */
export function TargetsPanel({ board, canEdit }: { board: TargetBoard; canEdit: boolean }) {
  const categories = board.categories.filter((c) => c.target_fen !== null);
  const reps = board.reps.filter((r) => r.target_fen !== null);
  const any = board.total.target_fen !== null || categories.length > 0 || reps.length > 0;
  const year = board.span.year;
  return (
    <div className="panel dash-targets">
      <div className="page-head">
        <h2>{t("dash.targets.title", { year })}</h2>
        <div className="actions">
          <span className="muted small">{t("dash.targets.elapsed", { pct: pct(board.elapsed_bp) })}</span>
          <Link to={`/reports/targets?year=${year}`}>{canEdit ? t("dash.targets.manage") : t("dash.targets.view")}</Link>
        </div>
      </div>
      {!any ? (
        <p className="muted">{t("dash.targets.none", { year })}</p>
      ) : (
        <>
          {board.total.target_fen !== null ? <TargetLine p={{ ...board.total, name: t("dash.targets.total") }} elapsedBp={board.elapsed_bp} /> : null}
          <div className="dash-target-cols">
            {categories.length ? (
              <div>
                <h3>{t("dash.targets.byCategory")}</h3>
                {categories.map((p) => <TargetLine key={p.subject_id} p={p} elapsedBp={board.elapsed_bp} />)}
              </div>
            ) : null}
            {reps.length ? (
              <div>
                <h3>{t("dash.targets.byRep")}</h3>
                {reps.map((p) => <TargetLine key={p.subject_id} p={p} elapsedBp={board.elapsed_bp} />)}
              </div>
            ) : null}
          </div>
          <p className="muted small">{t("dash.targets.rule")}</p>
        </>
      )}
    </div>
  );
}
