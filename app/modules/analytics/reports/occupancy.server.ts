// 上刊率 of outdoor and LED by month: the capacity-days of the units on sale against the capacity
// the confirmed lines use, split by what the use was (paid, bonus, public service, internal).
// Grouped by for_month: occupancy is about the days, not the month a correction was reported in.
// Capacity is kept simple on purpose: every unit of the medium that is neither archived nor
// disabled counts for every day of the month (maintenance days and units added mid-month count in
// full); the page says so.
import type { LineKind, Medium } from "~db/schema";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { daysInMonth } from "~/modules/inventory/calendar-dates";
import { monthRange } from "../series";

import { LINE_KINDS, OCCUPANCY_MEDIA } from "./constants";

export { LINE_KINDS, OCCUPANCY_MEDIA };

export interface OccupancyRow {
  month: string;
  medium: Medium;
  /** Σ capacity × days of the month over the units on sale, in the units' own measure. */
  capacityDays: number;
  byKind: Record<LineKind, number>;
  /** capacityDays − the four kinds together (negative only if lines use more than is counted as on sale). */
  free: number;
}

export interface OccupancyQuery {
  from: string;
  to: string;
  media: Medium[];
  /** Only units of these categories, and the use booked on them (a top category and its leaves, already expanded). */
  categoryIds?: string[];
}

const noKinds = (): Record<LineKind, number> => ({ paid: 0, bonus: 0, public_service: 0, internal: 0 });

/** One row per month from..to (inclusive) and medium asked for, in that order; months with no use still show their capacity. */
export async function occupancyByMonth(db: Executor, scope: Pick<Scope, "centerId">, query: OccupancyQuery): Promise<OccupancyRow[]> {
  const media = query.media.length ? query.media : [...OCCUPANCY_MEDIA];
  const months = monthRange(query.from, query.to);
  if (!months.length) return [];
  const categories = query.categoryIds;
  if (categories && categories.length === 0) return [];

  let capacity = db
    .selectFrom("units")
    .select(["medium", (eb) => eb.fn.sum<number | string>("capacity").as("capacity")])
    .where("center_id", "=", scope.centerId)
    .where("archived", "=", 0)
    .where("status", "<>", "disabled")
    .where("medium", "in", media)
    .groupBy("medium");
  if (categories) capacity = capacity.where("category_id", "in", categories);

  let used = db
    .selectFrom("revenue_facts")
    .select(["for_month", "medium", "line_kind", (eb) => eb.fn.sum<number | string>("use_days").as("use_days")])
    .where("center_id", "=", scope.centerId)
    .where("for_month", ">=", query.from)
    .where("for_month", "<=", query.to)
    .where("medium", "in", media)
    .where("use_days", "<>", 0)
    .groupBy(["for_month", "medium", "line_kind"]);
  if (categories) used = used.where("category_id", "in", categories);

  const [capacityRows, usedRows] = await Promise.all([capacity.execute(), used.execute()]);
  const perDay = new Map(capacityRows.map((r) => [r.medium, Number(r.capacity ?? 0)]));
  const use = new Map<string, Record<LineKind, number>>();
  for (const r of usedRows) {
    if (!(LINE_KINDS as readonly string[]).includes(r.line_kind)) continue;
    const key = `${r.for_month}|${r.medium}`;
    const kinds = use.get(key) ?? noKinds();
    kinds[r.line_kind as LineKind] += Number(r.use_days);
    use.set(key, kinds);
  }
  const rows: OccupancyRow[] = [];
  for (const month of months) {
    const [y, m] = month.split("-").map(Number);
    for (const medium of media) {
      const capacityDays = (perDay.get(medium) ?? 0) * daysInMonth(y, m);
      const byKind = use.get(`${month}|${medium}`) ?? noKinds();
      const usedDays = LINE_KINDS.reduce((s, k) => s + byKind[k], 0);
      rows.push({ month, medium, capacityDays, byKind, free: capacityDays - usedDays });
    }
  }
  return rows;
}

/** Occupancy for a report filter: its medium (outdoor or LED only) and category; clients and reps do not apply. */
export function occupancyReport(db: Executor, scope: Pick<Scope, "centerId">, filter: { from: string; to: string; medium: Medium | null; categoryIds?: string[] }): Promise<OccupancyRow[]> {
  return occupancyByMonth(db, scope, { from: filter.from, to: filter.to, media: filter.medium ? [filter.medium] : [...OCCUPANCY_MEDIA], categoryIds: filter.categoryIds });
}

/** A medium other than outdoor or LED has no occupancy here: the message the route answers 400 with. */
export function occupancyRefusal(filter: { medium: Medium | null }): string | null {
  return filter.medium && !(OCCUPANCY_MEDIA as readonly string[]).includes(filter.medium) ? "上刊率只统计户外静态和LED屏，请选择其中之一" : null;
}
