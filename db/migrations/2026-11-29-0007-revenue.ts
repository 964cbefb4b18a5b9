// Frozen migration: recognised income as facts (maintained with every change to their sources,
// rebuilt by `npm run revenue:rebuild`) and their monthly totals by category, the month-closing row of each center, yearly targets, the
// mapping of categories to the national statistics headings, and fiscal subsidies received.
import { Kysely, MysqlAdapter, sql } from "kysely";

function tableOptions(db: Kysely<any>) {
  return db.getExecutor().adapter instanceof MysqlAdapter ? sql`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin` : sql``;
}

const ID = "varchar(26)";
const INSTANT = "varchar(24)";
const DATE = "varchar(10)"; // 'YYYY-MM-DD'
const MONTH = "varchar(7)"; // 'YYYY-MM'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("revenue_facts")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("month", MONTH, (c) => c.notNull())
    .addColumn("for_month", MONTH, (c) => c.notNull())
    .addColumn("source_kind", "varchar(10)", (c) => c.notNull())
    .addColumn("source_id", ID, (c) => c.notNull())
    .addColumn("origin", "varchar(10)", (c) => c.notNull())
    .addColumn("category_id", ID, (c) => c.notNull())
    .addColumn("client_id", "varchar(26)", (c) => c.notNull().defaultTo(""))
    .addColumn("owner_id", "varchar(26)", (c) => c.notNull().defaultTo(""))
    .addColumn("medium", "varchar(20)", (c) => c.notNull().defaultTo(""))
    .addColumn("line_kind", "varchar(16)", (c) => c.notNull().defaultTo(""))
    .addColumn("earned", "integer", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("use_days", "bigint", (c) => c.notNull().defaultTo(0))
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("revenue_facts_source_idx").on("revenue_facts").columns(["center_id", "source_kind", "source_id"]).execute();
  // The reports read by month; category and amount in the index let a monthly structure be read from it alone.
  await db.schema.createIndex("revenue_facts_month_idx").on("revenue_facts").columns(["center_id", "month", "category_id", "earned", "amount_fen"]).execute();
  // Clients and reps by month (top clients, sales performance), read from the index alone.
  await db.schema.createIndex("revenue_facts_client_idx").on("revenue_facts").columns(["center_id", "month", "earned", "client_id", "owner_id", "amount_fen"]).execute();
  // Occupancy by the month of the days, read from the index alone.
  await db.schema.createIndex("revenue_facts_for_month_idx").on("revenue_facts").columns(["center_id", "for_month", "medium", "line_kind", "use_days"]).execute();

  // Recognised income per reporting month, category and 创收 or not: what the facts add up to, kept
  // with them, so a monthly structure over years is read from a few thousand rows.
  await db.schema
    .createTable("revenue_month_totals")
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("month", MONTH, (c) => c.notNull())
    .addColumn("category_id", ID, (c) => c.notNull())
    .addColumn("earned", "integer", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("revenue_month_totals_pk", ["center_id", "month", "category_id", "earned"])
    .modifyEnd(tableOptions(db))
    .execute();

  await db.schema
    .createTable("revenue_closings")
    .addColumn("center_id", ID, (c) => c.primaryKey().notNull().references("centers.id"))
    .addColumn("closed_through", MONTH)
    .addColumn("closed_at", INSTANT)
    .addColumn("closed_by", ID)
    .modifyEnd(tableOptions(db))
    .execute();
  // Every center's closing row, which every change to its facts locks: made now, never under contention.
  await sql`insert into revenue_closings (center_id) select id from centers`.execute(db);

  await db.schema
    .createTable("revenue_targets")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("subject", "varchar(10)", (c) => c.notNull())
    .addColumn("subject_id", "varchar(26)", (c) => c.notNull().defaultTo(""))
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_by", ID, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("revenue_targets_subject_idx").on("revenue_targets").columns(["center_id", "year", "subject", "subject_id"]).unique().execute();

  await db.schema
    .createTable("stat_mappings")
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("category_id", ID, (c) => c.notNull())
    .addColumn("heading", "varchar(20)", (c) => c.notNull())
    .addPrimaryKeyConstraint("stat_mappings_pk", ["center_id", "category_id"])
    .modifyEnd(tableOptions(db))
    .execute();

  await db.schema
    .createTable("subsidies")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("category_id", ID, (c) => c.notNull())
    .addColumn("received_on", DATE, (c) => c.notNull())
    .addColumn("grantor", "varchar(100)", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("note", "varchar(500)", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", ID, (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("subsidies_center_idx").on("subsidies").columns(["center_id", "received_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["subsidies", "stat_mappings", "revenue_targets", "revenue_closings", "revenue_month_totals", "revenue_facts"]) await db.schema.dropTable(table).execute();
}
