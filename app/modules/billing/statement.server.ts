// The client statement (对账单) for a period: what the client owed at the start, every bill, red-
// letter credit, payment and bounced payment in the period with the running balance, and what it
// owes at the end. MONEY: the balance on a day is the client's open receivable less its unallocated
// payment money, so both ends reconcile to the fen with the receivables of those days:
// closing = opening + bills − credits − payments + reversals.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { addDays } from "~/modules/inventory/calendar-dates";
import type { FieldErrors } from "~/utils/form";
import { isCalendarDate } from "~/utils/time";
import { type BillingResult, billingRefusal } from "./access";
import { PAYMENT_METHODS } from "./payments.server";
import { receivableOn, unallocatedOn } from "./receivables.server";

export type StatementKind = "invoice" | "credit" | "payment" | "reversal";

export const STATEMENT_KIND_LABEL: Record<StatementKind, string> = { invoice: "开票", credit: "红字冲销", payment: "收款", reversal: "退票冲回" };

export interface StatementLine {
  date: string;
  kind: StatementKind;
  /** The bill number, or the payment's bank/cheque reference. */
  reference: string;
  description: string;
  /** What the line adds to what the client owes (bills, bounced payments). */
  debitFen: number;
  /** What it takes off (credits, payments). */
  creditFen: number;
  balanceFen: number;
}

/** A day's position: balance = receivable − unallocated. */
export interface StatementPosition {
  date: string;
  balanceFen: number;
  receivableFen: number;
  unallocatedFen: number;
}

export interface ClientStatement {
  client: { id: string; name: string };
  from: string;
  to: string;
  opening: StatementPosition;
  lines: StatementLine[];
  totals: { billsFen: number; creditsFen: number; paymentsFen: number; reversalsFen: number };
  closing: StatementPosition;
}

export function statementPeriodErrors(from: string, to: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!isCalendarDate(from)) errors.from = "开始日期无效，请按 年-月-日 填写";
  if (!isCalendarDate(to)) errors.to = "结束日期无效，请按 年-月-日 填写";
  else if (isCalendarDate(from) && to < from) errors.to = "结束日期不能早于开始日期";
  return errors;
}

async function position(db: Executor, scope: Pick<Scope, "centerId">, clientId: string, date: string): Promise<StatementPosition> {
  const [receivableFen, unallocatedFen] = await Promise.all([receivableOn(db, scope, date, clientId), unallocatedOn(db, scope, date, clientId)]);
  return { date, balanceFen: receivableFen - unallocatedFen, receivableFen, unallocatedFen };
}

type Movement = Omit<StatementLine, "balanceFen">;

/** SECURITY: the client's rows are reached through the center's client, so its own indexes drive. */
async function movements(db: Executor, centerId: string, clientId: string, from: string, to: string): Promise<Movement[]> {
  const client = () => db.selectFrom("clients as c").where("c.center_id", "=", centerId).where("c.id", "=", clientId);
  const [invoices, credits, received, reversed] = await Promise.all([
    client()
      .innerJoin("bills as b", "b.client_id", "c.id")
      .select(["b.number", "b.issue_date", "b.due_date", "b.total_fen"])
      .where("b.status", "=", "issued")
      .where("b.kind", "=", "invoice")
      .where("b.issue_date", ">=", from)
      .where("b.issue_date", "<=", to)
      .execute(),
    // A credit counts for the client of the invoice it corrects, as in the receivables.
    client()
      .innerJoin("bills as o", "o.client_id", "c.id")
      .innerJoin("bills as k", "k.original_bill_id", "o.id")
      .select(["k.number", "k.issue_date", "k.total_fen", "k.credit_reason", "o.number as original"])
      .where("o.kind", "=", "invoice")
      .where("o.status", "=", "issued")
      .where("k.kind", "=", "credit")
      .where("k.status", "=", "issued")
      .where("k.issue_date", ">=", from)
      .where("k.issue_date", "<=", to)
      .execute(),
    client().innerJoin("payments as p", "p.client_id", "c.id").selectAll("p").where("p.received_on", ">=", from).where("p.received_on", "<=", to).execute(),
    client().innerJoin("payments as p", "p.client_id", "c.id").selectAll("p").where("p.reversed_on", ">=", from).where("p.reversed_on", "<=", to).execute(),
  ]);
  const paymentText = (p: (typeof received)[number]) => [`${PAYMENT_METHODS[p.method] ?? p.method}收款`, p.payer && `付款人 ${p.payer}`, p.notes].filter(Boolean).join("，");
  return [
    ...invoices.map((b) => ({ date: b.issue_date!, kind: "invoice" as const, reference: b.number ?? "", description: `开具账单，到期日 ${b.due_date ?? b.issue_date}`, debitFen: Number(b.total_fen), creditFen: 0 })),
    ...credits.map((k) => ({ date: k.issue_date!, kind: "credit" as const, reference: k.number ?? "", description: `红字冲销 ${k.original ?? ""}（${k.credit_reason}）`, debitFen: 0, creditFen: Math.abs(Number(k.total_fen)) })),
    ...received.map((p) => ({ date: p.received_on, kind: "payment" as const, reference: p.reference, description: paymentText(p), debitFen: 0, creditFen: Number(p.amount_fen) })),
    ...reversed.map((p) => ({ date: p.reversed_on!, kind: "reversal" as const, reference: p.reference, description: `${p.received_on} 收款冲销：${p.reversal_reason}`, debitFen: Number(p.amount_fen), creditFen: 0 })),
  ];
}

const KIND_ORDER: Record<StatementKind, number> = { invoice: 0, credit: 1, payment: 2, reversal: 3 };

/** The statement of one client of the caller's center for `from`..`to` (both days included). */
export async function clientStatement(db: Executor, scope: Pick<Scope, "centerId">, clientId: string, period: { from: string; to: string }): Promise<BillingResult<{ statement: ClientStatement }>> {
  const errors = statementPeriodErrors(period.from, period.to);
  if (Object.keys(errors).length) return billingRefusal(400, errors);
  const client = await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "=", clientId).executeTakeFirst();
  if (!client) return billingRefusal(404, { form: "客户不存在" });
  const [opening, closing, moves] = await Promise.all([
    position(db, scope, client.id, addDays(period.from, -1)),
    position(db, scope, client.id, period.to),
    movements(db, scope.centerId, client.id, period.from, period.to),
  ]);
  moves.sort((a, b) => a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.reference.localeCompare(b.reference));
  let balance = opening.balanceFen;
  const lines = moves.map((m) => ({ ...m, balanceFen: (balance += m.debitFen - m.creditFen) }));
  const sum = (kind: StatementKind, field: "debitFen" | "creditFen") => moves.filter((m) => m.kind === kind).reduce((s, m) => s + m[field], 0);
  const totals = { billsFen: sum("invoice", "debitFen"), creditsFen: sum("credit", "creditFen"), paymentsFen: sum("payment", "creditFen"), reversalsFen: sum("reversal", "debitFen") };
  return { ok: true, statement: { client, from: period.from, to: period.to, opening, lines, totals, closing } };
}
