// aging: 应收账龄 as of a day over the county-l center (100,000 invoices, 150,000 payments): aging()
// as the 账龄 screen and its .xlsx call it, per client and per rep in both bucket sets. Two days:
// the dataset's today (DATASET_TODAY; the usual question: 16,750 invoices still open) and two
// years before it (7,496 open then, found among the bills settled since). Baseline, in
// the same run and interleaved: one bare aggregate over the same center's bills,
// `select client_id, sum(total_fen) from bills where center_id = ? group by client_id`. Target
// (issue): median at most 200 ms on both databases.
// Before timing, each day's aging is checked per client against a full read: every issued invoice
// of the center and all their money (countedMoney over the whole center, which never looks at
// settled_on), the rows aging read before settled_on. That read is timed too
// (full_read_median_ms), for comparison.
import { sql } from "kysely";
import type { AppDb } from "../../db/connection";
import { aging, countedMoney } from "../../app/modules/billing/receivables.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { DATASET_TODAY } from "./dataset-inventory";
import { type BenchResult, type DbLabel, median, percentile, round, summarise } from "./stats";

const TARGET_MEDIAN_MS = 200;

export interface AgingBenchOptions {
  centerId: string;
  label?: DbLabel;
  /** Timed runs per day (default 30), after 3 warm-ups. */
  runs?: number;
  log?: (line: string) => void;
}

/** Each client's open receivable on D from every issued invoice of the center and all their money. */
async function fullRead(db: AppDb, centerId: string, asOf: string): Promise<{ perClient: Map<string, number>; openBills: number }> {
  const [invoices, money] = await Promise.all([
    sql<{ id: string; client_id: string; total_fen: number }>`
      select id, client_id, total_fen from bills where center_id = ${centerId} and status = 'issued' and kind = 'invoice' and issue_date <= ${asOf}`.execute(db),
    countedMoney(db, centerId, asOf),
  ]);
  const perClient = new Map<string, number>();
  let openBills = 0;
  for (const b of invoices.rows) {
    const open = Number(b.total_fen) - (money.paid.get(b.id) ?? 0) - (money.credited.get(b.id) ?? 0);
    if (open !== 0) perClient.set(b.client_id, (perClient.get(b.client_id) ?? 0) + open);
    if (open !== 0) openBills++;
  }
  return { perClient, openBills };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export async function benchAging(db: AppDb, opts: AgingBenchOptions): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const runs = opts.runs ?? 30;
  const scope = { centerId: opts.centerId };
  const baseline = () => sql`select client_id, sum(total_fen) as total_fen from bills where center_id = ${opts.centerId} group by client_id`.execute(db);
  const days = { today: DATASET_TODAY, past: addDays(DATASET_TODAY, -730) };
  const checked: Record<string, { openBills: number; full: number[] }> = {};

  for (const [key, day] of Object.entries(days)) {
    const full: number[] = [];
    let read = { perClient: new Map<string, number>(), openBills: 0 };
    for (let i = 0; i < 4; i++) {
      const run = await timed(() => fullRead(db, opts.centerId, day));
      if (i > 0) full.push(run.ms);
      read = run.value;
    }
    const { perClient, openBills } = read;
    const result = await aging(db, scope, day);
    const got = new Map(result.byClient.map((r) => [r.key, r.total_fen]));
    const wrong = [...perClient].filter(([client, fen]) => got.get(client) !== fen);
    if (wrong.length || got.size !== perClient.size) throw new Error(`账龄 ${day} 与全量计算不符：${wrong.length} 个客户的应收余额不同`);
    checked[key] = { openBills, full };
    log(`aging ${day}：${openBills} 张发票未结清，${got.size} 个客户有应收，合计 ${result.totals.total_fen} 分，逐客户与全量计算一致（全量读取 ${Math.round(median(full))} ms）`);
  }

  const samples: Record<string, number[]> = { today: [], past: [] };
  const base: number[] = [];
  for (const day of Object.values(days)) for (let i = 0; i < 3; i++) await aging(db, scope, day);
  for (let i = 0; i < 3; i++) await baseline();
  for (let i = 0; i < runs; i++) {
    for (const [key, day] of Object.entries(days)) samples[key].push((await timed(() => aging(db, scope, day))).ms);
    base.push((await timed(baseline)).ms);
    if ((i + 1) % 10 === 0) log(`  第 ${i + 1} 轮：今天 ${Math.round(median(samples.today))} ms，两年前 ${Math.round(median(samples.past))} ms，基线 ${Math.round(median(base))} ms（中位数）`);
  }

  const pastMedian = median(samples.past);
  return {
    ...summarise("aging", opts.label ?? "sqlite", samples.today, base, {
      open_bills: checked.today.openBills,
      past_median_ms: round(pastMedian, 3),
      past_p95_ms: round(percentile(samples.past, 95), 3),
      past_ratio: round(pastMedian / median(base), 2),
      past_open_bills: checked.past.openBills,
      full_read_median_ms: round(median(checked.today.full), 1),
      past_full_read_median_ms: round(median(checked.past.full), 1),
      target_median_ms: TARGET_MEDIAN_MS,
    }),
    as_of: days.today,
    past_as_of: days.past,
  };
}
