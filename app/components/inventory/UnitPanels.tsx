import { t } from "~/i18n";


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
