// Browser tests: build, start the app on a free port with a fresh database, drive Chromium.
//   npx tsx tests/e2e/run.ts        (E2E_SKIP_BUILD=1 to reuse the last build;
//   BUILD_DIR=.builds/e2e to build and serve from a folder of its own, see remix.config.js;
//   E2E_MYSQL_URL=mysql://root@127.0.0.1:3306/test adds the two-server race on MariaDB)
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { buildCases } from "./cases";
import { launchBrowser, noBrowserErrorsCase, runTests, SCREENSHOT_DIR, Session, type TestResult } from "./harness";
import { buildBookingCases } from "./booking-cases";
import { buildBookingViewsCases } from "./booking-views-cases";
import { buildContractCases } from "./contract-cases";
import { buildContractMoreCases } from "./contract-more-cases";
import { buildFinanceCases } from "./finance-cases";
import { buildHttpRaceCases } from "./http-race";
import { buildInventoryCases } from "./inventory-cases";
import { buildNotifyCases } from "./notify-cases";
import { buildRevenueCases } from "./revenue-cases";
import { buildRevenueClosingCases } from "./revenue-closing-cases";
import { buildApp, type RunningServer, startApp } from "./server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(ROOT);

async function main(): Promise<number> {
  const started = Date.now();
  buildApp(ROOT);

  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let session: Session | undefined;
  let results: TestResult[] = [];

  const cleanup = async () => {
    await session?.closeAll().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    server = await startApp(ROOT);
    console.log(`服务器已启动：${server.baseUrl}`);
    browser = await launchBrowser();
    session = new Session(server.baseUrl, browser);
    const testsStarted = Date.now();
    console.log("\n浏览器测试：");
    results = await runTests([...buildCases(session), ...buildInventoryCases(session), ...buildBookingCases(session), ...buildBookingViewsCases(session), ...buildContractCases(session), ...buildContractMoreCases(session), ...buildFinanceCases(session), ...buildRevenueCases(session), ...buildRevenueClosingCases(session), ...buildNotifyCases(session, server.databaseUrl), noBrowserErrorsCase(session)]);
    const mysqlUrl = process.env.E2E_MYSQL_URL;
    if (mysqlUrl) {
      console.log("\n两个服务进程共用 MariaDB 的并发下单：");
      results = results.concat(await runTests(buildHttpRaceCases(ROOT, mysqlUrl)));
    } else {
      console.log("\n未设置 E2E_MYSQL_URL：跳过两个服务进程共用 MariaDB 的并发下单测试。");
    }
    console.log(`\n测试用时 ${((Date.now() - testsStarted) / 1000).toFixed(1)} 秒`);
  } catch (error) {
    console.error(`\n✗ 测试环境出错：${error instanceof Error ? error.message : String(error)}`);
    if (server) console.error(`--- 服务器输出 ---\n${server.output()}`);
    await cleanup();
    return 1;
  }

  const failed = results.filter((r) => !r.ok);
  if (failed.length && server) {
    const tail = server.output().split("\n").slice(-40).join("\n");
    console.log(`\n--- 服务器输出（最后 40 行）---\n${tail}`);
  }
  await cleanup();

  console.log(`\n${results.length - failed.length} 通过，${failed.length} 失败，共 ${results.length} 项`);
  for (const f of failed) console.log(`  ✗ ${f.name}`);
  console.log(`截图目录：${SCREENSHOT_DIR}`);
  console.log(`总用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
