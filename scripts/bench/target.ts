// Where the benchmarks run. BENCH_DB unset: a fresh SQLite file in a temp folder, deleted at the
// end. BENCH_DB=mysql://user@host:port/any: a fresh database rm_bench_<pid> on that server,
// dropped at the end (the database named in the url is not touched). BENCH_DB=file:path: that
// SQLite file as given (it must be new or empty; it is kept).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { type Connection, createConnection } from "mysql2/promise";
import { type AppDb, parseDatabaseUrl, redactUrl } from "../../db/connection";
import { openCheckedDatabase, StartupError } from "../lib/open-checked";
import type { DbLabel } from "./stats";

export interface BenchTarget {
  db: AppDb;
  label: DbLabel;
  /** Human description for stderr (never contains a password). */
  where: string;
  version: string;
  cleanup(): Promise<void>;
}

export async function openBenchTarget(raw: string | undefined = process.env.BENCH_DB): Promise<BenchTarget> {
  const value = (raw ?? "").trim();
  if (!value) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rm-bench-"));
    const file = path.join(dir, "bench.db");
    const db = await openCheckedDatabase(`file:${file}`);
    return {
      db,
      label: "sqlite",
      where: file,
      version: await sqliteVersion(db),
      cleanup: once(async () => {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      }),
    };
  }
  let target;
  try {
    target = parseDatabaseUrl(value);
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  if (target.kind === "sqlite") {
    const db = await openCheckedDatabase(value);
    return { db, label: "sqlite", where: target.file, version: await sqliteVersion(db), cleanup: once(() => db.destroy()) };
  }

  const { url } = target;
  const name = `rm_bench_${process.pid}`;
  let admin: Connection;
  try {
    admin = await createConnection({
      host: url.hostname,
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username || "root"),
      password: decodeURIComponent(url.password),
      connectTimeout: 5000,
    });
  } catch (error) {
    throw new StartupError(`无法连接 ${redactUrl(value)}：${(error as Error).message}`);
  }
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  const benchUrl = new URL(url.toString());
  benchUrl.pathname = `/${name}`;
  const dropAll = async () => {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  };
  let db: AppDb;
  try {
    db = await openCheckedDatabase(benchUrl.toString());
  } catch (error) {
    await dropAll();
    throw error;
  }
  const version = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0].v;
  return {
    db,
    label: "mariadb",
    where: `${url.host}/${name}`,
    version,
    cleanup: once(async () => {
      await db.destroy();
      await dropAll();
    }),
  };
}

async function sqliteVersion(db: AppDb): Promise<string> {
  return `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(db)).rows[0].v}`;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}
