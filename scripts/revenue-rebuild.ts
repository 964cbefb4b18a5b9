// npm run revenue:rebuild [-- --check] [-- --center <code>]: recompute every center's revenue facts
// from their sources (closed months kept; what they would now say differently is reported in the
// current month), or with --check only list where the stored facts differ, and exit 1 if they do.
import { writeTransaction } from "../db/dialect";
import { checkRevenue, rebuildRevenue } from "../app/modules/revenue/facts.server";
import { openCheckedDatabase, runCli, StartupError } from "./lib/open-checked";

const args = process.argv.slice(2);
const check = args.includes("--check");
const only = args.includes("--center") ? args[args.indexOf("--center") + 1] : null;

await runCli(async () => {
  const db = await openCheckedDatabase();
  try {
    let q = db.selectFrom("centers").select(["id", "code", "name"]).orderBy("code");
    if (only) q = q.where("code", "=", only);
    const centers = await q.execute();
    if (only && !centers.length) throw new StartupError(`没有代码为 ${only} 的中心`);
    let drifted = 0;
    for (const center of centers) {
      const scope = { centerId: center.id };
      if (check) {
        const drift = await checkRevenue(db, scope);
        drifted += drift.length;
        console.log(`${center.name}：${drift.length ? `${drift.length} 处与重算结果不一致` : "收入事实与重算结果一致"}`);
        for (const d of drift.slice(0, 20)) console.log(`  ${d.month}（所属 ${d.forMonth}）${d.source}：现存 ${d.stored} 分，应为 ${d.wanted} 分`);
      } else {
        const report = await writeTransaction(db, (trx) => rebuildRevenue(trx, scope));
        console.log(`${center.name}：已重算收入事实 ${report.facts} 条（${report.seconds.toFixed(1)} 秒）`);
      }
    }
    if (check && drifted) process.exitCode = 1;
  } finally {
    await db.destroy();
  }
});
