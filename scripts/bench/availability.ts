// availability-search: 找空位 as its page calls it. Target: searchAvailability() over the county-l
// center's 3,000 units and a 90-day window (a handful of set-based queries, then typed day arrays
// per unit), for a rotation of filters and windows around the dataset's own "today". Baseline: the
// simplest correct SQL for the same question, one statement: a days table crossed with the units,
// each (unit, day) joined to the lines that count and grouped, then free days and fill per unit
// with the same sellability (maintenance, permits) and price rules. The issue's target: median ≤
// 50 ms in-process on SQLite and on MariaDB.
import { sql } from "kysely";
import type { AvailabilityFilter } from "../../app/modules/booking/availability-filter";
import { searchAvailability } from "../../app/modules/booking/availability.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import type { AppDb } from "../../db/connection";
import type { GeneratedCenter } from "./dataset";
import { DATASET_TODAY } from "./dataset-inventory";
import { DATASET_NOW } from "./dataset-orders";
import { type BenchResult, type DbLabel, median, round, summarise } from "./stats";

const WARMUP = 20;
const ITERATIONS = 200;
/** The baseline takes seconds a run, so it is timed on every BASELINE_EVERY-th iteration only. */
const BASELINE_EVERY = 12;
const TARGET_MEDIAN_MS = 50;
const WINDOW_DAYS = 90;

/** Holds are live or lapsed against the dataset's own "now". */
const BENCH_NOW = DATASET_NOW;

const window = (offset: number) => ({ from: addDays(DATASET_TODAY, offset), to: addDays(DATASET_TODAY, offset + WINDOW_DAYS - 1) });

/** What sales ask, in a fixed rotation; each over 90 days starting near the dataset's today. */
export const SEARCHES: [label: string, filter: AvailabilityFilter][] = [
  ["无筛选 90天", { ...window(0), minFreeDays: 1, minSpots: 1, page: 1 }],
  ["静态户外 整段空闲", { ...window(14), medium: "outdoor_static", minFreeDays: WINDOW_DAYS, minSpots: 1, page: 1 }],
  ["城关镇", { ...window(-20), district: "城关镇", minFreeDays: 1, minSpots: 1, page: 1 }],
  ["大型 至少30天", { ...window(30), sizeClass: "large", minFreeDays: 30, minSpots: 1, page: 1 }],
  ["LED 每天至少3条", { ...window(7), medium: "led", minFreeDays: 1, minSpots: 3, page: 1 }],
  ["价格 3000–8000 元", { ...window(0), priceMinFen: 300_000, priceMaxFen: 800_000, minFreeDays: 1, minSpots: 1, page: 1 }],
  ["单立柱+东坑镇", { ...window(-45), facilityType: "unipole", district: "东坑镇", minFreeDays: 1, minSpots: 1, page: 1 }],
  ["无筛选 第5页", { ...window(60), minFreeDays: 1, minSpots: 1, page: 5 }],
];

/**
 * The simplest correct statement for a search: no typed arrays, no change points, just SQL. Days
 * are a UNION ALL of literals (portable, where a recursive CTE would need each dialect's date
 * arithmetic). It answers free days and fill for every matching unit, sorted as the page sorts.
 */
export function baselineQuery(db: AppDb, centerId: string, f: AvailabilityFilter, now: string) {
  const dates: string[] = [];
  for (let d = f.from; d <= f.to; d = addDays(d, 1)) dates.push(d);
  const days = sql.join(dates.map((d, i) => (i === 0 ? sql`select ${d} as d` : sql`select ${d}`)), sql` union all `);
  const where = [sql`u.center_id = ${centerId}`, sql`u.archived = 0`, sql`u.status <> 'disabled'`];
  if (f.medium) where.push(sql`u.medium = ${f.medium}`);
  if (f.facilityType) where.push(sql`s.facility_type = ${f.facilityType}`);
  if (f.district) where.push(sql`s.district = ${f.district}`);
  if (f.sizeClass === "large") where.push(sql`(s.width_cm * s.height_cm >= 100000 or s.width_cm >= 400 or s.height_cm >= 400)`);
  if (f.sizeClass === "medium") where.push(sql`not (s.width_cm * s.height_cm >= 100000 or s.width_cm >= 400 or s.height_cm >= 400) and s.width_cm * s.height_cm > 25000`);
  if (f.sizeClass === "small") where.push(sql`not (s.width_cm * s.height_cm >= 100000 or s.width_cm >= 400 or s.height_cm >= 400) and s.width_cm * s.height_cm <= 25000`);
  const card = sql`(select case when c.basis = 'spot' then (select min(sp.price_fen) from rate_card_spot_prices sp where sp.rate_card_id = c.id) else c.price_fen end
    from rate_cards c where c.unit_id = u.id and c.effective_from <= ${f.from} order by c.effective_from desc limit 1)`;
  if (f.priceMinFen !== undefined) where.push(sql`${card} >= ${f.priceMinFen}`);
  if (f.priceMaxFen !== undefined) where.push(sql`${card} <= ${f.priceMaxFen}`);
  return sql<{ id: string; code: string; free_days: number; used: number; capacity: number }>`
    with days as (${days}),
    per_day as (
      select u.id, u.code, u.capacity, dd.d,
        case when (u.status = 'maintenance' and dd.d between u.maintenance_from and u.maintenance_to)
               or (u.medium in ('outdoor_static', 'led') and not exists (
                     select 1 from permits p where p.site_id = u.site_id and p.start_date <= dd.d and p.end_date >= dd.d))
             then 0 else 1 end as sellable,
        coalesce(sum(l.daily_use), 0) as used
      from units u
      left join sites s on s.id = u.site_id
      cross join days dd
      left join order_lines l on l.unit_id = u.id and l.start_date <= dd.d and l.end_date >= dd.d
        and (l.state = 'confirmed' or (l.state = 'hold' and l.expires_at > ${now}))
      where ${sql.join(where, sql` and `)}
      group by u.id, u.code, u.capacity, u.status, u.maintenance_from, u.maintenance_to, u.medium, u.site_id, dd.d
    )
    select id, code, capacity, sum(case when sellable = 1 and capacity - used >= ${f.minSpots} then 1 else 0 end) as free_days, sum(used) as used
    from per_day
    group by id, code, capacity
    having sum(case when sellable = 1 and capacity - used >= ${f.minSpots} then 1 else 0 end) >= ${f.minFreeDays}
    order by sum(used) * 1.0 / (capacity * ${dates.length}), code`.execute(db);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function benchAvailability(db: AppDb, label: DbLabel, center: GeneratedCenter, log: (line: string) => void): Promise<BenchResult> {
  const scope = { centerId: center.id, userId: center.adminId, role: "sales" as const };
  const target = (filter: AvailabilityFilter) => searchAvailability(db, scope, filter, BENCH_NOW);
  const baseline = (filter: AvailabilityFilter) => baselineQuery(db, center.id, filter, BENCH_NOW);

  // The two answers must agree before their timings mean anything.
  for (const [name, filter] of SEARCHES) {
    const mine = await target(filter);
    const days = mine.days;
    const base = new Map(
      (await baseline(filter)).rows.map((r) => [r.id, `${r.free_days}/${Math.floor((Number(r.used) * 2000 + r.capacity * days) / (2 * r.capacity * days))}`]),
    );
    // By unit, not by position: the page sorts by fill rounded to 0.1 %, the baseline by the exact ratio.
    const agree = mine.total === base.size && mine.rows.every((r) => base.get(r.id) === `${r.freeDays}/${r.fillPermille}`);
    log(`availability-search：${name}（${filter.from} 至 ${filter.to}）→ ${mine.total} 个广告位有空档${agree ? "" : `；与基线不一致：基线 ${base.size} 个`}`);
  }
  // The agreement check above has warmed the baseline.
  for (let i = 0; i < WARMUP; i++) await target(SEARCHES[i % SEARCHES.length][1]);
  const samples: number[] = [];
  const base: number[] = [];
  const perSearch = SEARCHES.map(() => [] as number[]);
  for (let i = 0; i < ITERATIONS; i++) {
    const k = i % SEARCHES.length;
    const ms = await time(() => target(SEARCHES[k][1]));
    samples.push(ms);
    perSearch[k].push(ms);
    // Interleaved, so noise from other processes hits both sides alike; over the same rotation.
    if (i % BASELINE_EVERY === 0) base.push(await time(() => baseline(SEARCHES[base.length % SEARCHES.length][1])));
  }
  const medians = perSearch.map((s) => median(s));
  log(`availability-search 各筛选中位数（毫秒）：${SEARCHES.map(([name], k) => `${name} ${round(medians[k], 2)}`).join("；")}`);
  const lines = await db.selectFrom("order_lines").select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", center.id).executeTakeFirstOrThrow();
  return summarise("availability-search", label, samples, base, {
    units: center.units,
    order_lines: Number(lines.n),
    window_days: WINDOW_DAYS,
    target_median_ms: TARGET_MEDIAN_MS,
    baseline_n: base.length,
    slowest_filter_median_ms: round(Math.max(...medians), 3),
    // The ratio above rounds to 0.01; this is the same comparison the other way round.
    baseline_times_slower: round(median(base) / median(samples), 1),
  });
}
