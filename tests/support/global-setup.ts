// The MySQL leg: when TEST_MYSQL_URL names a MariaDB/MySQL server, make one fresh database for
// this run, migrate it, hand its URL to the tests, and drop it at the end.
import type { TestProject } from "vitest/node";
import { createPool } from "mysql2/promise";
import { createDb, parseDatabaseUrl } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    mysqlUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  const base = process.env.TEST_MYSQL_URL;
  if (!base) {
    console.log("\n[测试] 未设置 TEST_MYSQL_URL：跳过 MySQL/MariaDB 一轮，仅在 SQLite 上运行。\n");
    project.provide("mysqlUrl", null);
    return;
  }
  const server = new URL(base);
  const name = `rm_test_${Date.now()}_${process.pid}`;
  const admin = createPool({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username || "root"), password: decodeURIComponent(server.password) });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = createDb(parseDatabaseUrl(url.toString()));
  await migrateToLatest(db);
  await db.destroy();
  console.log(`\n[测试] MySQL/MariaDB 一轮使用临时数据库 ${name}\n`);
  project.provide("mysqlUrl", url.toString());
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  };
}
