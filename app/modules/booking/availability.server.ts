// 找空位: which units have free days in a date range. A handful of set-based queries over the
// whole center (units, the rate cards and permits in force, the lines that count), then one pass
// per unit over typed day arrays; no query runs per unit or per day. Capacity is counted by the
// booking core's own rule (countingLines), so the search and the booking never disagree.
import type { Executor } from "~db/dialect";
import type { CapacityUnit, Medium, PriceBasis, UnitStatus } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import { dayNumber, fromDayNumber, inclusiveDays } from "~/modules/inventory/calendar-dates";
import { MEDIA, type SizeClass, sizeClass } from "~/modules/inventory/model";
import { unsellableReason } from "~/modules/inventory/sellability";
import { type AvailabilityFilter, PAGE_SIZE } from "./availability-filter";
import { accumulate, countingLines, type Usage } from "./capacity.server";

export interface AvailabilityPrice {
  basis: PriceBasis;
  /** Per basis; for spot cards the cheapest spot of the card. */
  priceFen: number;
}

export interface AvailabilityRow {
  id: string;
  code: string;
  name: string;
  medium: Medium;
  siteName: string | null;
  district: string | null;
  sizeClass: SizeClass | null;
  capacity: number;
  capacityUnit: CapacityUnit;
  price: AvailabilityPrice | null;
  freeDays: number;
  /** Usage over capacity × days, in tenths of a percent (123 = 12.3 %). */
  fillPermille: number;
  /** Shared units only (capacity > 1): capacity left on each day of the range; null where not sellable. */
  remaining: (number | null)[] | null;
}

export interface AvailabilityResult {
  rows: AvailabilityRow[];
  total: number;
  page: number;
  pageSize: number;
  days: number;
}

/** What the search needs of every candidate; names and prices are read for the page's rows only. */
interface UnitFacts {
  id: string;
  code: string;
  medium: Medium;
  site_id: string | null;
  capacity: number;
  status: UnitStatus;
  maintenance_from: string | null;
  maintenance_to: string | null;
  width_cm?: number | null;
  height_cm?: number | null;
}

/**
 * Up to this many candidate units the usage query names them (index on unit_id, rows in
 * proportion); above it one range scan of the center's window is cheaper. Measured on county-l
 * (300,000 lines, 90 days): the two cross near 1,500 units on MariaDB, later on SQLite.
 */
const NAMED_UNITS_LIMIT = 1000;

async function candidateUnits(db: Executor, scope: Scope, filter: AvailabilityFilter): Promise<UnitFacts[]> {
  const columns = ["units.id", "units.code", "units.medium", "units.site_id", "units.capacity", "units.status", "units.maintenance_from", "units.maintenance_to"] as const;
  const base = db
    .selectFrom("units")
    .where("units.center_id", "=", scope.centerId)
    .where("units.archived", "=", 0)
    // A disabled unit is unsellable on every day, so it can never have a free day.
    .where("units.status", "<>", "disabled");
  const query = (filter.medium ? base.where("units.medium", "=", filter.medium) : base).select(columns);
  if (!filter.facilityType && !filter.district && !filter.sizeClass) return query.execute();
  // The site is read only when a filter asks about it: the join costs a lookup per unit.
  let joined = query.innerJoin("sites", "sites.id", "units.site_id").select(["sites.width_cm", "sites.height_cm"]);
  if (filter.facilityType) joined = joined.where("sites.facility_type", "=", filter.facilityType);
  if (filter.district) joined = joined.where("sites.district", "=", filter.district);
  return joined.execute();
}

interface Card {
  id: string;
  unit_id: string;
  effective_from: string;
  basis: PriceBasis;
  price_fen: number;
}

/** The card in force on `day` for each unit (the latest that started on or before it); all units or the named ones. */
async function pricesOn(db: Executor, scope: Scope, day: string, unitIds: string[] | null): Promise<Map<string, AvailabilityPrice>> {
  let query = db
    .selectFrom("rate_cards")
    .select(["id", "unit_id", "effective_from", "basis", "price_fen"])
    .where("center_id", "=", scope.centerId)
    .where("effective_from", "<=", day);
  if (unitIds) query = query.where("unit_id", "in", unitIds.length ? unitIds : [""]);
  const cards: Card[] = await query.execute();
  const latest = new Map<string, Card>();
  for (const card of cards) {
    const seen = latest.get(card.unit_id);
    if (!seen || seen.effective_from < card.effective_from) latest.set(card.unit_id, card);
  }
  const spotCards = [...latest.values()].filter((c) => c.basis === "spot").map((c) => c.id);
  const cheapest = new Map<string, number>();
  if (spotCards.length) {
    const spots = await db
      .selectFrom("rate_card_spot_prices")
      .select(["rate_card_id", (eb) => eb.fn.min("price_fen").as("price_fen")])
      .where("center_id", "=", scope.centerId)
      .where("rate_card_id", "in", spotCards)
      .groupBy("rate_card_id")
      .execute();
    for (const s of spots) cheapest.set(s.rate_card_id, Number(s.price_fen));
  }
  const prices = new Map<string, AvailabilityPrice>();
  for (const [unitId, card] of latest) {
    const priceFen = card.basis === "spot" ? cheapest.get(card.id) : Number(card.price_fen);
    if (priceFen !== undefined) prices.set(unitId, { basis: card.basis, priceFen });
  }
  return prices;
}

/** Names, site and size of the page's units. */
async function pageDetails(db: Executor, scope: Scope, unitIds: string[]) {
  if (!unitIds.length) return new Map<string, never>();
  const rows = await db
    .selectFrom("units")
    .leftJoin("sites", "sites.id", "units.site_id")
    .select(["units.id", "units.name", "units.capacity_unit", "sites.name as site_name", "sites.district", "sites.width_cm", "sites.height_cm"])
    .where("units.center_id", "=", scope.centerId)
    .where("units.id", "in", unitIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function permitsBySite(db: Executor, scope: Scope, from: string, to: string) {
  const rows = await db
    .selectFrom("permits")
    .select(["site_id", "start_date", "end_date"])
    .where("center_id", "=", scope.centerId)
    .where("end_date", ">=", from)
    .where("start_date", "<=", to)
    .execute();
  const bySite = new Map<string, { start_date: string; end_date: string }[]>();
  for (const p of rows) {
    const list = bySite.get(p.site_id);
    if (list) list.push(p);
    else bySite.set(p.site_id, [p]);
  }
  return bySite;
}

/** A stretch of sellable days: the mask and how many days it holds. Shared masks are never written to. */
interface Sellable {
  mask: Uint8Array;
  count: number;
}

/** The window's dates, each date's index (boundaries are looked up, not parsed), and the two common masks. */
export interface WindowDays {
  dates: string[];
  index: Map<string, number>;
  always: Sellable;
  never: Sellable;
}

export function windowDays(from: string, length: number): WindowDays {
  const base = dayNumber(from);
  const dates = Array.from({ length }, (_, i) => fromDayNumber(base + i));
  return { dates, index: new Map(dates.map((d, i) => [d, i])), always: { mask: new Uint8Array(length).fill(1), count: length }, never: { mask: new Uint8Array(length), count: 0 } };
}

/**
 * Sellable days of the window. Sellability only changes where a maintenance window or a permit
 * starts or ends, so the one rule (unsellableReason) is asked once per stretch between those
 * days rather than once per day; a boundary outside the window changes nothing inside it.
 */
export function sellableDays(unit: Parameters<typeof unsellableReason>[0], window: WindowDays): Sellable {
  const length = window.dates.length;
  const cuts = [0];
  const cut = (date: string | null, after: 0 | 1) => {
    const i = date === null ? undefined : window.index.get(date);
    if (i !== undefined && i + after < length && i + after > 0) cuts.push(i + after);
  };
  if (unit.maintenance_from && unit.maintenance_to) {
    cut(unit.maintenance_from, 0);
    cut(unit.maintenance_to, 1);
  }
  for (const p of unit.permits) {
    cut(p.start_date, 0);
    cut(p.end_date, 1);
  }
  // Most units are sellable, or not, for the whole window: no boundary inside it.
  if (cuts.length === 1) return unsellableReason(unit, window.dates[0]) === null ? window.always : window.never;
  cuts.sort((x, y) => x - y);
  const mask = new Uint8Array(length);
  let count = 0;
  for (let k = 0; k < cuts.length; k++) {
    const start = cuts[k];
    const end = k + 1 < cuts.length ? cuts[k + 1] : length;
    if (start === end || unsellableReason(unit, window.dates[start]) !== null) continue;
    mask.fill(1, start, end);
    count += end - start;
  }
  return { mask, count };
}

async function usageFor(db: Executor, scope: Scope, filter: AvailabilityFilter, now: string, unitIds: string[] | null): Promise<Usage> {
  const window = { from: filter.from, to: filter.to, now };
  const lines = await countingLines(db, scope.centerId, window, unitIds).execute();
  return accumulate(new Map(), window, lines);
}

/** Faces of one site share its permits, so units without a maintenance window share one mask. */
function sellableMasks(permits: Map<string, { start_date: string; end_date: string }[]>, window: WindowDays) {
  const shared = new Map<string, Sellable>();
  const compute = (unit: UnitFacts) => sellableDays({ ...unit, archived: 0, permits: (unit.site_id && permits.get(unit.site_id)) || [] }, window);
  return (unit: UnitFacts): Sellable => {
    if (unit.status === "maintenance") return compute(unit);
    const key = MEDIA[unit.medium].outdoor ? (unit.site_id ?? "") : "-";
    let sellable = shared.get(key);
    if (!sellable) shared.set(key, (sellable = compute(unit)));
    return sellable;
  };
}

function byFillThenCode(a: { fill: number; unit: UnitFacts }, b: { fill: number; unit: UnitFacts }): number {
  return a.fill - b.fill || (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0);
}

export async function searchAvailability(db: Executor, scope: Scope, filter: AvailabilityFilter, now: string): Promise<AvailabilityResult> {
  const length = inclusiveDays(filter.from, filter.to);
  const priced = filter.priceMinFen !== undefined || filter.priceMaxFen !== undefined;
  const narrowed = Boolean(filter.medium || filter.facilityType || filter.district || filter.sizeClass || priced);
  // Unfiltered, every query is independent (a MariaDB pool runs them side by side); prices are
  // read for every unit only when they filter, else for the page's rows at the end.
  const [allUnits, permits, allPrices, wholeCenterUsage] = await Promise.all([
    candidateUnits(db, scope, filter),
    permitsBySite(db, scope, filter.from, filter.to),
    priced ? pricesOn(db, scope, filter.from, null) : null,
    narrowed ? null : usageFor(db, scope, filter, now, null),
  ]);

  const units = allUnits.filter((u) => {
    if (filter.sizeClass && (u.width_cm == null || u.height_cm == null || sizeClass(u.width_cm, u.height_cm) !== filter.sizeClass)) return false;
    if (!allPrices) return true;
    const price = allPrices.get(u.id);
    if (!price) return false;
    return (filter.priceMinFen === undefined || price.priceFen >= filter.priceMinFen) && (filter.priceMaxFen === undefined || price.priceFen <= filter.priceMaxFen);
  });
  const usage =
    wholeCenterUsage ?? (await usageFor(db, scope, filter, now, units.length <= NAMED_UNITS_LIMIT ? units.map((u) => u.id) : null));

  const maskOf = sellableMasks(permits, windowDays(filter.from, length));
  const found: { unit: UnitFacts; free: number; fill: number; days: Int32Array | undefined; sellable: Uint8Array }[] = [];
  for (const unit of units) {
    const days = usage.get(unit.id);
    const { mask, count } = maskOf(unit);
    const capacity = Number(unit.capacity);
    // A day is free when sellable and capacity − usage ≥ minSpots, i.e. usage ≤ capacity − minSpots.
    const mostUsed = capacity - filter.minSpots;
    let free = mostUsed >= 0 ? count : 0;
    let used = 0;
    if (days) {
      free = 0;
      for (let i = 0; i < length; i++) {
        used += days[i];
        if (mask[i] && days[i] <= mostUsed) free++;
      }
    }
    if (free < filter.minFreeDays) continue;
    // Half-up to a tenth of a percent, in integers.
    const fill = capacity > 0 ? Math.floor((used * 2000 + capacity * length) / (2 * capacity * length)) : 0;
    found.push({ unit, free, fill, days, sellable: mask });
  }
  found.sort(byFillThenCode);

  const pageCount = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const onPage = found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const ids = onPage.map((f) => f.unit.id);
  const [details, prices] = await Promise.all([pageDetails(db, scope, ids), allPrices ?? pricesOn(db, scope, filter.from, ids)]);
  const rows = onPage.map(({ unit, free, fill, days, sellable }): AvailabilityRow => {
    const capacity = Number(unit.capacity);
    const more = details.get(unit.id);
    return {
      id: unit.id,
      code: unit.code,
      name: more?.name ?? "",
      medium: unit.medium,
      siteName: more?.site_name ?? null,
      district: more?.district ?? null,
      sizeClass: more?.width_cm != null && more.height_cm != null ? sizeClass(more.width_cm, more.height_cm) : null,
      capacity,
      capacityUnit: more?.capacity_unit ?? MEDIA[unit.medium].capacityUnit,
      price: prices.get(unit.id) ?? null,
      freeDays: free,
      fillPermille: fill,
      remaining: capacity > 1 ? Array.from(sellable, (on, i) => (on ? capacity - (days ? days[i] : 0) : null)) : null,
    };
  });
  return { rows, total: found.length, page, pageSize: PAGE_SIZE, days: length };
}
