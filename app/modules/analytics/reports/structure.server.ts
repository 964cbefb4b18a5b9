// 收入结构分析: income by category for the period — top-level categories with their leaves, each
// one's share of earned income and its change on the same months a year earlier — and the monthly
// structure (a month per row, a top-level category per column). One grouped read of the fact table
// (month × category × earned) over the period and the year before; never the raw sources.
import { sql } from "kysely";
import type { ReportGroup } from "~db/schema";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { addMonths, monthRange } from "../series";
import type { ReportFilter } from "./filter-types";

/** Report groups that are advertising; the rest of earned income is "non-advertising". */
export const AD_GROUPS: readonly ReportGroup[] = ["traditional_media", "new_media", "outdoor"];

export interface Amounts {
  current: number;
  prior: number;
}

export interface StructureLeaf extends Amounts {
  id: string;
  name: string;
}

export interface StructureTop extends Amounts {
  id: string;
  name: string;
  group: ReportGroup;
  /** Leaves with income (or all leaves when the top has any), then "(未细分)" for income booked on the top itself. */
  children: StructureLeaf[];
}

export interface StructureReport {
  from: string;
  to: string;
  /** Earned income (创收) by category, and fiscal subsidy (财政补助) by category: never added together. */
  earned: StructureTop[];
  subsidy: StructureTop[];
  earnedTotal: Amounts;
  subsidyTotal: Amounts;
  nonAds: Amounts;
  months: { month: string; byTop: Record<string, number>; earned: number; subsidy: number }[];
}

/**
 * Σ amount per month × category × earned: from the month totals kept with the facts when no
 * medium, client or rep narrows it; else straight from revenue_facts, where with no join and only
 * the columns of revenue_facts_month_idx (center_id, month, category_id, earned, amount_fen) the
 * read is one ordered walk of that index.
 */
export async function monthlyCategoryTotals(db: Executor, scope: Pick<Scope, "centerId">, filter: Pick<ReportFilter, "from" | "to" | "categoryIds" | "medium" | "clientId" | "ownerId">) {
  if (!filter.medium && !filter.clientId && !filter.ownerId) {
    // Without a medium, client or rep the month totals kept with the facts answer it: a few thousand rows for years.
    let totals = db
      .selectFrom("revenue_month_totals")
      .select(["month", "category_id", "earned", "amount_fen"])
      .where("center_id", "=", scope.centerId)
      .where("month", ">=", filter.from)
      .where("month", "<=", filter.to);
    if (filter.categoryIds) totals = totals.where("category_id", "in", filter.categoryIds);
    const rows = await totals.execute();
    return rows.map((r) => ({ month: r.month, category_id: r.category_id, earned: Number(r.earned), amount_fen: Number(r.amount_fen) }));
  }
  let q = db
    .selectFrom("revenue_facts")
    .select(["month", "category_id", "earned", sql<number | string>`sum(amount_fen)`.as("amount_fen")])
    .where("center_id", "=", scope.centerId)
    .where("month", ">=", filter.from)
    .where("month", "<=", filter.to);
  if (filter.categoryIds) q = q.where("category_id", "in", filter.categoryIds);
  if (filter.medium) q = q.where("medium", "=", filter.medium);
  if (filter.clientId) q = q.where("client_id", "=", filter.clientId);
  if (filter.ownerId) q = q.where("owner_id", "=", filter.ownerId);
  const rows = await q.groupBy(["month", "category_id", "earned"]).execute();
  return rows.map((r) => ({ month: r.month, category_id: r.category_id, earned: Number(r.earned), amount_fen: Number(r.amount_fen) }));
}

export async function structureReport(db: Executor, scope: Pick<Scope, "centerId">, filter: ReportFilter): Promise<StructureReport> {
  const priorFrom = addMonths(filter.from, -12);
  const priorTo = addMonths(filter.to, -12);
  const [facts, categories] = await Promise.all([
    monthlyCategoryTotals(db, scope, { ...filter, from: priorFrom }),
    db.selectFrom("revenue_categories").select(["id", "parent_id", "name", "report_group", "is_earned", "sort_order"]).where("center_id", "=", scope.centerId).orderBy("sort_order").orderBy("name").execute(),
  ]);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const topOf = (id: string) => byId.get(id)?.parent_id ?? id;

  // Per (category, earned): the period and the year before. Per (month, top, earned) in the period.
  const cells = new Map<string, Amounts>();
  const monthly = new Map<string, Map<string, number>>();
  const monthTotals = new Map<string, { earned: number; subsidy: number }>();
  for (const f of facts) {
    const month = f.month;
    const earned = Number(f.earned) === 1;
    const inPeriod = month >= filter.from;
    const inPrior = month >= priorFrom && month <= priorTo;
    const key = `${f.category_id}|${earned ? 1 : 0}`;
    const cell = cells.get(key) ?? { current: 0, prior: 0 };
    if (inPeriod) cell.current += f.amount_fen;
    if (inPrior) cell.prior += f.amount_fen;
    cells.set(key, cell);
    if (!inPeriod) continue;
    const totals = monthTotals.get(month) ?? { earned: 0, subsidy: 0 };
    if (earned) {
      totals.earned += f.amount_fen;
      const row = monthly.get(month) ?? new Map<string, number>();
      const top = topOf(f.category_id);
      row.set(top, (row.get(top) ?? 0) + f.amount_fen);
      monthly.set(month, row);
    } else totals.subsidy += f.amount_fen;
    monthTotals.set(month, totals);
  }

  const section = (earned: boolean): StructureTop[] => {
    const amountsOf = (id: string): Amounts => cells.get(`${id}|${earned ? 1 : 0}`) ?? { current: 0, prior: 0 };
    const tops: StructureTop[] = [];
    for (const top of categories.filter((c) => c.parent_id === null)) {
      if (filter.categoryIds && !filter.categoryIds.includes(top.id) && !categories.some((c) => c.parent_id === top.id && filter.categoryIds!.includes(c.id))) continue;
      const leaves = categories.filter((c) => c.parent_id === top.id && (!filter.categoryIds || filter.categoryIds.includes(c.id)));
      const own = amountsOf(top.id);
      const children: StructureLeaf[] = leaves.map((c) => ({ id: c.id, name: c.name, ...amountsOf(c.id) }));
      if (leaves.length && (own.current || own.prior)) children.push({ id: top.id, name: `${top.name}（未细分）`, ...own });
      const sum = [own, ...leaves.map((c) => amountsOf(c.id))].reduce((s, a) => ({ current: s.current + a.current, prior: s.prior + a.prior }), { current: 0, prior: 0 });
      const belongs = Boolean(top.is_earned) === earned || sum.current !== 0 || sum.prior !== 0;
      if (!belongs) continue;
      tops.push({ id: top.id, name: top.name, group: top.report_group, ...sum, children: children.some((c) => c.current || c.prior) ? children : [] });
    }
    return tops;
  };
  const earned = section(true);
  const subsidy = section(false);
  const add = (list: Amounts[]) => list.reduce((s, a) => ({ current: s.current + a.current, prior: s.prior + a.prior }), { current: 0, prior: 0 });
  return {
    from: filter.from,
    to: filter.to,
    earned,
    subsidy,
    earnedTotal: add(earned),
    subsidyTotal: add(subsidy),
    nonAds: add(earned.filter((top) => !AD_GROUPS.includes(top.group))),
    months: monthRange(filter.from, filter.to).map((month) => ({
      month,
      byTop: Object.fromEntries(monthly.get(month) ?? []),
      earned: monthTotals.get(month)?.earned ?? 0,
      subsidy: monthTotals.get(month)?.subsidy ?? 0,
    })),
  };
}
