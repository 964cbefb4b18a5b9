// Payments (收款) and what they pay: a payment is allocated to the client's issued invoices, oldest
// first or as finance says; what is left is the client's credit (预收款) and can be applied to later
// bills. A bounced payment is reversed, never deleted: from the reversal day it and its allocations
// count for nothing, so the bills it paid are open again from that day on.
import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { PaymentMethod } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { formatFen } from "~/utils/money";
import type { FieldErrors } from "~/utils/form";
import { isCalendarDate, nowIso, todayInShanghai } from "~/utils/time";
import { type BillingResult, billingRefusal, refuseUnlessFinance } from "./access";
import { countedMoney, EVER } from "./receivables.server";
import { refreshSettledOn } from "./settlement.server";
import { closedDateRefusal } from "~/modules/revenue/closing.server";

export const PAYMENT_METHODS: Record<PaymentMethod, string> = { transfer: "银行转账", cash: "现金", cheque: "支票", acceptance: "承兑汇票", other: "其他" };

export type AllocationRequest = "auto" | "none" | { billId: string; amountFen: number }[];

export interface PaymentInput {
  clientId: string;
  receivedOn: string;
  amountFen: number;
  method: PaymentMethod;
  payer: string;
  reference: string;
  notes: string;
  /** The form's one-time key: a second submit of the same form lands on the first payment. */
  idempotencyKey?: string;
  allocate: AllocationRequest;
}

export interface Allocated {
  paymentId: string;
  billId: string;
  number: string | null;
  amountFen: number;
  allocatedOn: string;
}

export type PaymentResult = BillingResult<{ id: string; duplicate: boolean; allocations: Allocated[]; unallocatedFen: number }>;

function dateError(date: string, today: string, what: string): string | null {
  if (!isCalendarDate(date)) return `${what}无效，请按 年-月-日 填写`;
  if (date > today) return `${what}不能晚于今天`;
  return null;
}

export function validatePayment(input: PaymentInput, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!input.clientId) errors.clientId = "请选择付款客户";
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) errors.amountFen = "收款金额必须大于零";
  const date = dateError(input.receivedOn, today, "收款日期");
  if (date) errors.receivedOn = date;
  if (!Object.hasOwn(PAYMENT_METHODS, input.method)) errors.method = "收款方式只能是银行转账、现金、支票、承兑汇票或其他";
  if (input.payer.trim().length > 100) errors.payer = "付款人不能超过100个字";
  if (input.reference.trim().length > 60) errors.reference = "流水号/票据号不能超过60个字";
  if (input.notes.trim().length > 200) errors.notes = "备注不能超过200个字";
  if ((input.idempotencyKey ?? "").length > 40) errors.form = "表单已失效，请刷新后重新提交";
  return errors;
}

/** An issued invoice of the client, locked, with what is open on it right now. */
interface OpenInvoice {
  id: string;
  number: string | null;
  issue_date: string;
  due_date: string;
  open_fen: number;
}

/**
 * CONCURRENCY: locks every issued invoice of the client (in id order, the same in every payment
 * service) and only then reads what is open, so two payments for the same bills wait for each other
 * and the second sees the first's allocations. Oldest first: due date, issue date, number.
 * SECURITY: callers have checked that the client is the center's; its bills are the center's too.
 */
async function lockOpenInvoices(trx: Executor, centerId: string, clientId: string): Promise<OpenInvoice[]> {
  const rows = await lockRows(
    trx,
    trx
      .selectFrom("bills")
      .select(["id", "number", "issue_date", "due_date", "total_fen"])
      .where("client_id", "=", clientId)
      .where("status", "=", "issued")
      .where("kind", "=", "invoice")
      .orderBy("id"),
  ).execute();
  const money = await countedMoney(trx, centerId, EVER, { clientId });
  return rows
    .map((b) => ({
      id: b.id, number: b.number, issue_date: b.issue_date ?? "", due_date: b.due_date ?? b.issue_date ?? "",
      open_fen: Number(b.total_fen) - (money.paid.get(b.id) ?? 0) - (money.credited.get(b.id) ?? 0),
    }))
    .filter((b) => b.open_fen > 0)
    .sort((a, b) => a.due_date.localeCompare(b.due_date) || a.issue_date.localeCompare(b.issue_date) || (a.number ?? "").localeCompare(b.number ?? ""));
}

/** MONEY: an allocation is dated the later of the payment day and the bill's issue day. */
const laterOf = (a: string, b: string) => (a > b ? a : b);

type Planned = { ok: true; allocations: Omit<Allocated, "paymentId">[] } | { ok: false; status: 400 | 404; errors: FieldErrors };

async function planAllocations(trx: Executor, scope: Scope, input: PaymentInput, open: OpenInvoice[]): Promise<Planned> {
  if (input.allocate === "none") return { ok: true, allocations: [] };
  if (input.allocate === "auto") {
    let left = input.amountFen;
    const allocations = [];
    for (const bill of open) {
      if (left === 0) break;
      const amount = Math.min(left, bill.open_fen);
      allocations.push({ billId: bill.id, number: bill.number, amountFen: amount, allocatedOn: laterOf(input.receivedOn, bill.issue_date) });
      left -= amount;
    }
    return { ok: true, allocations };
  }
  const refuse = (status: 400 | 404, allocations: string): Planned => ({ ok: false, status, errors: { allocations } });
  const byId = new Map(open.map((b) => [b.id, b]));
  const seen = new Set<string>();
  const allocations = [];
  let sum = 0;
  for (const want of input.allocate) {
    if (!Number.isSafeInteger(want.amountFen) || want.amountFen <= 0) return refuse(400, "分配金额必须大于零");
    if (seen.has(want.billId)) return refuse(400, "同一张账单只能分配一次");
    seen.add(want.billId);
    const bill = byId.get(want.billId);
    if (!bill) return refuseUnpayable(trx, scope, input.clientId, want.billId);
    if (want.amountFen > bill.open_fen) return refuse(400, `分配给账单 ${bill.number} 的金额超过其未收金额 ${formatFen(bill.open_fen)}`);
    sum += want.amountFen;
    allocations.push({ billId: bill.id, number: bill.number, amountFen: want.amountFen, allocatedOn: laterOf(input.receivedOn, bill.issue_date) });
  }
  if (sum > input.amountFen) return refuse(400, `分配合计 ${formatFen(sum)} 超过收款金额 ${formatFen(input.amountFen)}`);
  return { ok: true, allocations };
}

/** Why a bill is not among the client's open invoices, in words finance can act on. */
async function refuseUnpayable(trx: Executor, scope: Scope, clientId: string, billId: string): Promise<Planned> {
  const bill = await trx.selectFrom("bills").select(["number", "client_id", "kind", "status"]).where("center_id", "=", scope.centerId).where("id", "=", billId).executeTakeFirst();
  const refuse = (status: 400 | 404, allocations: string): Planned => ({ ok: false, status, errors: { allocations } });
  if (!bill) return refuse(404, "账单不存在");
  if (bill.client_id !== clientId) return refuse(400, `账单 ${bill.number ?? "（草稿）"} 不属于该付款客户`);
  if (bill.status !== "issued") return refuse(400, "草稿账单尚未开具，不能收款");
  if (bill.kind === "credit") return refuse(400, `${bill.number} 是红字账单，不能收款`);
  return refuse(400, `账单 ${bill.number} 已收清，没有未收金额`);
}

async function paymentOutcome(db: Executor, centerId: string, paymentId: string, duplicate: boolean): Promise<PaymentResult> {
  const payment = await db.selectFrom("payments").select(["id", "amount_fen"]).where("center_id", "=", centerId).where("id", "=", paymentId).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("payment_allocations as pa")
    .innerJoin("bills as b", "b.id", "pa.bill_id")
    .select(["pa.payment_id", "pa.bill_id", "b.number", "pa.amount_fen", "pa.allocated_on"])
    .where("pa.center_id", "=", centerId)
    .where("pa.payment_id", "=", paymentId)
    .orderBy("pa.allocated_on")
    .orderBy("pa.id")
    .execute();
  const allocations = rows.map((r) => ({ paymentId: r.payment_id, billId: r.bill_id, number: r.number, amountFen: Number(r.amount_fen), allocatedOn: r.allocated_on }));
  return { ok: true, id: payment.id, duplicate, allocations, unallocatedFen: Number(payment.amount_fen) - allocations.reduce((s, a) => s + a.amountFen, 0) };
}

async function paymentByKey(db: Executor, centerId: string, key: string | undefined): Promise<string | null> {
  if (!key) return null;
  const row = await db.selectFrom("payments").select("id").where("center_id", "=", centerId).where("idempotency_key", "=", key).executeTakeFirst();
  return row?.id ?? null;
}

/** Records a payment received from a client and allocates it as asked, all in one transaction. */
export async function recordPayment(db: AppDb, scope: Scope, input: PaymentInput, today: string = todayInShanghai()): Promise<PaymentResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const errors = validatePayment(input, today);
  if (Object.keys(errors).length) return billingRefusal(400, errors);
  const key = input.idempotencyKey || undefined;
  const first = await paymentByKey(db, scope.centerId, key);
  if (first) return paymentOutcome(db, scope.centerId, first, true);
  try {
    return await writeTransaction(db, async (trx) => {
      const client = await trx.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "=", input.clientId).executeTakeFirst();
      if (!client) return billingRefusal(404, { clientId: "客户不存在" });
      const open = await lockOpenInvoices(trx, scope.centerId, client.id);
      const closed = await closedDateRefusal(trx, scope, input.receivedOn, "收款日期");
      if (closed) return billingRefusal(400, { receivedOn: closed });
      // CONCURRENCY: the same form submitted twice waits on the locks above, then finds the first.
      const again = await paymentByKey(trx, scope.centerId, key);
      if (again) return paymentOutcome(trx, scope.centerId, again, true);
      const plan = await planAllocations(trx, scope, input, open);
      if (!plan.ok) return billingRefusal(plan.status, plan.errors);
      const now = nowIso();
      const payment = {
        id: newId(), center_id: scope.centerId, client_id: client.id, received_on: input.receivedOn, amount_fen: input.amountFen, method: input.method,
        payer: input.payer.trim() || client.name, reference: input.reference.trim(), notes: input.notes.trim(), reversed_on: null, reversal_reason: "",
        idempotency_key: key ?? null, created_by: scope.userId, created_at: now, updated_at: now,
      };
      await trx.insertInto("payments").values(payment).execute();
      const allocations = plan.allocations.map((a) => ({ ...a, paymentId: payment.id }));
      await insertAllocations(trx, scope, allocations, now);
      const unallocatedFen = input.amountFen - allocations.reduce((s, a) => s + a.amountFen, 0);
      await recordAudit(trx, scope, {
        entity: "payment", entityId: payment.id, action: "record",
        after: { client: client.name, received_on: payment.received_on, amount_fen: payment.amount_fen, method: payment.method, payer: payment.payer, reference: payment.reference, allocations: auditAllocations(allocations), unallocated_fen: unallocatedFen },
      });
      return { ok: true, id: payment.id, duplicate: false, allocations, unallocatedFen } as const;
    });
  } catch (error) {
    // CONCURRENCY: both submits passed the first check and one lost the race on the unique key.
    const winner = isUniqueViolation(error) ? await paymentByKey(db, scope.centerId, key) : null;
    if (winner) return paymentOutcome(db, scope.centerId, winner, true);
    throw error;
  }
}

async function insertAllocations(trx: Executor, scope: Scope, allocations: Allocated[], now: string) {
  if (allocations.length === 0) return;
  await trx
    .insertInto("payment_allocations")
    .values(allocations.map((a) => ({ id: newId(), center_id: scope.centerId, payment_id: a.paymentId, bill_id: a.billId, amount_fen: a.amountFen, allocated_on: a.allocatedOn, created_by: scope.userId, created_at: now })))
    .execute();
  await refreshSettledOn(trx, allocations.map((a) => a.billId));
}

const auditAllocations = (list: Allocated[]) => list.map((a) => ({ bill: a.number, amount_fen: a.amountFen, allocated_on: a.allocatedOn }));

export type ApplyCreditResult = BillingResult<{ id: string; allocations: Allocated[]; appliedFen: number }>;

/**
 * MONEY: applies the client's unallocated payment money (oldest payment first) to its open invoices
 * (oldest first, or the one named) as of `onDate`; the allocations are dated that day.
 */
export async function applyCredit(db: AppDb, scope: Scope, clientId: string, input: { billId?: string; onDate: string }, today: string = todayInShanghai()): Promise<ApplyCreditResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const date = dateError(input.onDate, today, "冲抵日期");
  if (date) return billingRefusal(400, { onDate: date });
  return writeTransaction(db, async (trx) => {
    const client = await trx.selectFrom("clients").select("id").where("center_id", "=", scope.centerId).where("id", "=", clientId).executeTakeFirst();
    if (!client) return billingRefusal(404, { form: "客户不存在" });
    const open = await lockOpenInvoices(trx, scope.centerId, clientId);
    const closed = await closedDateRefusal(trx, scope, input.onDate, "冲抵日期");
    if (closed) return billingRefusal(400, { onDate: closed });
    let bills = open.filter((b) => b.issue_date <= input.onDate);
    if (input.billId) {
      const named = open.find((b) => b.id === input.billId);
      if (!named) {
        const why = await refuseUnpayable(trx, scope, clientId, input.billId);
        return billingRefusal(why.ok ? 400 : why.status, { billId: why.ok ? "账单不能冲抵" : why.errors.allocations });
      }
      if (named.issue_date > input.onDate) return billingRefusal(400, { billId: `账单 ${named.number} 开具于 ${named.issue_date}，晚于冲抵日期` });
      bills = [named];
    }
    if (bills.length === 0) return billingRefusal(409, { form: "该客户没有未收清的账单" });
    const credits = await lockUnallocated(trx, clientId, input.onDate);
    if (credits.length === 0) return billingRefusal(409, { form: "该客户没有可用的预收款（未分配的收款）" });
    const allocations: Allocated[] = [];
    for (const bill of bills) {
      let need = bill.open_fen;
      for (const credit of credits) {
        if (need === 0) break;
        const amount = Math.min(need, credit.left);
        if (amount === 0) continue;
        allocations.push({ paymentId: credit.id, billId: bill.id, number: bill.number, amountFen: amount, allocatedOn: input.onDate });
        credit.left -= amount;
        need -= amount;
      }
    }
    const now = nowIso();
    await insertAllocations(trx, scope, allocations, now);
    for (const credit of credits) {
      const used = allocations.filter((a) => a.paymentId === credit.id);
      if (used.length) await recordAudit(trx, scope, { entity: "payment", entityId: credit.id, action: "apply_credit", after: { allocations: auditAllocations(used), unallocated_fen: credit.left } });
    }
    return { ok: true, id: clientId, allocations, appliedFen: allocations.reduce((s, a) => s + a.amountFen, 0) } as const;
  });
}

/** CONCURRENCY: the client's (checked) payments with money left on `onDate`, locked after its bills, oldest first. */
async function lockUnallocated(trx: Executor, clientId: string, onDate: string): Promise<{ id: string; left: number }[]> {
  const payments = await lockRows(
    trx,
    trx
      .selectFrom("payments")
      .select(["id", "amount_fen"])
      .where("client_id", "=", clientId)
      .where("reversed_on", "is", null)
      .where("received_on", "<=", onDate)
      .orderBy("received_on")
      .orderBy("created_at")
      .orderBy("id"),
  ).execute();
  if (payments.length === 0) return [];
  const used = await trx
    .selectFrom("payment_allocations")
    .select(["payment_id", (eb) => eb.fn.sum<number>("amount_fen").as("s")])
    .where("payment_id", "in", payments.map((p) => p.id))
    .groupBy("payment_id")
    .execute();
  const usedBy = new Map(used.map((u) => [u.payment_id, Number(u.s)]));
  return payments.map((p) => ({ id: p.id, left: Number(p.amount_fen) - (usedBy.get(p.id) ?? 0) })).filter((p) => p.left > 0);
}

export type ReversalResult = BillingResult<{ id: string; reopened: { billId: string; number: string | null; amountFen: number }[] }>;

/** A bounced payment (退票): from `reversedOn` it and its allocations count for nothing. */
export async function reversePayment(db: AppDb, scope: Scope, paymentId: string, input: { reversedOn: string; reason: string }, today: string = todayInShanghai()): Promise<ReversalResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const errors: FieldErrors = {};
  const date = dateError(input.reversedOn, today, "冲销日期");
  if (date) errors.reversedOn = date;
  const reason = input.reason.trim();
  if (!reason) errors.reason = "请填写冲销原因（如：票据退回、余额不足）";
  else if (reason.length > 200) errors.reason = "冲销原因不能超过200个字";
  if (Object.keys(errors).length) return billingRefusal(400, errors);
  return writeTransaction(db, async (trx) => {
    const payment = await lockRows(trx, trx.selectFrom("payments").selectAll().where("center_id", "=", scope.centerId).where("id", "=", paymentId)).executeTakeFirst();
    if (!payment) return billingRefusal(404, { form: "收款记录不存在" });
    if (payment.reversed_on) return billingRefusal(409, { form: `这笔收款已于 ${payment.reversed_on} 冲销` });
    if (input.reversedOn < payment.received_on) return billingRefusal(400, { reversedOn: `冲销日期不能早于收款日期 ${payment.received_on}` });
    const closed = await closedDateRefusal(trx, scope, input.reversedOn, "冲销日期");
    if (closed) return billingRefusal(400, { reversedOn: closed });
    await trx.updateTable("payments").set({ reversed_on: input.reversedOn, reversal_reason: reason, updated_at: nowIso() }).where("id", "=", payment.id).execute();
    const outcome = await paymentOutcome(trx, scope.centerId, payment.id, false);
    const reopened = outcome.ok ? outcome.allocations.map((a) => ({ billId: a.billId, number: a.number, amountFen: a.amountFen })) : [];
    await refreshSettledOn(trx, reopened.map((r) => r.billId));
    await recordAudit(trx, scope, {
      entity: "payment", entityId: payment.id, action: "reverse",
      before: { reversed_on: null, amount_fen: Number(payment.amount_fen), received_on: payment.received_on },
      after: { reversed_on: input.reversedOn, reason, reopened: reopened.map((r) => ({ bill: r.number, amount_fen: r.amountFen })) },
    });
    return { ok: true, id: payment.id, reopened } as const;
  });
}
