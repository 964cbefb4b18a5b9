// 技术服务与传统广告对比, month by month: technical services (report group tech_service) against
// traditional media advertising (traditional_media: TV, radio, newspaper), with all advertising
// (traditional + new media + outdoor) beside them for context; each one's change on the same month
// a year earlier, the running 12-month totals, and the first month technical services overtook
// traditional advertising. Earned income only: fiscal subsidy is no part of either side.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { factTotals } from "../facts-query.server";
import { addMonths, firstCrossover, monthRange, rolling12 } from "../series";
import { factFilterOf } from "./filters.server";
import type { ReportFilter } from "./filter-types";
import { AD_GROUPS } from "./structure.server";

export interface TechVsAdsMonth {
  month: string;
  tech: number;
  traditional: number;
  allAds: number;
  techPrior: number;
  traditionalPrior: number;
  tech12: number | null;
  traditional12: number | null;
}

export interface TechVsAdsReport {
  months: TechVsAdsMonth[];
  /** Over the center's whole history up to the period's end (historyFrom: its first month). */
  crossover: { month: string | null; aheadFromStart: boolean; historyFrom: string };
  totals: { tech: number; traditional: number; allAds: number; techPrior: number; traditionalPrior: number };
}

/**
 * The filter's medium is left out: technical services have none. The first crossover is looked for
 * over the center's whole history up to the period's end, so a month before the period can be it.
 */
export async function techVsAdsReport(db: Executor, scope: Pick<Scope, "centerId">, filter: ReportFilter): Promise<TechVsAdsReport> {
  const first = (await db.selectFrom("revenue_facts").select((eb) => eb.fn.min("month").as("month")).where("center_id", "=", scope.centerId).executeTakeFirst())?.month;
  const start = first && first < addMonths(filter.from, -12) ? first : addMonths(filter.from, -12);
  const facts = await factTotals(db, scope, factFilterOf({ ...filter, medium: null }, { from: start, earned: true }), ["month", "group"]);
  const all = monthRange(start, filter.to);
  const series = (pick: (group: string) => boolean) => {
    const byMonth = new Map<string, number>();
    for (const f of facts) if (pick(f.report_group ?? "")) byMonth.set(f.month!, (byMonth.get(f.month!) ?? 0) + f.amount_fen);
    return all.map((m) => byMonth.get(m) ?? 0);
  };
  const tech = series((g) => g === "tech_service");
  const traditional = series((g) => g === "traditional_media");
  const allAds = series((g) => (AD_GROUPS as readonly string[]).includes(g));
  const tech12 = rolling12(tech);
  const traditional12 = rolling12(traditional);
  const months: TechVsAdsMonth[] = [];
  const from = all.indexOf(filter.from);
  for (let i = from; i < all.length; i++) {
    months.push({ month: all[i], tech: tech[i], traditional: traditional[i], allAds: allAds[i], techPrior: tech[i - 12], traditionalPrior: traditional[i - 12], tech12: tech12[i], traditional12: traditional12[i] });
  }
  const sum = (pick: (m: TechVsAdsMonth) => number) => months.reduce((s, m) => s + pick(m), 0);
  return {
    months,
    crossover: { ...firstCrossover(all, tech, traditional), historyFrom: first ?? all[0] },
    totals: { tech: sum((m) => m.tech), traditional: sum((m) => m.traditional), allAds: sum((m) => m.allAds), techPrior: sum((m) => m.techPrior), traditionalPrior: sum((m) => m.traditionalPrior) },
  };
}
