import { t, tKey } from "~/i18n";
import { auditFieldLabel, auditValue } from "~/modules/audit/field-labels";
import { formatInstant } from "~/utils/time";

export interface AuditTableRow {
  id: string;
  at: string;
  user_name: string | null;
  entity: string;
  action: string;
  changes?: { field: string; from?: unknown; to?: unknown }[];
}

export function AuditTable({ rows }: { rows: AuditTableRow[] }) {
  if (rows.length === 0) return <p className="muted">{t("common.empty")}</p>;
  const withChanges = rows.some((r) => r.changes);
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("audit.at")}</th>
          <th>{t("audit.user")}</th>
          <th>{t("audit.entity")}</th>
          <th>{t("audit.action")}</th>
          {withChanges ? <th>{t("audit.changes")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="nowrap">{formatInstant(row.at)}</td>
            <td>{row.user_name ?? t("audit.system")}</td>
            <td>{tKey("audit.entity", row.entity)}</td>
            <td>{tKey("audit.action", row.action)}</td>
            {withChanges ? (
              <td className="changes">
                {(row.changes ?? []).slice(0, 6).map((c) => (
                  <div key={c.field}>
                    <span className="muted">{auditFieldLabel(row.entity, c.field)}</span>：{auditValue(c.field, c.from, row.entity)} → {auditValue(c.field, c.to, row.entity)}
                  </div>
                ))}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
