// Issued bills, credits and payments written straight into their tables for the ledger and
// culture-fee tests, with amounts made the way billing stores them (lineMoney per line, bill
// totals as the sums of the lines).
import type { AppDb } from "../../db/connection";
import { newId } from "../../db/ids";
import type { BillKind, InvoiceKind, PaymentMethod } from "../../db/schema";
import { billTotals, lineMoney } from "../../app/modules/billing/tax";

export interface TestLine {
  amountFen: number;
  rateBp?: number;
  taxIncluded?: boolean;
  /** Advertising income: bears the culture fee. */
  ad?: boolean;
  description?: string;
}

export interface TestBill {
  centerId: string;
  clientId: string;
  number: string | null;
  issueDate: string | null;
  kind?: BillKind;
  status?: "draft" | "issued";
  invoiceKind?: InvoiceKind;
  originalBillId?: string | null;
  buyerTaxId?: string;
  taxInvoiceNumber?: string;
  lines: TestLine[];
}

export async function insertBill(db: AppDb, bill: TestBill): Promise<{ id: string; totals: { net_fen: number; tax_fen: number; total_fen: number } }> {
  const id = newId();
  const now = new Date().toISOString();
  const money = bill.lines.map((l) => lineMoney(l.amountFen, l.taxIncluded ?? true, l.rateBp ?? 600));
  const totals = billTotals(money);
  const kind = bill.kind ?? "invoice";
  await db
    .insertInto("bills")
    .values({
      id, center_id: bill.centerId, client_id: bill.clientId, owner_id: null, kind, status: bill.status ?? "issued", number: bill.number,
      invoice_kind: bill.invoiceKind ?? "ordinary", period_from: null, period_to: null, issue_date: bill.issueDate, due_date: null,
      original_bill_id: bill.originalBillId ?? null, credit_reason: kind === "credit" ? "销售折让" : "", buyer_name: "购买方",
      buyer_tax_id: bill.buyerTaxId ?? "", buyer_address_phone: "", buyer_bank_account: "", ...totals,
      tax_invoice_number: bill.taxInvoiceNumber ?? "", tax_invoice_date: null, notes: "", issued_by: null, issued_at: bill.issueDate ? `${bill.issueDate}T02:00:00.000Z` : null,
      created_by: null, created_at: now, updated_at: now,
    })
    .execute();
  await db
    .insertInto("bill_lines")
    .values(
      bill.lines.map((l, i) => ({
        id: newId(), center_id: bill.centerId, bill_id: id, seq: i + 1, source_kind: null, source_id: null, source_key: null, slice: "all", category_id: null,
        tax_code: l.ad === false ? "3040201000000000000" : "3040303000000000000", short_name: l.ad === false ? "信息技术服务" : "广告服务",
        item_name: l.ad === false ? "软件开发服务" : "广告发布费", description: l.description ?? "", quantity: 1, tax_included: (l.taxIncluded ?? true) ? 1 : 0,
        amount_fen: l.amountFen, rate_bp: l.rateBp ?? 600, ...money[i], bears_culture_fee: l.ad === false ? 0 : 1, service_from: null, service_to: null,
        original_line_id: null, created_at: now,
      })),
    )
    .execute();
  return { id, totals };
}

export interface TestPayment {
  centerId: string;
  clientId: string;
  receivedOn: string;
  amountFen: number;
  method?: PaymentMethod;
  payer?: string;
  reference?: string;
  reversedOn?: string | null;
  reversalReason?: string;
  allocations?: { billId: string; amountFen: number; allocatedOn?: string }[];
}

export async function insertPayment(db: AppDb, p: TestPayment): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto("payments")
    .values({
      id, center_id: p.centerId, client_id: p.clientId, received_on: p.receivedOn, amount_fen: p.amountFen, method: p.method ?? "transfer", payer: p.payer ?? "付款单位",
      reference: p.reference ?? "", notes: "", reversed_on: p.reversedOn ?? null, reversal_reason: p.reversalReason ?? "", idempotency_key: null, created_by: null,
      created_at: now, updated_at: now,
    })
    .execute();
  for (const a of p.allocations ?? []) {
    await db
      .insertInto("payment_allocations")
      .values({ id: newId(), center_id: p.centerId, payment_id: id, bill_id: a.billId, amount_fen: a.amountFen, allocated_on: a.allocatedOn ?? p.receivedOn, created_by: null, created_at: now })
      .execute();
  }
  return id;
}

/** Sets the center's taxpayer status (the center form is not under test here). */
export async function setTaxpayerStatus(db: AppDb, centerId: string, status: "general" | "small"): Promise<void> {
  await db.updateTable("centers").set({ taxpayer_status: status }).where("id", "=", centerId).execute();
}
