// The managers' dashboard (经营看板): recognised, invoiced and collected income for this month,
// quarter and year; technical services against traditional advertising; the income structure;
// targets; outdoor and LED occupancy; the largest clients, long-overdue receivables and holds about
// to lapse. All money is ex-VAT fen, earned income (创收) and fiscal subsidy (财政补助) apart.
// A handful of grouped reads, run together; every figure after them is arithmetic
// (dashboard-figures.server.ts).
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { closedThrough } from "~/modules/revenue/closing.server";
import { nowIso } from "~/utils/time";
import { type CategoryRow, MonthTotals, type RecognisedPeriod, recognisedPeriods, type Structure, structure, type TechVsAds, techVsAds, topOf } from "./dashboard-figures.server";
import { incomeByClientAndRep, monthCategoryTotals } from "./dashboard-facts.server";
import { clientNames, type ExpiringHold, holdsExpiring, type Overdue90, overdue90 } from "./dashboard-lists.server";
import { type MonthMoney, moneyByMonth, moneyIn } from "./dashboard-money.server";
import { OCCUPANCY_MEDIA, occupancyByMonth, type OccupancyRow } from "./reports/occupancy.server";
import { addMonths, type MonthKey, monthRange, ratioBp } from "./series";
import { type TargetBoard, targetBoard, targetsOf, targetSubjects, yearSpan } from "./targets.server";

export interface DashboardPeriod extends RecognisedPeriod, MonthMoney {
  /** Received less reversed in the period. */
  collected_fen: number;
}

export interface TopClient {
  id: string;
  name: string;
  amount_fen: number;
  /** Share of the year's earned income. */
  share_bp: number | null;
}

export interface DashboardData {
  today: string;
  month: MonthKey;
  year: number;
  /** Months up to this one are closed (null: none). */
  closedThrough: string | null;
  periods: DashboardPeriod[];
  techVsAds: TechVsAds;
  structure: Structure;
  targets: TargetBoard;
  occupancy: { months: MonthKey[]; rows: OccupancyRow[] };
  topClients: TopClient[];
  overdue: Overdue90;
  holds: { rows: ExpiringHold[]; total: number };
}

const TOP_CLIENTS = 10;

async function categoriesOf(db: Executor, scope: Pick<Scope, "centerId">): Promise<CategoryRow[]> {
  return db
    .selectFrom("revenue_categories")
    .select(["id", "parent_id", "name", "report_group", "sort_order", "is_earned", "retired"])
    .where("center_id", "=", scope.centerId)
    .orderBy("sort_order")
    .orderBy("code")
    .execute();
}

/** Everything the dashboard shows for the center on `today` (Beijing date); `now` is the instant holds are measured from. */
export async function dashboardData(db: Executor, scope: Pick<Scope, "centerId">, today: string, now: string = nowIso()): Promise<DashboardData> {
  const month = today.slice(0, 7);
  const year = Number(today.slice(0, 4));
  const yearStart = `${year}-01`;
  const occupancyMonths = monthRange(addMonths(month, -11), month);
  // The closing first: the closed months' part of the money and facts reads is kept between views.
  const closed = await closedThrough(db, scope);
  const first = (await db.selectFrom("revenue_facts").select((eb) => eb.fn.min("month").as("month")).where("center_id", "=", scope.centerId).executeTakeFirst())?.month ?? month;
  const historyFrom = first < month ? first : month;
  const [categories, monthly, history, money, clientsAndReps, occupancy, overdue, holds, stored] = await Promise.all([
    categoriesOf(db, scope),
    // 24 months cover this year and last (for every year-on-year figure) and two running 12-month totals.
    monthCategoryTotals(db, scope, addMonths(month, -23), month, closed),
    // Every month with income, for the first crossover (the closed part is read once and kept).
    monthCategoryTotals(db, scope, historyFrom, month, closed),
    moneyByMonth(db, scope, yearStart, month, closed),
    incomeByClientAndRep(db, scope, yearStart, month, closed),
    occupancyByMonth(db, scope, { from: occupancyMonths[0], to: month, media: [...OCCUPANCY_MEDIA] }),
    overdue90(db, scope, today),
    holdsExpiring(db, scope, now),
    targetsOf(db, scope, year),
  ]);
  const totals = new MonthTotals(monthly);
  const top = clientsAndReps.clients.filter((c) => c.id !== "").slice(0, TOP_CLIENTS);
  const [names, subjects] = await Promise.all([clientNames(db, scope, top.map((c) => c.id)), targetSubjects(db, scope, stored)]);
  const yearEarned = totals.earnedIn(yearStart, month);

  const tops = topOf(categories);
  const byTop = new Map<string, number>();
  for (const [cat, v] of totals.byCategory(yearStart, month)) byTop.set(tops.get(cat) ?? cat, (byTop.get(tops.get(cat) ?? cat) ?? 0) + v);

  return {
    today,
    month,
    year,
    closedThrough: closed,
    periods: recognisedPeriods(totals, month).map((p) => {
      const cash = moneyIn(money, p.from, p.to);
      return { ...p, ...cash };
    }),
    techVsAds: techVsAds(totals, categories, month, { from: historyFrom, totals: new MonthTotals(history) }),
    structure: structure(totals, categories, month),
    targets: targetBoard(yearSpan(year, today), stored, subjects, { total: yearEarned, byCategory: byTop, byRep: clientsAndReps.reps }),
    occupancy: { months: occupancyMonths, rows: occupancy },
    topClients: top.map((c) => ({ id: c.id, name: names.get(c.id) ?? "", amount_fen: c.amount_fen, share_bp: ratioBp(c.amount_fen, yearEarned) })),
    overdue,
    holds,
  };
}
