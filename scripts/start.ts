// npm start: open (or create) the database, migrate, seed an empty one, and serve the built app.
import fs from "node:fs";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "./lib/demo-seed";
import { openCheckedDatabase, runCli, StartupError } from "./lib/open-checked";
import { scheduleDaily } from "./lib/daily-schedule";
import { scheduleHoldSweep } from "./lib/hold-sweep";
import { printAccounts } from "./lib/print-accounts";
import { buildPaths, startServer } from "./lib/server";

await runCli(async () => {
  const serverBuild = buildPaths().server;
  if (!fs.existsSync(serverBuild)) throw new StartupError(`找不到构建产物 ${serverBuild}，请先运行 npm run build`);
  const db = await openCheckedDatabase();
  const steps = await migrateToLatest(db);
  if (steps.length) console.log(`数据库迁移：${steps.join("，")}`);
  const accounts = await seedDemo(db, { password: process.env.DEMO_PASSWORD });
  if (accounts) printAccounts(accounts);
  const port = Number(process.env.PORT ?? 3000);
  const server = await startServer({ db, port, host: process.env.HOST, trustProxy: process.env.TRUST_PROXY === "1" });
  console.log(`融媒经营台已启动：http://localhost:${port}`);
  const stopSweep = scheduleHoldSweep(db, Number(process.env.HOLD_SWEEP_MINUTES ?? 10));
  const stopDaily = scheduleDaily(db, process.env.DAILY_REMINDERS_AT);
  const stop = () => {
    stopSweep();
    stopDaily();
    server.close(() => void db.destroy().then(() => process.exit(0)));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
});
