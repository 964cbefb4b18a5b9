// What the month-closing page shows: how far the center is closed (when, by whom), the months that
// may be closed next, and month by month the figures closing freezes: recognised income (earned
// and subsidy apart, by reporting month), invoiced (issued bills by issue date) and collected
// (payments by the day received, less reversals by the day reversed).
import { sql } from "kysely";
import type { Executor } from "~db/dialect";
import { addMonths, type MonthKey, monthRange } from "~/modules/analytics/series";
import type { Scope } from "~/modules/auth/scope";
import { todayInShanghai } from "~/utils/time";
import { moneyByMonth, moneyIn } from "~/modules/analytics/dashboard-money.server";

/** The table covers this many months, up to last month. */
export const CLOSING_WINDOW_MONTHS = 24;

export interface ClosingMonth {
  month: MonthKey;
  /** MONEY: recognised earned income (创收) reported in the month, ex-VAT fen. */
  earnedFen: number;
  /** Of which: corrections of earlier (closed) months reported in this month. */
  adjustmentFen: number;
  /** Fiscal subsidies (财政补助) reported in the month; never part of earnedFen. */
  subsidyFen: number;
  /** Issued bills and red-letter credits by issue date: ex-VAT and with VAT. */
  invoicedNetFen: number;
  invoicedTotalFen: number;
  /** Payments received in the month less payments reversed in it. */
  collectedFen: number;
  closed: boolean;
}

export interface ClosingView {
  closedThrough: MonthKey | null;
  closedAt: string | null;
  closedByName: string;
  lastMonth: MonthKey;
  /** Months the form may close through, latest first (empty when last month is closed). */
  choices: MonthKey[];
  /** Latest first. */
  months: ClosingMonth[];
  /** Corrections of closed months reported in open months (month > for_month). */
  corrections: { count: number; earnedFen: number; subsidyFen: number };
}

type Sums = Map<string, number[]>;

const num = (v: unknown) => Number(v ?? 0);

function sumsBy<T extends { m: string | null }>(rows: T[], values: (r: T) => number[]): Sums {
  const out: Sums = new Map();
  for (const r of rows) if (r.m) out.set(r.m, values(r));
  return out;
}

export async function closingView(db: Executor, scope: Pick<Scope, "centerId">, today = todayInShanghai()): Promise<ClosingView> {
  const c = scope.centerId;
  const lastMonth = addMonths(today.slice(0, 7), -1);
  const first = addMonths(lastMonth, -(CLOSING_WINDOW_MONTHS - 1));

  const [closing, facts, money] = await Promise.all([
    db
      .selectFrom("revenue_closings as r")
      .leftJoin("users as u", "u.id", "r.closed_by")
      .select(["r.closed_through", "r.closed_at", "u.display_name"])
      .where("r.center_id", "=", c)
      .executeTakeFirst(),
    db
      .selectFrom("revenue_facts")
      .select((e) => [
        "month as m",
        e.fn.sum<number>(sql`case when earned = 1 then amount_fen else 0 end`).as("earned"),
        e.fn.sum<number>(sql`case when earned = 1 and ${sql.ref("month")} > ${sql.ref("for_month")} then amount_fen else 0 end`).as("adjustment"),
        e.fn.sum<number>(sql`case when earned = 0 then amount_fen else 0 end`).as("subsidy"),
      ])
      .where("center_id", "=", c)
      .where("month", ">=", first)
      .where("month", "<=", lastMonth)
      .groupBy("month")
      .execute(),
    // Invoiced and collected as the dashboard counts them (read fresh: no closing given).
    moneyByMonth(db, { centerId: c }, first, lastMonth),
  ]);

  const closedThrough = closing?.closed_through ?? null;
  const factSums = sumsBy(facts, (r) => [num(r.earned), num(r.adjustment), num(r.subsidy)]);

  const months = monthRange(first, lastMonth)
    .reverse()
    .map((month): ClosingMonth => {
      const [earnedFen, adjustmentFen, subsidyFen] = factSums.get(month) ?? [0, 0, 0];
      const cash = moneyIn(money, month, month);
      const [invoicedNetFen, invoicedTotalFen, collectedFen] = [cash.invoiced_net_fen, cash.invoiced_total_fen, cash.collected_fen];
      return { month, earnedFen, adjustmentFen, subsidyFen, invoicedNetFen, invoicedTotalFen, collectedFen, closed: closedThrough !== null && month <= closedThrough };
    });

  const openFrom = closedThrough && closedThrough >= first ? addMonths(closedThrough, 1) : first;
  return {
    closedThrough,
    closedAt: closing?.closed_at ?? null,
    closedByName: closing?.display_name ?? "",
    lastMonth,
    choices: monthRange(openFrom, lastMonth).reverse(),
    months,
    corrections: closedThrough ? await correctionsOf(db, c, closedThrough) : { count: 0, earnedFen: 0, subsidyFen: 0 },
  };
}

/** Facts for closed months reported after the closing: what later changes moved into open months. */
async function correctionsOf(db: Executor, centerId: string, closedThrough: MonthKey): Promise<ClosingView["corrections"]> {
  const row = await db
    .selectFrom("revenue_facts")
    .select((e) => [
      e.fn.countAll<number>().as("count"),
      e.fn.sum<number>(sql`case when earned = 1 then amount_fen else 0 end`).as("earned"),
      e.fn.sum<number>(sql`case when earned = 0 then amount_fen else 0 end`).as("subsidy"),
    ])
    .where("center_id", "=", centerId)
    .where("for_month", "<=", closedThrough)
    .where("month", ">", closedThrough)
    .executeTakeFirst();
  return { count: num(row?.count), earnedFen: num(row?.earned), subsidyFen: num(row?.subsidy) };
}
