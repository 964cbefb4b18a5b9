// Pure calendar arithmetic on 'YYYY-MM-DD' strings. A calendar date has no time zone, so we never
// build a Date (whose local/UTC day can shift); we map dates to integer "UTC day numbers"
// (days since 1970-01-01, proleptic Gregorian) with Howard Hinnant's civil-date algorithms, which
// are exact integer formulas valid for every year 0000–9999 (Date.UTC maps years 0–99 to 19xx).
import { isCalendarDate } from "~/utils/time";

function assertDate(date: string): void {
  if (!isCalendarDate(date)) throw new RangeError(`invalid calendar date: ${date}`);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month, month 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** '2026-01-20' → { year: 2026, month: 1, day: 20 }. Throws RangeError on an invalid date. */
export function parseDate(date: string): { year: number; month: number; day: number } {
  assertDate(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** '1970-01-01' → 0, '1970-01-02' → 1, '1969-12-31' → -1. */
export function dayNumber(date: string): number {
  const { year, month, day } = parseDate(date);
  // The year is shifted to start in March so the leap day is the last day of the "year".
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of dayNumber: 0 → '1970-01-01'. Throws outside years 0000–9999. */
export function fromDayNumber(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`invalid day number: ${n}`);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`day number out of range: ${n}`);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** '2026-01-31' + 1 → '2026-02-01'. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Monday = 0 … Sunday = 6 (weeks start on Monday in the zh-cn locale). */
export function weekdayFromMonday(date: string): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

/** Number of days from `from` to `to`, both included: same day → 1; `to` before `from` → ≤ 0. */
export function inclusiveDays(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** The part of a date range that falls in one calendar month. */
export interface MonthSlice {
  year: number;
  month: number;
  from: string;
  to: string;
  /** Days of the range inside this month. */
  days: number;
  /** Length of the whole month (28–31): the denominator for monthly proration. */
  monthDays: number;
}

/**
 * Cuts an inclusive range at month boundaries: 2026-01-20..2026-02-10 →
 * [Jan 20–31 (12 of 31), Feb 1–10 (10 of 28)]. Empty when `to` is before `from`.
 */
export function monthSlices(from: string, to: string): MonthSlice[] {
  const end = dayNumber(to);
  const out: MonthSlice[] = [];
  let start = dayNumber(from);
  while (start <= end) {
    const startDate = fromDayNumber(start);
    const { year, month, day } = parseDate(startDate);
    const monthDays = daysInMonth(year, month);
    const sliceEnd = Math.min(end, start + (monthDays - day));
    out.push({ year, month, from: startDate, to: fromDayNumber(sliceEnd), days: sliceEnd - start + 1, monthDays });
    start = sliceEnd + 1;
  }
  return out;
}
