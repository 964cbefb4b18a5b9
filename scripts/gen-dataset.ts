// npm run gen-dataset -- --size demo|county-l|province --db <url> [--seed N] [--password P]
// Migrates the target database and fills it with a deterministic synthetic dataset
// (centers, users, clients, inventory, orders, events, service contracts, bills and payments). Only an empty database is accepted.
import { parseArgs } from "node:util";
import { isStrongEnough } from "../app/modules/auth/password.server";
import { redactUrl } from "../db/connection";
import { DATASET_SIZES, type DatasetSize, DEFAULT_PASSWORD, DEFAULT_SEED, generateDataset } from "./bench/dataset";
import { openCheckedDatabase, runCli, StartupError } from "./lib/open-checked";

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        size: { type: "string" },
        db: { type: "string" },
        seed: { type: "string" },
        password: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new StartupError(`参数有误：${(error as Error).message}（用法：--size demo|county-l|province --db <地址> [--seed N] [--password 密码]）`);
  }
  const size = values.size as DatasetSize | undefined;
  if (!size || !DATASET_SIZES.includes(size)) throw new StartupError("--size 只能是 demo、county-l 或 province");
  const url = values.db ?? process.env.DATABASE_URL;
  if (!url) throw new StartupError("请用 --db 指定目标数据库（file:路径 或 mysql://root@127.0.0.1:3306/库名）");
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new StartupError("--seed 应为非负整数");
  const password = values.password ?? DEFAULT_PASSWORD;
  if (!isStrongEnough(password)) throw new StartupError("--password 至少 10 位，且须同时含字母和数字");
  return { size, url, seed, password };
}

await runCli(async () => {
  const { size, url, seed, password } = readOptions();
  const db = await openCheckedDatabase(url);
  try {
    console.log(`生成数据集 ${size}（seed ${seed}）→ ${redactUrl(url)}`);
    const summary = await generateDataset(db, { size, seed, password, log: (line) => console.log(line) });
    const first = summary.centerList[0];
    const others = summary.centers > 1 ? `；其他中心同样，把 ${first.code} 换成中心代码` : "";
    console.log(`所有生成账号的密码：${password}；${first.name} 的用户名：${first.usernames.join("、")}${others}`);
    const { centers, users, clients, sites, units, rateCards, orders, orderLines, orderEvents, events, sponsors, contracts, contractMilestones, contractWorkLogs, bills, billLines, payments, revenueFacts, seconds } = summary;
    console.log(JSON.stringify({ size, seed, centers, users, clients, sites, units, rateCards, orders, orderLines, orderEvents, events, sponsors, contracts, contractMilestones, contractWorkLogs, bills, billLines, payments, revenueFacts, seconds }));
  } finally {
    await db.destroy();
  }
});
