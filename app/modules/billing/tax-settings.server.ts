// The center's tax settings: dated VAT rates (by taxpayer status and report group), dated
// culture-fee rates with their exemption threshold, and the tax classification code table.
// Finance and admin change them; everyone who reads billing reads them. A rate a bill could
// have used is never edited: it is ended (valid_to) and the next one added, so a bill issued
// last year still reads the rate it was issued under.
import type { Scope } from "~/modules/auth/scope";
import { recordAudit } from "~/modules/audit/audit.server";
import { REPORT_GROUPS } from "~/modules/categories/category-form";
import { addDays } from "~/modules/inventory/calendar-dates";
import { parsePercentToBasisPoints, parseYuanToFen } from "~/utils/money";
import { isCalendarDate, nowIso } from "~/utils/time";
import type { FieldErrors } from "~/utils/form";
import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { CultureFeeRatesTable, ReportGroup, TaxCodesTable, TaxpayerStatus, VatRatesTable } from "~db/schema";
import type { Selectable } from "kysely";
import { type BillingResult, billingRefusal, refuseUnlessFinance, readsAllBilling } from "./access";

export type VatRateRow = Selectable<VatRatesTable>;
export type CultureFeeRateRow = Selectable<CultureFeeRatesTable>;
export type TaxCodeRow = Selectable<TaxCodesTable>;

/** The highest VAT rate in Chinese law (goods at 13 %, formerly 17 %): anything above is a typing slip. */
export const MAX_VAT_BP = 1700;
/** The statutory culture-fee rate; reliefs only lower it. */
export const MAX_CULTURE_FEE_BP = 300;

export interface VatRateInput {
  taxpayer_status: string;
  /** A report group, or "" for every group without a rate of its own. */
  report_group: string;
  /** Percent as typed: "6", "1", "1.5%". */
  rate: string;
  valid_from: string;
  /** "" while open-ended. */
  valid_to: string;
  note: string;
}

export interface CultureFeeRateInput {
  rate: string;
  /** Monthly advertising sales (元) at or below which a small-scale taxpayer pays nothing. */
  threshold: string;
  valid_from: string;
  valid_to: string;
  note: string;
}

export interface TaxCodeInput {
  code: string;
  short_name: string;
  item_name: string;
}

const toNumberRow = <T extends { rate_bp: number }>(r: T): T => ({ ...r, rate_bp: Number(r.rate_bp) });

export async function listTaxSettings(
  db: Executor,
  scope: Scope,
): Promise<BillingResult<{ vatRates: VatRateRow[]; cultureFeeRates: CultureFeeRateRow[]; taxCodes: TaxCodeRow[] }>> {
  if (!readsAllBilling(scope)) return billingRefusal(403, { form: "没有查看税务设置的权限" });
  const vatRates = await db.selectFrom("vat_rates").selectAll().where("center_id", "=", scope.centerId).orderBy("taxpayer_status").orderBy("report_group").orderBy("valid_from").execute();
  const cultureRates = await db.selectFrom("culture_fee_rates").selectAll().where("center_id", "=", scope.centerId).orderBy("valid_from").execute();
  const taxCodes = await db.selectFrom("tax_codes").selectAll().where("center_id", "=", scope.centerId).orderBy("retired").orderBy("code").execute();
  return {
    ok: true,
    vatRates: vatRates.map(toNumberRow),
    cultureFeeRates: cultureRates.map((r) => ({ ...toNumberRow(r), threshold_fen: Number(r.threshold_fen) })),
    taxCodes: taxCodes.map((c) => ({ ...c, retired: Number(c.retired) })),
  };
}

// ---- validation -------------------------------------------------------------------------------

interface Period {
  valid_from: string;
  valid_to: string | null;
}

function parsePeriod(input: { valid_from: string; valid_to: string }, errors: FieldErrors): Period {
  const from = input.valid_from.trim();
  const to = input.valid_to.trim();
  if (!isCalendarDate(from)) errors.valid_from = "请填写生效日期（YYYY-MM-DD）";
  if (to && !isCalendarDate(to)) errors.valid_to = "截止日期格式应为 YYYY-MM-DD，长期有效请留空";
  else if (to && isCalendarDate(from) && to < from) errors.valid_to = "截止日期不能早于生效日期";
  return { valid_from: from, valid_to: to || null };
}

function parseRate(text: string, maxBp: number, errors: FieldErrors, label: string): number {
  const bp = parsePercentToBasisPoints(text);
  if (bp === null || bp > maxBp) errors.rate = `${label}应在 0% 至 ${maxBp / 100}% 之间，最多两位小数`;
  return bp ?? 0;
}

function parseNote(text: string, errors: FieldErrors): string {
  const note = text.trim();
  if (note.length > 200) errors.note = "说明最多 200 个字";
  return note;
}

const overlaps = (a: Period, b: Period) => a.valid_from <= (b.valid_to ?? "9999-12-31") && b.valid_from <= (a.valid_to ?? "9999-12-31");

/**
 * MONEY: VAT periods of one status and group must not overlap, with one exception that the
 * defaults rely on: a bounded relief period may sit inside an open-ended standing rate, starting
 * after it (small-scale 1 % for 2026–2027 over the standing 3 %); vatRateOn takes the latest start,
 * so the relief wins while it lasts. Two open-ended rates, or two bounded ones that meet, are refused.
 */
function vatClash(next: Period, existing: Period): boolean {
  if (!overlaps(next, existing)) return false;
  const reliefInside = (relief: Period, standing: Period) => relief.valid_to !== null && standing.valid_to === null && relief.valid_from > standing.valid_from;
  return !(reliefInside(next, existing) || reliefInside(existing, next));
}

const periodText = (p: Period) => `${p.valid_from} 至 ${p.valid_to ?? "长期"}`;
const rateText = (bp: number) => `${bp / 100}%`;

/** CONCURRENCY: settings of one center change one at a time (the center row is the lock). */
async function lockCenter(trx: Executor, centerId: string): Promise<void> {
  await lockRows(trx as AppDb, trx.selectFrom("centers").select("id").where("id", "=", centerId)).executeTakeFirstOrThrow();
}

/** The last issue date of an issued bill of the center within the days given, if any. */
async function lastIssuedWithin(trx: Executor, centerId: string, from: string, to: string | null): Promise<string | null> {
  let query = trx.selectFrom("bills").select((eb) => eb.fn.max("issue_date").as("last")).where("center_id", "=", centerId).where("status", "=", "issued").where("issue_date", ">=", from);
  if (to) query = query.where("issue_date", "<=", to);
  const row = await query.executeTakeFirst();
  return (row?.last as string | null | undefined) ?? null;
}

// ---- VAT rates --------------------------------------------------------------------------------

export async function addVatRate(db: AppDb, scope: Scope, input: VatRateInput): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const errors: FieldErrors = {};
  const status = input.taxpayer_status.trim();
  if (status !== "general" && status !== "small") errors.taxpayer_status = "请选择一般纳税人或小规模纳税人";
  const groupText = input.report_group.trim();
  if (groupText && !(REPORT_GROUPS as string[]).includes(groupText)) errors.report_group = "报表分组不存在";
  const rate_bp = parseRate(input.rate, MAX_VAT_BP, errors, "增值税税率");
  const period = parsePeriod(input, errors);
  const note = parseNote(input.note, errors);
  if (Object.keys(errors).length) return billingRefusal(400, errors);
  const report_group = (groupText || null) as ReportGroup | null;

  return writeTransaction(db, async (trx) => {
    await lockCenter(trx, scope.centerId);
    let same = trx.selectFrom("vat_rates").selectAll().where("center_id", "=", scope.centerId).where("taxpayer_status", "=", status as TaxpayerStatus);
    same = report_group ? same.where("report_group", "=", report_group) : same.where("report_group", "is", null);
    const clash = (await same.execute()).find((r) => vatClash(period, r));
    if (clash) {
      return billingRefusal(409, { valid_from: `与已有税率 ${rateText(Number(clash.rate_bp))}（${periodText(clash)}）的期间重叠：请先结束原税率，再添加新税率` });
    }
    const row = { id: newId(), center_id: scope.centerId, taxpayer_status: status as TaxpayerStatus, report_group, rate_bp, ...period, note, created_at: nowIso() };
    await trx.insertInto("vat_rates").values(row).execute();
    await recordAudit(trx, scope, { entity: "tax_setting", entityId: row.id, action: "vat_rate.create", after: row });
    return { ok: true as const, id: row.id };
  });
}

type RateTable = "vat_rates" | "culture_fee_rates";
const RATE_KIND: Record<RateTable, string> = { vat_rates: "vat_rate", culture_fee_rates: "culture_fee_rate" };

/**
 * MONEY: ends a rate on `validTo`. Only shortens, and never takes away days on which an issued
 * bill could have used the rate (an issued bill's day after the new end): those bills keep the
 * rate they were taxed at.
 */
async function endRate(db: AppDb, scope: Scope, table: RateTable, id: string, validTo: string): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const to = validTo.trim();
  if (!isCalendarDate(to)) return billingRefusal(400, { valid_to: "请填写截止日期（YYYY-MM-DD）" });
  return writeTransaction(db, async (trx) => {
    await lockCenter(trx, scope.centerId);
    const rate = await trx.selectFrom(table).select(["id", "rate_bp", "valid_from", "valid_to"]).where("center_id", "=", scope.centerId).where("id", "=", id).executeTakeFirst();
    if (!rate) return billingRefusal(404, { form: "税率不存在" });
    if (to < rate.valid_from) return billingRefusal(400, { valid_to: `截止日期不能早于生效日期 ${rate.valid_from}` });
    if (rate.valid_to !== null && to >= rate.valid_to) return billingRefusal(400, { valid_to: `该税率已于 ${rate.valid_to} 截止，只能提前结束；延续请添加新的税率期间` });
    const used = await lastIssuedWithin(trx, scope.centerId, addDays(to, 1), rate.valid_to);
    if (used) return billingRefusal(409, { valid_to: `${used} 已有开具的账单可能按此税率计税，截止日期不能早于该日` });
    await trx.updateTable(table).set({ valid_to: to }).where("id", "=", id).execute();
    await recordAudit(trx, scope, { entity: "tax_setting", entityId: id, action: `${RATE_KIND[table]}.end`, before: { valid_to: rate.valid_to }, after: { valid_to: to } });
    return { ok: true as const, id };
  });
}

/** Removes a rate entered by mistake: only while no issued bill falls in its period. */
async function removeRate(db: AppDb, scope: Scope, table: RateTable, id: string): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  return writeTransaction(db, async (trx) => {
    await lockCenter(trx, scope.centerId);
    const rate = await trx.selectFrom(table).selectAll().where("center_id", "=", scope.centerId).where("id", "=", id).executeTakeFirst();
    if (!rate) return billingRefusal(404, { form: "税率不存在" });
    const used = await lastIssuedWithin(trx, scope.centerId, rate.valid_from, rate.valid_to);
    if (used) return billingRefusal(409, { form: `期间内已有开具的账单（最近 ${used}），不能删除；请结束该税率并添加新税率` });
    await trx.deleteFrom(table).where("id", "=", id).execute();
    await recordAudit(trx, scope, { entity: "tax_setting", entityId: id, action: `${RATE_KIND[table]}.delete`, before: rate });
    return { ok: true as const, id };
  });
}

export const endVatRate = (db: AppDb, scope: Scope, id: string, validTo: string) => endRate(db, scope, "vat_rates", id, validTo);
export const removeVatRate = (db: AppDb, scope: Scope, id: string) => removeRate(db, scope, "vat_rates", id);

// ---- culture-fee rates ------------------------------------------------------------------------

export async function addCultureFeeRate(db: AppDb, scope: Scope, input: CultureFeeRateInput): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const errors: FieldErrors = {};
  const rate_bp = parseRate(input.rate, MAX_CULTURE_FEE_BP, errors, "文化事业建设费费率");
  const threshold_fen = parseYuanToFen(input.threshold);
  if (threshold_fen === null || threshold_fen < 0) errors.threshold = "免征额应为不小于 0 的金额（元）";
  const period = parsePeriod(input, errors);
  const note = parseNote(input.note, errors);
  if (Object.keys(errors).length) return billingRefusal(400, errors);

  return writeTransaction(db, async (trx) => {
    await lockCenter(trx, scope.centerId);
    const existing = await trx.selectFrom("culture_fee_rates").selectAll().where("center_id", "=", scope.centerId).execute();
    const clash = existing.find((r) => overlaps(period, r));
    if (clash) return billingRefusal(409, { valid_from: `与已有费率 ${rateText(Number(clash.rate_bp))}（${periodText(clash)}）的期间重叠：请先结束原费率` });
    const row = { id: newId(), center_id: scope.centerId, rate_bp, threshold_fen: threshold_fen!, ...period, note, created_at: nowIso() };
    await trx.insertInto("culture_fee_rates").values(row).execute();
    await recordAudit(trx, scope, { entity: "tax_setting", entityId: row.id, action: "culture_fee_rate.create", after: row });
    return { ok: true as const, id: row.id };
  });
}

export const endCultureFeeRate = (db: AppDb, scope: Scope, id: string, validTo: string) => endRate(db, scope, "culture_fee_rates", id, validTo);
export const removeCultureFeeRate = (db: AppDb, scope: Scope, id: string) => removeRate(db, scope, "culture_fee_rates", id);

// ---- tax classification codes -----------------------------------------------------------------

function parseTaxCode(input: TaxCodeInput): { ok: true; value: TaxCodeInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const code = input.code.trim();
  const short_name = input.short_name.trim();
  const item_name = input.item_name.trim();
  if (!/^\d{19}$/.test(code)) errors.code = "税收分类编码应为 19 位数字";
  // The short name prints between asterisks (*广告服务*广告发布费): an asterisk inside would misprint.
  if (!short_name || short_name.length > 20 || short_name.includes("*")) errors.short_name = "请填写简称（最多 20 个字，不含 *）";
  if (!item_name || item_name.length > 40 || item_name.includes("*")) errors.item_name = "请填写品名（最多 40 个字，不含 *）";
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { code, short_name, item_name } };
}

const duplicateCode = (code: string) => billingRefusal(409, { code: `税收分类编码 ${code} 已存在` });

async function codeTaken(trx: Executor, centerId: string, code: string, exceptId: string | null): Promise<boolean> {
  let query = trx.selectFrom("tax_codes").select("id").where("center_id", "=", centerId).where("code", "=", code);
  if (exceptId) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function addTaxCode(db: AppDb, scope: Scope, input: TaxCodeInput): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const parsed = parseTaxCode(input);
  if (!parsed.ok) return billingRefusal(400, parsed.errors);
  try {
    return await writeTransaction(db, async (trx) => {
      if (await codeTaken(trx, scope.centerId, parsed.value.code, null)) return duplicateCode(parsed.value.code);
      const now = nowIso();
      const row = { id: newId(), center_id: scope.centerId, ...parsed.value, retired: 0, created_at: now, updated_at: now };
      await trx.insertInto("tax_codes").values(row).execute();
      await recordAudit(trx, scope, { entity: "tax_setting", entityId: row.id, action: "tax_code.create", after: row });
      return { ok: true as const, id: row.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return duplicateCode(parsed.value.code);
    throw error;
  }
}

/** Issued bill lines keep their own copy of code and names, so editing the table never changes them. */
export async function updateTaxCode(db: AppDb, scope: Scope, id: string, input: TaxCodeInput): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const parsed = parseTaxCode(input);
  if (!parsed.ok) return billingRefusal(400, parsed.errors);
  try {
    return await writeTransaction(db, async (trx) => {
      const before = await trx.selectFrom("tax_codes").select(["code", "short_name", "item_name"]).where("center_id", "=", scope.centerId).where("id", "=", id).executeTakeFirst();
      if (!before) return billingRefusal(404, { form: "税收分类编码不存在" });
      if (await codeTaken(trx, scope.centerId, parsed.value.code, id)) return duplicateCode(parsed.value.code);
      await trx.updateTable("tax_codes").set({ ...parsed.value, updated_at: nowIso() }).where("id", "=", id).execute();
      await recordAudit(trx, scope, { entity: "tax_setting", entityId: id, action: "tax_code.update", before, after: parsed.value });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return duplicateCode(parsed.value.code);
    throw error;
  }
}

/** Retires a code (new lines no longer offer it) or brings it back. */
export async function setTaxCodeRetired(db: AppDb, scope: Scope, id: string, retired: boolean): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  return writeTransaction(db, async (trx) => {
    const before = await trx.selectFrom("tax_codes").select(["retired"]).where("center_id", "=", scope.centerId).where("id", "=", id).executeTakeFirst();
    if (!before) return billingRefusal(404, { form: "税收分类编码不存在" });
    const value = retired ? 1 : 0;
    if (Number(before.retired) === value) return { ok: true as const, id };
    await trx.updateTable("tax_codes").set({ retired: value, updated_at: nowIso() }).where("id", "=", id).execute();
    await recordAudit(trx, scope, { entity: "tax_setting", entityId: id, action: retired ? "tax_code.retire" : "tax_code.restore", before: { retired: Number(before.retired) }, after: { retired: value } });
    return { ok: true as const, id };
  });
}
