// Reading the contract form: the header, the pricing shape's own fields, and milestone and rate
// rows posted as parallel repeated fields (ms_name, ms_percent, ms_date … one value per row).
// Wholly empty rows are ignored. Every problem is reported at once, keyed by field or by row
// ("ms.2", "rate.0"). Money is typed in 元 and kept as integer fen.
import { z } from "zod";
import type { ContractPricing } from "~db/schema";
import { type FieldErrors, parseForm } from "~/utils/form";
import { parsePercentToBasisPoints, parseYuanToFen } from "~/utils/money";
import { isCalendarDate } from "~/utils/time";
import { addDays } from "~/modules/inventory/calendar-dates";
import { CONTRACT_PRICINGS, feeTotal, splitMilestones } from "./model";

const text = (max: number) => z.string().trim().max(max, `内容过长（最多 ${max} 个字）`);
const date = (message: string) => z.string().trim().refine(isCalendarDate, message);
const optionalDate = (message: string) => z.string().trim().refine((v) => v === "" || isCalendarDate(v), message);

const headerSchema = z.object({
  number: text(40),
  title: z.string().trim().min(1, "请填写合同名称").max(100, "内容过长（最多 100 个字）"),
  client: z.string().trim().min(1, "请填写客户").max(100, "内容过长（最多 100 个字）"),
  category_id: z.string().trim().min(1, "请选择收入类别"),
  pricing: z.enum(CONTRACT_PRICINGS, { errorMap: () => ({ message: "请选择计价方式" }) }),
  signed_on: optionalDate("签订日期不是有效日期（YYYY-MM-DD）"),
  start_date: date("开始日期不是有效日期（YYYY-MM-DD）"),
  end_date: date("结束日期不是有效日期（YYYY-MM-DD）"),
  amount: z.string().trim(),
  monthly_fee: z.string().trim(),
  tax_included: z.enum(["1", "0"], { errorMap: () => ({ message: "请选择是否含税" }) }),
  notes: text(1000),
  idempotency_key: z.string().trim().max(40, "表单已失效，请刷新页面后重新填写"),
});

/** The longest term accepted: ten years. */
const MAX_TERM_DAYS = 3653;
/** The largest amount accepted: ¥1,000,000,000.00, far above any county contract. */
const MAX_FEN = 100_000_000_000;

export interface MilestoneInput {
  name: string;
  percentBp: number;
  amountFen: number;
  plannedDate: string;
}

export interface RateInput {
  name: string;
  unit: string;
  priceFen: number;
}

export interface ContractInput {
  number: string;
  title: string;
  client: string;
  category_id: string;
  pricing: ContractPricing;
  signed_on: string | null;
  start_date: string;
  end_date: string;
  amount_fen: number;
  monthly_fee_fen: number;
  tax_included: number;
  notes: string;
  /** One per rendered form; absent when the contract is made another way (renewal, seed). */
  idempotency_key?: string;
  milestones: MilestoneInput[];
  rates: RateInput[];
}

/** What the form shows again after a refusal: the typed text, rows included. */
export interface ContractFormEcho {
  fields: Record<string, string>;
  milestones: { name: string; percent: string; date: string }[];
  rates: { name: string; unit: string; price: string }[];
}

export const MILESTONE_FIELDS = ["ms_name", "ms_percent", "ms_date"] as const;
export const RATE_FIELDS = ["rate_name", "rate_unit", "rate_price"] as const;
const MAX_ROWS = 20;

function column(form: FormData, name: string): string[] {
  return form.getAll(name).map((v) => (typeof v === "string" ? v.trim() : ""));
}

function rows<K extends string>(form: FormData, names: readonly K[]): Record<K, string>[] {
  const columns = names.map((n) => column(form, n));
  const count = Math.max(0, ...columns.map((c) => c.length));
  const out: Record<K, string>[] = [];
  for (let i = 0; i < count; i++) {
    const row = Object.fromEntries(names.map((n, j) => [n, columns[j][i] ?? ""])) as Record<K, string>;
    if (names.some((n) => row[n] !== "")) out.push(row);
  }
  return out;
}

export function echoContractForm(form: FormData): ContractFormEcho {
  const fields: Record<string, string> = {};
  for (const key of Object.keys(headerSchema.shape)) {
    const v = form.get(key);
    fields[key] = typeof v === "string" ? v : "";
  }
  const stamp = form.get("updated_at");
  if (typeof stamp === "string") fields.updated_at = stamp;
  return {
    fields,
    milestones: rows(form, MILESTONE_FIELDS).map((r) => ({ name: r.ms_name, percent: r.ms_percent, date: r.ms_date })),
    rates: rows(form, RATE_FIELDS).map((r) => ({ name: r.rate_name, unit: r.rate_unit, price: r.rate_price })),
  };
}

function money(input: string, errors: FieldErrors, key: string, label: string): number {
  const fen = parseYuanToFen(input);
  if (fen === null) errors[key] ??= `${label}“${input}”不是有效金额`;
  else if (fen <= 0) errors[key] ??= `${label}应大于 0`;
  else if (fen > MAX_FEN) errors[key] ??= `${label}过大`;
  else return fen;
  return 0;
}

function parseMilestones(form: FormData, totalFen: number, start: string, end: string, errors: FieldErrors): MilestoneInput[] {
  const raw = rows(form, MILESTONE_FIELDS);
  if (raw.length === 0) {
    errors.milestones = "请至少填写一个里程碑（名称、比例、计划日期）";
    return [];
  }
  if (raw.length > MAX_ROWS) errors.milestones = `里程碑最多 ${MAX_ROWS} 个`;
  const parsed = raw.map((r, i) => {
    const label = `第 ${i + 1} 个里程碑`;
    const bp = parsePercentToBasisPoints(r.ms_percent);
    if (!r.ms_name) errors[`ms.${i}`] ??= `${label}：请填写名称`;
    else if (r.ms_name.length > 100) errors[`ms.${i}`] ??= `${label}：名称过长（最多 100 个字）`;
    if (bp === null || bp <= 0) errors[`ms.${i}`] ??= `${label}：比例“${r.ms_percent}”应为大于 0、不超过 100 的百分数`;
    if (!isCalendarDate(r.ms_date)) errors[`ms.${i}`] ??= `${label}：计划日期“${r.ms_date}”不是有效日期`;
    else if (isCalendarDate(start) && isCalendarDate(end) && (r.ms_date < start || r.ms_date > addDays(end, 365))) {
      errors[`ms.${i}`] ??= `${label}：计划日期应在合同开始之后、结束后一年之内`;
    }
    return { name: r.ms_name, percentBp: bp ?? 0, amountFen: 0, plannedDate: r.ms_date };
  });
  if (parsed.some((_m, i) => errors[`ms.${i}`])) return parsed;
  const sum = parsed.reduce((s, m) => s + m.percentBp, 0);
  if (sum !== 10000) {
    errors.milestones = `里程碑比例合计应为 100%，现为 ${(sum / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
    return parsed;
  }
  const amounts = totalFen > 0 ? splitMilestones(totalFen, parsed) : null;
  if (totalFen > 0 && !amounts) errors.milestones = "最后一个里程碑的金额不足 1 分，请调整比例";
  return parsed.map((m, i) => ({ ...m, amountFen: amounts?.[i] ?? 0 }));
}

function parseRates(form: FormData, errors: FieldErrors): RateInput[] {
  const raw = rows(form, RATE_FIELDS);
  if (raw.length === 0) {
    errors.rates = "请至少填写一项单价（项目、单位、单价）";
    return [];
  }
  if (raw.length > MAX_ROWS) errors.rates = `单价最多 ${MAX_ROWS} 项`;
  const names = new Set<string>();
  return raw.map((r, i) => {
    const label = `第 ${i + 1} 项单价`;
    if (!r.rate_name) errors[`rate.${i}`] ??= `${label}：请填写项目`;
    else if (r.rate_name.length > 60) errors[`rate.${i}`] ??= `${label}：项目名称过长（最多 60 个字）`;
    else if (names.has(r.rate_name)) errors[`rate.${i}`] ??= `${label}：项目“${r.rate_name}”重复`;
    names.add(r.rate_name);
    if (!r.rate_unit) errors[`rate.${i}`] ??= `${label}：请填写计量单位（如 场、分钟）`;
    else if (r.rate_unit.length > 10) errors[`rate.${i}`] ??= `${label}：计量单位过长`;
    const price = money(r.rate_price, errors, `rate.${i}`, `${label}：单价`);
    return { name: r.rate_name, unit: r.rate_unit, priceFen: price };
  });
}

/** The whole contract form: header, dates, amount by pricing shape, and the shape's rows. */
export function parseContractForm(form: FormData): { ok: true; value: ContractInput } | { ok: false; errors: FieldErrors } {
  const parsed = parseForm(headerSchema, form);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const raw = echoContractForm(form).fields;
  const pricing = (CONTRACT_PRICINGS as readonly string[]).includes(raw.pricing) ? (raw.pricing as ContractPricing) : null;
  const start = raw.start_date.trim();
  const end = raw.end_date.trim();
  const datesOk = isCalendarDate(start) && isCalendarDate(end);
  if (datesOk && end < start) errors.end_date ??= "结束日期早于开始日期";
  else if (datesOk && addDays(start, MAX_TERM_DAYS) < end) errors.end_date ??= "合同期限最长 10 年";
  let amount = 0;
  let fee = 0;
  let milestones: MilestoneInput[] = [];
  let rates: RateInput[] = [];
  if (pricing === "monthly") {
    fee = money(raw.monthly_fee.trim(), errors, "monthly_fee", "月服务费");
    if (fee > 0 && datesOk && !errors.end_date) amount = feeTotal(fee, start, end);
  } else if (pricing) {
    amount = money(raw.amount.trim(), errors, "amount", pricing === "tm" ? "合同金额上限" : "合同金额");
  }
  if (pricing === "milestone") milestones = parseMilestones(form, amount, start, end, errors);
  if (pricing === "tm") rates = parseRates(form, errors);
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const v = parsed.value;
  return {
    ok: true,
    value: {
      number: v.number,
      title: v.title,
      client: v.client,
      category_id: v.category_id,
      pricing: v.pricing,
      signed_on: v.signed_on || null,
      start_date: v.start_date,
      end_date: v.end_date,
      amount_fen: amount,
      monthly_fee_fen: pricing === "monthly" ? fee : 0,
      tax_included: v.tax_included === "1" ? 1 : 0,
      notes: v.notes,
      idempotency_key: v.idempotency_key,
      milestones,
      rates,
    },
  };
}

const reasonSchema = z.object({ reason: z.string().trim().min(1, "请填写原因").max(200, "原因过长（最多 200 个字）") });

export function parseReason(form: FormData) {
  return parseForm(reasonSchema, form);
}

/** Termination: the day it ends, why, and (milestone contracts) what was earned by then. */
export function parseTermination(form: FormData): { ok: true; value: { date: string; reason: string; earned: string } } | { ok: false; errors: FieldErrors } {
  const parsed = parseForm(
    z.object({
      date: date("终止日期不是有效日期（YYYY-MM-DD）"),
      reason: z.string().trim().min(1, "请填写终止原因").max(200, "原因过长（最多 200 个字）"),
      earned: z.string().trim(),
    }),
    form,
  );
  return parsed;
}
