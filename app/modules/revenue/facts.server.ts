// The fact table kept true: every change to an order, event, contract, red-letter bill or subsidy
// calls refreshRevenue for its source inside its own transaction; rebuildRevenue recomputes a
// center's facts from scratch (closed months kept) and checkRevenue says where they differ.
import { sql } from "kysely";
import { type Executor, insertIfAbsent } from "~db/dialect";
import { newId } from "~db/ids";
import type { FactSourceKind } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import { addMonths, type MonthKey } from "~/modules/analytics/series";
import { todayInShanghai } from "~/utils/time";
import { lockClosing } from "./closing.server";
import { desiredFacts } from "./desired.server";
import { type Fact, type FactChanges, monthTotalDeltas, planChanges, type StoredFact } from "./recognition";

export interface FactSource {
  kind: FactSourceKind;
  id: string;
}

type CenterScope = Pick<Scope, "centerId"> & Partial<Scope>;

function storedQuery(db: Executor, scope: CenterScope) {
  return db.selectFrom("revenue_facts").selectAll().where("center_id", "=", scope.centerId);
}

function toStored(r: Awaited<ReturnType<ReturnType<typeof storedQuery>["execute"]>>[number]): StoredFact {
  return {
    id: r.id,
    month: r.month,
    forMonth: r.for_month,
    sourceKind: r.source_kind,
    sourceId: r.source_id,
    origin: r.origin,
    categoryId: r.category_id,
    clientId: r.client_id,
    ownerId: r.owner_id,
    medium: r.medium,
    lineKind: r.line_kind,
    earned: Number(r.earned) === 1,
    amountFen: Number(r.amount_fen),
    useDays: Number(r.use_days),
  };
}

const INSERT_CHUNK = 400;

/** MONEY: writes the changes, and adds what they change to the month totals. */
async function applyChanges(db: Executor, scope: CenterScope, stored: readonly StoredFact[], changes: FactChanges): Promise<void> {
  for (const d of monthTotalDeltas(stored, changes).values()) {
    const key = { center_id: scope.centerId, month: d.month, category_id: d.categoryId, earned: d.earned ? 1 : 0 };
    await insertIfAbsent(db, "revenue_month_totals", { ...key, amount_fen: 0 });
    await db
      .updateTable("revenue_month_totals")
      .set((eb) => ({ amount_fen: eb("amount_fen", "+", d.amountFen) }))
      .where((eb) => eb.and(key))
      .execute();
  }
  for (let i = 0; i < changes.remove.length; i += 500) {
    await db.deleteFrom("revenue_facts").where("center_id", "=", scope.centerId).where("id", "in", changes.remove.slice(i, i + 500)).execute();
  }
  for (const u of changes.update) {
    await db.updateTable("revenue_facts").set({ amount_fen: u.amountFen, use_days: u.useDays }).where("center_id", "=", scope.centerId).where("id", "=", u.id).execute();
  }
  for (let i = 0; i < changes.insert.length; i += INSERT_CHUNK) {
    await db.insertInto("revenue_facts").values(changes.insert.slice(i, i + INSERT_CHUNK).map((f) => factRow(scope, f))).execute();
  }
}

function factRow(scope: CenterScope, f: Fact) {
  return {
    id: newId(),
    center_id: scope.centerId,
    month: f.month,
    for_month: f.forMonth,
    source_kind: f.sourceKind,
    source_id: f.sourceId,
    origin: f.origin,
    category_id: f.categoryId,
    client_id: f.clientId,
    owner_id: f.ownerId,
    medium: f.medium,
    line_kind: f.lineKind,
    earned: f.earned ? 1 : 0,
    amount_fen: f.amountFen,
    use_days: f.useDays,
  };
}

/**
 * CONCURRENCY, MONEY: brings the facts of these sources to what they now earn, in the caller's
 * write transaction. The center's closing row is locked first, so a month cannot close while its
 * facts are being written and two changes to one center's facts follow each other.
 */
export async function refreshRevenue(trx: Executor, scope: CenterScope, sources: readonly FactSource[], today = todayInShanghai()): Promise<void> {
  if (!sources.length) return;
  const closed = await lockClosing(trx, scope);
  for (const source of uniqueSources(sources)) {
    const [stored, wanted] = await Promise.all([
      storedQuery(trx, scope).where("source_kind", "=", source.kind).where("source_id", "=", source.id).execute(),
      desiredFacts(trx, scope as Scope, { source }),
    ]);
    const facts = stored.map(toStored);
    await applyChanges(trx, scope, facts, planChanges(facts, wanted, closed, today.slice(0, 7)));
  }
}

/** Every source with facts in a category. */
export async function sourcesOfCategory(db: Executor, scope: CenterScope, categoryId: string): Promise<FactSource[]> {
  const rows = await db.selectFrom("revenue_facts").select(["source_kind", "source_id"]).distinct().where("center_id", "=", scope.centerId).where("category_id", "=", categoryId).execute();
  return rows.map((r) => ({ kind: r.source_kind, id: r.source_id }));
}

function uniqueSources(sources: readonly FactSource[]): FactSource[] {
  return [...new Map(sources.map((s) => [`${s.kind}:${s.id}`, s])).values()];
}

/** The months any source of the center has income in (facts included), first and last. */
async function span(db: Executor, scope: CenterScope): Promise<{ from: MonthKey; to: MonthKey } | null> {
  const c = scope.centerId;
  const [lines, events, contracts, bills, subsidies, facts] = await Promise.all([
    db.selectFrom("order_lines").select((e) => [e.fn.min("start_date").as("lo"), e.fn.max("end_date").as("hi")]).where("center_id", "=", c).executeTakeFirst(),
    db.selectFrom("events").select((e) => [e.fn.min("starts_at").as("lo"), e.fn.max("ends_at").as("hi")]).where("center_id", "=", c).executeTakeFirst(),
    db.selectFrom("contracts").select((e) => [e.fn.min("start_date").as("lo"), e.fn.max("end_date").as("hi")]).where("center_id", "=", c).executeTakeFirst(),
    db.selectFrom("contract_milestones").select((e) => [e.fn.min("accepted_on").as("lo"), e.fn.max("accepted_on").as("hi")]).where("center_id", "=", c).executeTakeFirst(),
    db.selectFrom("subsidies").select((e) => [e.fn.min("received_on").as("lo"), e.fn.max("received_on").as("hi")]).where("center_id", "=", c).executeTakeFirst(),
    db.selectFrom("revenue_facts").select((e) => [e.fn.min("for_month").as("lo"), e.fn.max("for_month").as("hi")]).where("center_id", "=", c).executeTakeFirst(),
  ]);
  const bounds = [lines, events, contracts, bills, subsidies, facts].flatMap((r) => (r?.lo && r?.hi ? [{ lo: String(r.lo).slice(0, 7), hi: String(r.hi).slice(0, 7) }] : []));
  const credits = await db.selectFrom("bills").select((e) => [e.fn.min("issue_date").as("lo"), e.fn.max("issue_date").as("hi")]).where("center_id", "=", c).where("kind", "=", "credit").executeTakeFirst();
  if (credits?.lo && credits?.hi) bounds.push({ lo: String(credits.lo).slice(0, 7), hi: String(credits.hi).slice(0, 7) });
  if (!bounds.length) return null;
  return { from: bounds.map((b) => b.lo).sort()[0], to: bounds.map((b) => b.hi).sort().at(-1)! };
}

/** Months of one year of the span at a time, so a large center is recomputed in bounded memory. */
function* yearsOf(range: { from: MonthKey; to: MonthKey }): Generator<{ from: MonthKey; to: MonthKey }> {
  for (let y = Number(range.from.slice(0, 4)); y <= Number(range.to.slice(0, 4)); y++) {
    yield { from: `${y}-01`, to: `${y}-12` };
  }
}

const lastDay = (month: MonthKey) => `${addMonths(month, 1)}-01`;

export interface RebuildReport {
  facts: number;
  months: number;
  seconds: number;
}

/**
 * Recomputes every fact of the center from its sources: open months are written afresh; what a
 * closed month would now say differently is reported in the current month, as a change would.
 * Runs in the caller's write transaction.
 */
export async function rebuildRevenue(trx: Executor, scope: CenterScope, today = todayInShanghai()): Promise<RebuildReport> {
  const started = Date.now();
  const closed = await lockClosing(trx, scope);
  const range = await span(trx, scope);
  let facts = 0;
  let months = 0;
  for (const year of range ? yearsOf(range) : []) {
    const period = { from: `${year.from}-01`, to: dayBefore(lastDay(year.to)) };
    const [wanted, stored] = await Promise.all([
      desiredFacts(trx, scope as Scope, { period }),
      storedQuery(trx, scope).where("for_month", ">=", year.from).where("for_month", "<=", year.to).execute(),
    ]);
    const rows = stored.map(toStored);
    await applyChanges(trx, scope, rows, planChanges(rows, wanted, closed, today.slice(0, 7)));
    facts += wanted.length;
    months += 12;
  }
  await recountMonthTotals(trx, scope);
  return { facts, months, seconds: (Date.now() - started) / 1000 };
}

/** The month totals of a center made afresh from its facts (also for tests that write facts directly). */
export async function recountMonthTotals(trx: Executor, scope: CenterScope): Promise<void> {
  await trx.deleteFrom("revenue_month_totals").where("center_id", "=", scope.centerId).execute();
  await sql`insert into revenue_month_totals (center_id, month, category_id, earned, amount_fen)
    select center_id, month, category_id, earned, sum(amount_fen) from revenue_facts
    where center_id = ${scope.centerId} group by center_id, month, category_id, earned having sum(amount_fen) <> 0`.execute(trx);
}

/** Month totals that differ from the sums of the facts (a total of 0 and a missing row are the same). */
async function monthTotalDrift(db: Executor, scope: CenterScope): Promise<Drift[]> {
  const [sums, totals] = await Promise.all([
    db.selectFrom("revenue_facts").select(["month", "category_id", "earned", sql<number | string>`sum(amount_fen)`.as("amount_fen")]).where("center_id", "=", scope.centerId).groupBy(["month", "category_id", "earned"]).execute(),
    db.selectFrom("revenue_month_totals").selectAll().where("center_id", "=", scope.centerId).execute(),
  ]);
  const key = (r: { month: string; category_id: string; earned: number | string }) => `${r.month}|${r.category_id}|${Number(r.earned)}`;
  const wanted = new Map(sums.map((r) => [key(r), Number(r.amount_fen)]));
  const stored = new Map(totals.map((r) => [key(r), Number(r.amount_fen)]));
  const drift: Drift[] = [];
  for (const k of new Set([...wanted.keys(), ...stored.keys()])) {
    const [month, category] = k.split("|");
    if ((wanted.get(k) ?? 0) !== (stored.get(k) ?? 0)) drift.push({ month, forMonth: month, source: `月合计:${category}`, stored: stored.get(k) ?? 0, wanted: wanted.get(k) ?? 0 });
  }
  return drift;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export interface Drift {
  month: MonthKey;
  forMonth: MonthKey;
  source: string;
  stored: number;
  wanted: number;
}

/**
 * Where the stored facts differ from a rebuild, without writing: per reported month, days' month and
 * source, the stored and the recomputed amount. Empty when the maintained table is right.
 */
export async function checkRevenue(db: Executor, scope: CenterScope, today = todayInShanghai()): Promise<Drift[]> {
  const closed = (await db.selectFrom("revenue_closings").select("closed_through").where("center_id", "=", scope.centerId).executeTakeFirst())?.closed_through ?? null;
  const range = await span(db, scope);
  const drift: Drift[] = [];
  for (const year of range ? yearsOf(range) : []) {
    const period = { from: `${year.from}-01`, to: dayBefore(lastDay(year.to)) };
    const [wanted, rows] = await Promise.all([
      desiredFacts(db, scope as Scope, { period }),
      storedQuery(db, scope).where("for_month", ">=", year.from).where("for_month", "<=", year.to).execute(),
    ]);
    const stored = rows.map(toStored);
    const changes = planChanges(stored, wanted, closed, today.slice(0, 7));
    const byId = new Map(stored.map((s) => [s.id, s]));
    const row = (f: Fact, wantedFen: number, storedFen: number) => ({ month: f.month, forMonth: f.forMonth, source: `${f.sourceKind}:${f.sourceId}`, stored: storedFen, wanted: wantedFen });
    for (const f of changes.insert) drift.push(row(f, f.amountFen, 0));
    for (const u of changes.update) drift.push(row(byId.get(u.id)!, u.amountFen, byId.get(u.id)!.amountFen));
    for (const id of changes.remove) drift.push(row(byId.get(id)!, 0, byId.get(id)!.amountFen));
  }
  return [...drift, ...(await monthTotalDrift(db, scope))];
}
