import { t, tKey } from "~/i18n";
import { formatInstant } from "~/utils/time";

export interface EventHistoryRow {
  id: string;
  at: string;
  user_name: string | null;
  entity: string;
  actionLabel: string;
  changes: { field: string; label: string; from: string; to: string }[];
}

/** The event's and its sponsors' trail, already in words (see modules/events/history.server.ts). */
export function EventHistory({ rows }: { rows: EventHistoryRow[] }) {
  if (rows.length === 0) return <p className="muted">{t("common.empty")}</p>;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("audit.at")}</th>
          <th>{t("audit.user")}</th>
          <th>{t("audit.entity")}</th>
          <th>{t("audit.action")}</th>
          <th>{t("audit.changes")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="nowrap">{formatInstant(row.at)}</td>
            <td>{row.user_name ?? t("audit.system")}</td>
            <td className="nowrap">{tKey("audit.entity", row.entity)}</td>
            <td className="nowrap">{row.actionLabel}</td>
            <td className="changes">
              {row.changes.slice(0, 10).map((c) => (
                <div key={c.field}>
                  <span className="muted">{c.label}</span>：{c.from} → {c.to}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
