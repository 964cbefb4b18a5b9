// What the facts of some sources should be now: read from the income seam (with each source's
// billing plan and the dated VAT rates), the outdoor and LED lines' use, the red-letter bills and
// the subsidies received.
import { sql } from "kysely";
import { type Executor, likeLiteral } from "~db/dialect";
import type { LineKind, Medium } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import { loadPricing } from "~/modules/billing/generate.server";
import { planKey, plansFor } from "~/modules/billing/plans.server";
import { vatRateOn } from "~/modules/billing/tax";
import { incomeEntries } from "~/modules/income/sources.server";
import type { Period, SourceKind } from "~/modules/income/seam";
import { addDays } from "~/modules/inventory/calendar-dates";
import { type EntryDetail, type Fact, mergeFacts, occupancyFacts, scheduleFacts } from "./recognition";

/** The media whose use is counted for occupancy (上刊率). */
export const OCCUPANCY_MEDIA: readonly Medium[] = ["outdoor_static", "led"];

/** One source, or every source whose days fall in a period (facts outside it left out). */
export type FactQuery = { source: { kind: SourceKind | "subsidy"; id: string } } | { period: Period };

const inPeriod = (query: FactQuery) => (f: Fact) => !("period" in query) || (f.forMonth >= query.period.from.slice(0, 7) && f.forMonth <= query.period.to.slice(0, 7));

async function scheduleOf(db: Executor, scope: Scope, query: FactQuery): Promise<Fact[]> {
  if ("source" in query && query.source.kind === "subsidy") return [];
  const entries = await incomeEntries(db, scope, "source" in query ? { source: query.source as { kind: SourceKind; id: string } } : { period: query.period });
  if (!entries.length) return [];
  const [plans, pricing] = await Promise.all([plansFor(db, scope, entries.map((e) => e.source)), loadPricing(db, scope.centerId)]);
  const facts: Fact[] = [];
  for (const entry of entries) {
    const group = pricing.categories.get(entry.categoryId)?.report_group ?? null;
    const rateOn = (date: string) => vatRateOn(pricing.rates, pricing.status, group, date) ?? 0;
    const detail: EntryDetail = { medium: entry.medium ?? "", lineKind: entry.lineKind ?? "" };
    facts.push(...scheduleFacts(entry, detail, plans.get(planKey(entry.source))!.schedule, rateOn));
  }
  return facts;
}

/** Confirmed outdoor and LED lines of any kind: what they use of their units, month by month. */
async function occupancyOf(db: Executor, scope: Scope, query: FactQuery): Promise<Fact[]> {
  if ("source" in query && query.source.kind !== "order") return [];
  let q = db
    .selectFrom("order_lines as l")
    .innerJoin("orders as o", (j) => j.onRef("o.id", "=", "l.order_id").onRef("o.center_id", "=", "l.center_id"))
    .innerJoin("units as u", "u.id", "l.unit_id")
    .innerJoin("revenue_categories as c", "c.id", "u.category_id")
    .select(["l.order_id", "l.start_date", "l.end_date", "l.daily_use", "l.kind", "u.medium", "u.category_id", "o.client_id", "o.owner_id", "c.is_earned"])
    .where("l.center_id", "=", scope.centerId)
    .where("l.state", "=", "confirmed")
    .where("u.medium", "in", [...OCCUPANCY_MEDIA]);
  if ("source" in query) q = q.where("l.order_id", "=", query.source.id);
  else q = q.where("l.end_date", ">=", query.period.from).where("l.start_date", "<=", query.period.to);
  const rows = await q.execute();
  return rows.flatMap((r) =>
    occupancyFacts({
      orderId: r.order_id,
      from: r.start_date,
      to: r.end_date,
      dailyUse: Number(r.daily_use),
      medium: r.medium,
      kind: r.kind as LineKind,
      categoryId: r.category_id,
      clientId: r.client_id,
      ownerId: r.owner_id,
      earned: Boolean(r.is_earned),
    }),
  );
}

/** MONEY: issued red-letter bills reverse their lines' net on the day they are issued. */
async function creditsOf(db: Executor, scope: Scope, query: FactQuery): Promise<Fact[]> {
  if ("source" in query && query.source.kind === "subsidy") return [];
  let rows: Awaited<ReturnType<ReturnType<typeof creditLines>["execute"]>> = [];
  if ("source" in query) {
    // One source's lines through the (center, source key) index: keys start with "<kind>:<id>:".
    rows = await creditLines(db).where("l.center_id", "=", scope.centerId).where(likeLiteral(sql.ref("l.source_key"), { prefix: `${query.source.kind}:${query.source.id}:` })).execute();
  } else {
    // A period's credit bills first, then their lines: MariaDB would otherwise walk every bill line.
    const ids = (
      await db.selectFrom("bills").select("id").where("center_id", "=", scope.centerId).where("status", "=", "issued").where("kind", "=", "credit").where("issue_date", ">=", query.period.from).where("issue_date", "<=", query.period.to).execute()
    ).map((b) => b.id);
    for (let i = 0; i < ids.length; i += 500) rows.push(...(await creditLines(db).where("l.bill_id", "in", ids.slice(i, i + 500)).execute()));
  }
  const earned = new Map((await db.selectFrom("revenue_categories").select(["id", "is_earned"]).where("center_id", "=", scope.centerId).execute()).map((c) => [c.id, Boolean(c.is_earned)]));
  return rows.map((r) => {
    const month = r.issue_date!.slice(0, 7);
    return {
      month,
      forMonth: month,
      sourceKind: r.source_kind!,
      sourceId: r.source_id!,
      origin: "credit" as const,
      categoryId: r.category_id!,
      clientId: r.client_id,
      ownerId: r.owner_id ?? "",
      medium: "" as const,
      lineKind: "" as const,
      earned: earned.get(r.category_id!) ?? true,
      amountFen: Number(r.net_fen),
      useDays: 0,
    };
  });
}

/** Credit bill lines with their bill's day, client and rep (categories are looked up apart: joining them sends MariaDB through every line of the category). */
function creditLines(db: Executor) {
  return db
    .selectFrom("bill_lines as l")
    .innerJoin("bills as b", "b.id", "l.bill_id")
    .select(["l.source_kind", "l.source_id", "l.category_id", "l.net_fen", "b.issue_date", "b.client_id", "b.owner_id"])
    .where("b.kind", "=", "credit")
    .where("b.status", "=", "issued")
    .where("l.source_kind", "is not", null);
}

/** Fiscal subsidies are recognised whole in the month they are received. */
async function subsidiesOf(db: Executor, scope: Scope, query: FactQuery): Promise<Fact[]> {
  if ("source" in query && query.source.kind !== "subsidy") return [];
  let q = db
    .selectFrom("subsidies as s")
    .innerJoin("revenue_categories as c", "c.id", "s.category_id")
    .select(["s.id", "s.category_id", "s.received_on", "s.amount_fen", "c.is_earned"])
    .where("s.center_id", "=", scope.centerId);
  if ("source" in query) q = q.where("s.id", "=", query.source.id);
  else q = q.where("s.received_on", ">=", query.period.from).where("s.received_on", "<", addDays(query.period.to, 1));
  const rows = await q.execute();
  return rows.map((r) => {
    const month = r.received_on.slice(0, 7);
    return {
      month,
      forMonth: month,
      sourceKind: "subsidy" as const,
      sourceId: r.id,
      origin: "schedule" as const,
      categoryId: r.category_id,
      clientId: "",
      ownerId: "",
      medium: "" as const,
      lineKind: "" as const,
      earned: Boolean(r.is_earned),
      amountFen: Number(r.amount_fen),
      useDays: 0,
    };
  });
}

/** The facts the query's sources should have, each reported in the month of its days. */
export async function desiredFacts(db: Executor, scope: Scope, query: FactQuery): Promise<Fact[]> {
  const parts = await Promise.all([scheduleOf(db, scope, query), occupancyOf(db, scope, query), creditsOf(db, scope, query), subsidiesOf(db, scope, query)]);
  return mergeFacts(parts.flat().filter(inPeriod(query)));
}
