// Frozen migration: service contracts (技术服务, 政府购买服务 …) with their milestones, agreed
// unit prices and work logs (time and materials), deliverables and signed scans, and the center's
// contract settings (approval threshold, number pattern).
import { Kysely, MysqlAdapter, sql } from "kysely";

function tableOptions(db: Kysely<any>) {
  return db.getExecutor().adapter instanceof MysqlAdapter ? sql`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin` : sql``;
}

const ID = "varchar(26)";
const INSTANT = "varchar(24)";
const DATE = "varchar(10)"; // 'YYYY-MM-DD'

export async function up(db: Kysely<any>): Promise<void> {
  // Signing above this amount waits for a manager's approval; 0 means every contract does.
  await db.schema.alterTable("centers").addColumn("contract_approval_fen", "bigint", (c) => c.notNull().defaultTo(5_000_000)).execute();
  // How a contract number is made when none is typed: {YYYY} the year, {NNN…} the sequence.
  await db.schema.alterTable("centers").addColumn("contract_number_pattern", "varchar(40)", (c) => c.notNull().defaultTo("HT{YYYY}-{NNN}")).execute();

  await db.schema
    .createTable("contracts")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("number", "varchar(40)", (c) => c.notNull())
    .addColumn("title", "varchar(100)", (c) => c.notNull())
    .addColumn("client_id", ID, (c) => c.notNull().references("clients.id"))
    .addColumn("category_id", ID, (c) => c.notNull().references("revenue_categories.id"))
    .addColumn("owner_id", ID, (c) => c.notNull().references("users.id"))
    .addColumn("pricing", "varchar(10)", (c) => c.notNull()) // milestone | monthly | tm
    .addColumn("status", "varchar(12)", (c) => c.notNull())
    .addColumn("signed_on", DATE)
    .addColumn("start_date", DATE, (c) => c.notNull())
    .addColumn("end_date", DATE, (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("tax_included", "integer", (c) => c.notNull())
    .addColumn("monthly_fee_fen", "bigint", (c) => c.notNull())
    .addColumn("approved_by", ID)
    .addColumn("approved_at", INSTANT)
    .addColumn("return_reason", "varchar(200)", (c) => c.notNull())
    .addColumn("terminated_on", DATE)
    .addColumn("termination_reason", "varchar(200)", (c) => c.notNull())
    .addColumn("earned_fen", "bigint") // what a terminated contract earned
    .addColumn("renewed_from_id", ID)
    .addColumn("notes", "varchar(1000)", (c) => c.notNull())
    .addColumn("idempotency_key", "varchar(40)") // one per rendered form: a resubmitted form finds its contract
    .addColumn("created_by", ID)
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("contracts_number_uq").on("contracts").columns(["center_id", "number"]).unique().execute();
  await db.schema.createIndex("contracts_idempotency_uq").on("contracts").columns(["center_id", "idempotency_key"]).unique().execute();
  await db.schema.createIndex("contracts_end_idx").on("contracts").columns(["center_id", "end_date"]).execute();
  await db.schema.createIndex("contracts_status_idx").on("contracts").columns(["center_id", "status", "end_date"]).execute();
  await db.schema.createIndex("contracts_client_idx").on("contracts").columns(["client_id"]).execute();
  await db.schema.createIndex("contracts_owner_idx").on("contracts").columns(["owner_id"]).execute();
  await db.schema.createIndex("contracts_renewed_idx").on("contracts").columns(["renewed_from_id"]).execute();

  await db.schema
    .createTable("contract_milestones")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("contract_id", ID, (c) => c.notNull().references("contracts.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("percent_bp", "integer", (c) => c.notNull()) // 30 % = 3000
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("planned_date", DATE, (c) => c.notNull())
    .addColumn("delivered_on", DATE)
    .addColumn("accepted_on", DATE)
    .addColumn("accepted_by", ID)
    .addColumn("accepted_at", INSTANT)
    .addColumn("acceptance_note", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("contract_milestones_contract_idx").on("contract_milestones").columns(["contract_id", "seq"]).execute();
  await db.schema.createIndex("contract_milestones_accepted_idx").on("contract_milestones").columns(["center_id", "accepted_on"]).execute();

  await db.schema
    .createTable("contract_rates")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("contract_id", ID, (c) => c.notNull().references("contracts.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("name", "varchar(60)", (c) => c.notNull()) // 直播 / 视频制作 …
    .addColumn("unit", "varchar(10)", (c) => c.notNull()) // 场 / 分钟 …
    .addColumn("price_fen", "bigint", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("contract_rates_contract_idx").on("contract_rates").columns(["contract_id", "seq"]).execute();

  await db.schema
    .createTable("contract_work_logs")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("contract_id", ID, (c) => c.notNull().references("contracts.id"))
    .addColumn("rate_id", ID, (c) => c.notNull().references("contract_rates.id"))
    .addColumn("work_date", DATE, (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull()) // quantity × the rate's price
    .addColumn("note", "varchar(200)", (c) => c.notNull())
    .addColumn("created_by", ID)
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("contract_work_logs_contract_idx").on("contract_work_logs").columns(["contract_id", "work_date"]).execute();
  await db.schema.createIndex("contract_work_logs_date_idx").on("contract_work_logs").columns(["center_id", "work_date"]).execute();

  await db.schema
    .createTable("contract_deliverables")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("contract_id", ID, (c) => c.notNull().references("contracts.id"))
    .addColumn("kind", "varchar(12)", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("url", "varchar(300)", (c) => c.notNull())
    .addColumn("due_date", DATE)
    .addColumn("delivered_on", DATE)
    .addColumn("notes", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("contract_deliverables_contract_idx").on("contract_deliverables").columns(["contract_id"]).execute();

  await db.schema
    .createTable("contract_files")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("contract_id", ID, (c) => c.notNull().references("contracts.id"))
    .addColumn("storage_key", "varchar(80)", (c) => c.notNull())
    .addColumn("content_type", "varchar(40)", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("original_name", "varchar(200)", (c) => c.notNull())
    .addColumn("uploaded_by", ID)
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("contract_files_contract_idx").on("contract_files").columns(["contract_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["contract_files", "contract_deliverables", "contract_work_logs", "contract_rates", "contract_milestones", "contracts"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("centers").dropColumn("contract_number_pattern").execute();
  await db.schema.alterTable("centers").dropColumn("contract_approval_fen").execute();
}
