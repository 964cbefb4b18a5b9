// Counting what a unit has sold on each day. Capacity is counted from order_lines alone: a
// confirmed line counts, a hold counts until its expiry instant, everything else does not. So a
// lapsed hold frees its capacity the moment it lapses, with no job needed for correctness.
import type { Executor } from "~db/dialect";
import { addDays, dayNumber, inclusiveDays } from "~/modules/inventory/calendar-dates";

export interface UsageWindow {
  from: string;
  to: string;
  /** Holds that expire at or before this instant no longer count. */
  now: string;
}

/** Per-day usage of each unit over the window; index 0 is `from`. Units with no usage are absent. */
export type Usage = Map<string, Int32Array>;

/** Lines that take capacity somewhere in the window, optionally leaving one order's lines out. */
export function countingLines(db: Executor, centerId: string, window: UsageWindow, unitIds: string[] | null, exceptOrderId?: string) {
  let query = db
    .selectFrom("order_lines")
    .select(["unit_id", "start_date", "end_date", "daily_use"])
    .where("center_id", "=", centerId)
    .where("end_date", ">=", window.from)
    .where("start_date", "<=", window.to)
    .where((eb) => eb.or([eb("state", "=", "confirmed"), eb.and([eb("state", "=", "hold"), eb("expires_at", ">", window.now)])]));
  if (unitIds) query = query.where("unit_id", "in", unitIds.length ? unitIds : [""]);
  if (exceptOrderId) query = query.where("order_id", "<>", exceptOrderId);
  return query;
}

/** Adds each line's daily use to its days inside the window. */
export function accumulate(usage: Usage, window: UsageWindow, lines: { unit_id: string; start_date: string; end_date: string; daily_use: number }[]): Usage {
  const base = dayNumber(window.from);
  const length = inclusiveDays(window.from, window.to);
  // Many lines share their start and end dates; parse each distinct date once.
  const seen = new Map<string, number>();
  const day = (date: string) => {
    let n = seen.get(date);
    if (n === undefined) seen.set(date, (n = dayNumber(date) - base));
    return n;
  };
  for (const line of lines) {
    let days = usage.get(line.unit_id);
    if (!days) usage.set(line.unit_id, (days = new Int32Array(length)));
    const first = Math.max(0, day(line.start_date));
    const last = Math.min(length - 1, day(line.end_date));
    for (let i = first; i <= last; i++) days[i] += Number(line.daily_use);
  }
  return usage;
}

export async function dailyUsage(db: Executor, centerId: string, window: UsageWindow, unitIds: string[] | null, exceptOrderId?: string): Promise<Usage> {
  const lines = await countingLines(db, centerId, window, unitIds, exceptOrderId).execute();
  return accumulate(new Map(), window, lines);
}

/** Consecutive days as "2026-03-01 至 2026-03-05、2026-03-09" for messages. */
export function dayRanges(days: string[]): string {
  const sorted = [...new Set(days)].sort();
  const parts: string[] = [];
  let start = sorted[0];
  let prev = sorted[0];
  for (const day of sorted.slice(1).concat([""])) {
    if (day && day === addDays(prev, 1)) {
      prev = day;
      continue;
    }
    if (start) parts.push(start === prev ? start : `${start} 至 ${prev}`);
    start = day;
    prev = day;
  }
  return parts.join("、");
}
