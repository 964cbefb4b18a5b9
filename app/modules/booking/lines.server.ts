// Turning requested lines into priced, checked lines inside a booking transaction: the units are
// locked first, then each line is quoted and every day is checked for sellability and capacity.
import type { Executor } from "~db/dialect";
import { lockRows } from "~db/dialect";
import type { Daypart, LineKind, Unit } from "~db/schema";
import { cardsForQuote } from "~/modules/inventory/rate-cards.server";
import { quote } from "~/modules/inventory/quote";
import { unsellableReason } from "~/modules/inventory/sellability";
import { unsellableLabel } from "~/modules/inventory/unit-views";
import { addDays, dayNumber } from "~/modules/inventory/calendar-dates";
import type { Scope } from "~/modules/auth/scope";
import { accumulate, countingLines, dayRanges, type Usage, type UsageWindow } from "./capacity.server";
import { priceLine, type Deal, type LinePrice } from "./line-pricing";
import { dailyUse } from "./model";

export interface LineInput {
  unitId: string;
  startDate: string;
  endDate: string;
  quantity: number;
  kind: LineKind;
  daypart: Daypart | null;
  seconds: number | null;
  position: "first" | "last" | null;
  deal: Deal;
  content: string;
}

export interface PreparedLine extends LineInput, LinePrice {
  daily_use: number;
}

export interface LockedUnit extends Unit {
  permits: { start_date: string; end_date: string }[];
}

/** CONCURRENCY: lock the units (in id order, so two transactions never wait on each other in a circle) and read their permits. */
export async function lockUnits(trx: Executor, scope: Scope, unitIds: string[]): Promise<Map<string, LockedUnit>> {
  const ids = [...new Set(unitIds)].sort();
  const units = ids.length
    ? await lockRows(trx, trx.selectFrom("units").selectAll().where("center_id", "=", scope.centerId).where("id", "in", ids).orderBy("id")).execute()
    : [];
  const siteIds = [...new Set(units.map((u) => u.site_id).filter((s): s is string => !!s))];
  const permits = siteIds.length
    ? await trx.selectFrom("permits").select(["site_id", "start_date", "end_date"]).where("center_id", "=", scope.centerId).where("site_id", "in", siteIds).execute()
    : [];
  return new Map(units.map((u) => [u.id, { ...u, permits: permits.filter((p) => p.site_id === u.site_id) }]));
}

export type LineErrors = { index: number; message: string }[];

/** Quote and price each line. Errors name the line's position and unit. */
export async function prepareLines(trx: Executor, scope: Scope, units: Map<string, LockedUnit>, lines: LineInput[]): Promise<{ ok: true; lines: PreparedLine[] } | { ok: false; errors: LineErrors }> {
  const errors: LineErrors = [];
  const prepared: PreparedLine[] = [];
  const cards = new Map<string, Awaited<ReturnType<typeof cardsForQuote>>>();
  for (const [index, line] of lines.entries()) {
    const unit = units.get(line.unitId);
    if (!unit) {
      errors.push({ index, message: "广告位不存在或已被删除" });
      continue;
    }
    if (!cards.has(unit.id)) cards.set(unit.id, await cardsForQuote(trx, scope, unit.id));
    const spot = unit.capacity_unit === "second";
    if (spot && (!line.seconds || !line.daypart)) {
      errors.push({ index, message: `${unit.code} 按秒计容量，请选择时段和每条时长` });
      continue;
    }
    const q = quote({ cards: cards.get(unit.id)!, from: line.startDate, to: line.endDate, quantity: line.quantity, daypart: line.daypart ?? undefined, seconds: line.seconds ?? undefined, position: line.position });
    let listFen = 0;
    if (q.ok) listFen = q.totalFen;
    else if (line.kind === "paid" || q.code === "bad_dates" || q.code === "bad_quantity") {
      errors.push({ index, message: `${unit.code}：${q.message}` });
      continue;
    }
    const price = priceLine(line.kind, listFen, line.deal);
    if (!price.ok) {
      errors.push({ index, message: `${unit.code}：${price.message}` });
      continue;
    }
    prepared.push({ ...line, ...price.price, daily_use: dailyUse(unit.capacity_unit, line.quantity, line.seconds) });
  }
  return errors.length ? { ok: false, errors } : { ok: true, lines: prepared };
}

export interface Conflict {
  unitId: string;
  /** The line's position in the request. */
  index: number;
  kind: "full" | "unsellable";
  days: string[];
  message: string;
}

/**
 * Every day of every line checked against what is already sold (leaving out `exceptOrderId`'s own
 * lines, which are the ones being checked) plus the request's earlier lines on the same unit.
 */
export async function findConflicts(
  trx: Executor,
  scope: Scope,
  units: Map<string, LockedUnit>,
  lines: Pick<PreparedLine, "unitId" | "startDate" | "endDate" | "daily_use">[],
  now: string,
  except: { orderId?: string; lineId?: string } = {},
): Promise<Conflict[]> {
  if (!lines.length) return [];
  const window: UsageWindow = { from: lines.map((l) => l.startDate).sort()[0], to: lines.map((l) => l.endDate).sort().at(-1)!, now };
  let query = countingLines(trx, scope.centerId, window, [...new Set(lines.map((l) => l.unitId))], except.orderId);
  if (except.lineId) query = query.where("id", "<>", except.lineId);
  const usage: Usage = accumulate(new Map(), window, await query.execute());
  const base = dayNumber(window.from);
  const conflicts: Conflict[] = [];
  for (const [index, line] of lines.entries()) {
    const unit = units.get(line.unitId)!;
    const days = usage.get(unit.id) ?? new Int32Array(dayNumber(window.to) - base + 1);
    usage.set(unit.id, days);
    const unsellable: string[] = [];
    const full: string[] = [];
    let reason: ReturnType<typeof unsellableReason> = null;
    let worstUsed = 0;
    for (let day = line.startDate; day <= line.endDate; day = addDays(day, 1)) {
      const r = unsellableReason(unit, day);
      if (r) {
        unsellable.push(day);
        reason ??= r;
        continue;
      }
      const used = days[dayNumber(day) - base];
      if (used + line.daily_use > unit.capacity) {
        full.push(day);
        worstUsed = Math.max(worstUsed, used);
      }
    }
    const name = `${unit.code} ${unit.name}`;
    if (unsellable.length) {
      conflicts.push({ unitId: unit.id, index, kind: "unsellable", days: unsellable, message: `${name} 在 ${dayRanges(unsellable)} 不可售：${unsellableLabel(reason!, unit)}` });
    } else if (full.length) {
      const left = Math.max(0, unit.capacity - worstUsed);
      conflicts.push({ unitId: unit.id, index, kind: "full", days: full, message: `${name} 在 ${dayRanges(full)} 已满：容量 ${unit.capacity}，最紧的一天只剩 ${left}，本行需要 ${line.daily_use}` });
    } else {
      // Count this line so the request's later lines on the same unit see it.
      const from = dayNumber(line.startDate) - base;
      const to = dayNumber(line.endDate) - base;
      for (let i = from; i <= to; i++) days[i] += line.daily_use;
    }
  }
  return conflicts;
}
