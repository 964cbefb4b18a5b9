// Frozen migration: orders and their lines (holds, ranked queues, confirmations), the order's
// event trail, per-center numbering sequences, the center's hold settings, and events (活动)
// with their sponsors.
import { Kysely, MysqlAdapter, sql } from "kysely";

function tableOptions(db: Kysely<any>) {
  return db.getExecutor().adapter instanceof MysqlAdapter ? sql`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin` : sql``;
}

const ID = "varchar(26)";
const INSTANT = "varchar(24)";
const DATE = "varchar(10)"; // 'YYYY-MM-DD'
const LOCAL_TIME = "varchar(16)"; // 'YYYY-MM-DDTHH:mm', wall clock in Asia/Shanghai

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("centers").addColumn("hold_days", "integer", (c) => c.notNull().defaultTo(7)).execute();
  await db.schema.alterTable("centers").addColumn("hold_max_renewals", "integer", (c) => c.notNull().defaultTo(2)).execute();

  // Human numbers (DD2026-000123, later ZD…): one row per center, series and year, locked by the
  // transaction that takes the next number, so numbers never skip or repeat.
  await db.schema
    .createTable("number_sequences")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("series", "varchar(10)", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("last_value", "integer", (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("number_sequences_uq").on("number_sequences").columns(["center_id", "series", "year"]).unique().execute();

  await db.schema
    .createTable("orders")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("number", "varchar(20)", (c) => c.notNull())
    .addColumn("client_id", ID, (c) => c.notNull().references("clients.id"))
    .addColumn("owner_id", ID, (c) => c.notNull().references("users.id"))
    .addColumn("title", "varchar(100)", (c) => c.notNull())
    .addColumn("product", "varchar(100)", (c) => c.notNull())
    .addColumn("ad_category", "varchar(20)", (c) => c.notNull())
    .addColumn("approval_number", "varchar(60)", (c) => c.notNull())
    .addColumn("status", "varchar(12)", (c) => c.notNull())
    .addColumn("hold_expires_at", INSTANT)
    .addColumn("hold_renewals", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("start_date", DATE) // the lines' span, kept with them; null while there are none
    .addColumn("end_date", DATE)
    .addColumn("list_fen", "bigint", (c) => c.notNull())
    .addColumn("net_fen", "bigint", (c) => c.notNull())
    .addColumn("terms", "varchar(1000)", (c) => c.notNull())
    .addColumn("cancel_reason", "varchar(200)", (c) => c.notNull())
    .addColumn("confirmed_at", INSTANT)
    .addColumn("closed_at", INSTANT) // cancelled or expired
    .addColumn("idempotency_key", "varchar(40)", (c) => c.notNull())
    .addColumn("created_by", ID)
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("orders_number_uq").on("orders").columns(["center_id", "number"]).unique().execute();
  await db.schema.createIndex("orders_idempotency_uq").on("orders").columns(["center_id", "idempotency_key"]).unique().execute();
  await db.schema.createIndex("orders_status_idx").on("orders").columns(["center_id", "status", "hold_expires_at"]).execute();
  await db.schema.createIndex("orders_dates_idx").on("orders").columns(["center_id", "start_date"]).execute();
  await db.schema.createIndex("orders_client_idx").on("orders").columns(["client_id"]).execute();
  await db.schema.createIndex("orders_owner_idx").on("orders").columns(["owner_id"]).execute();

  // A line books one unit for a date range. `state` and `expires_at` repeat the order's so that
  // capacity is counted from this table alone:
  //   draft | queued (waits behind a full unit) | hold (counts until expires_at) | confirmed (counts) | released
  await db.schema
    .createTable("order_lines")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("order_id", ID, (c) => c.notNull().references("orders.id"))
    .addColumn("unit_id", ID, (c) => c.notNull().references("units.id"))
    .addColumn("start_date", DATE, (c) => c.notNull())
    .addColumn("end_date", DATE, (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("daily_use", "integer", (c) => c.notNull()) // capacity taken per day, in the unit's measure (spots × seconds for TV/radio)
    .addColumn("kind", "varchar(16)", (c) => c.notNull()) // paid | bonus | public_service | internal
    .addColumn("daypart", "varchar(10)")
    .addColumn("seconds", "integer")
    .addColumn("position", "varchar(8)")
    .addColumn("list_fen", "bigint", (c) => c.notNull())
    .addColumn("discount_bp", "integer", (c) => c.notNull())
    .addColumn("net_fen", "bigint", (c) => c.notNull())
    .addColumn("net_fixed", "integer", (c) => c.notNull()) // 1: negotiated net price, 0: net from discount
    .addColumn("content", "varchar(500)", (c) => c.notNull())
    .addColumn("state", "varchar(10)", (c) => c.notNull())
    .addColumn("expires_at", INSTANT)
    .addColumn("queued_at", INSTANT)
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("order_lines_order_idx").on("order_lines").columns(["order_id"]).execute();
  await db.schema.createIndex("order_lines_unit_idx").on("order_lines").columns(["unit_id", "end_date", "start_date"]).execute();
  // Covers the capacity count (capacity.server.ts countingLines): a window of a center's lines
  // with their state, expiry, unit and daily use, read from the index alone.
  await db.schema
    .createIndex("order_lines_window_idx")
    .on("order_lines")
    .columns(["center_id", "end_date", "start_date", "state", "expires_at", "unit_id", "daily_use"])
    .execute();

  await db.schema
    .createTable("order_events")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("order_id", ID, (c) => c.notNull().references("orders.id"))
    .addColumn("line_id", ID)
    .addColumn("user_id", ID)
    .addColumn("at", INSTANT, (c) => c.notNull())
    .addColumn("kind", "varchar(20)", (c) => c.notNull())
    .addColumn("detail", "varchar(500)", (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("order_events_order_idx").on("order_events").columns(["order_id", "at"]).execute();
  await db.schema.createIndex("order_events_kind_idx").on("order_events").columns(["center_id", "kind", "at"]).execute();

  await db.schema
    .createTable("events")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("title", "varchar(100)", (c) => c.notNull())
    .addColumn("type", "varchar(16)", (c) => c.notNull()) // gala | expo | match | live | charity | other
    .addColumn("venue", "varchar(200)", (c) => c.notNull())
    .addColumn("starts_at", LOCAL_TIME, (c) => c.notNull())
    .addColumn("ends_at", LOCAL_TIME, (c) => c.notNull())
    .addColumn("owner_id", ID, (c) => c.notNull().references("users.id"))
    .addColumn("category_id", ID, (c) => c.notNull().references("revenue_categories.id"))
    .addColumn("budget_fen", "bigint", (c) => c.notNull())
    .addColumn("status", "varchar(12)", (c) => c.notNull()) // planning | confirmed | done | cancelled
    .addColumn("notes", "varchar(1000)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("events_start_idx").on("events").columns(["center_id", "starts_at"]).execute();

  await db.schema
    .createTable("event_sponsors")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("event_id", ID, (c) => c.notNull().references("events.id"))
    .addColumn("client_id", ID, (c) => c.notNull().references("clients.id"))
    .addColumn("package", "varchar(100)", (c) => c.notNull()) // 冠名 / 协办 / 展位 …
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("event_sponsors_event_idx").on("event_sponsors").columns(["event_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["event_sponsors", "events", "order_events", "order_lines", "orders", "number_sequences"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("centers").dropColumn("hold_max_renewals").execute();
  await db.schema.alterTable("centers").dropColumn("hold_days").execute();
}
