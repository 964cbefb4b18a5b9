// 销售业绩 by sales rep for the period:
// - booked (预订额, ex-VAT): the paid lines still confirmed of orders confirmed in the period (by
//   the Beijing day of confirmation), sponsorships of events (not cancelled) starting in the
//   period, and contracts signed in the period (signed_on), each converted to ex-VAT at the VAT
//   rate of its category's group on that day, as bills would be;
// - recognised (确认收入): earned income of the period from the fact table (owner_id);
// - collected (回款, with VAT: cash): allocations of payments received in the period and not
//   reversed, to bills of the rep (the bill's owner, else its client's owner);
// - target: the rep's yearly targets (revenue_targets, subject 'rep') pro rata by the months of the
//   period in each year.
import { sql } from "kysely";
import type { ReportGroup } from "~db/schema";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { lineMoney, vatRateOn } from "~/modules/billing/tax";
import { addDays } from "~/modules/inventory/calendar-dates";
import { mulDivHalfUp } from "~/utils/money";
import { todayInShanghai } from "~/utils/time";
import { factTotals } from "../facts-query.server";
import { monthRange } from "../series";
import { factFilterOf, periodDates } from "./filters.server";
import type { ReportFilter } from "./filter-types";

export interface SalesRow {
  owner_id: string;
  name: string;
  booked: number;
  recognised: number;
  collected: number;
  /** The yearly targets pro rata for the period; null when the rep has none. */
  target: number | null;
}

export interface SalesReport {
  rows: SalesRow[];
  totals: Omit<SalesRow, "owner_id" | "name">;
  /** Fiscal subsidy of the period (no rep earns it): shown apart. */
  subsidy: number;
}

interface BookedPiece {
  owner_id: string;
  group: ReportGroup;
  date: string;
  taxIncluded: boolean;
  amount: number;
}

/** Beijing day D starts at (D−1)T16:00Z: instants inside the period's days. */
const dayStartUtc = (date: string) => `${addDays(date, -1)}T16:00:00.000Z`;

async function bookedPieces(db: Executor, scope: Pick<Scope, "centerId">, filter: ReportFilter): Promise<BookedPiece[]> {
  const days = periodDates(filter);
  const center = scope.centerId;
  let orders = db
    .selectFrom("order_lines as l")
    .innerJoin("orders as o", (j) => j.onRef("o.id", "=", "l.order_id").onRef("o.center_id", "=", "l.center_id"))
    .innerJoin("units as u", "u.id", "l.unit_id")
    .innerJoin("revenue_categories as c", "c.id", "u.category_id")
    .select(["o.id", "o.owner_id", "o.confirmed_at", "c.report_group", sql<number>`sum(l.net_fen)`.as("amount")])
    .where("l.center_id", "=", center)
    .where("l.state", "=", "confirmed")
    .where("l.kind", "=", "paid")
    .where("o.confirmed_at", ">=", dayStartUtc(days.from))
    .where("o.confirmed_at", "<", dayStartUtc(addDays(days.to, 1)))
    .groupBy(["o.id", "o.owner_id", "o.confirmed_at", "c.report_group"]);
  if (filter.categoryIds) orders = orders.where("u.category_id", "in", filter.categoryIds);
  if (filter.medium) orders = orders.where("u.medium", "=", filter.medium);
  if (filter.clientId) orders = orders.where("o.client_id", "=", filter.clientId);
  if (filter.ownerId) orders = orders.where("o.owner_id", "=", filter.ownerId);

  let events = db
    .selectFrom("event_sponsors as s")
    .innerJoin("events as e", (j) => j.onRef("e.id", "=", "s.event_id").onRef("e.center_id", "=", "s.center_id"))
    .innerJoin("revenue_categories as c", "c.id", "e.category_id")
    .select(["e.id", "e.owner_id", "e.starts_at", "c.report_group", sql<number>`sum(s.amount_fen)`.as("amount")])
    .where("s.center_id", "=", center)
    .where("e.status", "<>", "cancelled")
    .where("e.starts_at", ">=", days.from)
    .where("e.starts_at", "<", addDays(days.to, 1))
    .groupBy(["e.id", "e.owner_id", "e.starts_at", "c.report_group"]);
  if (filter.categoryIds) events = events.where("e.category_id", "in", filter.categoryIds);
  if (filter.clientId) events = events.where("s.client_id", "=", filter.clientId);
  if (filter.ownerId) events = events.where("e.owner_id", "=", filter.ownerId);

  let contracts = db
    .selectFrom("contracts as k")
    .innerJoin("revenue_categories as c", "c.id", "k.category_id")
    .select(["k.owner_id", "k.signed_on", "k.tax_included", "k.amount_fen", "c.report_group"])
    .where("k.center_id", "=", center)
    .where("k.status", "not in", ["draft", "pending"])
    .where("k.signed_on", ">=", days.from)
    .where("k.signed_on", "<=", days.to);
  if (filter.categoryIds) contracts = contracts.where("k.category_id", "in", filter.categoryIds);
  if (filter.clientId) contracts = contracts.where("k.client_id", "=", filter.clientId);
  if (filter.ownerId) contracts = contracts.where("k.owner_id", "=", filter.ownerId);

  // A medium narrows to ad lines: events and contracts have none.
  const [o, e, k] = await Promise.all([orders.execute(), filter.medium ? [] : events.execute(), filter.medium ? [] : contracts.execute()]);
  return [
    ...o.map((r) => ({ owner_id: r.owner_id, group: r.report_group, date: todayInShanghai(new Date(r.confirmed_at!)), taxIncluded: true, amount: Number(r.amount) })),
    ...e.map((r) => ({ owner_id: r.owner_id, group: r.report_group, date: r.starts_at.slice(0, 10), taxIncluded: true, amount: Number(r.amount) })),
    ...k.map((r) => ({ owner_id: r.owner_id, group: r.report_group, date: r.signed_on!, taxIncluded: Boolean(r.tax_included), amount: Number(r.amount_fen) })),
  ];
}

async function collectedByRep(db: Executor, scope: Pick<Scope, "centerId">, filter: ReportFilter): Promise<Map<string, number>> {
  const days = periodDates(filter);
  const owner = sql<string>`coalesce(b.owner_id, cl.owner_id, '')`;
  let q = db
    .selectFrom("payments as p")
    .innerJoin("payment_allocations as a", (j) => j.onRef("a.payment_id", "=", "p.id").onRef("a.center_id", "=", "p.center_id"))
    .innerJoin("bills as b", (j) => j.onRef("b.id", "=", "a.bill_id").onRef("b.center_id", "=", "a.center_id"))
    .leftJoin("clients as cl", "cl.id", "b.client_id")
    .select([owner.as("owner_id"), sql<number>`sum(a.amount_fen)`.as("amount")])
    .where("p.center_id", "=", scope.centerId)
    .where("p.reversed_on", "is", null)
    .where("p.received_on", ">=", days.from)
    .where("p.received_on", "<=", days.to)
    .groupBy(owner);
  if (filter.clientId) q = q.where("b.client_id", "=", filter.clientId);
  if (filter.ownerId) q = q.where(owner, "=", filter.ownerId);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.owner_id ?? "", Number(r.amount)]));
}

/** Σ over the period's years of target × (months of the period in that year) ÷ 12, half-up. */
async function targetsByRep(db: Executor, scope: Pick<Scope, "centerId">, filter: ReportFilter): Promise<Map<string, number>> {
  const monthsPerYear = new Map<number, number>();
  for (const m of monthRange(filter.from, filter.to)) monthsPerYear.set(Number(m.slice(0, 4)), (monthsPerYear.get(Number(m.slice(0, 4))) ?? 0) + 1);
  let q = db.selectFrom("revenue_targets").select(["year", "subject_id", "amount_fen"]).where("center_id", "=", scope.centerId).where("subject", "=", "rep").where("year", "in", [...monthsPerYear.keys()]);
  if (filter.ownerId) q = q.where("subject_id", "=", filter.ownerId);
  const out = new Map<string, number>();
  for (const r of await q.execute()) {
    const share = mulDivHalfUp(Math.max(0, Number(r.amount_fen)), monthsPerYear.get(Number(r.year)) ?? 0, 12);
    out.set(r.subject_id, (out.get(r.subject_id) ?? 0) + share);
  }
  return out;
}

export async function salesReport(db: Executor, scope: Pick<Scope, "centerId">, filter: ReportFilter): Promise<SalesReport> {
  const [pieces, facts, collected, targets, rates, center, users] = await Promise.all([
    bookedPieces(db, scope, filter),
    factTotals(db, scope, factFilterOf(filter), ["owner", "earned"]),
    collectedByRep(db, scope, filter),
    targetsByRep(db, scope, filter),
    db.selectFrom("vat_rates").select(["taxpayer_status", "report_group", "rate_bp", "valid_from", "valid_to"]).where("center_id", "=", scope.centerId).execute(),
    db.selectFrom("centers").select("taxpayer_status").where("id", "=", scope.centerId).executeTakeFirstOrThrow(),
    db.selectFrom("users").select(["id", "display_name"]).where("center_id", "=", scope.centerId).execute(),
  ]);
  const dated = rates.map((r) => ({ ...r, rate_bp: Number(r.rate_bp) }));
  const booked = new Map<string, number>();
  for (const p of pieces) {
    // MONEY: the same conversion a bill line makes; no rate set means the amount is taken as it is.
    const rate = vatRateOn(dated, center.taxpayer_status, p.group, p.date) ?? 0;
    booked.set(p.owner_id, (booked.get(p.owner_id) ?? 0) + lineMoney(p.amount, p.taxIncluded, rate).net_fen);
  }
  const recognised = new Map<string, number>();
  let subsidy = 0;
  for (const f of facts) {
    if (Number(f.earned) === 1) recognised.set(f.owner_id ?? "", (recognised.get(f.owner_id ?? "") ?? 0) + f.amount_fen);
    else subsidy += f.amount_fen;
  }
  const names = new Map(users.map((u) => [u.id, u.display_name]));
  const ids = new Set([...booked.keys(), ...recognised.keys(), ...collected.keys(), ...targets.keys()]);
  if (filter.ownerId) for (const id of [...ids]) if (id !== filter.ownerId) ids.delete(id);
  const rows: SalesRow[] = [...ids]
    .map((id) => ({
      owner_id: id,
      name: names.get(id) ?? "",
      booked: booked.get(id) ?? 0,
      recognised: recognised.get(id) ?? 0,
      collected: collected.get(id) ?? 0,
      target: targets.has(id) ? targets.get(id)! : null,
    }))
    // A rep with nothing at all in the period (only zero-amount lines, such as bonus use) is left out.
    .filter((r) => r.booked || r.recognised || r.collected || r.target !== null);
  // Named reps by recognised income, largest first; income with no rep last.
  rows.sort((a, b) => Number(a.owner_id === "") - Number(b.owner_id === "") || b.recognised - a.recognised || a.name.localeCompare(b.name, "zh"));
  const sum = (pick: (r: SalesRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const anyTarget = rows.some((r) => r.target !== null);
  return {
    rows,
    totals: { booked: sum((r) => r.booked), recognised: sum((r) => r.recognised), collected: sum((r) => r.collected), target: anyTarget ? sum((r) => r.target ?? 0) : null },
    subsidy,
  };
}
