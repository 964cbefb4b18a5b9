// The seam billing and the revenue reports read: every source's income in one list, as billable
// items or as revenue spans. A new kind of income adds a source here and nowhere else.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { contractIncome } from "./contract-source.server";
import { eventIncome } from "./event-source.server";
import { orderIncome } from "./order-source.server";
import { type BillableItem, type IncomeEntry, type RevenueSpan, type SourceKind, type SourceQuery, toBillableItem, toRevenueSpan } from "./seam";

export type { BillableItem, IncomeEntry, RevenueSpan, SourceQuery } from "./seam";

const SOURCES: Record<SourceKind, (db: Executor, scope: Scope, query: SourceQuery) => Promise<IncomeEntry[]>> = {
  order: orderIncome,
  event: eventIncome,
  contract: contractIncome,
};

/** Income of every source (or the one the query names), overlapping the query's period. */
export async function incomeEntries(db: Executor, scope: Scope, query: SourceQuery = {}): Promise<IncomeEntry[]> {
  const kinds = query.source ? [query.source.kind] : (Object.keys(SOURCES) as SourceKind[]);
  const lists = await Promise.all(kinds.map((kind) => SOURCES[kind](db, scope, query)));
  return lists.flat();
}

/** What can be billed: items whose service days overlap the period. */
export async function billableItems(db: Executor, scope: Scope, query: SourceQuery = {}): Promise<BillableItem[]> {
  return (await incomeEntries(db, scope, query)).map(toBillableItem);
}

/** What is earned on which days: spans overlapping the period (spread them with dailyAmounts). */
export async function revenueSchedule(db: Executor, scope: Scope, query: SourceQuery = {}): Promise<RevenueSpan[]> {
  return (await incomeEntries(db, scope, query)).map(toRevenueSpan);
}
