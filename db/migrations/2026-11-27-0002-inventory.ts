// Frozen migration: revenue categories, outdoor sites with permits, leases and photos, sellable
// units, and rate cards with their history.
import { Kysely, MysqlAdapter, sql } from "kysely";

function tableOptions(db: Kysely<any>) {
  return db.getExecutor().adapter instanceof MysqlAdapter ? sql`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin` : sql``;
}

const ID = "varchar(26)";
const INSTANT = "varchar(24)";
const DATE = "varchar(10)"; // 'YYYY-MM-DD'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("revenue_categories")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("parent_id", ID, (c) => c.references("revenue_categories.id"))
    .addColumn("code", "varchar(40)", (c) => c.notNull()) // stable key for seeded categories, e.g. "outdoor.led"
    .addColumn("name", "varchar(50)", (c) => c.notNull())
    .addColumn("report_group", "varchar(20)", (c) => c.notNull())
    .addColumn("bears_culture_fee", "integer", (c) => c.notNull())
    .addColumn("is_earned", "integer", (c) => c.notNull())
    .addColumn("vat_item_code", "varchar(19)", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("retired", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("revenue_categories_code_uq").on("revenue_categories").columns(["center_id", "code"]).unique().execute();

  await db.schema
    .createTable("sites")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("code", "varchar(32)", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("facility_type", "varchar(20)", (c) => c.notNull())
    .addColumn("address", "varchar(200)", (c) => c.notNull())
    .addColumn("district", "varchar(50)", (c) => c.notNull()) // township / street office
    .addColumn("latitude_e6", "integer") // degrees × 1,000,000 (portable, exact)
    .addColumn("longitude_e6", "integer")
    .addColumn("width_cm", "integer", (c) => c.notNull())
    .addColumn("height_cm", "integer", (c) => c.notNull())
    .addColumn("illuminated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("traffic_notes", "varchar(500)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("sites_code_uq").on("sites").columns(["center_id", "code"]).unique().execute();

  await db.schema
    .createTable("site_files")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("site_id", ID, (c) => c.notNull().references("sites.id"))
    .addColumn("purpose", "varchar(16)", (c) => c.notNull()) // "photo" | "permit_scan"
    .addColumn("owner_id", ID, (c) => c.notNull()) // the site, or the permit the scan belongs to
    .addColumn("storage_key", "varchar(100)", (c) => c.notNull())
    .addColumn("content_type", "varchar(50)", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("original_name", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("site_files_owner_idx").on("site_files").columns(["center_id", "owner_id"]).execute();

  await db.schema
    .createTable("permits")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("site_id", ID, (c) => c.notNull().references("sites.id"))
    .addColumn("number", "varchar(64)", (c) => c.notNull())
    .addColumn("authority", "varchar(100)", (c) => c.notNull())
    .addColumn("start_date", DATE, (c) => c.notNull())
    .addColumn("end_date", DATE, (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("permits_site_idx").on("permits").columns(["center_id", "site_id", "end_date"]).execute();
  await db.schema.createIndex("permits_end_idx").on("permits").columns(["center_id", "end_date"]).execute();

  await db.schema
    .createTable("leases")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("site_id", ID, (c) => c.notNull().references("sites.id"))
    .addColumn("lessor", "varchar(100)", (c) => c.notNull())
    .addColumn("annual_rent_fen", "bigint", (c) => c.notNull())
    .addColumn("start_date", DATE, (c) => c.notNull())
    .addColumn("end_date", DATE, (c) => c.notNull())
    .addColumn("payment_terms", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("leases_site_idx").on("leases").columns(["center_id", "site_id"]).execute();
  await db.schema.createIndex("leases_end_idx").on("leases").columns(["center_id", "end_date"]).execute();

  await db.schema
    .createTable("units")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("code", "varchar(32)", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("medium", "varchar(20)", (c) => c.notNull())
    .addColumn("site_id", ID, (c) => c.references("sites.id"))
    .addColumn("face", "varchar(20)", (c) => c.notNull()) // e.g. "A面"; "" when not an outdoor face
    .addColumn("category_id", ID, (c) => c.notNull().references("revenue_categories.id"))
    .addColumn("capacity", "integer", (c) => c.notNull()) // per day, in capacity_unit
    .addColumn("capacity_unit", "varchar(10)", (c) => c.notNull()) // face | spot | position | second
    .addColumn("loop_seconds", "integer", (c) => c.notNull().defaultTo(0)) // LED loop length L
    .addColumn("spot_seconds", "integer", (c) => c.notNull().defaultTo(0)) // LED/TV standard spot S
    .addColumn("status", "varchar(12)", (c) => c.notNull()) // available | maintenance | disabled
    .addColumn("maintenance_from", DATE)
    .addColumn("maintenance_to", DATE)
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("notes", "varchar(500)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("units_code_uq").on("units").columns(["center_id", "code"]).unique().execute();
  await db.schema.createIndex("units_site_idx").on("units").columns(["center_id", "site_id"]).execute();
  await db.schema.createIndex("units_medium_idx").on("units").columns(["center_id", "medium", "code"]).execute();

  await db.schema
    .createTable("rate_cards")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("unit_id", ID, (c) => c.notNull().references("units.id"))
    .addColumn("effective_from", DATE, (c) => c.notNull())
    .addColumn("basis", "varchar(8)", (c) => c.notNull()) // day | week | month | spot
    .addColumn("price_fen", "bigint", (c) => c.notNull()) // per basis unit and unit of daily quantity
    .addColumn("min_days", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("surcharge_first_bp", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("surcharge_last_bp", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", ID)
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  // One card per unit per effective date: a new price is a new card, history is never rewritten.
  await db.schema.createIndex("rate_cards_unit_from_uq").on("rate_cards").columns(["center_id", "unit_id", "effective_from"]).unique().execute();

  await db.schema
    .createTable("rate_card_spot_prices")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("rate_card_id", ID, (c) => c.notNull().references("rate_cards.id"))
    .addColumn("daypart", "varchar(8)", (c) => c.notNull()) // special | a | b
    .addColumn("seconds", "integer", (c) => c.notNull())
    .addColumn("price_fen", "bigint", (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema
    .createIndex("rate_card_spot_prices_uq")
    .on("rate_card_spot_prices")
    .columns(["rate_card_id", "daypart", "seconds"])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["rate_card_spot_prices", "rate_cards", "units", "leases", "permits", "site_files", "sites", "revenue_categories"]) {
    await db.schema.dropTable(table).execute();
  }
}
