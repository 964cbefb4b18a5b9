import { Link } from "@remix-run/react";
import { t } from "~/i18n";
import type { PaymentAllocationRow } from "~/modules/billing/payment-views.server";
import { formatFen } from "~/utils/money";

/** The bills a payment paid, with what each is still owed now. */
export function AllocationsTable({ rows, reversed }: { rows: PaymentAllocationRow[]; reversed: boolean }) {
  if (rows.length === 0) return <p className="muted">{t("pay.detail.noAllocations")}</p>;
  const sum = rows.reduce((s, r) => s + r.amount_fen, 0);
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("pay.col.bill")}</th>
          <th>{t("pay.col.issueDate")}</th>
          <th>{t("pay.col.dueDate")}</th>
          <th className="num">{t("pay.col.billTotal")}</th>
          <th>{t("pay.col.allocatedOn")}</th>
          <th className="num">{t("pay.col.allocatedAmount")}</th>
          <th className="num">{t("pay.col.openNow")}</th>
          <th>{t("pay.col.status")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={reversed ? "row-muted" : undefined}>
            <td className="mono nowrap"><Link to={`/finance/bills/${r.bill_id}`}>{r.number}</Link></td>
            <td className="nowrap">{r.issue_date}</td>
            <td className="nowrap">{r.due_date}</td>
            <td className="num">{formatFen(r.bill_total_fen)}</td>
            <td className="nowrap">{r.allocated_on}</td>
            <td className={reversed ? "num struck" : "num"}>{formatFen(r.amount_fen)}</td>
            <td className="num">{formatFen(r.open_fen)}</td>
            <td className="nowrap">{r.status}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="totals-row">
          <td colSpan={5}>{t("pay.detail.allocatedSum", { n: rows.length })}</td>
          <td className="num">{formatFen(sum)}</td>
          <td colSpan={2} />
        </tr>
      </tfoot>
    </table>
  );
}
