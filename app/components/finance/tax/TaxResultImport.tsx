// Part two of the tax-platform screen: the platform's result file in, every row checked
// (preview), then recorded all at once. The confirm form carries only the token of the stored
// upload, so the file recorded is the file previewed.
import { Form, Link, useNavigation } from "@remix-run/react";
import { t } from "~/i18n";
import { formatFen } from "~/utils/money";

export interface ResultProblemView {
  row: number | null;
  column: string | null;
  message: string;
}

export interface ResultRowView {
  row: number;
  serial: string;
  number: string;
  date: string;
  buyerName: string;
  totalFen: number;
  action: "record" | "unchanged";
}

export type ImportState =
  | { stage: "refused"; message: string; problems: ResultProblemView[]; problemCount: number }
  | { stage: "preview"; token: string | null; fileName: string; rows: ResultRowView[]; rowCount: number; problems: ResultProblemView[]; problemCount: number; counts: { record: number; unchanged: number } };

export function ResultProblems({ problems, count }: { problems: ResultProblemView[]; count: number }) {
  if (count === 0) return null;
  return (
    <div className="panel">
      <h3 className="panel-title danger-text">{t("tax.import.problemsTitle", { count })}</h3>
      {count > problems.length ? <p className="field-hint">{t("tax.import.truncated", { shown: problems.length, count })}</p> : null}
      <table className="grid">
        <thead>
          <tr>
            <th className="num">{t("tax.import.row")}</th>
            <th>{t("tax.import.column")}</th>
            <th>{t("tax.import.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td className="num">{p.row ?? ""}</td>
              <td className="nowrap">{p.column ?? t("tax.import.wholeFile")}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ResultPreview({ state }: { state: Extract<ImportState, { stage: "preview" }> }) {
  const busy = useNavigation().state !== "idle";
  return (
    <div className="stack">
      <h3 className="panel-title">{t("tax.import.previewTitle", { file: state.fileName })}</h3>
      <div className="stats">
        <div className="stat">
          <span className="stat-value">{state.counts.record}</span>
          <span className="stat-label">{t(state.problemCount ? "tax.import.clean" : "tax.import.toRecord")}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{state.counts.unchanged}</span>
          <span className="stat-label">{t("tax.import.unchanged")}</span>
        </div>
        <div className="stat">
          <span className={state.problemCount ? "stat-value danger-text" : "stat-value"}>{state.problemCount}</span>
          <span className="stat-label">{t("tax.import.problems")}</span>
        </div>
      </div>
      <ResultProblems problems={state.problems} count={state.problemCount} />
      {state.rowCount ? (
        <div className="panel">
          <h3 className="panel-title">{t(state.problemCount ? "tax.import.cleanTitle" : "tax.import.rowsTitle")}</h3>
          {state.rowCount > state.rows.length ? <p className="field-hint">{t("tax.import.truncated", { shown: state.rows.length, count: state.rowCount })}</p> : null}
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
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" name="token" value={state.token} />
          <button type="submit" className="primary" disabled={busy}>{t("tax.import.confirm", { count: state.counts.record })}</button>
          <Link to="/finance/tax-platform">{t("tax.import.cancel")}</Link>
        </Form>
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
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" encType="multipart/form-data" className="inline-form">
      <input type="hidden" name="intent" value="preview" />
      <label className="field-label" htmlFor="tax-result-file">{t("tax.import.file")}</label>
      <input id="tax-result-file" type="file" name="file" accept={accept} required />
      <button type="submit" className="primary" disabled={busy}>{t("tax.import.upload")}</button>
      <span className="muted small">{t("tax.import.rules", { mb: maxMb })}</span>
    </Form>
  );
}
