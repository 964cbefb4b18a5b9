// Part two of the tax-platform screen: the platform's result file in, every row checked
// (preview), then recorded all at once. The confirm form carries only the token of the stored
// upload, so the file recorded is the file previewed.
import { Link } from "@remix-run/react";
import { ConfirmUploadForm, TruncatedNote, UploadFileForm, type UploadProblem, UploadProblems, UploadStat } from "~/components/UploadPreview";
import { t } from "~/i18n";
import type { ResultRow } from "~/modules/billing/tax-platform/import.server";
import { formatFen } from "~/utils/money";

export type ImportState =
  | { stage: "refused"; message: string; problems: UploadProblem[]; problemCount: number }
  | { stage: "preview"; token: string | null; fileName: string; rows: ResultRow[]; rowCount: number; problems: UploadProblem[]; problemCount: number; counts: { record: number; unchanged: number } };

export function ResultProblems({ problems, count }: { problems: UploadProblem[]; count: number }) {
  return (
    <UploadProblems
      heading={<h3 className="panel-title danger-text">{t("tax.import.problemsTitle", { count })}</h3>}
      problems={problems}
      count={count}
      truncated={t("tax.import.truncated", { shown: problems.length, count })}
    />
  );
}

export function ResultPreview({ state }: { state: Extract<ImportState, { stage: "preview" }> }) {
  return (
    <div className="stack">
      <h3 className="panel-title">{t("tax.import.previewTitle", { file: state.fileName })}</h3>
      <div className="stats">
        <UploadStat value={state.counts.record} label={t(state.problemCount ? "tax.import.clean" : "tax.import.toRecord")} />
        <UploadStat value={state.counts.unchanged} label={t("tax.import.unchanged")} />
        <UploadStat value={state.problemCount} label={t("tax.import.problems")} danger={state.problemCount > 0} />
      </div>
      <ResultProblems problems={state.problems} count={state.problemCount} />
      {state.rowCount ? (
        <div className="panel">
          <h3 className="panel-title">{t(state.problemCount ? "tax.import.cleanTitle" : "tax.import.rowsTitle")}</h3>
          <TruncatedNote shown={state.rows.length} count={state.rowCount} text={t("tax.import.truncated", { shown: state.rows.length, count: state.rowCount })} />
          <table className="grid">
            <thead>
              <tr>
                <th className="num">{t("tax.import.row")}</th>
                <th>{t("tax.import.serial")}</th>
                <th>{t("tax.import.number")}</th>
                <th>{t("tax.import.date")}</th>
                <th>{t("tax.import.buyer")}</th>
                <th className="num">{t("tax.import.total")}</th>
                <th>{t("tax.import.action")}</th>
              </tr>
            </thead>
            <tbody>
              {state.rows.map((r) => (
                <tr key={r.row} className={r.action === "unchanged" ? "row-muted" : undefined}>
                  <td className="num">{r.row}</td>
                  <td className="mono nowrap">{r.serial}</td>
                  <td className="mono nowrap">{r.number}</td>
                  <td className="nowrap">{r.date}</td>
                  <td>{r.buyerName}</td>
                  <td className="num nowrap">{formatFen(r.totalFen)}</td>
                  <td className="nowrap">{r.action === "record" ? t("tax.import.willRecord") : t("tax.import.alreadyRecorded")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {state.token ? (
        <ConfirmUploadForm token={state.token} intent="commit" button={t("tax.import.confirm", { count: state.counts.record })} cancelTo="/finance/tax-platform" cancelLabel={t("tax.import.cancel")} />
      ) : (
        <div className={state.problemCount ? "banner banner-error" : "banner banner-warn"}>
          {state.problemCount ? t("tax.import.fixFirst") : t("tax.import.nothing")}{" "}
          <Link to="/finance/tax-platform">{t("tax.import.again")}</Link>
        </div>
      )}
    </div>
  );
}

export function ResultUploadForm({ accept, maxMb }: { accept: string; maxMb: number }) {
  return (
    <UploadFileForm id="tax-result-file" label={t("tax.import.file")} accept={accept} button={t("tax.import.upload")} intent="preview">
      <span className="muted small">{t("tax.import.rules", { mb: maxMb })}</span>
    </UploadFileForm>
  );
}
