// confirm-throughput: turning holds into confirmed orders through confirmOrder (lock the units,
// settle lapsed holds and queues, re-check every day, write lines, order, trail and audit in one
// transaction), on the county-l data. Holds are placed first (createOrder) on free weeks beyond
// the generated bookings, two lines each, then:
//   sequential  200 confirms one after another, each followed by the baseline;
//   concurrent  32 workers, each confirming its own 20 holds in turn, all on the same 20 shared
//               units (mostly LED screens of 12 spots), so every confirm waits for the unit locks
//               of the others; then every unit-day is counted and must be within capacity.
// Baseline: a bare write transaction that locks one unit row and updates one line, the floor cost
// of any locked booking write (sequential, and with the same 32-worker contention).
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { unsellableReason } from "../../app/modules/inventory/sellability";
import type { Scope } from "../../app/modules/auth/scope";
import { dailyUsage } from "../../app/modules/booking/capacity.server";
import type { LineInput } from "../../app/modules/booking/lines.server";
import { confirmOrder, createOrder } from "../../app/modules/booking/orders.server";
import { nowIso } from "../../app/utils/time";
import type { AppDb } from "../../db/connection";
import { lockRows, writeTransaction } from "../../db/dialect";
import type { Unit } from "../../db/schema";
import type { GeneratedCenter } from "./dataset";
import { DATASET_TODAY } from "./dataset-inventory";
import { BOOKING_HORIZON_DAYS } from "./dataset-orders";
import { type BenchResult, type DbLabel, median, percentile, round, summarise } from "./stats";

const SEQUENTIAL = 200;
const WORKERS = 32;
const PER_WORKER = 20;
const SHARED_UNITS = 20;
const WEEKS = 12;
/** Priced by the day with no minimum length and no permit: any free week fits. */
const DAY_MEDIA = ["app_splash", "app_banner", "wechat_headline", "wechat_secondary", "short_video", "newspaper"] as const;

interface Hold {
  id: string;
  scope: Scope;
  unitId: string;
  lineId: string;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Monday on or after `date`. */
function monday(date: string): string {
  let day = date;
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  return day;
}

export async function benchConfirmThroughput(db: AppDb, label: DbLabel, center: GeneratedCenter, log: (line: string) => void): Promise<BenchResult> {
  const first = monday(addDays(DATASET_TODAY, BOOKING_HORIZON_DAYS + 30));
  const last = addDays(first, WEEKS * 7 - 1);
  const week = (w: number) => ({ startDate: addDays(first, w * 7), endDate: addDays(first, w * 7 + 6) });
  const scopes: Scope[] = center.salesIds.map((userId) => ({ centerId: center.id, userId, role: "sales" }));
  const clients = (await db.selectFrom("clients").select("id").where("center_id", "=", center.id).orderBy("id").limit(64).execute()).map((c) => c.id);

  const available = await db.selectFrom("units").selectAll().where("center_id", "=", center.id).where("status", "=", "available").where("archived", "=", 0).orderBy("code").execute();
  const permits = await db.selectFrom("permits").select(["site_id", "start_date", "end_date"]).where("center_id", "=", center.id).execute();
  const sellable = (u: Unit) => {
    const own = { ...u, permits: permits.filter((p) => p.site_id === u.site_id) };
    for (let d = first; d <= last; d = addDays(d, 1)) if (unsellableReason(own, d)) return false;
    return true;
  };
  // Shared: the LED screens with the most spots that can be sold all through the weeks.
  const shared = available.filter((u) => u.medium === "led" && sellable(u)).sort((a, b) => b.capacity - a.capacity).slice(0, SHARED_UNITS);
  const solo = available.filter((u) => (DAY_MEDIA as readonly string[]).includes(u.medium) && !shared.includes(u));
  const line = (unitId: string, w: number): LineInput => ({ unitId, ...week(w), quantity: 1, kind: "paid", daypart: null, seconds: null, position: null, deal: { discountBp: 1000 }, content: "基准测试" });

  let holdSerial = 0;
  const hold = async (scope: Scope, lines: LineInput[]): Promise<Hold> => {
    holdSerial += 1;
    const result = await createOrder(db, scope, {
      header: { clientId: clients[holdSerial % clients.length], title: `确认吞吐 ${holdSerial}`, product: "基准", adCategory: "general", approvalNumber: "", terms: "" },
      lines, intent: "hold", queueIfFull: false, idempotencyKey: `bench-confirm-${holdSerial}`,
    });
    if (!result.ok) throw new Error(`confirm-throughput：预留失败：${result.message}`);
    const row = await db.selectFrom("order_lines").select("id").where("order_id", "=", result.id).orderBy("id").executeTakeFirstOrThrow();
    return { id: result.id, scope, unitId: lines[0].unitId, lineId: row.id };
  };
  const bare = (unitId: string, lineId: string) =>
    writeTransaction(db, async (trx) => {
      await lockRows(trx, trx.selectFrom("units").select("id").where("center_id", "=", center.id).where("id", "=", unitId)).execute();
      await trx.updateTable("order_lines").set({ updated_at: nowIso() }).where("id", "=", lineId).execute();
    });

  // ---- Sequential: two lines on units of their own, a distinct week per pass over the units.
  const holdTimes: number[] = [];
  const sequential: Hold[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const a = solo[(2 * i) % solo.length];
    const b = solo[(2 * i + 1) % solo.length];
    const w = Math.floor((2 * i) / solo.length);
    const started = performance.now();
    sequential.push(await hold(scopes[i % scopes.length], [line(a.id, w), line(b.id, w)]));
    holdTimes.push(performance.now() - started);
  }
  log(`confirm-throughput：顺序确认 ${SEQUENTIAL} 个预留（每个 2 行，${solo.length} 个广告位），预留中位数 ${round(median(holdTimes), 2)} 毫秒`);
  for (let i = 0; i < 10; i++) await bare(sequential[i].unitId, sequential[i].lineId);
  const samples: number[] = [];
  const base: number[] = [];
  let failed = 0;
  for (const h of sequential) {
    let ok = true;
    samples.push(await time(async () => (ok = (await confirmOrder(db, h.scope, h.id)).ok)));
    if (!ok) failed += 1;
    base.push(await time(() => bare(h.unitId, h.lineId)));
  }
  const sequentialSeconds = samples.reduce((s, x) => s + x, 0) / 1000;

  // ---- Concurrent: every hold takes one spot on each of two shared screens, spread so no day overflows.
  const holdsPerWorker: Hold[][] = Array.from({ length: WORKERS }, () => []);
  const remaining = new Map(shared.map((u) => [u.id, u.capacity]));
  let w = 0;
  let pointer = 0;
  for (let h = 0; h < WORKERS * PER_WORKER; h++) {
    if ([...remaining.values()].filter((n) => n > 0).length < 2) {
      w += 1; // this week's spots are taken: the next week
      for (const u of shared) remaining.set(u.id, u.capacity);
    }
    const picked: string[] = [];
    while (picked.length < 2) {
      const u = shared[pointer++ % shared.length];
      if (remaining.get(u.id)! > 0 && !picked.includes(u.id)) picked.push(u.id);
    }
    for (const id of picked) remaining.set(id, remaining.get(id)! - 1);
    const worker = h % WORKERS;
    holdsPerWorker[worker].push(await hold(scopes[worker % scopes.length], picked.map((id) => line(id, w))));
  }
  if (w >= WEEKS) throw new Error(`confirm-throughput：共享广告位容量不足（需要 ${w + 1} 周）`);
  const sharedSpots = shared.reduce((s, u) => s + u.capacity, 0);
  log(`confirm-throughput：${WORKERS} 个并发客户端 × ${PER_WORKER} 个预留，共用 ${shared.length} 块LED屏（每天共 ${sharedSpots} 个位置），占 ${w + 1} 周`);

  const concurrent: number[] = [];
  const started = performance.now();
  await Promise.all(
    holdsPerWorker.map(async (holds) => {
      for (const h of holds) {
        const t0 = performance.now();
        try {
          if (!(await confirmOrder(db, h.scope, h.id)).ok) failed += 1;
        } catch {
          failed += 1; // RetryLaterError: the bounded retries ran out
        }
        concurrent.push(performance.now() - t0);
      }
    }),
  );
  const concurrentSeconds = (performance.now() - started) / 1000;
  const bareStarted = performance.now();
  await Promise.all(holdsPerWorker.map(async (holds) => { for (const h of holds) await bare(h.unitId, h.lineId); }));
  const bareSeconds = (performance.now() - bareStarted) / 1000;

  // ---- Afterwards: every hold confirmed, and no unit-day over capacity.
  const ids = [...sequential, ...holdsPerWorker.flat()].map((h) => h.id);
  let confirmed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const row = await db.selectFrom("orders").select((eb) => eb.fn.countAll<number>().as("n")).where("id", "in", ids.slice(i, i + 500)).where("status", "=", "confirmed").executeTakeFirstOrThrow();
    confirmed += Number(row.n);
  }
  const units = [...shared, ...solo];
  const capacity = new Map(units.map((u) => [u.id, u.capacity]));
  const usage = await dailyUsage(db, center.id, { from: first, to: last, now: nowIso() }, units.map((u) => u.id));
  let overbooked = 0;
  for (const [unitId, days] of usage) for (const used of days) if (used > capacity.get(unitId)!) overbooked += 1;
  log(`confirm-throughput：已确认 ${confirmed}/${ids.length}，失败 ${failed}，超卖的广告位·天 ${overbooked}`);

  const pool = label === "mariadb" ? Number(new URL((process.env.BENCH_DB ?? "").trim()).searchParams.get("connectionLimit") ?? 10) : 1;
  return summarise("confirm-throughput", label, samples, base, {
    sequential_orders_per_s: round(SEQUENTIAL / sequentialSeconds, 1),
    hold_median_ms: round(median(holdTimes), 3),
    workers: WORKERS,
    pool_connections: pool,
    concurrent_orders: concurrent.length,
    concurrent_orders_per_s: round(concurrent.length / concurrentSeconds, 1),
    concurrent_median_ms: round(median(concurrent), 3),
    concurrent_p95_ms: round(percentile(concurrent, 95), 3),
    baseline_concurrent_per_s: round(concurrent.length / bareSeconds, 1),
    shared_units: shared.length,
    shared_spots_per_day: sharedSpots,
    lines_per_order: 2,
    confirmed,
    failed,
    overbooked,
  });
}
