// Frozen migration: each reminder kind can be switched off per center, and the sales kinds can be
// sent to each rep's own robot (a robot may belong to one user) instead of the sales group.
import { Kysely, MysqlAdapter, sql } from "kysely";

function tableOptions(db: Kysely<any>) {
  return db.getExecutor().adapter instanceof MysqlAdapter ? sql`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin` : sql``;
}

const ID = "varchar(26)";

export async function up(db: Kysely<any>): Promise<void> {
  // A kind without a row is on and sent to its routed robots.
  await db.schema
    .createTable("reminder_kinds")
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("per_owner", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("reminder_kinds_pk", ["center_id", "kind"])
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.alterTable("robots").addColumn("owner_id", ID).execute();
  await db.schema.createIndex("robots_owner_idx").on("robots").columns(["center_id", "owner_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // MySQL names the table an index is dropped from; SQLite has no such clause.
  const drop = db.schema.dropIndex("robots_owner_idx");
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on("robots") : drop).execute();
  await db.schema.alterTable("robots").dropColumn("owner_id").execute();
  await db.schema.dropTable("reminder_kinds").execute();
}
