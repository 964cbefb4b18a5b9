// Bill generation for a period: every billable item of the income seam, cut into the slices its
// billing plan makes due, less what issued bills already bill for that (item key, slice), goes
// into draft bills per (client, sales rep). Every run brings the generated drafts in line with
// the current truth, so running it twice changes nothing and a cancelled or changed source only
// changes what is still unbilled: issued bills are never touched.
//
// MONEY: what counts as billed for a (key, slice) is the sum of its issued invoice lines, less
// the credits raised because the invoice was wrong (开票有误): such an item is billed again
// correctly. Credits for returns, stopped service or discounts (销货退回, 服务中止, 销售折让) are
// final: the credited part is not billed again. When an item grows after billing, only the
// difference is drafted (补差); when it shrinks, nothing is drafted and finance raises a credit.
import type { AppDb } from "~db/connection";
import { type Executor, lockRows, writeTransaction } from "~db/dialect";
import { lockSequence } from "~/modules/booking/numbers.server";
import { newId } from "~db/ids";
import type { Bill, BillLine } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import type { IncomeEntry } from "~/modules/income/seam";
import { incomeEntries } from "~/modules/income/sources.server";
import { isCalendarDate, nowIso, todayInShanghai } from "~/utils/time";
import { type BillingResult, billingRefusal, refuseUnlessFinance } from "./access";
import { planKey, plansFor } from "./plans.server";
import { type DueWindow, isDueWithin, scheduleSlices, type ScheduledSlice } from "./schedule";
import { billTotals, type DatedRate, lineMoney, vatRateOn } from "./tax";

/** rate_bp of a draft line no VAT rate applies to; issuing lists it as a problem. */
export const MISSING_RATE = -1;

export interface PricingContext {
  status: "general" | "small";
  rates: DatedRate[];
  categories: Map<string, { report_group: DatedRate["report_group"]; bears_culture_fee: number }>;
  taxCodes: Map<string, { short_name: string; item_name: string }>;
}

export async function loadPricing(db: Executor, centerId: string): Promise<PricingContext> {
  const [center, rates, categories, codes] = await Promise.all([
    db.selectFrom("centers").select("taxpayer_status").where("id", "=", centerId).executeTakeFirstOrThrow(),
    db.selectFrom("vat_rates").select(["taxpayer_status", "report_group", "rate_bp", "valid_from", "valid_to"]).where("center_id", "=", centerId).execute(),
    db.selectFrom("revenue_categories").select(["id", "report_group", "bears_culture_fee"]).where("center_id", "=", centerId).execute(),
    db.selectFrom("tax_codes").select(["code", "short_name", "item_name"]).where("center_id", "=", centerId).where("retired", "=", 0).execute(),
  ]);
  return {
    status: center.taxpayer_status,
    rates: rates.map((r) => ({ ...r, rate_bp: Number(r.rate_bp) })),
    categories: new Map(categories.map((c) => [c.id, { report_group: c.report_group, bears_culture_fee: Number(c.bears_culture_fee) }])),
    taxCodes: new Map(codes.map((c) => [c.code, c])),
  };
}

export type PricedLine = Pick<
  BillLine,
  "category_id" | "tax_code" | "short_name" | "item_name" | "tax_included" | "amount_fen" | "rate_bp" | "net_fen" | "tax_fen" | "total_fen" | "bears_culture_fee"
>;

/**
 * MONEY: a line's tax code, rate and amounts. The rate is the one in force on `rateDay` for the
 * center's taxpayer status and the category's report group. An unknown or retired tax code leaves
 * the code empty; no applicable rate leaves MISSING_RATE: issuing lists both before it starts.
 */
export function priceLine(ctx: PricingContext, input: { categoryId: string | null; taxCode: string; amountFen: number; taxIncluded: boolean; rateDay: string }): PricedLine {
  const category = input.categoryId ? ctx.categories.get(input.categoryId) : undefined;
  const code = input.taxCode ? ctx.taxCodes.get(input.taxCode) : undefined;
  const rate = vatRateOn(ctx.rates, ctx.status, category?.report_group ?? null, input.rateDay);
  const money = lineMoney(input.amountFen, input.taxIncluded, rate ?? 0);
  return {
    category_id: input.categoryId,
    tax_code: code ? input.taxCode : "",
    short_name: code?.short_name ?? "",
    item_name: code?.item_name ?? "",
    tax_included: input.taxIncluded ? 1 : 0,
    amount_fen: input.amountFen,
    rate_bp: rate ?? MISSING_RATE,
    ...money,
    bears_culture_fee: category?.bears_culture_fee ? 1 : 0,
  };
}

type LineValues = Omit<BillLine, "id" | "center_id" | "bill_id" | "seq" | "original_line_id" | "created_at">;

interface Wanted {
  key: string;
  clientId: string;
  ownerId: string;
  inWindow: boolean;
  values: LineValues;
}

const sliceKey = (sourceKey: string, slice: string) => `${sourceKey}\u0000${slice}`;

/** Issued amounts per (item key, slice) that count as billed (see the MONEY note above). */
async function billedAmounts(db: Executor, centerId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("bill_lines as l")
    .innerJoin("bills as b", "b.id", "l.bill_id")
    .select((eb) => ["l.source_key", "l.slice", eb.fn.sum<number>("l.amount_fen").as("amount")])
    .where("b.center_id", "=", centerId)
    .where("b.status", "=", "issued")
    .where("l.source_key", "is not", null)
    .where((eb) => eb.or([eb("b.kind", "=", "invoice"), eb("b.credit_reason", "=", "开票有误")]))
    .groupBy(["l.source_key", "l.slice"])
    .execute();
  return new Map(rows.map((r) => [sliceKey(r.source_key!, r.slice), Number(r.amount)]));
}

/** The day each source was confirmed, for sources billed once on confirmation. */
async function confirmationDays(db: Executor, centerId: string, entries: IncomeEntry[]): Promise<Map<string, string | null>> {
  const days = new Map<string, string | null>();
  const ids = (kind: string) => [...new Set(entries.filter((e) => e.source.kind === kind).map((e) => e.source.id))];
  for (const chunk of chunks(ids("order"))) {
    const rows = await db.selectFrom("orders").select(["id", "confirmed_at"]).where("center_id", "=", centerId).where("id", "in", chunk).execute();
    for (const r of rows) days.set(`order:${r.id}`, r.confirmed_at ? todayInShanghai(new Date(r.confirmed_at)) : null);
  }
  for (const chunk of chunks(ids("contract"))) {
    const rows = await db.selectFrom("contracts").select(["id", "signed_on"]).where("center_id", "=", centerId).where("id", "in", chunk).execute();
    for (const r of rows) days.set(`contract:${r.id}`, r.signed_on);
  }
  // An event has no confirmation day of its own: a sponsorship of a confirmed (or held) event is
  // confirmed from the day it was entered.
  for (const chunk of chunks(ids("event"))) {
    const rows = await db
      .selectFrom("event_sponsors as s")
      .innerJoin("events as e", "e.id", "s.event_id")
      .select(["s.id", "s.event_id", "s.created_at", "e.status"])
      .where("s.center_id", "=", centerId)
      .where("s.event_id", "in", chunk)
      .execute();
    for (const r of rows) days.set(`event:${r.event_id}:sponsor:${r.id}`, r.status === "confirmed" || r.status === "done" ? todayInShanghai(new Date(r.created_at)) : null);
  }
  return days;
}

function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function lineDescription(entry: IncomeEntry, s: ScheduledSlice, topUp: boolean): string {
  const month = s.slice !== "all" && (entry.serviceFrom < s.serviceFrom || entry.serviceTo > s.serviceTo) ? `（${Number(s.slice.slice(0, 4))}年${Number(s.slice.slice(5))}月）` : "";
  return `${entry.description}${month}${topUp ? "（补差）" : ""}`.slice(0, 200);
}

/**
 * Every slice due by the window's end and still (partly) unbilled. `inWindow` is false for slices
 * that fell due before the window's start: drafts keep them, but a run does not add them.
 */
async function currentTruth(trx: Executor, scope: Scope, window: DueWindow, today: string): Promise<Map<string, Wanted>> {
  const entries = await incomeEntries(trx, scope);
  const [plans, billed, pricing] = await Promise.all([
    plansFor(trx, scope, entries.map((e) => ({ kind: e.source.kind, id: e.source.id }))),
    billedAmounts(trx, scope.centerId),
    loadPricing(trx, scope.centerId),
  ]);
  const onConfirm = entries.filter((e) => plans.get(planKey(e.source))?.schedule === "once_confirm");
  const confirmed = onConfirm.length ? await confirmationDays(trx, scope.centerId, onConfirm) : new Map<string, string | null>();
  const wanted = new Map<string, Wanted>();
  for (const entry of entries) {
    const schedule = plans.get(planKey(entry.source))!.schedule;
    const confirmedOn = confirmed.get(entry.source.kind === "event" ? entry.key : planKey(entry.source)) ?? null;
    for (const s of scheduleSlices(entry, schedule, confirmedOn)) {
      const key = sliceKey(entry.key, s.slice);
      const already = billed.get(key) ?? 0;
      const remaining = s.amountFen - already;
      if (remaining <= 0 || s.dueOn === null || s.dueOn > window.to) continue;
      const priced = priceLine(pricing, {
        categoryId: entry.categoryId,
        taxCode: entry.vatItemCode,
        amountFen: remaining,
        taxIncluded: entry.taxIncluded,
        rateDay: s.serviceFrom < today ? s.serviceFrom : today,
      });
      wanted.set(key, {
        key,
        clientId: entry.clientId,
        ownerId: entry.ownerId,
        inWindow: isDueWithin(s, window),
        values: {
          ...priced,
          source_kind: entry.source.kind,
          source_id: entry.source.id,
          source_key: entry.key,
          slice: s.slice,
          description: lineDescription(entry, s, already > 0),
          quantity: 1,
          service_from: s.serviceFrom,
          service_to: s.serviceTo,
        },
      });
    }
  }
  return wanted;
}

const COMPARED = [
  "source_kind", "source_id", "category_id", "tax_code", "short_name", "item_name", "description", "quantity", "tax_included", "amount_fen", "rate_bp",
  "net_fen", "tax_fen", "total_fen", "bears_culture_fee", "service_from", "service_to",
] as const satisfies readonly (keyof LineValues)[];

function differs(line: BillLine, values: LineValues): boolean {
  return COMPARED.some((f) => (typeof values[f] === "number" ? Number(line[f]) !== values[f] : line[f] !== values[f]));
}

/**
 * CONCURRENCY: generation runs of one center queue on one row (a sequence row no number is ever
 * taken from), so two runs never both create a draft for the same client and rep.
 */
async function lockGeneration(trx: Executor, centerId: string): Promise<void> {
  await lockSequence(trx, centerId, "ZD-GEN", 0);
}

export interface GenerateOptions {
  /** Slices due on or before this day are drafted. */
  periodTo: string;
  /** When given, slices that fell due before it are left out; leave it out to catch up everything unbilled. */
  periodFrom?: string;
  /** The day rates are looked up for service still to come (default: today in Beijing). */
  today?: string;
}

export interface GenerateSummary {
  created: string[];
  changed: string[];
  deleted: string[];
  linesAdded: number;
  linesUpdated: number;
  linesRemoved: number;
}

const groupKey = (clientId: string, ownerId: string | null) => `${clientId}|${ownerId ?? ""}`;

export async function generateBills(db: AppDb, scope: Scope, opts: GenerateOptions): Promise<BillingResult<{ summary: GenerateSummary }>> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  if (!isCalendarDate(opts.periodTo)) return billingRefusal(400, { period_to: "请填写截止日期（YYYY-MM-DD）" });
  if (opts.periodFrom !== undefined && (!isCalendarDate(opts.periodFrom) || opts.periodFrom > opts.periodTo)) return billingRefusal(400, { period_from: "开始日期无效或晚于截止日期" });
  const today = opts.today ?? todayInShanghai();
  return writeTransaction(db, async (trx) => {
    await lockGeneration(trx, scope.centerId);
    // CONCURRENCY: the generated drafts are locked before issued lines are read, so a bill issued
    // meanwhile is either waited for (and then seen as issued) or issued after this run commits.
    const drafts = await lockRows(
      trx,
      trx.selectFrom("bills").selectAll().where("center_id", "=", scope.centerId).where("kind", "=", "invoice").where("status", "=", "draft").where("period_to", "is not", null).orderBy("created_at").orderBy("id"),
    ).execute();
    const lines = (await Promise.all(chunks(drafts.map((b) => b.id)).map((ids) => trx.selectFrom("bill_lines").selectAll().where("bill_id", "in", ids).execute()))).flat();
    lines.sort((a, b) => a.bill_id.localeCompare(b.bill_id) || a.seq - b.seq);
    const wanted = await currentTruth(trx, scope, { to: opts.periodTo, from: opts.periodFrom }, today);

    const bills = new Map(drafts.map((b) => [b.id, b]));
    const touched = new Map<string, { added: number; updated: number; removed: number }>();
    const touch = (billId: string, what: "added" | "updated" | "removed") => {
      const t = touched.get(billId) ?? { added: 0, updated: 0, removed: 0 };
      t[what]++;
      touched.set(billId, t);
    };
    const present = new Set<string>();
    const moved = new Set<string>();
    const now = nowIso();
    for (const line of lines) {
      if (line.source_key === null) continue;
      const key = sliceKey(line.source_key, line.slice);
      const w = wanted.get(key);
      const bill = bills.get(line.bill_id)!;
      const elsewhere = w && (bill.client_id !== w.clientId || bill.owner_id !== w.ownerId);
      if (!w || present.has(key) || elsewhere) {
        if (elsewhere && !present.has(key)) moved.add(key);
        await trx.deleteFrom("bill_lines").where("id", "=", line.id).execute();
        touch(line.bill_id, "removed");
        continue;
      }
      present.add(key);
      if (differs(line, w.values)) {
        await trx.updateTable("bill_lines").set(w.values).where("id", "=", line.id).execute();
        touch(line.bill_id, "updated");
      }
    }

    const toAdd = [...wanted.values()]
      .filter((w) => !present.has(w.key) && (w.inWindow || moved.has(w.key)))
      .sort((a, b) => a.values.service_from!.localeCompare(b.values.service_from!) || a.key.localeCompare(b.key));
    const target = new Map<string, Bill>();
    for (const b of drafts) if (!target.has(groupKey(b.client_id, b.owner_id))) target.set(groupKey(b.client_id, b.owner_id), b);
    const created: string[] = [];
    const nextSeq = new Map<string, number>();
    for (const l of lines) nextSeq.set(l.bill_id, Math.max(nextSeq.get(l.bill_id) ?? 0, l.seq));
    for (const w of toAdd) {
      let bill = target.get(groupKey(w.clientId, w.ownerId));
      if (!bill) {
        bill = newDraft(scope, w.clientId, w.ownerId, now);
        await trx.insertInto("bills").values(bill).execute();
        bills.set(bill.id, bill);
        target.set(groupKey(w.clientId, w.ownerId), bill);
        created.push(bill.id);
      }
      const seq = (nextSeq.get(bill.id) ?? 0) + 1;
      nextSeq.set(bill.id, seq);
      await trx.insertInto("bill_lines").values({ id: newId(), center_id: scope.centerId, bill_id: bill.id, seq, ...w.values, original_line_id: null, created_at: now }).execute();
      touch(bill.id, "added");
    }

    const summary: GenerateSummary = { created, changed: [], deleted: [], linesAdded: 0, linesUpdated: 0, linesRemoved: 0 };
    for (const [billId, counts] of touched) {
      summary.linesAdded += counts.added;
      summary.linesUpdated += counts.updated;
      summary.linesRemoved += counts.removed;
      const outcome = await settleDraft(trx, scope, bills.get(billId)!, counts, created.includes(billId), now);
      if (outcome === "deleted") summary.deleted.push(billId);
      else if (outcome === "changed") summary.changed.push(billId);
    }
    return { ok: true, summary };
  });
}

function newDraft(scope: Scope, clientId: string, ownerId: string | null, now: string): Bill {
  return {
    id: newId(), center_id: scope.centerId, client_id: clientId, owner_id: ownerId, kind: "invoice", status: "draft", number: null, invoice_kind: "ordinary",
    period_from: null, period_to: null, issue_date: null, due_date: null, original_bill_id: null, credit_reason: "", buyer_name: "", buyer_tax_id: "",
    buyer_address_phone: "", buyer_bank_account: "", net_fen: 0, tax_fen: 0, total_fen: 0, tax_invoice_number: "", tax_invoice_date: null, notes: "",
    issued_by: null, issued_at: null, created_by: scope.userId, created_at: now, updated_at: now,
  };
}

/** A touched draft: its totals and period from its lines again, or gone when it has no lines left. Audited either way. */
async function settleDraft(trx: Executor, scope: Scope, bill: Bill, counts: { added: number; updated: number; removed: number }, isNew: boolean, now: string) {
  const lines = await trx.selectFrom("bill_lines").select(["net_fen", "tax_fen", "total_fen", "service_from", "service_to", "source_key"]).where("bill_id", "=", bill.id).execute();
  if (!lines.length) {
    await trx.deleteFrom("bills").where("id", "=", bill.id).execute();
    if (!isNew) await recordAudit(trx, scope, { entity: "bill", entityId: bill.id, action: "generate_delete", before: { total_fen: Number(bill.total_fen) }, after: counts });
    return isNew ? "none" : "deleted";
  }
  const totals = billTotals(lines.map((l) => ({ net_fen: Number(l.net_fen), tax_fen: Number(l.tax_fen), total_fen: Number(l.total_fen) })));
  const generated = lines.filter((l) => l.source_key !== null && l.service_from && l.service_to);
  const period = generated.length
    ? { period_from: generated.map((l) => l.service_from!).sort()[0], period_to: generated.map((l) => l.service_to!).sort().at(-1)! }
    : { period_from: bill.period_from, period_to: bill.period_to };
  await trx.updateTable("bills").set({ ...totals, ...period, updated_at: now }).where("id", "=", bill.id).execute();
  await recordAudit(trx, scope, {
    entity: "bill",
    entityId: bill.id,
    action: isNew ? "generate_create" : "generate_update",
    before: isNew ? undefined : { net_fen: Number(bill.net_fen), tax_fen: Number(bill.tax_fen), total_fen: Number(bill.total_fen) },
    after: { client_id: bill.client_id, owner_id: bill.owner_id, ...period, ...totals, lines: lines.length, ...counts },
  });
  return isNew ? "created" : "changed";
}
