// Issued bills written straight into the tables, for tests of what happens after issuing (payments,
// receivables, statements). Amounts go through the same lineMoney/billTotals as issuing; numbers are
// test numbers (ZD2026-T1, ZD2026-T2 …), unique per center within a run.
import type { AppDb } from "../../db/connection";
import { newId } from "../../db/ids";
import type { Bill, BillLine, CreditReason } from "../../db/schema";
import { billTotals, lineMoney } from "../../app/modules/billing/tax";
import { addDays } from "../../app/modules/inventory/calendar-dates";

let counter = 0;

export interface DirectLine {
  amountFen: number;
  taxIncluded?: boolean;
  rateBp?: number;
}

export interface DirectBill {
  clientId: string;
  ownerId?: string | null;
  issueDate: string;
  /** Defaults to the issue date plus 30 days. */
  dueDate?: string;
  /** One tax-inclusive 6 % line of this amount, unless `lines` says otherwise. */
  totalFen?: number;
  lines?: DirectLine[];
  status?: "issued" | "draft";
}

export interface InsertedBill {
  id: string;
  number: string | null;
  total_fen: number;
  lines: BillLine[];
}

function lineRow(centerId: string, billId: string, seq: number, l: DirectLine, date: string, now: string, originalLineId: string | null = null): BillLine {
  const rate = l.rateBp ?? 600;
  const taxIncluded = l.taxIncluded ?? true;
  return {
    id: newId(), center_id: centerId, bill_id: billId, seq, source_kind: null, source_id: null, source_key: null, slice: "all", category_id: null,
    tax_code: "3040303000000000000", short_name: "广告服务", item_name: "广告发布费", description: "广告发布", quantity: 1, tax_included: taxIncluded ? 1 : 0,
    amount_fen: l.amountFen, rate_bp: rate, ...lineMoney(l.amountFen, taxIncluded, rate), bears_culture_fee: 1, service_from: date, service_to: date,
    original_line_id: originalLineId, created_at: now,
  };
}

function billRow(centerId: string, id: string, over: Partial<Bill> & Pick<Bill, "client_id" | "issue_date">, totals: { net_fen: number; tax_fen: number; total_fen: number }): Bill {
  const now = new Date().toISOString();
  const status = over.status ?? "issued";
  return {
    id, center_id: centerId, owner_id: null, kind: "invoice", status, number: status === "issued" ? `ZD${over.issue_date!.slice(0, 4)}-T${++counter}` : null,
    invoice_kind: "ordinary", period_from: over.issue_date, period_to: over.issue_date, due_date: addDays(over.issue_date!, 30), original_bill_id: null, credit_reason: "",
    buyer_name: "测试客户", buyer_tax_id: "", buyer_address_phone: "", buyer_bank_account: "", ...totals, tax_invoice_number: "", tax_invoice_date: null, notes: "",
    issued_by: null, issued_at: status === "issued" ? now : null, created_by: null, created_at: now, updated_at: now, ...over,
  };
}

/** An invoice (issued unless told), with its lines, as issuing would have left it. */
export async function insertBill(db: AppDb, centerId: string, input: DirectBill): Promise<InsertedBill> {
  const id = newId();
  const now = new Date().toISOString();
  const lines = (input.lines ?? [{ amountFen: input.totalFen ?? 100_000 }]).map((l, i) => lineRow(centerId, id, i + 1, l, input.issueDate, now));
  const bill = billRow(centerId, id, { client_id: input.clientId, owner_id: input.ownerId ?? null, issue_date: input.issueDate, status: input.status ?? "issued", ...(input.dueDate ? { due_date: input.dueDate } : {}) }, billTotals(lines));
  await db.insertInto("bills").values(bill).execute();
  await db.insertInto("bill_lines").values(lines).execute();
  return { id, number: bill.number, total_fen: bill.total_fen, lines };
}

/**
 * A red-letter credit against an issued invoice: `amountFen` (positive, as agreed on the first
 * line, i.e. tax-inclusive for the default lines) reversed from its first line, or every line when `full`.
 */
export async function insertCredit(
  db: AppDb,
  centerId: string,
  originalId: string,
  input: { issueDate: string; amountFen?: number; full?: boolean; reason?: CreditReason; status?: "issued" | "draft" },
): Promise<InsertedBill> {
  const original = await db.selectFrom("bills").selectAll().where("id", "=", originalId).executeTakeFirstOrThrow();
  const originalLines = await db.selectFrom("bill_lines").selectAll().where("bill_id", "=", originalId).orderBy("seq").execute();
  const id = newId();
  const now = new Date().toISOString();
  const reversed = input.full ? originalLines : [originalLines[0]];
  const lines = reversed.map((l, i) =>
    lineRow(centerId, id, i + 1, { amountFen: -(input.full ? Number(l.amount_fen) : input.amountFen!), taxIncluded: l.tax_included === 1, rateBp: l.rate_bp }, input.issueDate, now, l.id),
  );
  const bill = billRow(
    centerId, id,
    { client_id: original.client_id, owner_id: original.owner_id, kind: "credit", issue_date: input.issueDate, due_date: input.issueDate, original_bill_id: original.id, credit_reason: input.reason ?? "销售折让", status: input.status ?? "issued" },
    billTotals(lines),
  );
  await db.insertInto("bills").values(bill).execute();
  await db.insertInto("bill_lines").values(lines).execute();
  return { id, number: bill.number, total_fen: bill.total_fen, lines };
}
