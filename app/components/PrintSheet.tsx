// The parts of an A4 document sheet laid out by booking/print.css: the order confirmation and the
// bill's 开票申请单 are both made of them. A route that prints links that stylesheet itself.
import { Link } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";

/** Back link, a hint and the print button: on screen only, the print stylesheet drops them. */
export function PrintToolbar({ back, backLabel, hint, printLabel }: { back: string; backLabel: string; hint?: string; printLabel: string }) {
  return (
    <div className="no-print print-toolbar">
      <Link to={back}>{backLabel}</Link>
      <span className="muted small">{hint}</span>
      <button type="button" className="primary" onClick={() => window.print()}>
        {printLabel}
      </button>
    </div>
  );
}

/** The sheet itself; a watermark (作废, 草稿) lies across the whole page behind the text. */
export function DocSheet({ className, label, watermark, children }: { className: string; label: string; watermark?: string | null; children: ReactNode }) {
  return (
    <article className={className} aria-label={label}>
      {watermark ? (
        <div className="doc-watermark" aria-hidden="true">
          {watermark}
        </div>
      ) : null}
      {children}
    </article>
  );
}

/** Title, then the document's facts (number, dates, status) on one wrapping line. */
export function DocHead({ title, children }: { title: string; children: ReactNode }) {
  return (
    <header className="doc-head">
      <h1>{title}</h1>
      <div className="doc-meta">{children}</div>
    </header>
  );
}

/** One side of the document (buyer, seller, 甲方, 乙方): label and value rows, a blank kept as a line. */
export function Party({ title, rows }: { title: ReactNode; rows: [string, string][] }) {
  return (
    <div className="doc-party">
      <h3>{title}</h3>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value || "\u00a0"}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function DocSection({ title, unitNote }: { title: string; unitNote?: string }) {
  return (
    <h2 className="doc-section">
      {title}
      {unitNote ? <span className="doc-unit-note">{unitNote}</span> : null}
    </h2>
  );
}

/** The totals under the lines: labelled amounts side by side, the last one (the sum due) in bold, then 大写. */
export function DocTotals({ amounts, inWordsLabel, inWords }: { amounts: [string, string][]; inWordsLabel: string; inWords: string }) {
  return (
    <table className="doc-totals">
      <tbody>
        <tr>
          {amounts.map(([label, value], i) => (
            <Fragment key={label}>
              <th>{label}</th>
              <td className="num">{i === amounts.length - 1 ? <strong>{value}</strong> : value}</td>
            </Fragment>
          ))}
        </tr>
        <tr>
          <th>{inWordsLabel}</th>
          <td colSpan={amounts.length * 2 - 1} className="doc-words">
            {inWords}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function DocFoot({ reference, printedAt }: { reference: ReactNode; printedAt: string }) {
  return (
    <footer className="doc-foot">
      <span>{reference}</span>
      <span>{printedAt}</span>
    </footer>
  );
}
