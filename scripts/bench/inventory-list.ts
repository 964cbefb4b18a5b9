// inventory-list: the 广告位 list as its page calls it. Target: listUnits() (site, category and
// latest-permit joins, filters, page of 50 with the total) over the county-l center's 3,000 units,
// for a fixed rotation of filters people use. Baseline: one hand-written query with the same join
// to sites, a plain where, order and limit. The issue's target: median ≤ 20 ms in-process.
import { sql } from "kysely";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { listUnits, type UnitFilter } from "../../app/modules/inventory/units.server";
import type { AppDb } from "../../db/connection";
import type { GeneratedCenter } from "./dataset";
import { DATASET_TODAY } from "./dataset-inventory";
import { type BenchResult, type DbLabel, median, round, summarise } from "./stats";

const WARMUP = 20;
const ITERATIONS = 200;
const TARGET_MEDIAN_MS = 20;

/** What people filter by, in a fixed rotation (the dataset's districts are 城关镇, 东坑镇 …). */
export const FILTERS: [label: string, filter: UnitFilter][] = [
  ["无筛选 第1页", {}],
  ["静态户外", { medium: "outdoor_static" }],
  ["城关镇", { district: "城关镇" }],
  ["许可将到期", { permit: "expiring" }],
  ["大型", { sizeClass: "large" }],
  ["搜索 人民路", { q: "人民路" }],
  ["静态户外+东坑镇+大型", { medium: "outdoor_static", district: "东坑镇", sizeClass: "large" }],
  ["搜索 候车亭+许可有效", { q: "候车亭", permit: "valid" }],
  ["单立柱+许可将到期", { facilityType: "unipole", permit: "expiring" }],
  ["无筛选 第5页", { page: 5 }],
];

/** Permits as of the dataset's own day, expiring within 30 days (renewal is applied for ~30 days ahead). */
export const BENCH_WINDOW = { today: DATASET_TODAY, expiringBy: addDays(DATASET_TODAY, 30) };

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function benchInventoryList(db: AppDb, label: DbLabel, center: GeneratedCenter, log: (line: string) => void): Promise<BenchResult> {
  const scope = { centerId: center.id, userId: center.adminId, role: "admin" as const };
  const target = (filter: UnitFilter) => listUnits(db, scope, filter, BENCH_WINDOW);
  const baseline = () =>
    sql<{ id: string }>`select u.id, u.code, u.name, u.medium, u.status, s.name as site_name, s.district
      from units u left join sites s on s.id = u.site_id
      where u.center_id = ${center.id} and u.archived = 0
      order by u.code limit 50`.execute(db);

  for (const [name, filter] of FILTERS) log(`inventory-list：${name} → ${(await target(filter)).total} 个广告位`);
  for (let i = 0; i < WARMUP; i++) {
    await target(FILTERS[i % FILTERS.length][1]);
    await baseline();
  }
  // Interleaved, so that noise from other processes hits both sides alike.
  const samples: number[] = [];
  const base: number[] = [];
  const perFilter = FILTERS.map(() => [] as number[]);
  for (let i = 0; i < ITERATIONS; i++) {
    const k = i % FILTERS.length;
    const ms = await time(() => target(FILTERS[k][1]));
    samples.push(ms);
    perFilter[k].push(ms);
    base.push(await time(baseline));
  }
  const medians = perFilter.map((s) => median(s));
  log(`inventory-list 各筛选中位数（毫秒）：${FILTERS.map(([name], k) => `${name} ${round(medians[k], 2)}`).join("；")}`);
  return summarise("inventory-list", label, samples, base, {
    units: center.units,
    target_median_ms: TARGET_MEDIAN_MS,
    slowest_filter_median_ms: round(Math.max(...medians), 3),
  });
}
