// Draft bills and their issue. Finance edits a draft (invoice kind, notes, lines by hand), sees
// every problem that would stop the invoice before issuing, and issues: the bill gets the next
// gapless ZD number of its issue year, the buyer's details as they stand that day, a due date and
// totals that are the sums of its lines. From then on it never changes; corrections are credits.
import type { AppDb } from "~db/connection";
import { type Executor, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { Bill, BillLine, Client, InvoiceKind } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { nextNumber } from "~/modules/booking/numbers.server";
import { addDays } from "~/modules/inventory/calendar-dates";
import { isCalendarDate, nowIso, todayInShanghai } from "~/utils/time";
import { type BillingResult, billingRefusal, refuseUnlessFinance, readsAllBilling } from "./access";
import { loadPricing, MISSING_RATE, priceLine } from "./generate.server";
import { plansFor } from "./plans.server";
import { billTotals } from "./tax";
import { closedDateRefusal } from "~/modules/revenue/closing.server";

export const INVOICE_KIND_LABEL: Record<InvoiceKind, string> = { special: "增值税专用发票（专票）", ordinary: "普通发票（普票）" };
const NOT_FOUND = "账单不存在";
const ISSUED = "账单已开具，不能再修改；如需更正，请开具红字发票";

type Refusal = ReturnType<typeof billingRefusal>;

/** CONCURRENCY: the bill row, locked for the rest of the transaction; only drafts of invoices may change. */
async function lockDraft(trx: Executor, scope: Scope, billId: string): Promise<{ bill: Bill } | { refused: Refusal }> {
  const bill = await lockRows(trx, trx.selectFrom("bills").selectAll().where("center_id", "=", scope.centerId).where("id", "=", billId)).executeTakeFirst();
  if (!bill) return { refused: billingRefusal(404, { form: NOT_FOUND }) };
  if (bill.status !== "draft" || bill.kind !== "invoice") return { refused: billingRefusal(409, { form: ISSUED }) };
  return { bill };
}

function linesOf(db: Executor, billId: string) {
  return db.selectFrom("bill_lines").selectAll().where("bill_id", "=", billId).orderBy("seq").orderBy("id").execute();
}

/** MONEY: a draft's stored amounts are always the sums of its lines. */
async function refreshTotals(trx: Executor, billId: string, now: string) {
  const lines = await linesOf(trx, billId);
  const totals = billTotals(lines.map((l) => ({ net_fen: Number(l.net_fen), tax_fen: Number(l.tax_fen), total_fen: Number(l.total_fen) })));
  await trx.updateTable("bills").set({ ...totals, updated_at: now }).where("id", "=", billId).execute();
  return totals;
}

/** A draft typed by hand for one client (lines are added with addManualLine). */
export async function createDraftBill(db: AppDb, scope: Scope, input: { clientId: string; ownerId?: string | null; invoiceKind?: InvoiceKind; notes?: string }): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  return writeTransaction(db, async (trx) => {
    const client = await trx.selectFrom("clients").select(["id", "owner_id"]).where("center_id", "=", scope.centerId).where("id", "=", input.clientId).executeTakeFirst();
    if (!client) return billingRefusal(400, { client_id: "请选择本中心的客户" });
    const ownerId = input.ownerId === undefined ? client.owner_id : input.ownerId;
    if (ownerId) {
      const owner = await trx.selectFrom("users").select("id").where("center_id", "=", scope.centerId).where("id", "=", ownerId).executeTakeFirst();
      if (!owner) return billingRefusal(400, { owner_id: "请选择本中心的业务员" });
    }
    const now = nowIso();
    const bill: Bill = {
      id: newId(), center_id: scope.centerId, client_id: client.id, owner_id: ownerId ?? null, kind: "invoice", status: "draft", number: null,
      invoice_kind: input.invoiceKind ?? "ordinary", period_from: null, period_to: null, issue_date: null, due_date: null, original_bill_id: null,
      credit_reason: "", buyer_name: "", buyer_tax_id: "", buyer_address_phone: "", buyer_bank_account: "", net_fen: 0, tax_fen: 0, total_fen: 0,
      tax_invoice_number: "", tax_invoice_date: null, notes: (input.notes ?? "").trim().slice(0, 200), issued_by: null, issued_at: null,
      created_by: scope.userId, created_at: now, updated_at: now,
    };
    await trx.insertInto("bills").values(bill).execute();
    await recordAudit(trx, scope, { entity: "bill", entityId: bill.id, action: "create", after: { client_id: bill.client_id, owner_id: bill.owner_id, invoice_kind: bill.invoice_kind } });
    return { ok: true, id: bill.id };
  });
}

/** Invoice kind and notes of a draft. */
export async function updateDraft(db: AppDb, scope: Scope, billId: string, input: { invoiceKind?: string; notes?: string }): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  if (input.invoiceKind !== undefined && input.invoiceKind !== "special" && input.invoiceKind !== "ordinary") return billingRefusal(400, { invoice_kind: "请选择专票或普票" });
  if (input.notes !== undefined && input.notes.trim().length > 200) return billingRefusal(400, { notes: "备注不能超过 200 字" });
  return writeTransaction(db, async (trx) => {
    const locked = await lockDraft(trx, scope, billId);
    if ("refused" in locked) return locked.refused;
    const { bill } = locked;
    const patch: Partial<Pick<Bill, "invoice_kind" | "notes">> = {};
    if (input.invoiceKind !== undefined) patch.invoice_kind = input.invoiceKind as InvoiceKind;
    if (input.notes !== undefined) patch.notes = input.notes.trim();
    await trx.updateTable("bills").set({ ...patch, updated_at: nowIso() }).where("id", "=", billId).execute();
    await recordAudit(trx, scope, { entity: "bill", entityId: billId, action: "update", before: { invoice_kind: bill.invoice_kind, notes: bill.notes }, after: patch });
    return { ok: true, id: billId };
  });
}

/** Takes a line off a draft (a generated line comes back on the next run while its item is still due and unbilled). */
export async function removeDraftLine(db: AppDb, scope: Scope, billId: string, lineId: string): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  return writeTransaction(db, async (trx) => {
    const locked = await lockDraft(trx, scope, billId);
    if ("refused" in locked) return locked.refused;
    const line = await trx.selectFrom("bill_lines").selectAll().where("bill_id", "=", billId).where("id", "=", lineId).executeTakeFirst();
    if (!line) return billingRefusal(404, { form: "明细行不存在" });
    await trx.deleteFrom("bill_lines").where("id", "=", lineId).execute();
    const totals = await refreshTotals(trx, billId, nowIso());
    await recordAudit(trx, scope, { entity: "bill", entityId: billId, action: "remove_line", before: { description: line.description, amount_fen: Number(line.amount_fen) }, after: totals });
    return { ok: true, id: billId };
  });
}

export interface ManualLineInput {
  categoryId: string;
  taxCode: string;
  description: string;
  /** As agreed: with VAT when taxIncluded, else without. */
  amountFen: number;
  taxIncluded: boolean;
  /** The day of the service, for the VAT rate; today when left out. */
  serviceDate?: string | null;
}

/** A line typed by hand on a draft: its rate from the category and the day, like a generated one. */
export async function addManualLine(db: AppDb, scope: Scope, billId: string, input: ManualLineInput, today = todayInShanghai()): Promise<BillingResult<{ id: string; lineId: string }>> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const errors: Record<string, string> = {};
  const description = input.description.trim();
  if (!description) errors.description = "请填写项目说明";
  else if (description.length > 200) errors.description = "项目说明不能超过 200 字";
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) errors.amount = "金额应大于零";
  if (input.serviceDate && !isCalendarDate(input.serviceDate)) errors.service_date = "服务日期无效";
  if (Object.keys(errors).length) return billingRefusal(400, errors);
  return writeTransaction(db, async (trx) => {
    const locked = await lockDraft(trx, scope, billId);
    if ("refused" in locked) return locked.refused;
    const pricing = await loadPricing(trx, scope.centerId);
    if (!pricing.categories.has(input.categoryId)) return billingRefusal(400, { category_id: "请选择本中心的收入类别" });
    if (!pricing.taxCodes.has(input.taxCode)) return billingRefusal(400, { tax_code: "请选择税收分类编码表中的编码" });
    const day = input.serviceDate || today;
    const priced = priceLine(pricing, { categoryId: input.categoryId, taxCode: input.taxCode, amountFen: input.amountFen, taxIncluded: input.taxIncluded, rateDay: day });
    const last = await trx.selectFrom("bill_lines").select((eb) => eb.fn.max<number>("seq").as("seq")).where("bill_id", "=", billId).executeTakeFirst();
    const now = nowIso();
    const line: BillLine = {
      id: newId(), center_id: scope.centerId, bill_id: billId, seq: Number(last?.seq ?? 0) + 1, source_kind: null, source_id: null, source_key: null, slice: "all",
      ...priced, description, quantity: 1, service_from: input.serviceDate || null, service_to: input.serviceDate || null, original_line_id: null, created_at: now,
    };
    await trx.insertInto("bill_lines").values(line).execute();
    const totals = await refreshTotals(trx, billId, now);
    await recordAudit(trx, scope, { entity: "bill", entityId: billId, action: "add_line", after: { description, amount_fen: line.amount_fen, rate_bp: line.rate_bp, tax_code: line.tax_code, ...totals } });
    return { ok: true, id: billId, lineId: line.id };
  });
}

type Buyer = Pick<Client, "name" | "kind" | "credit_code" | "address" | "phone" | "bank_name" | "bank_account">;

/** Everything that would stop a draft from being issued, in words finance can act on. Pure. */
export function problemsOf(bill: Pick<Bill, "invoice_kind">, buyer: Buyer, lines: readonly Pick<BillLine, "seq" | "description" | "tax_code" | "rate_bp" | "total_fen">[]): string[] {
  const problems: string[] = [];
  const fix = `（请在客户“${buyer.name}”的资料中补全）`;
  if (!buyer.name.trim()) problems.push("购买方名称未填写");
  if (bill.invoice_kind === "special") {
    if (!buyer.credit_code.trim()) problems.push(`开专票需要购买方纳税人识别号（统一社会信用代码）${fix}`);
    if (!buyer.address.trim() || !buyer.phone.trim()) problems.push(`开专票需要购买方地址和电话${fix}`);
    if (!buyer.bank_name.trim() || !buyer.bank_account.trim()) problems.push(`开专票需要购买方开户银行和账号${fix}`);
  } else if (buyer.kind !== "individual" && !buyer.credit_code.trim()) {
    problems.push(`购买方为单位，开普票也需要纳税人识别号（统一社会信用代码）${fix}`);
  }
  if (!lines.length) problems.push("账单没有明细行");
  for (const l of lines) {
    const name = `第 ${l.seq} 行“${l.description}”`;
    if (!l.tax_code) problems.push(`${name}没有税收分类编码（请在收入类别中设置，或删除后手工添加）`);
    if (Number(l.rate_bp) === MISSING_RATE) problems.push(`${name}没有适用的增值税税率（请检查税率设置）`);
  }
  if (lines.length && lines.reduce((sum, l) => sum + Number(l.total_fen), 0) <= 0) problems.push("账单价税合计应大于零");
  return problems;
}

function buyerOf(db: Executor, scope: Scope, clientId: string) {
  return db
    .selectFrom("clients")
    .select(["name", "kind", "credit_code", "address", "phone", "bank_name", "bank_account", "payment_days"])
    .where("center_id", "=", scope.centerId)
    .where("id", "=", clientId)
    .executeTakeFirstOrThrow();
}

/** The problems of a draft before issue (none for a bill that is ready); 404 for another center's bill. */
export async function issueProblems(db: Executor, scope: Scope, billId: string): Promise<BillingResult<{ problems: string[] }>> {
  if (!readsAllBilling(scope)) return billingRefusal(403, { form: "没有查看账单的权限" });
  const bill = await db.selectFrom("bills").selectAll().where("center_id", "=", scope.centerId).where("id", "=", billId).executeTakeFirst();
  if (!bill) return billingRefusal(404, { form: NOT_FOUND });
  return { ok: true, problems: await draftProblems(db, scope, bill) };
}

/** The problems of a bill already read in the caller's scope (none once issued). */
export async function draftProblems(db: Executor, scope: Scope, bill: Bill): Promise<string[]> {
  if (bill.status !== "draft") return [];
  return problemsOf(bill, await buyerOf(db, scope, bill.client_id), await linesOf(db, bill.id));
}

/** MONEY: the days to pay: the shortest term a billing plan of the bill's sources sets, else the client's. */
async function paymentDays(trx: Executor, scope: Scope, lines: BillLine[], clientDays: number): Promise<number> {
  const sources = lines.filter((l) => l.source_kind && l.source_id).map((l) => ({ kind: l.source_kind!, id: l.source_id! }));
  const plans = sources.length ? await plansFor(trx, scope, sources) : new Map();
  const set = [...plans.values()].map((p) => p.paymentDays).filter((d): d is number => d !== null);
  return set.length ? Math.min(...set) : clientDays;
}

/** CONCURRENCY: the next ZD number of the issue year, from the sequence row locked in this transaction. */
export async function takeBillNumber(trx: Executor, centerId: string, issueDate: string): Promise<string> {
  return nextNumber(trx, centerId, "ZD", Number(issueDate.slice(0, 4)));
}

export async function issueBill(db: AppDb, scope: Scope, billId: string, input: { issueDate: string; today?: string }): Promise<BillingResult<{ id: string; number: string }>> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  if (!isCalendarDate(input.issueDate)) return billingRefusal(400, { issue_date: "请填写开票日期（YYYY-MM-DD）" });
  // A bill dated ahead would take payments and count in aging before it exists.
  if (input.issueDate > (input.today ?? todayInShanghai())) return billingRefusal(400, { issue_date: "开票日期不能晚于今天" });
  return writeTransaction(db, async (trx) => {
    const locked = await lockDraft(trx, scope, billId);
    if ("refused" in locked) return locked.refused;
    const closed = await closedDateRefusal(trx, scope, input.issueDate, "开票日期");
    if (closed) return billingRefusal(400, { issue_date: closed });
    const { bill } = locked;
    const [lines, buyer] = await Promise.all([linesOf(trx, billId), buyerOf(trx, scope, bill.client_id)]);
    const problems = problemsOf(bill, buyer, lines);
    if (problems.length) return billingRefusal(400, { form: `还不能开票：${problems.join("；")}` });
    const totals = billTotals(lines.map((l) => ({ net_fen: Number(l.net_fen), tax_fen: Number(l.tax_fen), total_fen: Number(l.total_fen) })));
    const days = await paymentDays(trx, scope, lines, Number(buyer.payment_days));
    const number = await takeBillNumber(trx, scope.centerId, input.issueDate);
    const now = nowIso();
    const issued = {
      status: "issued" as const,
      number,
      issue_date: input.issueDate,
      due_date: addDays(input.issueDate, days),
      buyer_name: buyer.name,
      buyer_tax_id: buyer.credit_code,
      buyer_address_phone: `${buyer.address.trim()} ${buyer.phone.trim()}`.trim().slice(0, 260),
      buyer_bank_account: `${buyer.bank_name.trim()} ${buyer.bank_account.trim()}`.trim().slice(0, 160),
      ...totals,
      issued_by: scope.userId,
      issued_at: now,
      updated_at: now,
    };
    await trx.updateTable("bills").set(issued).where("id", "=", billId).execute();
    await recordAudit(trx, scope, { entity: "bill", entityId: billId, action: "issue", before: { status: "draft" }, after: { ...issued, invoice_kind: bill.invoice_kind, lines: lines.length } });
    return { ok: true, id: billId, number };
  });
}

export interface IssueOutcome {
  issued: { id: string; number: string }[];
  refused: { id: string; status: number; message: string }[];
}

/** Issues several drafts one after another, in the order given; each stands or falls alone. */
export async function issueBills(db: AppDb, scope: Scope, billIds: readonly string[], input: { issueDate: string; today?: string }): Promise<BillingResult<IssueOutcome>> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const outcome: IssueOutcome = { issued: [], refused: [] };
  for (const id of new Set(billIds)) {
    const result = await issueBill(db, scope, id, input);
    if (result.ok) outcome.issued.push({ id, number: result.number });
    else outcome.refused.push({ id, status: result.status, message: Object.values(result.errors).filter(Boolean).join("；") });
  }
  return { ok: true, ...outcome };
}
