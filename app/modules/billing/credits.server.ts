// Red-letter corrections (红字发票). An issued invoice is never changed: a credit bill reverses all
// of it or part of some lines, for one of the four reasons, with its own ZD number. Each credit
// line points at the line it reverses and no line is ever reversed for more than it billed.
import type { AppDb } from "~db/connection";
import { type Executor, lockRows, writeTransaction } from "~db/dialect";
import { closedDateRefusal } from "~/modules/revenue/closing.server";
import { refreshRevenue } from "~/modules/revenue/facts.server";
import { newId } from "~db/ids";
import type { Bill, BillLine, CreditReason } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { formatFen } from "~/utils/money";
import { isCalendarDate, nowIso, todayInShanghai } from "~/utils/time";
import { type BillingResult, billingRefusal, refuseUnlessFinance } from "./access";
import { takeBillNumber } from "./bills.server";
import { refreshSettledOn } from "./settlement.server";
import { billTotals, type LineMoney, lineMoney } from "./tax";

export const CREDIT_REASONS = ["开票有误", "销货退回", "服务中止", "销售折让"] as const satisfies readonly CreditReason[];

export interface CreditInput {
  reason: string;
  issueDate: string;
  /** The day "today" is taken to be (default: today in Beijing). */
  today?: string;
  /** Reverse everything still creditable on the bill. */
  full?: boolean;
  /** Or these amounts (positive, in the line's agreed terms: with VAT when the line is tax-inclusive). */
  lines?: { originalLineId: string; amountFen: number }[];
  notes?: string;
}

export interface CreditableLine {
  line: BillLine;
  /** Already reversed by issued credits (positive). */
  creditedFen: number;
  creditedMoney: LineMoney;
  creditableFen: number;
}

/** Each line of an issued invoice with what credits have reversed of it and what remains. */
export async function creditableLines(db: Executor, bill: Pick<Bill, "id">): Promise<CreditableLine[]> {
  const lines = await db.selectFrom("bill_lines").selectAll().where("bill_id", "=", bill.id).orderBy("seq").orderBy("id").execute();
  const reversed = lines.length
    ? await db
        .selectFrom("bill_lines as c")
        .innerJoin("bills as k", "k.id", "c.bill_id")
        .select(["c.original_line_id", "c.amount_fen", "c.net_fen", "c.tax_fen", "c.total_fen"])
        .where("k.kind", "=", "credit")
        .where("k.status", "=", "issued")
        .where("k.original_bill_id", "=", bill.id)
        .execute()
    : [];
  return lines.map((line) => {
    const mine = reversed.filter((r) => r.original_line_id === line.id);
    const creditedFen = -mine.reduce((s, r) => s + Number(r.amount_fen), 0);
    const creditedMoney = billTotals(mine.map((r) => ({ net_fen: -Number(r.net_fen), tax_fen: -Number(r.tax_fen), total_fen: -Number(r.total_fen) })));
    return { line, creditedFen, creditedMoney, creditableFen: Number(line.amount_fen) - creditedFen };
  });
}

/**
 * MONEY: a credit line's amounts. Reversing all that remains of a line takes exactly what the line
 * billed less what earlier credits took, so a fully credited line nets to zero in net, tax and
 * total (an untouched line gets the exact mirror of its own amounts). A partial reversal is
 * lineMoney on the reversed amount, negated.
 */
export function creditMoney(c: CreditableLine, amountFen: number): LineMoney {
  if (amountFen !== c.creditableFen) return lineMoney(-amountFen, Boolean(c.line.tax_included), Number(c.line.rate_bp));
  return {
    net_fen: -(Number(c.line.net_fen) - c.creditedMoney.net_fen) + 0,
    tax_fen: -(Number(c.line.tax_fen) - c.creditedMoney.tax_fen) + 0,
    total_fen: -(Number(c.line.total_fen) - c.creditedMoney.total_fen) + 0,
  };
}

type Requested = { c: CreditableLine; amountFen: number };

function requestedLines(creditable: CreditableLine[], input: CreditInput): Requested[] | Record<string, string> {
  if (input.full) return creditable.filter((c) => c.creditableFen > 0).map((c) => ({ c, amountFen: c.creditableFen }));
  const errors: Record<string, string> = {};
  const out: Requested[] = [];
  const seen = new Set<string>();
  for (const want of input.lines ?? []) {
    const c = creditable.find((x) => x.line.id === want.originalLineId);
    const field = `line_${want.originalLineId}`;
    if (!c) errors[field] = "该明细行不属于这张发票";
    else if (seen.has(c.line.id)) errors[field] = `第 ${c.line.seq} 行重复填写`;
    else if (!Number.isSafeInteger(want.amountFen) || want.amountFen <= 0) errors[field] = `第 ${c.line.seq} 行冲红金额应大于零`;
    else if (want.amountFen > c.creditableFen) errors[field] = `第 ${c.line.seq} 行最多还可冲红 ${formatFen(c.creditableFen)}`;
    else out.push({ c, amountFen: want.amountFen });
    if (c) seen.add(c.line.id);
  }
  return Object.keys(errors).length ? errors : out;
}

/** Raises and issues a red-letter credit against an issued invoice (finance only). */
export async function createCredit(db: AppDb, scope: Scope, originalBillId: string, input: CreditInput): Promise<BillingResult<{ id: string; number: string }>> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const reason = CREDIT_REASONS.find((r) => r === input.reason);
  if (!reason) return billingRefusal(400, { reason: `请选择红冲原因：${CREDIT_REASONS.join("、")}` });
  if (!isCalendarDate(input.issueDate)) return billingRefusal(400, { issue_date: "请填写开票日期（YYYY-MM-DD）" });
  if (input.issueDate > (input.today ?? todayInShanghai())) return billingRefusal(400, { issue_date: "开票日期不能晚于今天" });
  if (!input.full && !input.lines?.length) return billingRefusal(400, { form: "请选择全额冲红，或填写要冲红的明细行和金额" });
  const notes = (input.notes ?? "").trim();
  if (notes.length > 200) return billingRefusal(400, { notes: "备注不能超过 200 字" });
  return writeTransaction(db, async (trx) => {
    // CONCURRENCY: the original is locked, so two credits of one bill never both take the same remainder.
    const original = await lockRows(trx, trx.selectFrom("bills").selectAll().where("center_id", "=", scope.centerId).where("id", "=", originalBillId)).executeTakeFirst();
    if (!original) return billingRefusal(404, { form: "账单不存在" });
    const closed = await closedDateRefusal(trx, scope, input.issueDate, "开票日期");
    if (closed) return billingRefusal(400, { issue_date: closed });
    if (original.kind !== "invoice" || original.status !== "issued") return billingRefusal(409, { form: "只能对已开具的发票开具红字发票" });
    if (input.issueDate < original.issue_date!) return billingRefusal(400, { issue_date: `红字发票的开票日期不能早于原发票的开票日期 ${original.issue_date}` });
    const creditable = await creditableLines(trx, original);
    const requested = requestedLines(creditable, input);
    if (!Array.isArray(requested)) return billingRefusal(400, requested);
    if (!requested.length) return billingRefusal(409, { form: `发票 ${original.number} 已全额红冲，没有可冲红的金额` });

    const number = await takeBillNumber(trx, scope.centerId, input.issueDate);
    const now = nowIso();
    const id = newId();
    const lines: BillLine[] = requested.map(({ c, amountFen }, i) => ({
      ...c.line,
      id: newId(),
      bill_id: id,
      seq: i + 1,
      amount_fen: -amountFen,
      ...creditMoney(c, amountFen),
      original_line_id: c.line.id,
      created_at: now,
    }));
    const totals = billTotals(lines);
    const credit: Bill = {
      ...original,
      id,
      kind: "credit",
      status: "issued",
      number,
      issue_date: input.issueDate,
      due_date: null,
      original_bill_id: original.id,
      credit_reason: reason,
      ...totals,
      tax_invoice_number: "",
      tax_invoice_date: null,
      notes,
      issued_by: scope.userId,
      issued_at: now,
      created_by: scope.userId,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("bills").values(credit).execute();
    await trx.insertInto("bill_lines").values(lines).execute();
    await refreshSettledOn(trx, [original.id, id]);
    const full = creditable.every((c) => c.creditableFen === (requested.find((r) => r.c === c)?.amountFen ?? 0));
    const summary = { number, original: original.number, reason, issue_date: input.issueDate, ...totals, lines: lines.length, fully_credited: full };
    await recordAudit(trx, scope, { entity: "bill", entityId: id, action: "credit", after: summary });
    await recordAudit(trx, scope, { entity: "bill", entityId: original.id, action: "credited", after: summary });
    // MONEY: a red-letter bill reverses recognised income on its day, in the facts of the lines' sources.
    await refreshRevenue(trx, scope, lines.flatMap((l) => (l.source_kind && l.source_id ? [{ kind: l.source_kind, id: l.source_id }] : [])));
    return { ok: true, id, number };
  });
}
