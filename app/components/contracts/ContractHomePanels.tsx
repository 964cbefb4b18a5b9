// 首页 panels about contracts: ending soon (to renew), late milestones, waiting for approval.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { t } from "~/i18n";
import { formatFen } from "~/utils/money";

interface Data {
  own: boolean;
  ending: { rows: { id: string; number: string; title: string; end_date: string; amount_fen: number; client_name: string; owner_name: string | null }[]; total: number };
  late: { rows: { id: string; number: string; title: string; name: string; planned_date: string; amount_fen: number; client_name: string }[]; total: number };
  pending: { id: string; number: string; title: string; amount_fen: number; client_name: string; owner_name: string | null }[] | null;
}

function Panel({ title, more, children }: { title: string; more?: ReactNode; children: ReactNode }) {
  return (
    <div className="panel">
      <h2>{title} {more}</h2>
      {children}
    </div>
  );
}

export function ContractHomePanels({ data }: { data: Data }) {
  const mine = data.own ? "&mine=1" : "";
  return (
    <>
      {data.pending ? (
        <Panel title={t("home.pendingApprovals")}>
          <table className="grid">
            <tbody>
              {data.pending.map((c) => (
                <tr key={c.id}>
                  <td className="mono"><Link to={`/contracts/${c.id}`}>{c.number}</Link></td>
                  <td>{c.title}</td>
                  <td>{c.client_name}</td>
                  <td>{c.owner_name}</td>
                  <td className="num">{formatFen(c.amount_fen)}</td>
                </tr>
              ))}
              {data.pending.length === 0 ? <tr><td className="muted">{t("common.empty")}</td></tr> : null}
            </tbody>
          </table>
        </Panel>
      ) : null}
      <Panel title={t("home.endingContracts")} more={data.ending.total > data.ending.rows.length ? <Link className="small" to={`/contracts?ending=1${mine}`}>{t("home.endingContractsMore", { n: data.ending.total })}</Link> : null}>
        <table className="grid">
          <tbody>
            {data.ending.rows.map((c) => (
              <tr key={c.id}>
                <td className="mono"><Link to={`/contracts/${c.id}`}>{c.number}</Link></td>
                <td>{c.title}</td>
                <td>{c.client_name}</td>
                {data.own ? null : <td>{c.owner_name}</td>}
                <td className="nowrap">{c.end_date}</td>
                <td className="num">{formatFen(c.amount_fen)}</td>
              </tr>
            ))}
            {data.ending.rows.length === 0 ? <tr><td className="muted">{t("common.empty")}</td></tr> : null}
          </tbody>
        </table>
      </Panel>
      <Panel title={t("home.lateMilestones")} more={data.late.total > data.late.rows.length ? <span className="muted small">{t("home.lateMilestonesMore", { n: data.late.total })}</span> : null}>
        <table className="grid">
          <tbody>
            {data.late.rows.map((m) => (
              <tr key={`${m.id}-${m.name}`}>
                <td className="mono"><Link to={`/contracts/${m.id}`}>{m.number}</Link></td>
                <td>{m.title}</td>
                <td>{m.name}</td>
                <td className="nowrap danger-text">{m.planned_date}</td>
                <td className="num">{formatFen(m.amount_fen)}</td>
              </tr>
            ))}
            {data.late.rows.length === 0 ? <tr><td className="muted">{t("common.empty")}</td></tr> : null}
          </tbody>
        </table>
      </Panel>
    </>
  );
}
