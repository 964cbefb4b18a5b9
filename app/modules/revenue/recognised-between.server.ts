// Earned income (创收) recognised on exact days, for reports on a week or part of a month: the fact
// table holds whole months, so these are read from the same sources the facts come from
// (desired.server.ts), with the same netting and rounding. Fiscal subsidies are not earned and are
// left out, as is every category marked not earned.
import type { Executor } from "~db/dialect";
import type { ReportGroup } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import { loadPricing } from "~/modules/billing/generate.server";
import { planKey, plansFor } from "~/modules/billing/plans.server";
import { vatRateOn } from "~/modules/billing/tax";
import type { Period } from "~/modules/income/seam";
import { incomeEntries } from "~/modules/income/sources.server";
import { scheduleWithin } from "./recognition";

export interface EarnedIncome {
  totalFen: number;
  /** By the category's report group; a category the center no longer has counts in the total only. */
  byGroup: Map<ReportGroup, number>;
}

/**
 * MONEY: the ex-VAT earned income recognised between period.from and period.to (both included):
 * each source's days inside the period, less the net of red-letter bills issued in it (a credit is
 * recognised whole on its issue day, as in the facts).
 */
export async function earnedBetween(db: Executor, scope: Pick<Scope, "centerId">, period: Period): Promise<EarnedIncome> {
  return (await earnedWithin(db, scope, [period]))[0];
}

/** earnedBetween for several periods, the sources read once over the span they cover together. */
export async function earnedWithin(db: Executor, scope: Pick<Scope, "centerId">, periods: readonly Period[]): Promise<EarnedIncome[]> {
  const out = periods.map((): EarnedIncome => ({ totalFen: 0, byGroup: new Map() }));
  if (!periods.length) return out;
  const span = { from: periods.map((p) => p.from).sort()[0], to: periods.map((p) => p.to).sort()[periods.length - 1] };
  // The sources and plans read only the center from the scope (as the fact refresh does), so a
  // center-wide job with no user may call them.
  const full = scope as Scope;
  // One query after another: `db` may be a transaction, which runs on one connection.
  const entries = (await incomeEntries(db, full, { period: span })).filter((e) => e.earned);
  const pricing = await loadPricing(db, scope.centerId);
  const plans = await plansFor(db, full, entries.map((e) => e.source));
  const add = (income: EarnedIncome, categoryId: string, fen: number) => {
    if (fen === 0) return;
    income.totalFen += fen;
    const group = pricing.categories.get(categoryId)?.report_group;
    if (group) income.byGroup.set(group, (income.byGroup.get(group) ?? 0) + fen);
  };
  for (const entry of entries) {
    const group = pricing.categories.get(entry.categoryId)?.report_group ?? null;
    const rateOn = (date: string) => vatRateOn(pricing.rates, pricing.status, group, date) ?? 0;
    const schedule = plans.get(planKey(entry.source))!.schedule;
    periods.forEach((period, i) => add(out[i], entry.categoryId, scheduleWithin(entry, schedule, rateOn, period)));
  }
  for (const credit of await creditsBetween(db, scope.centerId, span)) {
    periods.forEach((period, i) => {
      if (credit.issueDate >= period.from && credit.issueDate <= period.to) add(out[i], credit.categoryId, credit.netFen);
    });
  }
  return out;
}

/** Lines of issued red-letter bills of earned categories issued in the period (net_fen is negative). */
async function creditsBetween(db: Executor, centerId: string, period: Period): Promise<{ categoryId: string; netFen: number; issueDate: string }[]> {
  // The period's credit bills first, then their lines: MariaDB would otherwise walk every bill line.
  const bills = await db
    .selectFrom("bills")
    .select(["id", "issue_date"])
    .where("center_id", "=", centerId)
    .where("status", "=", "issued")
    .where("kind", "=", "credit")
    .where("issue_date", ">=", period.from)
    .where("issue_date", "<=", period.to)
    .execute();
  if (!bills.length) return [];
  const issuedOn = new Map(bills.map((b) => [b.id, b.issue_date!]));
  const ids = bills.map((b) => b.id);
  const lines: { bill_id: string; category_id: string | null; net_fen: number | string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    // Only lines of a source make facts (creditsOf); a hand-typed line's income was never recognised.
    lines.push(...(await db.selectFrom("bill_lines").select(["bill_id", "category_id", "net_fen"]).where("bill_id", "in", ids.slice(i, i + 500)).where("source_kind", "is not", null).execute()));
  }
  const earned = new Map((await db.selectFrom("revenue_categories").select(["id", "is_earned"]).where("center_id", "=", centerId).execute()).map((c) => [c.id, Boolean(c.is_earned)]));
  // An unknown category counts as earned, as creditsOf has it.
  return lines.filter((l) => earned.get(l.category_id!) ?? true).map((l) => ({ categoryId: l.category_id!, netFen: Number(l.net_fen), issueDate: issuedOn.get(l.bill_id)! }));
}
