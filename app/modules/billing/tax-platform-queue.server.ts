// The issued bills still waiting for their 数电发票号码, for the tax-platform screen: blue invoices
// to tick for the bulk-issue workbook, and red-letter credits, listed so that their numbers are
// not forgotten but issued through the platform's own red-letter confirmation.
import type { Scope } from "~/modules/auth/scope";
import type { Executor } from "~db/dialect";
import type { BillKind, InvoiceKind } from "~db/schema";
import { MAX_EXPORT_BILLS } from "./tax-platform/export.server";

export interface WaitingBill {
  id: string;
  number: string;
  kind: BillKind;
  invoiceKind: InvoiceKind;
  issueDate: string;
  buyerName: string;
  clientName: string;
  originalNumber: string | null;
  totalFen: number;
}

/**
 * The page shows as many as one export takes; `more` says the period holds others, `earlier`
 * how many issued before the period still wait (and since when), so none is forgotten.
 */
export async function billsWaitingForNumbers(
  db: Executor,
  scope: Scope,
  period: { from: string; to: string },
): Promise<{ bills: WaitingBill[]; more: boolean; earlier: { count: number; since: string | null } }> {
  const waiting = () => db.selectFrom("bills as b").where("b.center_id", "=", scope.centerId).where("b.status", "=", "issued").where("b.tax_invoice_number", "=", "");
  const before = await waiting()
    .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.min("b.issue_date").as("since")])
    .where("b.issue_date", "<", period.from)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("bills as b")
    .innerJoin("clients as c", "c.id", "b.client_id")
    .leftJoin("bills as o", "o.id", "b.original_bill_id")
    .select(["b.id", "b.number", "b.kind", "b.invoice_kind", "b.issue_date", "b.buyer_name", "c.name as client_name", "o.number as original_number", "b.total_fen"])
    .where("b.center_id", "=", scope.centerId)
    .where("b.status", "=", "issued")
    .where("b.tax_invoice_number", "=", "")
    .where("b.issue_date", ">=", period.from)
    .where("b.issue_date", "<=", period.to)
    .orderBy("b.issue_date")
    .orderBy("b.number")
    .limit(MAX_EXPORT_BILLS + 1)
    .execute();
  return {
    bills: rows.slice(0, MAX_EXPORT_BILLS).map((r) => ({
      id: r.id, number: r.number ?? "", kind: r.kind, invoiceKind: r.invoice_kind, issueDate: r.issue_date ?? "", buyerName: r.buyer_name,
      clientName: r.client_name, originalNumber: r.original_number ?? null, totalFen: Number(r.total_fen),
    })),
    more: rows.length > MAX_EXPORT_BILLS,
    earlier: { count: Number(before.count), since: (before.since as string | null) ?? null },
  };
}
