// Month series the dashboard and the reports share: month keys, the month technical services
// first overtook traditional advertising, running 12-month totals, shares and concentration. Pure.
import { mulDivHalfUp } from "~/utils/money";

/** 'YYYY-MM'. */
export type MonthKey = string;

export function addMonths(month: MonthKey, n: number): MonthKey {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Every month from `from` to `to`, both included (empty when from > to). */
export function monthRange(from: MonthKey, to: MonthKey): MonthKey[] {
  const out: MonthKey[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function isMonthKey(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

/**
 * The first month in which `lead` is above `lag` after a month in which it was not: the crossover.
 * aheadFromStart: lead was already above lag in the first month (so no crossover is inside the window).
 */
export function firstCrossover(months: readonly MonthKey[], lead: readonly number[], lag: readonly number[]): { month: MonthKey | null; aheadFromStart: boolean } {
  if (months.length === 0) return { month: null, aheadFromStart: false };
  const ahead = (i: number) => lead[i] > lag[i];
  for (let i = 1; i < months.length; i++) if (ahead(i) && !ahead(i - 1)) return { month: months[i], aheadFromStart: false };
  return { month: null, aheadFromStart: ahead(0) };
}

/** For each month, the sum of it and the 11 before it; null until 12 months are in the series. */
export function rolling12(values: readonly number[]): (number | null)[] {
  let sum = 0;
  return values.map((v, i) => {
    sum += v;
    if (i >= 12) sum -= values[i - 12];
    return i >= 11 ? sum : null;
  });
}

/**
 * MONEY: shares in basis points that add up to exactly 10,000 (largest remainder), so a table of
 * shares always totals 100.00 %. Negative or zero totals give all zeros.
 */
export function sharesBp(amounts: readonly number[]): number[] {
  const total = amounts.reduce((s, a) => s + Math.max(a, 0), 0);
  if (total <= 0) return amounts.map(() => 0);
  const floors = amounts.map((a) => Math.floor((Math.max(a, 0) * 10000) / total));
  let left = 10000 - floors.reduce((s, f) => s + f, 0);
  const order = amounts
    .map((a, i) => ({ i, rest: (Math.max(a, 0) * 10000) % total }))
    .sort((x, y) => y.rest - x.rest || x.i - y.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors;
}

/**
 * Herfindahl index of the shares: Σ share², from 1/n (evenly spread over n categories) to 1 (all
 * in one). Computed from the amounts, not from rounded shares. Null when there is no income.
 */
export function herfindahl(amounts: readonly number[]): number | null {
  const positive = amounts.filter((a) => a > 0);
  const total = positive.reduce((s, a) => s + a, 0);
  if (total <= 0) return null;
  return positive.reduce((s, a) => s + (a / total) ** 2, 0);
}

/** MONEY: a part of a whole in basis points, rounded half-up (null when the whole is zero). */
export function ratioBp(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const bp = mulDivHalfUp(Math.abs(part), 10000, Math.abs(whole));
  return (part < 0) !== (whole < 0) && part !== 0 ? -bp : bp;
}
