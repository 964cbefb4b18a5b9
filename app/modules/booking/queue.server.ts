// Settling the units a transaction has locked: holds that lapsed are marked expired, and lines
// queued behind them (第二顺位, 第三顺位…) move up, first come first served, in the same transaction.
import type { AppDb } from "~db/connection";
import { type Executor, writeTransaction } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { dayNumber } from "~/modules/inventory/calendar-dates";
import { accumulate, countingLines } from "./capacity.server";
import { recordOrderEvent } from "./events.server";
import { type LockedUnit, lockUnits } from "./lines.server";

/** Marks lapsed holds on these units expired, releasing all their lines; returns the units they touched. */
export async function expireLapsedHolds(trx: Executor, scope: Scope, unitIds: string[], now: string): Promise<string[]> {
  if (!unitIds.length) return [];
  const lapsed = await trx
    .selectFrom("orders")
    .select(["id", "number"])
    .where("center_id", "=", scope.centerId)
    .where("status", "=", "hold")
    .where("hold_expires_at", "<=", now)
    .where("id", "in", (eb) => eb.selectFrom("order_lines").select("order_id").where("unit_id", "in", unitIds).where("state", "in", ["hold", "queued"]))
    .execute();
  return expireOrders(trx, scope, lapsed, now);
}

export async function expireOrders(trx: Executor, scope: Scope, orders: { id: string; number: string }[], now: string): Promise<string[]> {
  if (!orders.length) return [];
  const ids = orders.map((o) => o.id);
  const touched = await trx.selectFrom("order_lines").select("unit_id").distinct().where("order_id", "in", ids).execute();
  await trx.updateTable("orders").set({ status: "expired", closed_at: now, updated_at: now }).where("id", "in", ids).where("status", "=", "hold").execute();
  await trx.updateTable("order_lines").set({ state: "released", updated_at: now }).where("order_id", "in", ids).where("state", "in", ["hold", "queued"]).execute();
  for (const order of orders) {
    await recordOrderEvent(trx, { centerId: scope.centerId, orderId: order.id, userId: null, at: now, kind: "expired", detail: "预留到期未确认，已释放" });
  }
  return touched.map((t) => t.unit_id);
}

/**
 * Moves queued lines up where capacity now allows, oldest queue entry first. A queued line moves
 * only when every one of its days fits; otherwise it keeps its place.
 */
export async function promoteQueued(trx: Executor, scope: Scope, units: Map<string, LockedUnit>, now: string): Promise<number> {
  const unitIds = [...units.keys()];
  if (!unitIds.length) return 0;
  const queued = await trx
    .selectFrom("order_lines")
    .select(["id", "order_id", "unit_id", "start_date", "end_date", "daily_use"])
    // No center filter: the units were locked inside the center, and with one SQLite would walk
    // the center's whole window index instead of these units' lines.
    .where("unit_id", "in", unitIds)
    .where("state", "=", "queued")
    .where("expires_at", ">", now)
    .orderBy("queued_at")
    .orderBy("id")
    .execute();
  if (!queued.length) return 0;
  const window = { from: queued.map((q) => q.start_date).sort()[0], to: queued.map((q) => q.end_date).sort().at(-1)!, now };
  const usage = accumulate(new Map(), window, await countingLines(trx, scope.centerId, window, [...new Set(queued.map((q) => q.unit_id))]).execute());
  const base = dayNumber(window.from);
  let promoted = 0;
  for (const line of queued) {
    const unit = units.get(line.unit_id)!;
    const days = usage.get(unit.id);
    const from = dayNumber(line.start_date) - base;
    const to = dayNumber(line.end_date) - base;
    let fits = true;
    for (let i = from; i <= to && fits; i++) fits = (days?.[i] ?? 0) + line.daily_use <= unit.capacity;
    if (!fits) continue;
    await trx.updateTable("order_lines").set({ state: "hold", updated_at: now }).where("id", "=", line.id).execute();
    accumulate(usage, window, [line]);
    await recordOrderEvent(trx, { centerId: scope.centerId, orderId: line.order_id, lineId: line.id, userId: null, at: now, kind: "promoted", detail: `${unit.code} ${line.start_date} 至 ${line.end_date} 升为第一顺位` });
    promoted += 1;
  }
  return promoted;
}

/**
 * CONCURRENCY: lock the units, expire lapsed holds on them, lock whatever else those holds
 * touched, and move queues up. Every booking write starts here, so a lapsed first hold's queue
 * moves up before anyone else can take the capacity.
 */
export async function lockAndSettle(trx: Executor, scope: Scope, unitIds: string[], now: string): Promise<Map<string, LockedUnit>> {
  const units = await lockUnits(trx, scope, unitIds);
  const touched = await expireLapsedHolds(trx, scope, [...units.keys()], now);
  const extra = touched.filter((id) => !units.has(id));
  if (extra.length) for (const [id, unit] of await lockUnits(trx, scope, extra)) units.set(id, unit);
  await promoteQueued(trx, scope, units, now);
  return units;
}

/**
 * The scheduled sweep: marks lapsed holds expired for the record, one center and a batch at a
 * time, through the same locked path as every booking. Capacity never depends on it having run.
 */
export async function sweepExpiredHolds(db: AppDb, now: string, batch = 200): Promise<number> {
  let total = 0;
  for (;;) {
    const lapsed = await db.selectFrom("orders").select(["id", "center_id"]).where("status", "=", "hold").where("hold_expires_at", "<=", now).limit(batch).execute();
    if (!lapsed.length) return total;
    for (const centerId of new Set(lapsed.map((o) => o.center_id))) {
      const orderIds = lapsed.filter((o) => o.center_id === centerId).map((o) => o.id);
      const scope: Scope = { centerId, userId: null, role: "admin" };
      await writeTransaction(db, async (trx) => {
        const units = await trx.selectFrom("order_lines").select("unit_id").distinct().where("order_id", "in", orderIds).execute();
        await lockAndSettle(trx, scope, units.map((u) => u.unit_id), now);
        // Holds without lines lock nothing; expire them directly.
        const bare = await trx.selectFrom("orders").select(["id", "number"]).where("id", "in", orderIds).where("status", "=", "hold").where("hold_expires_at", "<=", now).execute();
        await expireOrders(trx, scope, bare, now);
      });
    }
    total += lapsed.length;
  }
}
