// The occupancy grid (占用表): one page of units by the days of one month. Three narrow queries
// (the page of units, their permits, the lines on them that month) and one pass in memory, so
// 500 units × 31 days stays well inside the loader budget. The loader's payload stays small by
// indirection: a row is 31 small numbers into the grid's table of distinct cells (a month-long
// booking is one entry), and cells point into the grid's list of orders.
import type { Executor } from "~db/dialect";
import { likeLiteral } from "~db/dialect";
import type { CapacityUnit, FacilityType, LineKind, Medium } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import { addDays, daysInMonth, dayNumber } from "~/modules/inventory/calendar-dates";
import { FACILITY_TYPES, MEDIUM_CODES } from "~/modules/inventory/model";
import { type Unsellable, unsellableReason } from "~/modules/inventory/sellability";
import { MARK } from "./grid-marks";

export const GRID_PAGE_SIZE = 100;
export const GRID_MAX_PAGE_SIZE = 500;

export { MARK };

export interface GridFilter {
  /** Part of a unit code. */
  q?: string;
  medium?: Medium;
  facilityType?: FacilityType;
  district?: string;
}

export interface GridQuery {
  /** 'YYYY-MM'. */
  month: string;
  filter: GridFilter;
  page?: number;
  pageSize?: number;
}

export type GridLineState = "confirmed" | "hold" | "queued";

/** An order as a cell shows it; the same order appears once per line state it has in the grid. */
export interface GridOrder {
  id: string;
  number: string;
  client: string;
  state: GridLineState;
}

export interface GridCell {
  /** Capacity taken that day, in the unit's own measure. */
  used: number;
  /** used / capacity as a whole percentage, 0..100. */
  fill: number;
  marks: number;
  /** Indexes into `OccupancyGrid.orders`: taking orders first (confirmed, then holds), then the queue. */
  orders: number[];
  reason?: Unsellable;
}

export interface GridRow {
  id: string;
  code: string;
  name: string;
  medium: Medium;
  capacity: number;
  capacityUnit: CapacityUnit;
  district: string | null;
  /** One entry per day of the month: an index into `OccupancyGrid.cells` (0: free, sellable, nothing on it). */
  cells: number[];
}

export interface GridDay {
  date: string;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export interface OccupancyGrid {
  month: string;
  from: string;
  to: string;
  days: GridDay[];
  rows: GridRow[];
  /** Distinct cells; entry 0 is null. */
  cells: (GridCell | null)[];
  orders: GridOrder[];
  total: number;
  page: number;
  pageSize: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** '2026-12' + 1 → '2027-01'. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function monthBounds(month: string): { from: string; to: string; length: number } {
  const [y, m] = month.split("-").map(Number);
  const length = daysInMonth(y, m);
  const from = `${month}-01`;
  return { from, to: `${month}-${String(length).padStart(2, "0")}`, length };
}

/** 1970-01-01 was a Thursday. */
export function weekdayOf(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export interface GridParams {
  month: string;
  filter: GridFilter;
  echo: { month: string; q: string; medium: string; facility: string; district: string };
}

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The grid's GET parameters; a missing or malformed month is the month of `today`. */
export function parseGridParams(params: URLSearchParams, today: string): GridParams {
  const raw = params.get("month") ?? "";
  const month = isMonth(raw) ? raw : monthOf(today);
  const q = (params.get("q") ?? "").trim();
  const district = (params.get("district") ?? "").trim();
  const filter: GridFilter = {
    q: q || undefined,
    medium: oneOf(MEDIUM_CODES, params.get("medium")),
    facilityType: oneOf(FACILITY_TYPES, params.get("facility")),
    district: district || undefined,
  };
  return { month, filter, echo: { month, q, medium: filter.medium ?? "", facility: filter.facilityType ?? "", district } };
}

const STATE_RANK: Record<GridLineState, number> = { confirmed: 0, hold: 1, queued: 2 };

interface GridLine {
  unit_id: string;
  start_date: string;
  end_date: string;
  daily_use: number;
  kind: LineKind;
  state: string;
  queued_at: string | null;
  order_id: string;
  number: string;
  client_name: string;
}

export async function occupancyGrid(db: Executor, scope: Scope, query: GridQuery, now: string): Promise<OccupancyGrid> {
  const { from, to, length } = monthBounds(query.month);
  const pageSize = Math.min(Math.max(query.pageSize ?? GRID_PAGE_SIZE, 1), GRID_MAX_PAGE_SIZE);
  const page = Math.max(query.page ?? 1, 1);
  const days = Array.from({ length }, (_, i) => {
    const date = addDays(from, i);
    return { date, day: i + 1, weekday: weekdayOf(date) };
  });

  const { rows: units, total } = await gridUnits(db, scope, query.filter, page, pageSize);
  const unitIds = units.map((u) => u.id);
  const siteIds = [...new Set(units.flatMap((u) => (u.site_id ? [u.site_id] : [])))];
  const [permits, lines] = await Promise.all([monthPermits(db, scope, siteIds, from, to), monthLines(db, scope, unitIds, from, to, now)]);

  const permitsBySite = new Map<string, { start_date: string; end_date: string }[]>();
  for (const p of permits) {
    const list = permitsBySite.get(p.site_id) ?? [];
    list.push({ start_date: p.start_date, end_date: p.end_date });
    permitsBySite.set(p.site_id, list);
  }

  const rows: GridRow[] = [];
  const dayCells: (GridCell | null)[][] = [];
  const rowByUnit = new Map<string, number>();
  for (const u of units) {
    const sellability = { ...u, permits: (u.site_id && permitsBySite.get(u.site_id)) || [] };
    rowByUnit.set(u.id, rows.length);
    dayCells.push(
      days.map(({ date }) => {
        const reason = unsellableReason(sellability, date);
        return reason ? { used: 0, fill: 0, marks: MARK.unsellable, orders: [], reason } : null;
      }),
    );
    rows.push({ id: u.id, code: u.code, name: u.name, medium: u.medium, capacity: Number(u.capacity), capacityUnit: u.capacity_unit, district: u.district, cells: [] });
  }

  const orders = placeLines(dayCells, rowByUnit, lines, from, length);
  const cells = internCells(rows, dayCells);
  return { month: query.month, from, to, days, rows, cells, orders, total, page, pageSize };
}

/** Adds each line to the cells of its days; returns the orders the cells point at. */
function placeLines(dayCells: (GridCell | null)[][], rowByUnit: Map<string, number>, lines: GridLine[], from: string, length: number): GridOrder[] {
  // Taking lines first, then the queue in its order, so a cell's first order is the one that holds the day.
  lines.sort((a, b) => STATE_RANK[a.state as GridLineState] - STATE_RANK[b.state as GridLineState] || (a.queued_at ?? "").localeCompare(b.queued_at ?? "") || a.number.localeCompare(b.number));
  const orders: GridOrder[] = [];
  const orderIndex = new Map<string, number>();
  const base = dayNumber(from);
  for (const line of lines) {
    const r = rowByUnit.get(line.unit_id);
    if (r === undefined) continue;
    const state = line.state as GridLineState;
    const key = `${line.order_id}:${state}`;
    let index = orderIndex.get(key);
    if (index === undefined) {
      index = orders.push({ id: line.order_id, number: line.number, client: line.client_name, state }) - 1;
      orderIndex.set(key, index);
    }
    const first = Math.max(0, dayNumber(line.start_date) - base);
    const last = Math.min(length - 1, dayNumber(line.end_date) - base);
    const mark = state === "queued" ? MARK.queued : (state === "confirmed" ? MARK.confirmed : MARK.hold) | (line.kind === "paid" ? 0 : MARK.bonus);
    const row = dayCells[r];
    for (let i = first; i <= last; i++) {
      const cell = (row[i] ??= { used: 0, fill: 0, marks: 0, orders: [] });
      cell.marks |= mark;
      if (state !== "queued") cell.used += Number(line.daily_use);
      if (!cell.orders.includes(index)) cell.orders.push(index);
    }
  }
  return orders;
}

/** Sets each row's fills and replaces its cells by indexes into one table of distinct cells (entry 0: none). */
function internCells(rows: GridRow[], dayCells: (GridCell | null)[][]): (GridCell | null)[] {
  const cells: (GridCell | null)[] = [null];
  const cellIndex = new Map<string, number>();
  rows.forEach((row, r) => {
    row.cells = dayCells[r].map((cell) => {
      if (!cell) return 0;
      cell.fill = fillPercent(cell.used, row.capacity);
      const key = `${cell.used}|${cell.fill}|${cell.marks}|${cell.reason ?? ""}|${cell.orders.join(",")}`;
      let index = cellIndex.get(key);
      if (index === undefined) {
        index = cells.push(cell) - 1;
        cellIndex.set(key, index);
      }
      return index;
    });
  });
  return cells;
}

/** The cell of a row on one day (index 0 = the 1st), null when free. */
export function gridCell(grid: Pick<OccupancyGrid, "cells">, row: Pick<GridRow, "cells">, dayIndex: number): GridCell | null {
  return grid.cells[row.cells[dayIndex]] ?? null;
}

/** A whole percentage; anything on the day shows at least 1 %, and only a full day shows 100 %. */
export function fillPercent(used: number, capacity: number): number {
  if (used <= 0) return 0;
  if (capacity <= 0 || used >= capacity) return 100;
  return Math.min(99, Math.max(1, Math.round((used / capacity) * 100)));
}

async function gridUnits(db: Executor, scope: Scope, filter: GridFilter, page: number, pageSize: number) {
  let query = db.selectFrom("units").leftJoin("sites", "sites.id", "units.site_id").where("units.center_id", "=", scope.centerId).where("units.archived", "=", 0);
  if (filter.medium) query = query.where("units.medium", "=", filter.medium);
  if (filter.facilityType) query = query.where("sites.facility_type", "=", filter.facilityType);
  if (filter.district) query = query.where("sites.district", "=", filter.district);
  const term = (filter.q ?? "").trim().toLowerCase();
  if (term) query = query.where((eb) => likeLiteral(eb.fn("lower", ["units.code"]), { contains: term }));
  const rows = await query
    .select([
      "units.id", "units.code", "units.name", "units.medium", "units.capacity", "units.capacity_unit", "units.status",
      "units.maintenance_from", "units.maintenance_to", "units.archived", "units.site_id", "sites.district",
    ])
    .orderBy("units.code")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total =
    page === 1 && rows.length < pageSize ? rows.length : Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return { rows, total };
}

async function monthPermits(db: Executor, scope: Scope, siteIds: string[], from: string, to: string) {
  if (!siteIds.length) return [];
  return db
    .selectFrom("permits")
    .select(["site_id", "start_date", "end_date"])
    .where("center_id", "=", scope.centerId)
    .where("site_id", "in", siteIds)
    .where("end_date", ">=", from)
    .where("start_date", "<=", to)
    .execute();
}

/**
 * Lines on these units that month which take capacity (confirmed, or a hold before its expiry) or
 * wait for it (queued behind a live hold). A lapsed hold is free here before any sweep has run.
 */
async function monthLines(db: Executor, scope: Scope, unitIds: string[], from: string, to: string, now: string): Promise<GridLine[]> {
  if (!unitIds.length) return [];
  return db
    .selectFrom("order_lines as l")
    .innerJoin("orders as o", "o.id", "l.order_id")
    .innerJoin("clients as c", "c.id", "o.client_id")
    .select(["l.unit_id", "l.start_date", "l.end_date", "l.daily_use", "l.kind", "l.state", "l.queued_at", "o.id as order_id", "o.number", "c.name as client_name"])
    .where("l.center_id", "=", scope.centerId)
    .where("l.unit_id", "in", unitIds)
    .where("l.end_date", ">=", from)
    .where("l.start_date", "<=", to)
    .where((eb) => eb.or([eb("l.state", "=", "confirmed"), eb.and([eb("l.state", "in", ["hold", "queued"]), eb("l.expires_at", ">", now)])]))
    .execute();
}
