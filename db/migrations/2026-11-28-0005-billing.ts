// Frozen migration: billing and receivables. Dated tax settings (VAT rates by taxpayer status and
// report group, culture-fee rates), the tax classification code table, billing plans per order
// or contract, bills (账单/开票申请) and their lines, red-letter credits, payments with their
// allocations, and culture-fee deductions. Existing centers get the default settings.
import { Kysely, MysqlAdapter, sql } from "kysely";
import { newId } from "../ids";

function tableOptions(db: Kysely<any>) {
  return db.getExecutor().adapter instanceof MysqlAdapter ? sql`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin` : sql``;
}

const ID = "varchar(26)";
const INSTANT = "varchar(24)";
const DATE = "varchar(10)"; // 'YYYY-MM-DD'

/** The defaults every center starts with, as they stood when this migration was written. */
const VAT_DEFAULTS = [
  { taxpayer_status: "general", rate_bp: 600, valid_from: "2000-01-01", valid_to: null, note: "一般纳税人：广告服务、信息技术服务等现代服务 6%" },
  { taxpayer_status: "small", rate_bp: 300, valid_from: "2000-01-01", valid_to: null, note: "小规模纳税人征收率 3%" },
  { taxpayer_status: "small", rate_bp: 100, valid_from: "2026-01-01", valid_to: "2027-12-31", note: "小规模纳税人减按 1% 征收（阶段性政策，以主管税务机关口径为准）" },
];
const CULTURE_FEE_DEFAULTS = [
  { rate_bp: 300, valid_from: "2000-01-01", valid_to: "2024-12-31", threshold_fen: 2_000_000, note: "费率 3%；月销售额不超过 2 万元的小规模纳税人免征" },
  { rate_bp: 150, valid_from: "2025-01-01", valid_to: "2027-12-31", threshold_fen: 2_000_000, note: "中央分成减半、地方分成减半后 1.5%（请按本省政策调整）" },
];
const TAX_CODES = [
  { code: "3040303000000000000", short_name: "广告服务", item_name: "广告发布费" },
  { code: "3040303010000000000", short_name: "广告服务", item_name: "广告代理费" },
  { code: "3040201000000000000", short_name: "信息技术服务", item_name: "软件开发服务" },
  { code: "3040202000000000000", short_name: "信息技术服务", item_name: "信息系统集成服务" },
  { code: "3040203000000000000", short_name: "信息技术服务", item_name: "信息系统运行维护服务" },
  { code: "3040205000000000000", short_name: "信息技术服务", item_name: "信息系统增值服务" },
  { code: "3040301000000000000", short_name: "文化创意服务", item_name: "设计服务" },
  { code: "3040302000000000000", short_name: "文化创意服务", item_name: "会议展览服务" },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("clients").addColumn("payment_days", "integer", (c) => c.notNull().defaultTo(30)).execute();

  await db.schema
    .createTable("vat_rates")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("taxpayer_status", "varchar(10)", (c) => c.notNull())
    .addColumn("report_group", "varchar(20)") // null: every group without a rate of its own
    .addColumn("rate_bp", "integer", (c) => c.notNull())
    .addColumn("valid_from", DATE, (c) => c.notNull())
    .addColumn("valid_to", DATE)
    .addColumn("note", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("vat_rates_center_idx").on("vat_rates").columns(["center_id", "taxpayer_status", "valid_from"]).execute();

  await db.schema
    .createTable("culture_fee_rates")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("rate_bp", "integer", (c) => c.notNull())
    .addColumn("valid_from", DATE, (c) => c.notNull())
    .addColumn("valid_to", DATE)
    .addColumn("threshold_fen", "bigint", (c) => c.notNull()) // monthly advertising sales at or below this are exempt
    .addColumn("note", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("culture_fee_rates_center_idx").on("culture_fee_rates").columns(["center_id", "valid_from"]).execute();

  await db.schema
    .createTable("tax_codes")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("code", "varchar(19)", (c) => c.notNull())
    .addColumn("short_name", "varchar(20)", (c) => c.notNull()) // printed between asterisks: *广告服务*
    .addColumn("item_name", "varchar(40)", (c) => c.notNull())
    .addColumn("retired", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("tax_codes_code_uq").on("tax_codes").columns(["center_id", "code"]).unique().execute();

  await db.schema
    .createTable("billing_plans")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("source_kind", "varchar(10)", (c) => c.notNull()) // order | event | contract
    .addColumn("source_id", ID, (c) => c.notNull())
    .addColumn("schedule", "varchar(16)", (c) => c.notNull()) // once_confirm | once_start | monthly_advance | monthly_arrears | milestone
    .addColumn("payment_days", "integer") // null: the client's terms
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("billing_plans_source_uq").on("billing_plans").columns(["center_id", "source_kind", "source_id"]).unique().execute();

  await db.schema
    .createTable("bills")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("client_id", ID, (c) => c.notNull().references("clients.id"))
    .addColumn("owner_id", ID, (c) => c.references("users.id")) // the sales rep the receivable belongs to
    .addColumn("kind", "varchar(8)", (c) => c.notNull()) // invoice | credit (红字)
    .addColumn("status", "varchar(8)", (c) => c.notNull()) // draft | issued
    .addColumn("number", "varchar(20)") // ZD2026-000123, given on issue
    .addColumn("invoice_kind", "varchar(8)", (c) => c.notNull()) // special 专票 | ordinary 普票
    .addColumn("period_from", DATE)
    .addColumn("period_to", DATE)
    .addColumn("issue_date", DATE)
    .addColumn("due_date", DATE)
    .addColumn("original_bill_id", ID) // what a credit corrects
    .addColumn("credit_reason", "varchar(12)", (c) => c.notNull()) // 开票有误 | 销货退回 | 服务中止 | 销售折让
    .addColumn("buyer_name", "varchar(100)", (c) => c.notNull()) // buyer details are copied on issue
    .addColumn("buyer_tax_id", "varchar(32)", (c) => c.notNull())
    .addColumn("buyer_address_phone", "varchar(260)", (c) => c.notNull())
    .addColumn("buyer_bank_account", "varchar(160)", (c) => c.notNull())
    .addColumn("net_fen", "bigint", (c) => c.notNull())
    .addColumn("tax_fen", "bigint", (c) => c.notNull())
    .addColumn("total_fen", "bigint", (c) => c.notNull())
    .addColumn("tax_invoice_number", "varchar(20)", (c) => c.notNull()) // 数电发票号码, 20 digits
    .addColumn("tax_invoice_date", DATE)
    .addColumn("notes", "varchar(200)", (c) => c.notNull())
    .addColumn("issued_by", ID)
    .addColumn("issued_at", INSTANT)
    .addColumn("created_by", ID)
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("bills_number_uq").on("bills").columns(["center_id", "number"]).unique().execute();
  await db.schema.createIndex("bills_issue_idx").on("bills").columns(["center_id", "status", "issue_date"]).execute();
  await db.schema.createIndex("bills_client_idx").on("bills").columns(["client_id", "status"]).execute();
  await db.schema.createIndex("bills_due_idx").on("bills").columns(["center_id", "due_date"]).execute();
  await db.schema.createIndex("bills_original_idx").on("bills").columns(["original_bill_id"]).execute();
  await db.schema.createIndex("bills_owner_idx").on("bills").columns(["owner_id"]).execute();

  await db.schema
    .createTable("bill_lines")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("bill_id", ID, (c) => c.notNull().references("bills.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("source_kind", "varchar(10)") // null for a line typed by hand
    .addColumn("source_id", ID)
    .addColumn("source_key", "varchar(80)") // the billable item's key (income seam)
    .addColumn("slice", "varchar(10)", (c) => c.notNull()) // 'all' or the month 'YYYY-MM' it bills
    .addColumn("category_id", ID, (c) => c.references("revenue_categories.id"))
    .addColumn("tax_code", "varchar(19)", (c) => c.notNull())
    .addColumn("short_name", "varchar(20)", (c) => c.notNull())
    .addColumn("item_name", "varchar(40)", (c) => c.notNull())
    .addColumn("description", "varchar(200)", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("tax_included", "integer", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull()) // as agreed: with or without VAT, as tax_included says
    .addColumn("rate_bp", "integer", (c) => c.notNull())
    .addColumn("net_fen", "bigint", (c) => c.notNull())
    .addColumn("tax_fen", "bigint", (c) => c.notNull())
    .addColumn("total_fen", "bigint", (c) => c.notNull())
    .addColumn("bears_culture_fee", "integer", (c) => c.notNull())
    .addColumn("service_from", DATE)
    .addColumn("service_to", DATE)
    .addColumn("original_line_id", ID) // on a credit: the line it reverses
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("bill_lines_bill_idx").on("bill_lines").columns(["bill_id", "seq"]).execute();
  await db.schema.createIndex("bill_lines_source_idx").on("bill_lines").columns(["center_id", "source_key", "slice"]).execute();
  await db.schema.createIndex("bill_lines_original_idx").on("bill_lines").columns(["original_line_id"]).execute();

  await db.schema
    .createTable("payments")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("client_id", ID, (c) => c.notNull().references("clients.id"))
    .addColumn("received_on", DATE, (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("method", "varchar(12)", (c) => c.notNull()) // transfer | cash | cheque | acceptance | other
    .addColumn("payer", "varchar(100)", (c) => c.notNull())
    .addColumn("reference", "varchar(60)", (c) => c.notNull())
    .addColumn("notes", "varchar(200)", (c) => c.notNull())
    .addColumn("reversed_on", DATE) // a bounced payment: from this day it counts for nothing
    .addColumn("reversal_reason", "varchar(200)", (c) => c.notNull())
    .addColumn("idempotency_key", "varchar(40)")
    .addColumn("created_by", ID)
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .addColumn("updated_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("payments_received_idx").on("payments").columns(["center_id", "received_on"]).execute();
  await db.schema.createIndex("payments_client_idx").on("payments").columns(["client_id", "received_on"]).execute();
  await db.schema.createIndex("payments_idempotency_uq").on("payments").columns(["center_id", "idempotency_key"]).unique().execute();

  await db.schema
    .createTable("payment_allocations")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("payment_id", ID, (c) => c.notNull().references("payments.id"))
    .addColumn("bill_id", ID, (c) => c.notNull().references("bills.id"))
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("allocated_on", DATE, (c) => c.notNull()) // the payment's day, or later when applied from credit
    .addColumn("created_by", ID)
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("payment_allocations_bill_idx").on("payment_allocations").columns(["bill_id", "allocated_on"]).execute();
  await db.schema.createIndex("payment_allocations_payment_idx").on("payment_allocations").columns(["payment_id"]).execute();

  await db.schema
    .createTable("culture_fee_deductions")
    .addColumn("id", ID, (c) => c.primaryKey().notNull())
    .addColumn("center_id", ID, (c) => c.notNull().references("centers.id"))
    .addColumn("month", "varchar(7)", (c) => c.notNull()) // 'YYYY-MM'
    .addColumn("payee", "varchar(100)", (c) => c.notNull())
    .addColumn("invoice_number", "varchar(20)", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull()) // tax-inclusive, paid on to another publisher
    .addColumn("notes", "varchar(200)", (c) => c.notNull())
    .addColumn("created_by", ID)
    .addColumn("created_at", INSTANT, (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex("culture_fee_deductions_month_idx").on("culture_fee_deductions").columns(["center_id", "month"]).execute();

  const now = new Date().toISOString();
  const centers = await db.selectFrom("centers").select("id").execute();
  for (const { id: center_id } of centers) {
    await db.insertInto("vat_rates").values(VAT_DEFAULTS.map((r) => ({ id: newId(), center_id, report_group: null, created_at: now, ...r }))).execute();
    await db.insertInto("culture_fee_rates").values(CULTURE_FEE_DEFAULTS.map((r) => ({ id: newId(), center_id, created_at: now, ...r }))).execute();
    await db.insertInto("tax_codes").values(TAX_CODES.map((c) => ({ id: newId(), center_id, retired: 0, created_at: now, updated_at: now, ...c }))).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["culture_fee_deductions", "payment_allocations", "payments", "bill_lines", "bills", "billing_plans", "tax_codes", "culture_fee_rates", "vat_rates"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("clients").dropColumn("payment_days").execute();
}
