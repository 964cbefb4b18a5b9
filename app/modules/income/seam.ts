// The one shape in which every kind of income (booked ad lines, event sponsorships, service
// contracts) tells billing what can be billed and the revenue reports what is earned on which days.
// Each source lives in its own *-source.server.ts; sources.server.ts reads them together.
// Pure: types and the exact day-by-day spread of an amount.
import type { LineKind, Medium } from "~db/schema";
import { dayNumber, fromDayNumber, inclusiveDays, monthSlices } from "~/modules/inventory/calendar-dates";
import { mulDivHalfUp } from "~/utils/money";

export type SourceKind = "order" | "event" | "contract";

export interface SourceRef {
  kind: SourceKind;
  id: string;
  /** What people call it: the order or contract number, the event title. */
  label: string;
}

/**
 * Something that can be put on a bill. `key` is stable for as long as the item means the same
 * thing, so billing can record "billed" against it and running a period twice finds nothing new.
 */
export interface BillableItem {
  key: string;
  source: SourceRef;
  clientId: string;
  categoryId: string;
  /** The 19-digit tax classification code of the category ('' when finance has not set it). */
  vatItemCode: string;
  /** Whether amountFen includes VAT (ad rates and sponsorships do; contracts say). */
  taxIncluded: boolean;
  description: string;
  amountFen: number;
  /** The days the item pays for, both included. */
  serviceFrom: string;
  serviceTo: string;
  /** From when it may be billed: the service start, a milestone's acceptance, a logged day. */
  billableOn: string;
}

/**
 * Income earned over days: amountFen spread evenly over from..to (both included). A span of one
 * day is income earned on that day (an accepted milestone, a logged session).
 */
export interface RevenueSpan {
  key: string;
  source: SourceRef;
  clientId: string;
  categoryId: string;
  ownerId: string;
  /** False for fiscal subsidies (财政补助), which are kept apart from earned income. */
  earned: boolean;
  taxIncluded: boolean;
  amountFen: number;
  from: string;
  to: string;
}

export interface Period {
  from: string;
  to: string;
}

/** What every source reads for: income overlapping a period, and/or of one kind (one order, event or contract when id is given). */
export interface SourceQuery {
  period?: Period;
  source?: { kind: SourceKind; id?: string };
}

/**
 * What a source yields: one piece of income with everything both views need. Billing reads it as
 * a BillableItem, the revenue reports as a RevenueSpan over serviceFrom..serviceTo.
 */
export interface IncomeEntry extends BillableItem {
  ownerId: string;
  earned: boolean;
  /** Booked ad lines only: the unit's medium and the line's kind, for the revenue reports. */
  medium?: Medium;
  lineKind?: LineKind;
}

export function toBillableItem(entry: IncomeEntry): BillableItem {
  const { ownerId: _owner, earned: _earned, medium: _medium, lineKind: _kind, ...item } = entry;
  return item;
}

export function toRevenueSpan(entry: IncomeEntry): RevenueSpan {
  return {
    key: entry.key,
    source: entry.source,
    clientId: entry.clientId,
    categoryId: entry.categoryId,
    ownerId: entry.ownerId,
    earned: entry.earned,
    taxIncluded: entry.taxIncluded,
    amountFen: entry.amountFen,
    from: entry.serviceFrom,
    to: entry.serviceTo,
  };
}

/**
 * MONEY: an amount over n days, day by day, to the fen: day i gets
 * round(amount × i / n) − round(amount × (i − 1) / n) (half-up). The days always add up to the
 * amount and any stretch of them is the same whichever period it is asked for in.
 */
export function dailyAmounts(span: { amountFen: number; from: string; to: string }, within?: Period): { date: string; amountFen: number }[] {
  const n = inclusiveDays(span.from, span.to);
  if (n <= 0) return [];
  const first = dayNumber(span.from);
  const lo = Math.max(0, within ? dayNumber(within.from) - first : 0);
  const hi = Math.min(n - 1, within ? dayNumber(within.to) - first : n - 1);
  const out: { date: string; amountFen: number }[] = [];
  const negative = span.amountFen < 0;
  const abs = Math.abs(span.amountFen);
  for (let i = lo; i <= hi; i++) {
    const fen = mulDivHalfUp(abs, i + 1, n) - mulDivHalfUp(abs, i, n);
    out.push({ date: fromDayNumber(first + i), amountFen: negative ? -fen : fen });
  }
  return out;
}

/** The part of a span's amount that falls between from and to (both included). */
export function amountWithin(span: { amountFen: number; from: string; to: string }, period: Period): number {
  const n = inclusiveDays(span.from, span.to);
  if (n <= 0) return 0;
  const first = dayNumber(span.from);
  const lo = Math.max(0, dayNumber(period.from) - first);
  const hi = Math.min(n - 1, dayNumber(period.to) - first);
  if (hi < lo) return 0;
  const abs = Math.abs(span.amountFen);
  const fen = mulDivHalfUp(abs, hi + 1, n) - mulDivHalfUp(abs, lo, n);
  return span.amountFen < 0 ? -fen : fen;
}

/** Totals per month 'YYYY-MM' of the spans' days inside the period. */
export function monthlyTotals(spans: readonly RevenueSpan[], period: Period): Map<string, number> {
  const totals = new Map<string, number>();
  for (const span of spans) {
    const from = span.from > period.from ? span.from : period.from;
    const to = span.to < period.to ? span.to : period.to;
    for (const slice of from <= to ? monthSlices(from, to) : []) {
      const fen = amountWithin(span, slice);
      const key = slice.from.slice(0, 7);
      if (fen !== 0) totals.set(key, (totals.get(key) ?? 0) + fen);
    }
  }
  return totals;
}

/** MONEY: what entries have earned by the end of `today`: each one's days up to today (a month partly served counts in part). */
export function earnedBy(entries: readonly Pick<IncomeEntry, "amountFen" | "serviceFrom" | "serviceTo">[], today: string): number {
  return entries.reduce((sum, e) => sum + (e.serviceFrom > today ? 0 : amountWithin({ amountFen: e.amountFen, from: e.serviceFrom, to: e.serviceTo }, { from: e.serviceFrom, to: today })), 0);
}

/** Whether two inclusive date ranges share a day. */
export function overlaps(a: Period, b: Period): boolean {
  return a.from <= b.to && b.from <= a.to;
}
