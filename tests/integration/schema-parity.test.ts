// The same migrations must give the same tables, columns and indexes on SQLite and MariaDB.
import { describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { introspectIndexes } from "../../db/dialect";
import { migrateDownOne, migrateToLatest } from "../../db/migrate";
import { dialectsUnderTest, openTestDb } from "../support/db";

/** Types as families: the dialects spell them differently (varchar(26) vs VARCHAR, int vs integer). */
function family(dataType: string): string {
  const t = dataType.toLowerCase();
  if (/int/.test(t)) return "integer";
  if (/char|text/.test(t)) return "text";
  return t;
}

async function describeSchema(db: Kysely<any>) {
  const tables = await db.introspection.getTables();
  const columns = tables
    .filter((table) => !table.name.startsWith("schema_migrations"))
    .flatMap((table) => table.columns.map((c) => `${table.name}.${c.name}: ${family(c.dataType)}${c.isNullable ? " null" : ""}`))
    .sort();
  const indexes = (await introspectIndexes(db))
    .filter((i) => !i.table.startsWith("schema_migrations"))
    // MySQL adds an index for every foreign key that has none; SQLite doesn't need one.
    .filter((i) => !(!i.unique && i.columns.length === 1 && i.name === i.columns[0]))
    .map((i) => `${i.table}.${i.name}(${i.columns.join(",")})${i.unique ? " unique" : ""}`)
    .sort();
  return { columns, indexes };
}

describe("schema parity", () => {
  const mysql = dialectsUnderTest().find((d) => d.dialect === "mysql");

  it("has every table, column and index it should on SQLite", async () => {
    const db = await openTestDb(":memory:");
    const { columns, indexes } = await describeSchema(db);
    expect(columns).toContain("clients.commission_bp: integer");
    expect(columns).toContain("audit_log.before_json: text null");
    expect(indexes).toContain("clients.clients_center_name_uq(center_id,name) unique");
    expect(indexes).toContain("users.unique(username) unique");
    await db.destroy();
  });

  it.skipIf(!mysql)("introspects identically on SQLite and MariaDB", async () => {
    const lite = await openTestDb(":memory:");
    const maria = await openTestDb(mysql!.url);
    expect(await describeSchema(maria)).toEqual(await describeSchema(lite));
    await Promise.all([lite.destroy(), maria.destroy()]);
  });

  it("migrates down and up again cleanly", async () => {
    const db = await openTestDb(":memory:");
    while ((await migrateDownOne(db)).length > 0);
    expect((await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith("schema_"))).toEqual([]);
    await migrateToLatest(db);
    expect((await describeSchema(db)).columns.length).toBeGreaterThan(120);
    await db.destroy();
  });
});
