import type { ReactNode } from "react";

/** A titled panel of label/value rows; empty values show a dash. */
export function DefinitionPanel({ title, rows }: { title: ReactNode; rows: [string, ReactNode][] }) {
  return (
    <div className="panel">
      <h2>{title}</h2>
      <dl className="deflist">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v === "" || v === null || v === undefined ? <span className="muted">—</span> : v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
