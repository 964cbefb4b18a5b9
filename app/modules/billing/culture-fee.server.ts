// The monthly 文化事业建设费 (culture fee) on advertising income, and the deductions that lower it
// (tax-inclusive amounts paid on to other advertising publishers, with their invoices).
//
// MONEY: the computation for a month 'YYYY-MM':
// - base: the tax-inclusive advertising income of the month = Σ total_fen of the lines of issued
//   bills with bears_culture_fee = 1 whose issue_date falls in the month; red-letter credits issued
//   in the month count with their negative amounts;
// - deductions: Σ of the month's culture_fee_deductions;
// - rate: the culture-fee rate in force on the month's last day (culture_fee_rates), with its threshold;
// - exemption: a small-scale taxpayer (centers.taxpayer_status = 'small', as the center stands now)
//   whose advertising sales of the month are at or below the threshold pays nothing. "Sales" is meant
//   as VAT law means 销售额: without VAT, i.e. Σ net_fen of the same lines. A general taxpayer is never
//   exempt, whatever the month's sales;
// - fee = round half-up(max(base − deductions, 0) × rate_bp / 10000), once, on the month's total.
// The month's 文化事业建设费计算表 (.xlsx) shows every figure, the lines and the deductions.
import type { Readable } from "node:stream";
import type { Scope } from "~/modules/auth/scope";
import { recordAudit } from "~/modules/audit/audit.server";
import { addMoneySheet, type MoneyColumn, readerCaughtUp, yuan } from "~/modules/excel/money-sheet.server";
import { daysInMonth } from "~/modules/inventory/calendar-dates";
import { excelDate } from "~/modules/inventory/excel/cells";
import type { FieldErrors } from "~/utils/form";
import { formatFenPlain, mulDivHalfUp, parseYuanToFen } from "~/utils/money";
import { nowIso } from "~/utils/time";
import type { AppDb } from "~db/connection";
import { type Executor, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { BillKind, TaxpayerStatus } from "~db/schema";
import { type BillingResult, billingRefusal, refuseUnlessFinance, readsAllBilling } from "./access";
import { date, factsOf, type LedgerExportMeta, money, optional, streamWorkbook, text, totalsRow } from "./ledgers-export.server";
import { printedItemName } from "./tax";

export interface CultureFeeLine {
  billId: string;
  number: string;
  issueDate: string;
  kind: BillKind;
  clientName: string;
  seq: number;
  item: string;
  description: string;
  netFen: number;
  totalFen: number;
}

export interface CultureFeeDeduction {
  id: string;
  month: string;
  payee: string;
  invoiceNumber: string;
  amountFen: number;
  notes: string;
}

export interface CultureFeeMonth {
  month: string;
  from: string;
  to: string;
  taxpayerStatus: TaxpayerStatus;
  /** Tax-inclusive advertising income of the month, credits included. */
  baseFen: number;
  /** The same lines without VAT: what the exemption threshold is compared with. */
  salesFen: number;
  deductionsFen: number;
  /** base − deductions, never below 0. */
  taxableFen: number;
  /** Null when no rate is in force on the month's last day. */
  rateBp: number | null;
  thresholdFen: number | null;
  exempt: boolean;
  /** Why the fee is what it is, in words for the report. */
  reason: string;
  feeFen: number;
  lines: CultureFeeLine[];
  deductions: CultureFeeDeduction[];
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthBounds(month: string): { from: string; to: string } | null {
  const m = MONTH_RE.exec(month);
  if (!m) return null;
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(Number(m[1]), Number(m[2]))).padStart(2, "0")}` };
}

const yuanText = (fen: number) => `${formatFenPlain(fen)} 元`;

/** The pure part: the fee from the month's figures and the rate in force. */
export function cultureFee(input: { baseFen: number; salesFen: number; deductionsFen: number; rateBp: number | null; thresholdFen: number | null; taxpayerStatus: TaxpayerStatus }) {
  const taxableFen = Math.max(input.baseFen - input.deductionsFen, 0);
  if (input.rateBp === null) return { taxableFen, exempt: false, feeFen: 0, reason: "本月末没有有效的文化事业建设费费率，请在税务设置中添加" };
  const threshold = input.thresholdFen ?? 0;
  if (input.taxpayerStatus === "small" && input.salesFen <= threshold) {
    return { taxableFen, exempt: true, feeFen: 0, reason: `小规模纳税人本月广告销售额（不含税）${yuanText(input.salesFen)}，未超过免征额 ${yuanText(threshold)}，免征` };
  }
  const feeFen = mulDivHalfUp(taxableFen, input.rateBp, 10000);
  const why = input.taxpayerStatus === "small" ? `本月广告销售额（不含税）${yuanText(input.salesFen)}超过免征额 ${yuanText(threshold)}` : "一般纳税人不适用免征额";
  return { taxableFen, exempt: false, feeFen, reason: `${why}；计费额 × 费率 ${input.rateBp / 100}%，四舍五入到分` };
}

async function monthLines(db: Executor, centerId: string, from: string, to: string): Promise<CultureFeeLine[]> {
  const rows = await db
    .selectFrom("bill_lines as l")
    .innerJoin("bills as b", "b.id", "l.bill_id")
    .innerJoin("clients as c", "c.id", "b.client_id")
    .select(["b.id as bill_id", "b.number", "b.issue_date", "b.kind", "c.name as client_name", "l.seq", "l.short_name", "l.item_name", "l.description", "l.net_fen", "l.total_fen"])
    .where("b.center_id", "=", centerId)
    .where("b.status", "=", "issued")
    .where("b.issue_date", ">=", from)
    .where("b.issue_date", "<=", to)
    .where("l.bears_culture_fee", "=", 1)
    .orderBy("b.issue_date")
    .orderBy("b.number")
    .orderBy("l.seq")
    .execute();
  return rows.map((r) => ({
    billId: r.bill_id,
    number: r.number ?? "",
    issueDate: r.issue_date ?? "",
    kind: r.kind,
    clientName: r.client_name,
    seq: Number(r.seq),
    item: printedItemName(r.short_name, r.item_name),
    description: r.description,
    netFen: Number(r.net_fen),
    totalFen: Number(r.total_fen),
  }));
}

async function monthDeductions(db: Executor, centerId: string, month: string): Promise<CultureFeeDeduction[]> {
  const rows = await db.selectFrom("culture_fee_deductions").selectAll().where("center_id", "=", centerId).where("month", "=", month).orderBy("created_at").orderBy("id").execute();
  return rows.map((d) => ({ id: d.id, month: d.month, payee: d.payee, invoiceNumber: d.invoice_number, amountFen: Number(d.amount_fen), notes: d.notes }));
}

/** The month's computation with every figure and the lines and deductions behind it. */
export async function cultureFeeForMonth(db: Executor, scope: Scope, month: string): Promise<BillingResult<{ computation: CultureFeeMonth }>> {
  if (!readsAllBilling(scope)) return billingRefusal(403, { form: "没有查看文化事业建设费的权限" });
  const bounds = monthBounds(month);
  if (!bounds) return billingRefusal(400, { month: "月份格式应为 YYYY-MM" });
  const center = await db.selectFrom("centers").select("taxpayer_status").where("id", "=", scope.centerId).executeTakeFirstOrThrow();
  const rate = await db
    .selectFrom("culture_fee_rates")
    .select(["rate_bp", "threshold_fen"])
    .where("center_id", "=", scope.centerId)
    .where("valid_from", "<=", bounds.to)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", bounds.to)]))
    .orderBy("valid_from", "desc")
    .executeTakeFirst();
  const lines = await monthLines(db, scope.centerId, bounds.from, bounds.to);
  const deductions = await monthDeductions(db, scope.centerId, month);
  const figures = {
    baseFen: lines.reduce((sum, l) => sum + l.totalFen, 0),
    salesFen: lines.reduce((sum, l) => sum + l.netFen, 0),
    deductionsFen: deductions.reduce((sum, d) => sum + d.amountFen, 0),
    rateBp: rate ? Number(rate.rate_bp) : null,
    thresholdFen: rate ? Number(rate.threshold_fen) : null,
    taxpayerStatus: center.taxpayer_status,
  };
  return { ok: true, computation: { month, ...bounds, ...figures, ...cultureFee(figures), lines, deductions } };
}

// ---- deductions -------------------------------------------------------------------------------

export interface DeductionInput {
  month: string;
  payee: string;
  invoice_number: string;
  /** 元, tax-inclusive, as typed. */
  amount: string;
  notes: string;
}

function parseDeduction(input: DeductionInput) {
  const errors: FieldErrors = {};
  const month = input.month.trim();
  const payee = input.payee.trim();
  const invoice_number = input.invoice_number.trim();
  const amount_fen = parseYuanToFen(input.amount);
  const notes = input.notes.trim();
  if (!monthBounds(month)) errors.month = "月份格式应为 YYYY-MM";
  if (!payee || payee.length > 100) errors.payee = "请填写收款的广告发布单位（最多 100 个字）";
  // 数电发票 numbers have 20 digits; paper VAT invoices still in circulation have 8.
  if (!/^\d{8,20}$/.test(invoice_number)) errors.invoice_number = "发票号码应为 8 至 20 位数字";
  if (amount_fen === null || amount_fen <= 0) errors.amount = "请填写大于 0 的含税金额（元）";
  if (notes.length > 200) errors.notes = "备注最多 200 个字";
  return Object.keys(errors).length ? ({ ok: false, errors } as const) : ({ ok: true, value: { month, payee, invoice_number, amount_fen: amount_fen!, notes } } as const);
}

/** One invoice is deducted once: the same number in any month of the center is refused. */
async function invoiceUsed(trx: Executor, centerId: string, invoiceNumber: string, exceptId: string | null): Promise<string | null> {
  let query = trx.selectFrom("culture_fee_deductions").select("month").where("center_id", "=", centerId).where("invoice_number", "=", invoiceNumber);
  if (exceptId) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst())?.month ?? null;
}

export async function listCultureFeeDeductions(db: Executor, scope: Scope, month: string): Promise<BillingResult<{ deductions: CultureFeeDeduction[] }>> {
  if (!readsAllBilling(scope)) return billingRefusal(403, { form: "没有查看文化事业建设费的权限" });
  if (!monthBounds(month)) return billingRefusal(400, { month: "月份格式应为 YYYY-MM" });
  return { ok: true, deductions: await monthDeductions(db, scope.centerId, month) };
}

export async function addCultureFeeDeduction(db: AppDb, scope: Scope, input: DeductionInput): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const parsed = parseDeduction(input);
  if (!parsed.ok) return billingRefusal(400, parsed.errors);
  return writeTransaction(db, async (trx) => {
    const used = await invoiceUsed(trx, scope.centerId, parsed.value.invoice_number, null);
    if (used) return billingRefusal(409, { invoice_number: `发票 ${parsed.value.invoice_number} 已在 ${used} 扣除过` });
    const row = { id: newId(), center_id: scope.centerId, ...parsed.value, created_by: scope.userId, created_at: nowIso() };
    await trx.insertInto("culture_fee_deductions").values(row).execute();
    await recordAudit(trx, scope, { entity: "culture_fee", entityId: row.id, action: "deduction.create", after: row });
    return { ok: true as const, id: row.id };
  });
}

export async function updateCultureFeeDeduction(db: AppDb, scope: Scope, id: string, input: DeductionInput): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const parsed = parseDeduction(input);
  if (!parsed.ok) return billingRefusal(400, parsed.errors);
  return writeTransaction(db, async (trx) => {
    const before = await trx.selectFrom("culture_fee_deductions").select(["month", "payee", "invoice_number", "amount_fen", "notes"]).where("center_id", "=", scope.centerId).where("id", "=", id).executeTakeFirst();
    if (!before) return billingRefusal(404, { form: "扣除项目不存在" });
    const used = await invoiceUsed(trx, scope.centerId, parsed.value.invoice_number, id);
    if (used) return billingRefusal(409, { invoice_number: `发票 ${parsed.value.invoice_number} 已在 ${used} 扣除过` });
    await trx.updateTable("culture_fee_deductions").set(parsed.value).where("id", "=", id).execute();
    await recordAudit(trx, scope, { entity: "culture_fee", entityId: id, action: "deduction.update", before: { ...before, amount_fen: Number(before.amount_fen) }, after: parsed.value });
    return { ok: true as const, id };
  });
}

export async function removeCultureFeeDeduction(db: AppDb, scope: Scope, id: string): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  return writeTransaction(db, async (trx) => {
    const before = await trx.selectFrom("culture_fee_deductions").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id).executeTakeFirst();
    if (!before) return billingRefusal(404, { form: "扣除项目不存在" });
    await trx.deleteFrom("culture_fee_deductions").where("id", "=", id).execute();
    await recordAudit(trx, scope, { entity: "culture_fee", entityId: id, action: "deduction.delete", before: { ...before, amount_fen: Number(before.amount_fen) } });
    return { ok: true as const, id };
  });
}

// ---- 文化事业建设费计算表 (.xlsx) -------------------------------------------------------------------

const SUMMARY_COLUMNS: MoneyColumn[] = [text("项目", 34), money("金额/比率", 16), text("说明", 60)];
const LINE_COLUMNS: MoneyColumn[] = [text("账单号", 16, "@"), date("开具日期"), text("客户", 28), text("项目名称", 26), text("说明", 30), money("不含税金额"), money("含税金额")];
const DEDUCTION_COLUMNS: MoneyColumn[] = [text("支付对象（广告发布单位）", 30), text("发票号码", 22, "@"), money("含税金额"), text("备注", 30)];

/** The month's computation (one summary sheet) and the lines and deductions behind it. */
export function exportCultureFee(db: Executor, scope: Scope, month: string, meta: LedgerExportMeta): Readable {
  return streamWorkbook(scope, async (workbook, pass) => {
    const result = await cultureFeeForMonth(db, scope, month);
    if (!result.ok) throw new Error(Object.values(result.errors).join("；"));
    const c = result.computation;
    const title = `文化事业建设费计算表（${month}）`;
    const summary = addMoneySheet(workbook, "计算表", title, factsOf(meta, `所属期 ${c.from} 至 ${c.to}`), SUMMARY_COLUMNS);
    const rows: [string, number | null, string, string?][] = [
      ["广告服务含税收入（计费依据）", yuan(c.baseFen), `本月开具的账单中计征文化事业建设费的行，红字冲销为负，共 ${c.lines.length} 行`],
      ["减：支付给其他广告发布者的含税价款", yuan(c.deductionsFen), `凭发票扣除，共 ${c.deductions.length} 张`],
      ["计费销售额", yuan(c.taxableFen), "含税收入减扣除额，不低于 0"],
      ["费率", c.rateBp === null ? null : c.rateBp / 10000, `本月最后一天有效的费率`, "0.00%"],
      ["本月广告销售额（不含税）", yuan(c.salesFen), "与免征额比较"],
      ["免征额（月）", c.thresholdFen === null ? null : yuan(c.thresholdFen), c.taxpayerStatus === "small" ? "小规模纳税人适用" : "一般纳税人不适用"],
      ["是否免征", null, c.exempt ? "是" : "否"],
      ["应缴文化事业建设费", yuan(c.feeFen), c.reason],
    ];
    for (const [label, value, note, numFmt] of rows) {
      const row = summary.addRow([label, value, note]);
      if (numFmt) row.getCell(2).numFmt = numFmt;
      if (label === "应缴文化事业建设费") row.font = { bold: true };
      row.commit();
    }
    summary.commit();

    const lines = addMoneySheet(workbook, "广告收入明细", `${title}：广告收入明细`, factsOf(meta), LINE_COLUMNS);
    for (const l of c.lines) lines.addRow([l.number, excelDate(l.issueDate), l.clientName, l.item, optional(l.description), yuan(l.netFen), yuan(l.totalFen)]).commit();
    totalsRow(lines, ["合计", null, null, null, null, yuan(c.salesFen), yuan(c.baseFen)]);
    lines.commit();
    await readerCaughtUp(pass);

    const deductions = addMoneySheet(workbook, "扣除项目", `${title}：扣除项目`, factsOf(meta), DEDUCTION_COLUMNS);
    for (const d of c.deductions) deductions.addRow([d.payee, d.invoiceNumber, yuan(d.amountFen), optional(d.notes)]).commit();
    totalsRow(deductions, ["合计", null, yuan(c.deductionsFen), null]);
    deductions.commit();
  });
}
