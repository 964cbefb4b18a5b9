// The contract vocabulary and its pure arithmetic: statuses and how they move, milestone amounts
// from percentages, and the months of a monthly-fee term. Dates are 'YYYY-MM-DD' text, money fen.
import type { ContractPricing, ContractStatus, DeliverableKind } from "~db/schema";
import { addDays, dayNumber, monthSlices } from "~/modules/inventory/calendar-dates";
import { mulDivHalfUp } from "~/utils/money";

export const CONTRACT_PRICINGS = ["milestone", "monthly", "tm"] as const satisfies readonly ContractPricing[];
export const CONTRACT_STATUSES = ["draft", "pending", "signed", "active", "accepted", "completed", "terminated"] as const satisfies readonly ContractStatus[];
export const DELIVERABLE_KINDS = ["app", "system", "live", "video", "account", "other"] as const satisfies readonly DeliverableKind[];

/** A contract ending within this many days is "ending soon" and offered for renewal. */
export const ENDING_SOON_DAYS = 60;

/** Statuses in which the contract binds both parties and work is done under it. */
export const IN_FORCE: readonly ContractStatus[] = ["signed", "active"];
/** Statuses whose income counts: signed and after, terminated included for what it earned. */
export const EARNING: readonly ContractStatus[] = ["signed", "active", "accepted", "completed", "terminated"];

export function isPricing(value: string): value is ContractPricing {
  return (CONTRACT_PRICINGS as readonly string[]).includes(value);
}

export function isContractStatus(value: string): value is ContractStatus {
  return (CONTRACT_STATUSES as readonly string[]).includes(value);
}

export function isDeliverableKind(value: string): value is DeliverableKind {
  return (DELIVERABLE_KINDS as readonly string[]).includes(value);
}

/** The status a finished contract reaches: 已验收 for deliveries, 已完成 for a fee or T&M term. */
export function finishedStatus(pricing: ContractPricing): ContractStatus {
  return pricing === "milestone" ? "accepted" : "completed";
}

/** Whether approval is needed to sign: above the center's threshold (0: always). */
export function needsApproval(amountFen: number, thresholdFen: number): boolean {
  return thresholdFen === 0 || amountFen > thresholdFen;
}

export interface MilestoneShare {
  percentBp: number;
}

/**
 * MONEY: each milestone is the total × its percentage, rounded once half-up to the fen; the last
 * milestone takes what is left, so the amounts always add up to the total exactly. Percentages
 * are basis points (30 % = 3000) and must add up to 10000. Null when they don't, or when the
 * remainder would not be positive.
 */
export function splitMilestones(totalFen: number, shares: readonly MilestoneShare[]): number[] | null {
  if (shares.length === 0) return null;
  if (shares.some((s) => !Number.isSafeInteger(s.percentBp) || s.percentBp <= 0)) return null;
  if (shares.reduce((sum, s) => sum + s.percentBp, 0) !== 10000) return null;
  const amounts = shares.slice(0, -1).map((s) => mulDivHalfUp(totalFen, s.percentBp, 10000));
  const last = totalFen - amounts.reduce((sum, a) => sum + a, 0);
  if (last < 0 || (totalFen > 0 && last === 0)) return null;
  return [...amounts, last];
}

export interface FeeMonth {
  /** 'YYYY-MM' */
  month: string;
  from: string;
  to: string;
  days: number;
  monthDays: number;
  amountFen: number;
}

/**
 * MONEY: a monthly fee over a term, month by month. A whole calendar month costs the fee; a part
 * month costs fee × days served ÷ days in that month, rounded once half-up. The term's total is
 * the sum of its months (so it is what is billed and recognised, to the fen).
 */
export function feeMonths(feeFen: number, from: string, to: string): FeeMonth[] {
  return monthSlices(from, to).map((s) => ({
    month: s.from.slice(0, 7),
    from: s.from,
    to: s.to,
    days: s.days,
    monthDays: s.monthDays,
    amountFen: s.days === s.monthDays ? feeFen : mulDivHalfUp(feeFen, s.days, s.monthDays),
  }));
}

export function feeTotal(feeFen: number, from: string, to: string): number {
  return feeMonths(feeFen, from, to).reduce((sum, m) => sum + m.amountFen, 0);
}

/** The last day a contract is served: its end, or the day it was terminated if that came first. */
export function serviceEnd(contract: { end_date: string; terminated_on: string | null }): string {
  return contract.terminated_on && contract.terminated_on < contract.end_date ? contract.terminated_on : contract.end_date;
}

/** A milestone is late when it is not accepted and its planned date has passed. */
export function isLate(milestone: { planned_date: string; accepted_on: string | null }, today: string): boolean {
  return milestone.accepted_on === null && milestone.planned_date < today;
}

/** The next term of a renewed contract: the day after the end, for as many days as this one. */
export function nextTerm(start: string, end: string): { start: string; end: string } {
  const length = monthsBetween(start, end);
  const nextStart = addDays(end, 1);
  if (length !== null) return { start: nextStart, end: addDays(addMonths(nextStart, length), -1) };
  return { start: nextStart, end: addDays(nextStart, dayNumber(end) - dayNumber(start)) };
}

/**
 * Whole months from start to the day after end (2026-01-01..2026-12-31 → 12), or null when not
 * whole. Days past the 28th are left to the day count, since not every month has them.
 */
function monthsBetween(start: string, end: string): number | null {
  const after = addDays(end, 1);
  if (start.slice(8) !== after.slice(8) || Number(start.slice(8)) > 28) return null;
  const months = (Number(after.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(after.slice(5, 7)) - Number(start.slice(5, 7));
  return months > 0 ? months : null;
}

/** '2026-01-15' + 2 months → '2026-03-15'; only used with day-of-month values every month has. */
function addMonths(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${date.slice(8)}`;
}

/** Shifts a planned date by the same number of days as the term moved. */
export function shiftDate(date: string, fromStart: string, toStart: string): string {
  return addDays(date, dayNumber(toStart) - dayNumber(fromStart));
}

/**
 * A contract number from the center's pattern: {YYYY} the year, {NNN…} the sequence padded to as
 * many digits as there are N. A pattern without {N…} gets "-" and the sequence appended.
 */
export function formatContractNumber(pattern: string, year: number, value: number): string {
  let used = false;
  const out = pattern.replace(/\{YYYY\}/g, String(year)).replace(/\{(N+)\}/g, (_m, n: string) => {
    used = true;
    return String(value).padStart(n.length, "0");
  });
  return used ? out : `${out}-${value}`;
}

/** Contract numbers are stored in 40 characters. */
export const NUMBER_MAX_LENGTH = 40;

/**
 * A pattern is valid when it is not empty, has only known tokens, and the numbers it makes fit in
 * NUMBER_MAX_LENGTH even once the sequence reaches six digits.
 */
export function isValidNumberPattern(pattern: string): boolean {
  if (!pattern.trim() || pattern.length > NUMBER_MAX_LENGTH) return false;
  const tokens = pattern.match(/\{[^}]*\}/g) ?? [];
  const known = tokens.every((t) => t === "{YYYY}" || /^\{N+\}$/.test(t)) && !/[{}]/.test(pattern.replace(/\{YYYY\}|\{N+\}/g, ""));
  return known && formatContractNumber(pattern, 9999, 999_999).length <= NUMBER_MAX_LENGTH;
}
