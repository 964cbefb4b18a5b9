import { Link } from "@remix-run/react";
import { t } from "~/i18n";
import type { OpenBill } from "~/modules/billing/receivables.server";
import { formatFen } from "~/utils/money";

/** Invoices past their due date with money still open, most overdue first. */
export function OverdueTable({ rows }: { rows: OpenBill[] }) {
  if (rows.length === 0) return <p className="muted">{t("aging.overdue.none")}</p>;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("pay.col.bill")}</th>
          <th>{t("aging.col.client")}</th>
          <th>{t("pay.col.issueDate")}</th>
          <th>{t("pay.col.dueDate")}</th>
          <th className="num">{t("aging.col.daysOverdue")}</th>
          <th className="num">{t("pay.col.billTotal")}</th>
          <th className="num">{t("pay.col.open")}</th>
          <th>{t("pay.col.status")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={b.id}>
            <td className="mono nowrap"><Link to={`/finance/bills/${b.id}`}>{b.number}</Link></td>
            <td><Link to={`/clients/${b.client_id}`}>{b.client_name}</Link></td>
            <td className="nowrap">{b.issue_date}</td>
            <td className="nowrap">{b.due_date}</td>
            <td className={b.days_overdue > 90 ? "num late" : "num"}>{t("aging.days", { n: b.days_overdue })}</td>
            <td className="num">{formatFen(b.total_fen)}</td>
            <td className="num"><strong>{formatFen(b.open_fen)}</strong></td>
            <td className="nowrap">{b.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
