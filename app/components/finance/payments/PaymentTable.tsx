import { Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import type { PaymentListRow } from "~/modules/billing/payment-views.server";
import { formatFen } from "~/utils/money";

export function PaymentTable({ rows }: { rows: PaymentListRow[] }) {
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("pay.field.receivedOn")}</th>
          <th>{t("pay.field.client")}</th>
          <th>{t("pay.field.method")}</th>
          <th>{t("pay.field.payer")}</th>
          <th>{t("pay.field.reference")}</th>
          <th className="num">{t("pay.field.amount")}</th>
          <th className="num">{t("pay.col.allocated")}</th>
          <th className="num">{t("pay.col.unallocated")}</th>
          <th>{t("pay.col.state")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.id} className={p.reversed_on ? "row-muted" : undefined}>
            <td className="nowrap"><Link to={`/finance/payments/${p.id}`}>{p.received_on}</Link></td>
            <td><Link to={`/finance/payments/${p.id}`}>{p.client_name}</Link></td>
            <td className="nowrap">{tKey("finance.method", p.method)}</td>
            <td>{p.payer}</td>
            <td className="mono">{p.reference}</td>
            <td className={p.reversed_on ? "num struck" : "num"}>{formatFen(p.amount_fen)}</td>
            <td className={p.reversed_on ? "num struck" : "num"}>{formatFen(p.allocated_fen)}</td>
            <td className="num">{p.unallocated_fen ? <strong>{formatFen(p.unallocated_fen)}</strong> : <span className="muted">{formatFen(0)}</span>}</td>
            <td className="nowrap">
              {p.reversed_on ? (
                <span className="tag pay-reversed">{t("pay.state.reversed", { date: p.reversed_on })}</span>
              ) : p.unallocated_fen > 0 ? (
                <span className="tag pay-credit">{t("pay.state.credit")}</span>
              ) : (
                <span className="tag pay-done">{t("pay.state.allocated")}</span>
              )}
            </td>
          </tr>
        ))}
        {rows.length === 0 ? (
          <tr><td colSpan={9} className="muted">{t("common.empty")}</td></tr>
        ) : null}
      </tbody>
    </table>
  );
}
