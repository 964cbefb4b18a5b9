// The columns a payment's bills begin with, on the payment form (the open invoices it may pay)
// and on the payment page (the bills it paid): which bill, when issued and due, and its total.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { t } from "~/i18n";
import { formatFen } from "~/utils/money";

export function BillHeads() {
  return (
    <>
      <th>{t("pay.col.bill")}</th>
      <th>{t("pay.col.issueDate")}</th>
      <th>{t("pay.col.dueDate")}</th>
      <th className="num">{t("pay.col.billTotal")}</th>
    </>
  );
}

/** `dueNote` follows the due date in its cell (how many days overdue). */
export function BillCells({ billId, number, issueDate, dueDate, totalFen, dueNote }: { billId: string; number: string | null; issueDate: string | null; dueDate: string | null; totalFen: number; dueNote?: ReactNode }) {
  return (
    <>
      <td className="mono nowrap"><Link to={`/finance/bills/${billId}`}>{number}</Link></td>
      <td className="nowrap">{issueDate}</td>
      <td className="nowrap">
        {dueDate}
        {dueNote}
      </td>
      <td className="num">{formatFen(totalFen)}</td>
    </>
  );
}
