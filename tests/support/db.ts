// Database tests run once per configured dialect: always SQLite (in memory, migrated per file),
// and MariaDB/MySQL when TEST_MYSQL_URL is set (one migrated database for the run). Each test
// makes its own centers, so tests can share the MySQL database without seeing each other.
import { createPool } from "mysql2/promise";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { type AppDb, createDb, parseDatabaseUrl } from "../../db/connection";
import type { Dialect } from "../../db/dialect";
import { migrateToLatest } from "../../db/migrate";

export interface DbContext {
  dialect: Dialect;
  /** The database for this dialect; valid inside tests and hooks. */
  db: () => AppDb;
}

export function dialectsUnderTest(): { dialect: Dialect; url: string }[] {
  const mysqlUrl = inject("mysqlUrl");
  return [{ dialect: "sqlite", url: ":memory:" }, ...(mysqlUrl ? [{ dialect: "mysql" as const, url: mysqlUrl }] : [])];
}

export async function openTestDb(url: string): Promise<AppDb> {
  const db = createDb(parseDatabaseUrl(url));
  if (url === ":memory:") await migrateToLatest(db);
  return db;
}

export function describeEachDb(name: string, body: (ctx: DbContext) => void) {
  for (const { dialect, url } of dialectsUnderTest()) {
    describe(`${name} [${dialect}]`, () => {
      let db: AppDb | undefined;
      beforeAll(async () => {
        db = await openTestDb(url);
      });
      afterAll(async () => {
        await db?.destroy();
      });
      body({
        dialect,
        db: () => {
          if (!db) throw new Error("database not open yet");
          return db;
        },
      });
    });
  }
}

/** A migrated, empty database of this dialect (for code that only writes to an empty one), and how to get rid of it. */
export async function freshDatabase(dialect: Dialect, prefix = "rm_fresh"): Promise<{ db: AppDb; drop: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const db = await openTestDb(":memory:");
    return { db, drop: () => db.destroy() };
  }
  const url = new URL(inject("mysqlUrl")!);
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const admin = createPool({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username || "root"), password: decodeURIComponent(url.password) });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  url.pathname = `/${name}`;
  const db = createDb(parseDatabaseUrl(url.toString()));
  await migrateToLatest(db);
  return {
    db,
    drop: async () => {
      await db.destroy();
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}
