// Frozen migration: never edit after it has shipped; add a new file instead.
// It imports nothing from the app, so it keeps working whatever the app becomes.
import { Kysely, MysqlAdapter, sql } from "kysely";

function isMysql(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof MysqlAdapter;
}

/** MariaDB/MySQL tables use utf8mb4 with a binary collation so that equality, ordering and
 * uniqueness behave as SQLite's default BINARY collation does. */
function tableOptions(db: Kysely<any>) {
  return isMysql(db) ? sql`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin` : sql``;
}

const ID = "varchar(26)";
const INSTANT = "varchar(24)"; // UTC ISO-8601, e.g. 2026-11-26T08:00:00.000Z

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("centers")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("code", "varchar(32)", (c) => c.notNull().unique())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("taxpayer_status", "varchar(16)", (c) => c.notNull())
    .addColumn("tax_id", "varchar(32)", (c) => c.notNull())
    .addColumn("address", "varchar(200)", (c) => c.notNull())
    .addColumn("phone", "varchar(50)", (c) => c.notNull())
    .addColumn("bank_name", "varchar(100)", (c) => c.notNull())
    .addColumn("bank_account", "varchar(50)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("username", "varchar(64)", (c) => c.notNull().unique())
    .addColumn("display_name", "varchar(64)", (c) => c.notNull())
    .addColumn("role", "varchar(16)", (c) => c.notNull())
    .addColumn("password_hash", "varchar(100)", (c) => c.notNull())
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("password_changed_at", INSTANT, (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("users_center_idx").on("users").columns(["center_id", "username"]).execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey().notNull()) // sha-256 of the cookie token
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("user_id", ID, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("expires_at", INSTANT, (c) => c.notNull())
    .addColumn("ip", "varchar(64)", (c) => c.notNull())
    .addColumn("user_agent", "varchar(255)", (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").columns(["user_id", "expires_at"]).execute();

  await db.schema
    .createTable("login_failures")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("subject", "varchar(100)", (c) => c.notNull()) // "user:<name>" or "ip:<address>"
    .addColumn("failed_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema
    .createIndex("login_failures_subject_idx")
    .on("login_failures")
    .columns(["subject", "failed_at"])
    .execute();

  await db.schema
    .createTable("clients")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("credit_code", "varchar(18)", (c) => c.notNull())
    .addColumn("contact_name", "varchar(50)", (c) => c.notNull())
    .addColumn("contact_phone", "varchar(50)", (c) => c.notNull())
    .addColumn("address", "varchar(200)", (c) => c.notNull())
    .addColumn("phone", "varchar(50)", (c) => c.notNull())
    .addColumn("bank_name", "varchar(100)", (c) => c.notNull())
    .addColumn("bank_account", "varchar(50)", (c) => c.notNull())
    .addColumn("owner_id", ID, (c) => c.references("users.id"))
    .addColumn("commission_bp", "integer", (c) => c.notNull().defaultTo(0)) // basis points: 1500 = 15 %
    .addColumn("notes", "varchar(1000)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema
    .createIndex("clients_center_name_uq")
    .on("clients")
    .columns(["center_id", "name"])
    .unique()
    .execute();
  await db.schema.createIndex("clients_owner_idx").on("clients").columns(["center_id", "owner_id"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("user_id", ID) // null for command-line and system actions
    .addColumn("at", INSTANT, (c) => c.notNull())
    .addColumn("entity", "varchar(32)", (c) => c.notNull())
    .addColumn("entity_id", ID, (c) => c.notNull())
    .addColumn("action", "varchar(32)", (c) => c.notNull())
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("audit_log_center_at_idx").on("audit_log").columns(["center_id", "at"]).execute();
  await db.schema
    .createIndex("audit_log_entity_idx")
    .on("audit_log")
    .columns(["center_id", "entity", "entity_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["audit_log", "clients", "login_failures", "sessions", "users", "centers"]) {
    await db.schema.dropTable(table).execute();
  }
}
