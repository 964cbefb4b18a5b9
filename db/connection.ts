// The connection factory: SQLite (embedded default) or MySQL/MariaDB when DATABASE_URL is mysql://…
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, MysqlDialect, SqliteDialect } from "kysely";
import { createPool } from "mysql2";
import type { DB } from "./schema";

export type AppDb = Kysely<DB>;

export const DEFAULT_DATABASE_URL = "file:data/app.db";

export type DatabaseTarget =
  | { kind: "sqlite"; file: string }
  | { kind: "mysql"; url: URL };

/** A setup problem that start-up reports in one line, without a stack trace. */
export class DatabaseConfigError extends Error {}

export function parseDatabaseUrl(raw: string | undefined): DatabaseTarget {
  const value = (raw ?? "").trim() || DEFAULT_DATABASE_URL;
  if (value.startsWith("mysql://") || value.startsWith("mariadb://")) {
    let url: URL;
    try {
      url = new URL(value.replace(/^mariadb:/, "mysql:"));
    } catch {
      throw new DatabaseConfigError(`DATABASE_URL 不是有效的地址：${redactUrl(value)}`);
    }
    if (!url.hostname || url.pathname.length <= 1) {
      throw new DatabaseConfigError(
        `DATABASE_URL 缺少主机或数据库名（应形如 mysql://用户:密码@主机:3306/库名）：${redactUrl(value)}`,
      );
    }
    return { kind: "mysql", url };
  }
  if (value === ":memory:" || value === "sqlite::memory:") return { kind: "sqlite", file: ":memory:" };
  if (value.startsWith("file:")) return { kind: "sqlite", file: value.slice("file:".length) };
  if (value.startsWith("sqlite:")) return { kind: "sqlite", file: value.slice("sqlite:".length) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new DatabaseConfigError(
      `DATABASE_URL 的类型不受支持（只支持 file:路径 或 mysql://…）：${redactUrl(value)}`,
    );
  }
  return { kind: "sqlite", file: value };
}

/** SECURITY: never print a database password. */
export function redactUrl(value: string): string {
  return value.replace(/\/\/([^:/@]+):([^@]*)@/, "//$1:***@");
}

export function createDb(target: DatabaseTarget): AppDb {
  if (target.kind === "sqlite") {
    if (target.file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(target.file)), { recursive: true });
    const database = new SQLite(target.file);
    database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    database.pragma("busy_timeout = 5000");
    return new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  }
  const { url } = target;
  const pool = createPool({
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username || "root"),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    connectionLimit: Number(url.searchParams.get("connectionLimit") ?? 10),
    charset: "utf8mb4_bin",
    timezone: "Z",
    dateStrings: true,
    // MONEY: BIGINT and SUM() results come back as JS numbers, as they do from SQLite.
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
    connectTimeout: 5000,
  });
  return new Kysely<DB>({ dialect: new MysqlDialect({ pool }) });
}

export function openDatabase(raw: string | undefined = process.env.DATABASE_URL): AppDb {
  return createDb(parseDatabaseUrl(raw));
}
