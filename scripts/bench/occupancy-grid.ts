// occupancy-grid: the 占用表 loader's work for 500 units × 31 days. Target: occupancyGrid() (page of
// units, their permits, the month's lines with order and client, cells with fill and marks) asked
// for 500 units per page, rotating over the county-l center's 3,000 units and two 31-day months
// around DATASET_TODAY. Baseline: one hand-written query returning the same lines for the same
// page of units, with no joins to orders or clients and no shaping. The issue's target: median
// ≤ 100 ms.
import { sql } from "kysely";
import { occupancyGrid, type OccupancyGrid } from "../../app/modules/booking/grid.server";
import type { AppDb } from "../../db/connection";
import type { GeneratedCenter } from "./dataset";
import { DATASET_NOW } from "./dataset-orders";
import { type BenchResult, type DbLabel, median, round, summarise } from "./stats";

const WARMUP = 12;
const ITERATIONS = 120;
const TARGET_MEDIAN_MS = 100;
const UNITS_PER_PAGE = 500;
/** December holds DATASET_TODAY (live holds, queues); October is all past, confirmed lines. */
const MONTHS = [
  ["2026-12", "2026-12-01", "2026-12-31"],
  ["2026-10", "2026-10-01", "2026-10-31"],
] as const;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function benchOccupancyGrid(db: AppDb, label: DbLabel, center: GeneratedCenter, log: (line: string) => void): Promise<BenchResult> {
  const scope = { centerId: center.id, userId: center.adminId, role: "admin" as const };
  const pages = Math.max(1, Math.ceil(center.units / UNITS_PER_PAGE));
  const cases = MONTHS.flatMap(([month, from, to]) => Array.from({ length: pages }, (_, i) => ({ month, from, to, page: i + 1 })));
  type Case = (typeof cases)[number];
  const target = (c: Case) => occupancyGrid(db, scope, { month: c.month, filter: {}, page: c.page, pageSize: UNITS_PER_PAGE }, DATASET_NOW);
  const baseline = (c: Case) =>
    sql<{ unit_id: string }>`select l.unit_id, l.start_date, l.end_date, l.daily_use, l.state, l.order_id
      from order_lines l
      join (select id from units where center_id = ${center.id} and archived = 0 order by code limit ${UNITS_PER_PAGE} offset ${(c.page - 1) * UNITS_PER_PAGE}) p on p.id = l.unit_id
      where l.center_id = ${center.id} and l.end_date >= ${c.from} and l.start_date <= ${c.to}
        and (l.state = 'confirmed' or (l.state in ('hold', 'queued') and l.expires_at > ${DATASET_NOW}))`.execute(db);

  const shapes: { cells: number; lines: number; bytes: number }[] = [];
  for (const c of cases) {
    const grid: OccupancyGrid = await target(c);
    const lines = (await baseline(c)).rows.length;
    const cells = grid.rows.reduce((n, r) => n + r.cells.filter((index) => index !== 0).length, 0);
    const bytes = Buffer.byteLength(JSON.stringify(grid));
    shapes.push({ cells, lines, bytes });
    log(`occupancy-grid：${c.month} 第${c.page}页 → ${grid.rows.length} 个广告位，${lines} 行投放，${cells} 个有内容的格子，${round(bytes / 1024, 1)} KB`);
  }
  for (let i = 0; i < WARMUP; i++) {
    await target(cases[i % cases.length]);
    await baseline(cases[i % cases.length]);
  }
  // Interleaved, so that noise from other processes hits both sides alike.
  const samples: number[] = [];
  const base: number[] = [];
  const perCase = cases.map(() => [] as number[]);
  for (let i = 0; i < ITERATIONS; i++) {
    const k = i % cases.length;
    const ms = await time(() => target(cases[k]));
    samples.push(ms);
    perCase[k].push(ms);
    base.push(await time(() => baseline(cases[k])));
  }
  const medians = perCase.map((s) => median(s));
  log(`occupancy-grid 各页中位数（毫秒）：${cases.map((c, k) => `${c.month}/${c.page} ${round(medians[k], 2)}`).join("；")}`);
  return summarise("occupancy-grid", label, samples, base, {
    units_per_page: UNITS_PER_PAGE,
    days: 31,
    target_median_ms: TARGET_MEDIAN_MS,
    slowest_page_median_ms: round(Math.max(...medians), 3),
    lines_per_page_median: median(shapes.map((s) => s.lines)),
    payload_kb_median: round(median(shapes.map((s) => s.bytes)) / 1024, 1),
  });
}
