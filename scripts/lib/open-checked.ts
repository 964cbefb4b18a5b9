// Open the configured database and prove it answers, or explain in one line why not.
import { sql } from "kysely";
import { type AppDb, DatabaseConfigError, parseDatabaseUrl, createDb, redactUrl } from "../../db/connection";

export class StartupError extends Error {}

function describe(error: unknown, where: string): string {
  const e = error as { code?: string; message?: string; sqlMessage?: string };
  switch (e?.code) {
    case "ECONNREFUSED":
      return `无法连接数据库 ${where}：连接被拒绝（服务未启动或端口不对）`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `无法连接数据库 ${where}：找不到该主机`;
    case "ETIMEDOUT":
      return `无法连接数据库 ${where}：连接超时`;
    case "ER_ACCESS_DENIED_ERROR":
      return `无法连接数据库 ${where}：用户名或密码错误`;
    case "ER_BAD_DB_ERROR":
      return `无法连接数据库 ${where}：数据库不存在，请先创建（CREATE DATABASE … CHARACTER SET utf8mb4）`;
    case "SQLITE_CANTOPEN":
      return `无法打开 SQLite 数据库文件 ${where}`;
    default:
      return `无法连接数据库 ${where}：${e?.sqlMessage ?? e?.message ?? String(error)}`;
  }
}

export async function openCheckedDatabase(raw: string | undefined = process.env.DATABASE_URL): Promise<AppDb> {
  let target;
  try {
    target = parseDatabaseUrl(raw);
  } catch (error) {
    if (error instanceof DatabaseConfigError) throw new StartupError(error.message);
    throw error;
  }
  const where = target.kind === "mysql" ? redactUrl(target.url.toString()) : target.file;
  let db: AppDb;
  try {
    db = createDb(target);
    await sql`select 1`.execute(db);
  } catch (error) {
    throw new StartupError(describe(error, where));
  }
  return db;
}

/** Run a command-line entry point: setup problems print one line and exit 1, no stack trace. */
export async function runCli(main: () => Promise<void>) {
  try {
    await main();
  } catch (error) {
    if (error instanceof StartupError) {
      console.error(`错误：${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
