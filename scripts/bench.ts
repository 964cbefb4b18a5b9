// npm run bench [-- name…]: generate the county-l dataset into a fresh database, run the
// benchmarks (all, or those named) and print one JSON line per benchmark on stdout.
// Progress goes to stderr. BENCH_DB picks the database (see scripts/bench/target.ts):
//   (unset)                               a temp SQLite file, deleted afterwards
//   mysql://root@127.0.0.1:3306/test       a fresh MariaDB database rm_bench_<pid>, dropped afterwards
// Benchmarks only measure and print; they never fail on a slow result. See docs/performance.md.
import { benchClientSearchPrefix } from "./bench/client-search";
import { generateDataset, type GeneratedCenter } from "./bench/dataset";
import { benchLoginPageSsr, ensureBuild } from "./bench/login-ssr";
import type { BenchResult } from "./bench/stats";
import { type BenchTarget, openBenchTarget } from "./bench/target";
import { runCli, StartupError } from "./lib/open-checked";

const log = (line: string) => console.error(line);

interface Context {
  target: BenchTarget;
  center: GeneratedCenter;
}

const BENCHMARKS: Record<string, (ctx: Context) => Promise<BenchResult>> = {
  "client-search-prefix": ({ target, center }) => benchClientSearchPrefix(target.db, target.label, center, log),
  "login-page-ssr": ({ target }) => benchLoginPageSsr(target.db, target.label, log),
  "inventory-import": async ({ target }) => (await import("./bench/inventory-import")).benchInventoryImport(target.db, target.label, log),
  "inventory-list": async ({ target, center }) => (await import("./bench/inventory-list")).benchInventoryList(target.db, target.label, center, log),
  "availability-search": async ({ target, center }) => (await import("./bench/availability")).benchAvailability(target.db, target.label, center, log),
  "occupancy-grid": async ({ target, center }) => (await import("./bench/occupancy-grid")).benchOccupancyGrid(target.db, target.label, center, log),
  "ledger-export": async ({ target, center }) => (await import("./bench/ledger-export")).benchLedgerExport(target.db, { centerId: center.id, label: target.label, log }),
  aging: async ({ target, center }) => (await import("./bench/aging")).benchAging(target.db, { centerId: center.id, label: target.label, log }),
  "revenue-structure": async ({ target, center }) => (await import("./bench/revenue")).benchRevenueStructure(target.db, { centerId: center.id, label: target.label, log }),
  "dashboard-ssr": async ({ target, center }) => (await import("./bench/revenue")).benchDashboardSsr(target.db, { centerId: center.id, label: target.label, log }),
  "revenue-rebuild": async ({ target, center }) => (await import("./bench/revenue")).benchRevenueRebuild(target.db, { centerId: center.id, label: target.label, log }),
  "daily-reminders": async ({ target, center }) => (await import("./bench/reminders")).benchDailyReminders(target.db, { centerId: center.id, label: target.label, log }),
  "confirm-throughput": async ({ target, center }) => (await import("./bench/confirm-throughput")).benchConfirmThroughput(target.db, target.label, center, log),
};

await runCli(async () => {
  const requested = process.argv.slice(2).filter((a) => a !== "--");
  const unknown = requested.filter((name) => !(name in BENCHMARKS));
  if (unknown.length) throw new StartupError(`未知的基准：${unknown.join("、")}（可用：${Object.keys(BENCHMARKS).join("、")}）`);
  const names = requested.length ? [...new Set(requested)] : Object.keys(BENCHMARKS);
  if (names.includes("login-page-ssr") || names.includes("dashboard-ssr")) ensureBuild(log);

  const target = await openBenchTarget();
  const interrupt = () => void target.cleanup().finally(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    log(`基准数据库：${target.version}（${target.where}）`);
    const dataset = await generateDataset(target.db, { size: "county-l", log });
    log(`数据集 county-l 已生成：${dataset.clients} 个客户，${dataset.seconds} 秒`);
    const ctx: Context = { target, center: dataset.centerList[0] };
    for (const name of names) {
      log(`运行 ${name} …`);
      console.log(JSON.stringify(await BENCHMARKS[name](ctx)));
    }
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    await target.cleanup();
  }
});
