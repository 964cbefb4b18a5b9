// Frozen migration: group robots (WeCom, DingTalk) per center, which kinds of message go to which
// robot, and the outbox every message is written to before it is delivered (one row per robot and
// dedupe key, so a re-run never queues it twice; claimed under a row lock, so two runners never
// send it twice).
import { Kysely, MysqlAdapter, sql } from "kysely";

function tableOptions(db: Kysely<any>) {
  return db.getExecutor().adapter instanceof MysqlAdapter ? sql`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin` : sql``;
}

const ID = "varchar(26)";
const INSTANT = "varchar(24)";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("robots")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("name", "varchar(50)", (c) => c.notNull())
    .addColumn("kind", "varchar(10)", (c) => c.notNull())
    .addColumn("webhook_url", "varchar(500)", (c) => c.notNull())
    .addColumn("secret", "varchar(200)", (c) => c.notNull().defaultTo(""))
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("robots_center_idx").on("robots").columns(["center_id", "name"]).unique().execute();

  await db.schema
    .createTable("notification_routes")
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("robot_id", ID, (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_routes_pk", ["center_id", "kind", "robot_id"])
    .modifyEnd(tableOptions(db))
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("robot_id", ID, (c) => c.notNull())
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("dedupe_key", "varchar(200)", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "varchar(10)", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", INSTANT, (c) => c.notNull())
    .addColumn("claimed_by", "varchar(60)")
    .addColumn("claimed_until", INSTANT)
    .addColumn("last_error", "varchar(500)", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("sent_at", INSTANT)
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("outbox_dedupe_uq").on("outbox").columns(["center_id", "robot_id", "dedupe_key"]).unique().execute();
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["status", "next_attempt_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["outbox", "notification_routes", "robots"]) await db.schema.dropTable(table).execute();
}
