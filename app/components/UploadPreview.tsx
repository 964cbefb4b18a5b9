// The parts of a sheet import done in two steps (upload → preview → confirm): the file form, the
// counts, the problems found, and the confirm form that posts back only the stored upload's token,
// so the file confirmed is the file previewed. Used by the inventory and tax-result imports.
import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { t } from "~/i18n";

export interface UploadProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** The file picker and its submit button; `children` follow on the same line (e.g. the rules). */
export function UploadFileForm({ id, label, accept, button, intent, children }: { id: string; label: string; accept: string; button: string; intent?: string; children?: ReactNode }) {
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" encType="multipart/form-data" className="inline-form">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <label className="field-label" htmlFor={id}>{label}</label>
      <input id={id} type="file" name="file" accept={accept} required />
      <button type="submit" className="primary" disabled={busy}>{button}</button>
      {children}
    </Form>
  );
}

export function UploadStat({ value, label, danger = false }: { value: number; label: string; danger?: boolean }) {
  return (
    <div className="stat">
      <span className={danger ? "stat-value danger-text" : "stat-value"}>{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

/** Shown when the page lists only the first `shown` of `count` rows. */
export function TruncatedNote({ shown, count, text }: { shown: number; count: number; text: string }) {
  return count > shown ? <p className="field-hint">{text}</p> : null;
}

/** Every problem with the row and column of the sheet it is in (none: the whole file), under `heading`. */
export function UploadProblems({ heading, problems, count, truncated }: { heading: ReactNode; problems: UploadProblem[]; count: number; truncated: string }) {
  if (count === 0) return null;
  return (
    <div className="panel">
      {heading}
      <TruncatedNote shown={problems.length} count={count} text={truncated} />
      <ProblemTable problems={problems} />
    </div>
  );
}

function ProblemTable({ problems }: { problems: UploadProblem[] }) {
  return (
    <table className="grid">
      <thead>
        <tr>
          <th className="num">{t("excel.import.row")}</th>
          <th>{t("excel.import.column")}</th>
          <th>{t("excel.import.problem")}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i}>
            <td className="num">{p.row ?? ""}</td>
            <td className="nowrap">{p.column ?? t("excel.import.wholeFile")}</td>
            <td>{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Records the previewed upload; `cancelTo` starts over with another file. */
export function ConfirmUploadForm({ token, intent, button, cancelTo, cancelLabel }: { token: string; intent?: string; button: string; cancelTo: string; cancelLabel: string }) {
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" className="actions">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <input type="hidden" name="token" value={token} />
      <button type="submit" className="primary" disabled={busy}>{button}</button>
      <Link to={cancelTo}>{cancelLabel}</Link>
    </Form>
  );
}
