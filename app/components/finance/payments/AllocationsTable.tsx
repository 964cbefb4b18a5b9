import { t } from "~/i18n";
import type { PaymentAllocationRow } from "~/modules/billing/payment-views.server";
import { formatFen } from "~/utils/money";
import { BillCells, BillHeads } from "./BillColumns";

/** The bills a payment paid, with what each is still owed now. */
export function AllocationsTable({ rows, reversed }: { rows: PaymentAllocationRow[]; reversed: boolean }) {
  if (rows.length === 0) return <p className="muted">{t("pay.detail.noAllocations")}</p>;
  const sum = rows.reduce((s, r) => s + r.amount_fen, 0);
  return (
    <table className="grid">
      <thead>
        <tr>
          <BillHeads />
          <th>{t("pay.col.allocatedOn")}</th>
          <th className="num">{t("pay.col.allocatedAmount")}</th>
          <th className="num">{t("pay.col.openNow")}</th>
          <th>{t("pay.col.status")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={reversed ? "row-muted" : undefined}>
            <BillCells billId={r.bill_id} number={r.number} issueDate={r.issue_date} dueDate={r.due_date} totalFen={r.bill_total_fen} />
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
