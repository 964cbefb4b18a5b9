// The dashboard's figures from the month × category totals of the fact table: the three periods,
// technical services against traditional advertising, and the income structure. Pure: the loader
// reads the totals once (dashboard.server.ts) and everything here is arithmetic on them.
import type { ReportGroup } from "~db/schema";
import { addMonths, firstCrossover, herfindahl, type MonthKey, monthRange, ratioBp, rolling12, sharesBp } from "./series";

export interface CategoryRow {
  id: string;
  parent_id: string | null;
  name: string;
  report_group: ReportGroup;
  sort_order: number;
  is_earned: number;
  retired: number;
}

export interface MonthCategoryTotal {
  month?: MonthKey;
  category_id?: string;
  earned?: number;
  amount_fen: number;
}

/** The advertising groups: traditional media, new media and outdoor. */
export const AD_GROUPS: readonly ReportGroup[] = ["traditional_media", "new_media", "outdoor"];

/** The first month of the quarter `month` is in. */
export function quarterStart(month: MonthKey): MonthKey {
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, "0")}`;
}

export type PeriodKey = "month" | "quarter" | "year";

export interface Period {
  key: PeriodKey;
  from: MonthKey;
  to: MonthKey;
}

/** 本月, 本季度 (to this month) and 本年 (to this month). */
export function periodsOf(month: MonthKey): Period[] {
  return [
    { key: "month", from: month, to: month },
    { key: "quarter", from: quarterStart(month), to: month },
    { key: "year", from: `${month.slice(0, 4)}-01`, to: month },
  ];
}

/** A month × category lookup of earned income (创收) and fiscal subsidy (财政补助), kept apart. */
export class MonthTotals {
  readonly earned = new Map<MonthKey, Map<string, number>>();
  readonly subsidy = new Map<MonthKey, number>();

  constructor(rows: readonly MonthCategoryTotal[]) {
    for (const r of rows) {
      const month = r.month!;
      if (Number(r.earned) === 1) {
        let byCat = this.earned.get(month);
        if (!byCat) this.earned.set(month, (byCat = new Map()));
        byCat.set(r.category_id!, (byCat.get(r.category_id!) ?? 0) + r.amount_fen);
      } else {
        this.subsidy.set(month, (this.subsidy.get(month) ?? 0) + r.amount_fen);
      }
    }
  }

  /** Earned income of the months from..to, summed over the categories `pick` keeps (all by default). */
  earnedIn(from: MonthKey, to: MonthKey, pick: (categoryId: string) => boolean = () => true): number {
    let sum = 0;
    for (const m of monthRange(from, to)) for (const [cat, v] of this.earned.get(m) ?? []) if (pick(cat)) sum += v;
    return sum;
  }

  subsidyIn(from: MonthKey, to: MonthKey): number {
    return monthRange(from, to).reduce((s, m) => s + (this.subsidy.get(m) ?? 0), 0);
  }

  /** Earned income per category over from..to. */
  byCategory(from: MonthKey, to: MonthKey): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of monthRange(from, to)) for (const [cat, v] of this.earned.get(m) ?? []) out.set(cat, (out.get(cat) ?? 0) + v);
    return out;
  }
}

export interface RecognisedPeriod extends Period {
  earned_fen: number;
  subsidy_fen: number;
  /** The same months a year earlier. */
  last_year_earned_fen: number;
  /** Change against last year in basis points; null when last year had nothing. */
  yoy_bp: number | null;
}

export function recognisedPeriods(totals: MonthTotals, month: MonthKey): RecognisedPeriod[] {
  return periodsOf(month).map((p) => {
    const earned = totals.earnedIn(p.from, p.to);
    const last = totals.earnedIn(addMonths(p.from, -12), addMonths(p.to, -12));
    return { ...p, earned_fen: earned, subsidy_fen: totals.subsidyIn(p.from, p.to), last_year_earned_fen: last, yoy_bp: last > 0 ? ratioBp(earned - last, last) : null };
  });
}

export interface TechVsAds {
  months: MonthKey[];
  tech: number[];
  traditional: number[];
  allAds: number[];
  /**
   * Over the center's whole history up to this month (historyFrom: its first month), so a crossover
   * before the 24 months shown is still the first; marked on the chart when inside them.
   */
  crossover: { month: MonthKey | null; aheadFromStart: boolean; historyFrom: MonthKey };
  /** Running 12-month totals (null until 12 months of the window are in). */
  rollingTech: (number | null)[];
  rollingTraditional: (number | null)[];
  /** This year's months against last year's, January to December (future months null). */
  yoy: { labels: string[]; techThis: (number | null)[]; techLast: number[]; traditionalThis: (number | null)[]; traditionalLast: number[] };
}

/**
 * The 24 months up to `month`: technical services, traditional advertising and all advertising;
 * `history` (every month from the first with income, MonthTotals over them) gives the first crossover.
 */
export function techVsAds(totals: MonthTotals, categories: readonly CategoryRow[], month: MonthKey, history: { from: MonthKey; totals: MonthTotals }): TechVsAds {
  const group = new Map(categories.map((c) => [c.id, c.report_group]));
  const inGroups = (groups: readonly ReportGroup[]) => (id: string) => groups.includes(group.get(id)!);
  const months = monthRange(addMonths(month, -23), month);
  const series = (groups: readonly ReportGroup[], over = months, from = totals) => over.map((m) => from.earnedIn(m, m, inGroups(groups)));
  const all = monthRange(history.from < months[0] ? history.from : months[0], month);
  const tech = series(["tech_service"]);
  const traditional = series(["traditional_media"]);
  const year = month.slice(0, 4);
  const lastYear = String(Number(year) - 1);
  const monthOf = (y: string, i: number) => `${y}-${String(i + 1).padStart(2, "0")}`;
  const at = (values: number[], m: MonthKey) => values[months.indexOf(m)] ?? 0;
  const twelve = Array.from({ length: 12 }, (_, i) => i);
  return {
    months,
    tech,
    traditional,
    allAds: series(AD_GROUPS),
    crossover: { ...firstCrossover(all, series(["tech_service"], all, history.totals), series(["traditional_media"], all, history.totals)), historyFrom: all[0] },
    rollingTech: rolling12(tech),
    rollingTraditional: rolling12(traditional),
    yoy: {
      labels: twelve.map((i) => `${i + 1}月`),
      techThis: twelve.map((i) => (monthOf(year, i) <= month ? at(tech, monthOf(year, i)) : null)),
      techLast: twelve.map((i) => at(tech, monthOf(lastYear, i))),
      traditionalThis: twelve.map((i) => (monthOf(year, i) <= month ? at(traditional, monthOf(year, i)) : null)),
      traditionalLast: twelve.map((i) => at(traditional, monthOf(lastYear, i))),
    },
  };
}

export interface StructureRow {
  id: string;
  name: string;
  report_group: ReportGroup;
  amount_fen: number;
  share_bp: number;
  last_amount_fen: number;
  last_share_bp: number;
}

export interface Structure {
  from: MonthKey;
  to: MonthKey;
  /** Earned income by top-level category, largest first; fiscal subsidies are not in it. */
  rows: StructureRow[];
  earned_fen: number;
  last_earned_fen: number;
  subsidy_fen: number;
  /** Share of earned income outside advertising (traditional, new media, outdoor). */
  non_ad_bp: number | null;
  last_non_ad_bp: number | null;
  /** Herfindahl index of the top-level shares, this year and the same months last year. */
  hhi: number | null;
  last_hhi: number | null;
}

/** The top-level category of each category: its parent, or itself. */
export function topOf(categories: readonly CategoryRow[]): Map<string, string> {
  return new Map(categories.map((c) => [c.id, c.parent_id ?? c.id]));
}

/** Earned income of this year to `month` by top-level category, against the same months last year. */
export function structure(totals: MonthTotals, categories: readonly CategoryRow[], month: MonthKey): Structure {
  const from = `${month.slice(0, 4)}-01`;
  const top = topOf(categories);
  const group = new Map(categories.map((c) => [c.id, c.report_group]));
  const sumByTop = (byCat: Map<string, number>) => {
    const out = new Map<string, number>();
    for (const [cat, v] of byCat) {
      const t = top.get(cat) ?? cat;
      out.set(t, (out.get(t) ?? 0) + v);
    }
    return out;
  };
  const now = sumByTop(totals.byCategory(from, month));
  const last = sumByTop(totals.byCategory(addMonths(from, -12), addMonths(month, -12)));
  const tops = categories.filter((c) => c.parent_id === null && ((c.is_earned === 1 && c.retired === 0) || now.has(c.id) || last.has(c.id)));
  const amounts = tops.map((c) => now.get(c.id) ?? 0);
  const lastAmounts = tops.map((c) => last.get(c.id) ?? 0);
  const shares = sharesBp(amounts);
  const lastShares = sharesBp(lastAmounts);
  const rows = tops
    .map((c, i) => ({ id: c.id, name: c.name, report_group: c.report_group, amount_fen: amounts[i], share_bp: shares[i], last_amount_fen: lastAmounts[i], last_share_bp: lastShares[i], order: c.sort_order }))
    .sort((a, b) => b.amount_fen - a.amount_fen || b.last_amount_fen - a.last_amount_fen || a.order - b.order)
    .map(({ order: _order, ...r }) => r);
  const earned = amounts.reduce((s, a) => s + a, 0);
  const lastEarned = lastAmounts.reduce((s, a) => s + a, 0);
  const ads = (byTop: Map<string, number>) => [...byTop].reduce((s, [id, v]) => s + (AD_GROUPS.includes(group.get(id)!) ? v : 0), 0);
  return {
    from,
    to: month,
    rows,
    earned_fen: earned,
    last_earned_fen: lastEarned,
    subsidy_fen: totals.subsidyIn(from, month),
    non_ad_bp: earned > 0 ? ratioBp(earned - ads(now), earned) : null,
    last_non_ad_bp: lastEarned > 0 ? ratioBp(lastEarned - ads(last), lastEarned) : null,
    hhi: herfindahl(amounts),
    last_hhi: herfindahl(lastAmounts),
  };
}
