// Reading the tax screens' forms and query strings: the month and period pickers, and the posted
// fields each tax service takes as typed (the services check them). Pure, so components may use
// the period helpers too.
import { daysInMonth } from "~/modules/inventory/calendar-dates";
import type { FieldErrors } from "~/utils/form";
import { isCalendarDate } from "~/utils/time";
import type { DeductionInput } from "./culture-fee.server";
import type { CultureFeeRateInput, TaxCodeInput, VatRateInput } from "./tax-settings.server";

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (value: string) => MONTH_RE.test(value);

const pad = (n: number) => String(n).padStart(2, "0");

/** The month before the one `today` falls in: the month whose fee is declared now. */
export function previousMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
}

export function monthPeriod(month: string): { from: string; to: string } {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { from: `${month}-01`, to: `${month}-${pad(daysInMonth(year, m))}` };
}

/** ?month=YYYY-MM, last month when absent; `bad` when something else was asked for. */
export function monthFromUrl(url: URL, today: string): { month: string; bad: boolean } {
  const asked = (url.searchParams.get("month") ?? "").trim();
  if (!asked) return { month: previousMonth(today), bad: false };
  return isMonth(asked) ? { month: asked, bad: false } : { month: previousMonth(today), bad: true };
}

export interface Period {
  from: string;
  to: string;
}

/** 本月, 上月 and 本年, whole months and the whole year. */
export function quickPeriods(today: string): { key: "thisMonth" | "lastMonth" | "thisYear"; period: Period }[] {
  const year = today.slice(0, 4);
  return [
    { key: "thisMonth", period: monthPeriod(today.slice(0, 7)) },
    { key: "lastMonth", period: monthPeriod(previousMonth(today)) },
    { key: "thisYear", period: { from: `${year}-01-01`, to: `${year}-12-31` } },
  ];
}

/** ?from=&to= (both days included); `fallback` (this month unless told) when both are absent. */
export function periodFromUrl(url: URL, today: string, fallback: Period = monthPeriod(today.slice(0, 7))): { ok: true; period: Period } | { ok: false; period: Period; errors: FieldErrors } {
  const from = (url.searchParams.get("from") ?? "").trim();
  const to = (url.searchParams.get("to") ?? "").trim();
  if (!from && !to) return { ok: true, period: fallback };
  const errors: FieldErrors = {};
  if (!isCalendarDate(from)) errors.from = "开始日期应为有效日期（YYYY-MM-DD）";
  if (!isCalendarDate(to)) errors.to = "结束日期应为有效日期（YYYY-MM-DD）";
  else if (!errors.from && to < from) errors.to = "结束日期不能早于开始日期";
  return Object.keys(errors).length ? { ok: false, period: { from, to }, errors } : { ok: true, period: { from, to } };
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export function deductionInput(form: FormData): DeductionInput {
  return { month: text(form, "month"), payee: text(form, "payee"), invoice_number: text(form, "invoice_number"), amount: text(form, "amount"), notes: text(form, "notes") };
}

export function vatRateInput(form: FormData): VatRateInput {
  return {
    taxpayer_status: text(form, "taxpayer_status"), report_group: text(form, "report_group"), rate: text(form, "rate"),
    valid_from: text(form, "valid_from"), valid_to: text(form, "valid_to"), note: text(form, "note"),
  };
}

export function cultureFeeRateInput(form: FormData): CultureFeeRateInput {
  return { rate: text(form, "rate"), threshold: text(form, "threshold"), valid_from: text(form, "valid_from"), valid_to: text(form, "valid_to"), note: text(form, "note") };
}

export function taxCodeInput(form: FormData): TaxCodeInput {
  return { code: text(form, "code"), short_name: text(form, "short_name"), item_name: text(form, "item_name") };
}

/** The ticked bills of the export form, each id once. */
export function selectedBillIds(form: FormData): string[] {
  return [...new Set(form.getAll("bill").filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter(Boolean))];
}
