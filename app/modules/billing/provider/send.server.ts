// Issuing an issued bill's tax invoice through the configured e-invoice provider, instead of the
// tax platform's files: the bill as issued (its copied buyer details and lines) becomes the
// provider's request, and the 数电发票号码 it answers is recorded as a typed one would be. The
// network call runs outside any transaction; the bill number is the idempotency key, so pressing
// the button again after a timeout cannot give the bill two invoices.
import type { AppDb } from "~db/connection";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import type { FieldErrors } from "~/utils/form";
import { todayInShanghai } from "~/utils/time";
import { billingRefusal, refuseUnlessFinance } from "../access";
import { CREDIT_REASONS } from "../credits.server";
import { printedItemName } from "../tax";
import { recordTaxInvoice } from "../tax-platform/import.server";
import { type CreditReason, type EInvoiceLine, type EInvoiceProvider, failureMessage, type IssuedInvoice, type ProviderResult } from "./provider";

export type ProviderSendResult = { ok: true; id: string; invoiceNumber: string; issuedOn: string } | { ok: false; status: 400 | 403 | 404 | 409 | 502; errors: FieldErrors };

async function billToSend(db: Executor, scope: Scope, billId: string) {
  return db
    .selectFrom("bills as b")
    .innerJoin("clients as c", "c.id", "b.client_id")
    .select([
      "b.id", "b.kind", "b.status", "b.number", "b.invoice_kind", "b.notes", "b.credit_reason", "b.original_bill_id", "b.tax_invoice_number",
      "b.buyer_name", "b.buyer_tax_id", "b.buyer_address_phone", "b.buyer_bank_account", "b.net_fen", "b.tax_fen", "b.total_fen", "c.kind as client_kind",
    ])
    .where("b.center_id", "=", scope.centerId)
    .where("b.id", "=", billId)
    .executeTakeFirst();
}

/** MONEY: each line is sent with VAT included (its total) and its tax, exactly as the bill holds them. */
async function linesToSend(db: Executor, billId: string): Promise<EInvoiceLine[]> {
  const lines = await db.selectFrom("bill_lines").select(["short_name", "item_name", "tax_code", "quantity", "total_fen", "rate_bp", "tax_fen"]).where("bill_id", "=", billId).orderBy("seq").execute();
  return lines.map((l) => ({
    itemName: printedItemName(l.short_name, l.item_name),
    taxCode: l.tax_code,
    quantity: Number(l.quantity),
    amountFen: Number(l.total_fen),
    rateBp: Number(l.rate_bp),
    taxFen: Number(l.tax_fen),
  }));
}

export async function sendToProvider(db: AppDb, scope: Scope, billId: string, provider: EInvoiceProvider | null, today = todayInShanghai()): Promise<ProviderSendResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  if (!provider) return billingRefusal(409, { form: "未配置电子发票服务商，请导出税务平台批量开票文件" });
  const bill = await billToSend(db, scope, billId);
  if (!bill) return billingRefusal(404, { form: "账单不存在" });
  if (bill.status !== "issued" || !bill.number) return billingRefusal(409, { form: "账单尚未开具，不能开具数电发票" });
  if (bill.tax_invoice_number) return billingRefusal(409, { form: `本账单已登记数电发票号码 ${bill.tax_invoice_number}` });
  const lines = await linesToSend(db, bill.id);
  const money = { netFen: Number(bill.net_fen), taxFen: Number(bill.tax_fen), totalFen: Number(bill.total_fen) };
  let answer: ProviderResult<IssuedInvoice>;
  if (bill.kind === "credit") {
    const original = bill.original_bill_id
      ? await db.selectFrom("bills").select(["tax_invoice_number", "tax_invoice_date"]).where("center_id", "=", scope.centerId).where("id", "=", bill.original_bill_id).executeTakeFirst()
      : undefined;
    if (!original?.tax_invoice_number || !original.tax_invoice_date) return billingRefusal(409, { form: "原账单尚未登记数电发票号码，不能开具红字发票" });
    const reason = CREDIT_REASONS.find((r) => r === bill.credit_reason) as CreditReason | undefined;
    if (!reason) return billingRefusal(409, { form: "红字账单缺少红冲原因" });
    answer = await provider.redLetter({ serial: bill.number, originalInvoiceNumber: original.tax_invoice_number, originalInvoiceDate: original.tax_invoice_date, reason, lines, ...money });
  } else {
    const buyer = { name: bill.buyer_name, taxId: bill.buyer_tax_id, addressPhone: bill.buyer_address_phone, bankAccount: bill.buyer_bank_account, naturalPerson: bill.client_kind === "individual" };
    answer = await provider.issue({ serial: bill.number, invoiceKind: bill.invoice_kind, taxIncluded: true, buyer, lines, remark: bill.notes, ...money });
  }
  if (!answer.ok) return { ok: false, status: answer.failure === "rejected" ? 409 : 502, errors: { form: failureMessage(answer) } };
  const recorded = await recordTaxInvoice(db, scope, bill.id, { number: answer.value.invoiceNumber, date: answer.value.issuedOn, source: "provider" }, today);
  if (!recorded.ok) return { ok: false, status: 502, errors: { form: `服务商已开具发票 ${answer.value.invoiceNumber}，但登记失败：${Object.values(recorded.errors).join("；")}` } };
  return { ok: true, id: bill.id, invoiceNumber: answer.value.invoiceNumber, issuedOn: answer.value.issuedOn };
}
