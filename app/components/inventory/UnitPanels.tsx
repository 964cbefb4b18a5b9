import type { ReactNode } from "react";
import { t } from "~/i18n";

/** A titled panel of label/value rows; empty values show a dash. */
export function DefinitionPanel({ title, rows }: { title: string; rows: [string, ReactNode][] }) {
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

export interface PermitRow {
  id: string;
  number: string;
  authority: string;
  start_date: string;
  end_date: string;
}

/** The setting permits of the unit's site, latest end first: a face may be sold only inside one. */
export function PermitList({ permits }: { permits: PermitRow[] }) {
  return (
    <div className="panel">
      <h2>{t("inventory.detail.permits")}</h2>
      {permits.length === 0 ? (
        <p className="muted">{t("inventory.detail.noPermits")}</p>
      ) : (
        <table className="grid">
          <tbody>
            {permits.map((p) => (
              <tr key={p.id}>
                <td className="mono">{p.number}</td>
                <td>{p.authority}</td>
                <td className="nowrap">{t("inventory.window", { from: p.start_date, to: p.end_date })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
