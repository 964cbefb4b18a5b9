import { Link } from "@remix-run/react";
import { t } from "~/i18n";
import type { DashboardData } from "~/modules/analytics/dashboard.server";
import { formatFen } from "~/utils/money";
import { formatInstant } from "~/utils/time";
import { pct } from "./format";

const Empty = ({ cols }: { cols: number }) => (
  <tr>
    <td colSpan={cols} className="muted">{t("common.empty")}</td>
  </tr>
);

export function TopClientsPanel({ rows }: { rows: DashboardData["topClients"] }) {
  return (
    <div className="panel dash-clients">
      <h2>{t("dash.clients.title")}</h2>
      <table className="grid dash-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t("dash.clients.client")}</th>
            <th className="num">{t("dash.clients.amount")}</th>
            <th className="num">{t("dash.clients.share")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => (
            <tr key={c.id}>
              <td className="muted">{i + 1}</td>
              <td><Link to={`/clients/${c.id}`}>{c.name}</Link></td>
              <td className="num">{formatFen(c.amount_fen)}</td>
              <td className="num">{pct(c.share_bp)}</td>
            </tr>
          ))}
          {rows.length === 0 ? <Empty cols={4} /> : null}
        </tbody>
      </table>
    </div>
  );
}

export function OverduePanel({ data: d }: { data: DashboardData["overdue"] }) {
  return (
    <div className="panel dash-overdue">
      <div className="page-head">
        <h2>{t("dash.overdue.title")}</h2>
        <Link to="/finance/aging">{t("dash.overdue.link")}</Link>
      </div>
      <p className={d.count > 0 ? "danger-text" : "muted"}>
        {t("dash.overdue.summary", { count: d.count, clients: d.clientCount, amount: formatFen(d.open_fen), date: d.dueBefore })}
      </p>
      <table className="grid dash-table">
        <thead>
          <tr>
            <th>{t("dash.overdue.client")}</th>
            <th className="num">{t("dash.overdue.bills")}</th>
            <th>{t("dash.overdue.oldest")}</th>
            <th className="num">{t("dash.overdue.open")}</th>
          </tr>
        </thead>
        <tbody>
          {d.clients.map((c) => (
            <tr key={c.id}>
              <td><Link to={`/finance/statements?client=${c.id}`}>{c.name}</Link></td>
              <td className="num">{c.bills}</td>
              <td className="nowrap">{c.oldest_due}</td>
              <td className="num">{formatFen(c.open_fen)}</td>
            </tr>
          ))}
          {d.clients.length === 0 ? <Empty cols={4} /> : null}
        </tbody>
      </table>
    </div>
  );
}

export function HoldsPanel({ data: d }: { data: DashboardData["holds"] }) {
  return (
    <div className="panel dash-holds">
      <h2>{t("dash.holds.title")}</h2>
      <table className="grid dash-table">
        <thead>
          <tr>
            <th>{t("dash.holds.order")}</th>
            <th>{t("dash.holds.client")}</th>
            <th>{t("dash.holds.owner")}</th>
            <th>{t("dash.holds.expires")}</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((o) => (
            <tr key={o.id}>
              <td>
                <Link className="mono" to={`/orders/${o.id}`}>{o.number}</Link>
                <div className="small muted">{o.title}</div>
              </td>
              <td>{o.client_name}</td>
              <td className="nowrap">{o.owner_name}</td>
              <td className="nowrap">{formatInstant(o.hold_expires_at)}</td>
            </tr>
          ))}
          {d.rows.length === 0 ? <Empty cols={4} /> : null}
        </tbody>
      </table>
      {d.total > d.rows.length ? <p className="muted small">{t("dash.holds.more", { n: d.total, shown: d.rows.length })}</p> : null}
    </div>
  );
}
