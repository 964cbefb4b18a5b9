// The revenue benchmarks over the county-l center (five years: 300,000 order lines, 3,000 contracts,
// 100,000 bills; 157,000 revenue facts):
// - revenue-structure: the 收入结构分析 report for the five years, month by month (structureReport,
//   as its page and .xlsx call it). Baseline, interleaved: a single GROUP BY of the raw booking
//   lines by month and unit category. Target: median ≤ 100 ms on both databases.
// - revenue-rebuild: rebuilding the center's fact table from its sources in one transaction
//   (as `npm run revenue:rebuild` does), a few runs. Baseline: reading every source's income through
//   the seam year by year, without VAT, cutting or writing. Target: ≤ 60 s.
// - dashboard-ssr: GET / as a manager over HTTP on loopback, server render of the dashboard, one
//   request at a time. Baseline: GET /healthz of the same server. Target: median ≤ 150 ms.
// Before timing, the structure report's totals are checked against the facts they are read from.
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import type { AppDb } from "../../db/connection";
import { writeTransaction } from "../../db/dialect";
import { factTotals } from "../../app/modules/analytics/facts-query.server";
import { structureReport } from "../../app/modules/analytics/reports/structure.server";
import { addMonths } from "../../app/modules/analytics/series";
import { startSession } from "../../app/modules/auth/session.server";
import { incomeEntries } from "../../app/modules/income/sources.server";
import { rebuildRevenue } from "../../app/modules/revenue/facts.server";
import { startServer } from "../lib/server";
import { DATASET_TODAY } from "./dataset-inventory";
import { ensureBuild } from "./login-ssr";
import { type BenchResult, type DbLabel, median, round, summarise } from "./stats";

export interface RevenueBenchOptions {
  centerId: string;
  label?: DbLabel;
  runs?: number;
  log?: (line: string) => void;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const lastMonth = DATASET_TODAY.slice(0, 7);
const FIVE_YEARS = { from: addMonths(lastMonth, -59), to: lastMonth };

export async function benchRevenueStructure(db: AppDb, opts: RevenueBenchOptions): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const runs = opts.runs ?? 30;
  const scope = { centerId: opts.centerId };
  const filter = { from: FIVE_YEARS.from, to: FIVE_YEARS.to, categoryId: null, medium: null, clientId: null, ownerId: null };
  const report = () => structureReport(db, scope, filter);
  const baseline = () =>
    sql`select substr(l.start_date, 1, 7) as month, u.category_id, sum(l.net_fen) as net_fen
        from order_lines l join units u on u.id = l.unit_id
        where l.center_id = ${opts.centerId} and l.state = 'confirmed' and l.start_date >= ${`${FIVE_YEARS.from}-01`}
        group by substr(l.start_date, 1, 7), u.category_id`.execute(db);

  const result = await report();
  const facts = await factTotals(db, scope, FIVE_YEARS, ["earned"]);
  const earned = facts.filter((f) => Number(f.earned) === 1).reduce((s, f) => s + f.amount_fen, 0);
  const reported = JSON.stringify(result).length;
  log(`revenue-structure：${FIVE_YEARS.from} 至 ${FIVE_YEARS.to}，创收合计 ${earned} 分（事实表），报表 ${reported} 字节`);
  if (!JSON.stringify(result).includes(String(earned))) throw new Error("收入结构分析的合计与收入事实不符");

  for (let i = 0; i < 3; i++) {
    await report();
    await baseline();
  }
  const samples: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push((await timed(report)).ms);
    base.push((await timed(baseline)).ms);
  }
  return { ...summarise("revenue-structure", opts.label ?? "sqlite", samples, base, { months: 60, target_median_ms: 100 }), from: FIVE_YEARS.from, to: FIVE_YEARS.to };
}

export async function benchRevenueRebuild(db: AppDb, opts: RevenueBenchOptions): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const runs = opts.runs ?? 3;
  const scope = { centerId: opts.centerId };
  const readAll = async () => {
    let n = 0;
    for (let y = Number(FIVE_YEARS.from.slice(0, 4)) - 1; y <= Number(lastMonth.slice(0, 4)) + 1; y++) n += (await incomeEntries(db, { centerId: opts.centerId, userId: null, role: "admin" }, { period: { from: `${y}-01-01`, to: `${y}-12-31` } })).length;
    return n;
  };
  const samples: number[] = [];
  const base: number[] = [];
  let facts = 0;
  for (let i = 0; i < runs; i++) {
    // Each run starts from an empty table, as a first rebuild does.
    await db.deleteFrom("revenue_facts").where("center_id", "=", opts.centerId).execute();
    const run = await timed(() => writeTransaction(db, (trx) => rebuildRevenue(trx, scope, DATASET_TODAY)));
    samples.push(run.ms);
    facts = run.value.facts;
    base.push((await timed(readAll)).ms);
    log(`  第 ${i + 1} 次重算：${Math.round(run.ms)} ms，${facts} 条事实；只读来源 ${Math.round(base.at(-1)!)} ms`);
  }
  return summarise("revenue-rebuild", opts.label ?? "sqlite", samples, base, { facts, target_median_ms: 60_000 });
}

export async function benchDashboardSsr(db: AppDb, opts: RevenueBenchOptions): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const runs = opts.runs ?? 60;
  ensureBuild(log);
  const manager = await db.selectFrom("users").select(["id", "center_id"]).where("center_id", "=", opts.centerId).where("role", "=", "manager").orderBy("username").executeTakeFirstOrThrow();
  const cookie = (await startSession(db, new Request("http://127.0.0.1/login"), { id: manager.id, center_id: manager.center_id }, { ip: "127.0.0.1" })).split(";")[0];
  const server = await startServer({ db, port: 0, host: "127.0.0.1" });
  try {
    const { port } = server.address() as AddressInfo;
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers, redirect: "manual" });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path} 返回 ${res.status}`);
      return body;
    };
    const page = await get("/", { Cookie: cookie });
    if (!page.includes("<svg")) throw new Error("首页没有图表：登录的不是经理，或看板未渲染");
    log(`dashboard-ssr：首页 ${page.length} 字节，含图表`);
    for (let i = 0; i < 5; i++) {
      await get("/", { Cookie: cookie });
      await get("/healthz");
    }
    const samples: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      samples.push((await timed(() => get("/", { Cookie: cookie }))).ms);
      base.push((await timed(() => get("/healthz"))).ms);
    }
    log(`  首页中位数 ${round(median(samples), 1)} ms，/healthz ${round(median(base), 1)} ms`);
    return summarise("dashboard-ssr", opts.label ?? "sqlite", samples, base, { bytes: page.length, target_median_ms: 150 });
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
