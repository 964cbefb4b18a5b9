// 统计年报: a year's income under the national broadcasting statistics headings, from the fact
// table, through a category → heading mapping an admin keeps. A category without a mapping row
// takes its parent's row, then the default of its report group (traditional_media → 传统广播电视
// 广告收入, except the newspaper leaf → 其他广告收入; new_media → 新媒体广告收入; outdoor → 其他广告
// 收入; technical services, events, government services and other → 技术服务等其他创收收入;
// subsidy → 财政补助收入).
import { sql } from "kysely";
import type { ReportGroup, StatHeading } from "~db/schema";
import type { AppDb } from "~db/connection";
import { type Executor, writeTransaction } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { recordAudit } from "~/modules/audit/audit.server";

import { EARNED_HEADINGS, isStatHeading, STAT_HEADINGS } from "./constants";

export { EARNED_HEADINGS, isStatHeading, STAT_HEADINGS };

const GROUP_DEFAULT: Record<ReportGroup, StatHeading> = {
  traditional_media: "broadcast_ads",
  new_media: "new_media_ads",
  outdoor: "other_ads",
  tech_service: "tech_and_other",
  event: "tech_and_other",
  gov_service: "tech_and_other",
  other: "tech_and_other",
  subsidy: "subsidy",
};

export type MappingSource = "own" | "parent" | "default";

export interface MappedCategory {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  report_group: ReportGroup;
  is_earned: number;
  retired: number;
  heading: StatHeading;
  source: MappingSource;
  /** The row stored for the category itself, if any. */
  own: StatHeading | null;
  /** What it would be without its own row (parent's row or the default). */
  fallback: StatHeading;
}

/** The default heading of a category without any mapping row. */
export function defaultHeading(category: { code: string; report_group: ReportGroup }): StatHeading {
  if (category.code === "traditional.newspaper") return "other_ads";
  return GROUP_DEFAULT[category.report_group];
}

/** Every category of the center (tops then their leaves, in display order) with its heading and why. */
export async function statMapping(db: Executor, scope: Pick<Scope, "centerId">): Promise<MappedCategory[]> {
  const [categories, rows] = await Promise.all([
    db.selectFrom("revenue_categories").select(["id", "parent_id", "code", "name", "report_group", "is_earned", "retired", "sort_order"]).where("center_id", "=", scope.centerId).orderBy("sort_order").orderBy("name").execute(),
    db.selectFrom("stat_mappings").select(["category_id", "heading"]).where("center_id", "=", scope.centerId).execute(),
  ]);
  const own = new Map(rows.filter((r) => isStatHeading(r.heading)).map((r) => [r.category_id, r.heading]));
  const mapped = (c: (typeof categories)[number]): MappedCategory => {
    const parentRow = c.parent_id ? own.get(c.parent_id) : undefined;
    const fallback = parentRow ?? defaultHeading(c);
    const mine = own.get(c.id) ?? null;
    return { id: c.id, parent_id: c.parent_id, code: c.code, name: c.name, report_group: c.report_group, is_earned: Number(c.is_earned), retired: Number(c.retired), heading: mine ?? fallback, source: mine ? "own" : parentRow ? "parent" : "default", own: mine, fallback };
  };
  return categories.filter((c) => c.parent_id === null).flatMap((top) => [mapped(top), ...categories.filter((c) => c.parent_id === top.id).map(mapped)]);
}

export interface StatisticsReturn {
  year: number;
  headings: { heading: StatHeading; amount_fen: number; categories: { id: string; name: string; source: MappingSource; amount_fen: number }[] }[];
  earnedTotal: number;
  subsidyTotal: number;
  mapping: MappedCategory[];
}

/** The year's return: ex-VAT totals per heading and which categories fed each. */
export async function statisticsReturn(db: Executor, scope: Pick<Scope, "centerId">, year: number): Promise<StatisticsReturn> {
  const [mapping, facts] = await Promise.all([
    statMapping(db, scope),
    db
      .selectFrom("revenue_facts")
      .select(["category_id", sql<number>`sum(amount_fen)`.as("amount_fen")])
      .where("center_id", "=", scope.centerId)
      .where("month", ">=", `${year}-01`)
      .where("month", "<=", `${year}-12`)
      .groupBy("category_id")
      .execute(),
  ]);
  const amounts = new Map(facts.map((f) => [f.category_id, Number(f.amount_fen)]));
  const label = new Map(mapping.map((c) => [c.id, c.parent_id ? `${mapping.find((p) => p.id === c.parent_id)?.name ?? ""}/${c.name}` : c.name]));
  const headings = STAT_HEADINGS.map((heading) => {
    const categories = mapping
      .filter((c) => c.heading === heading && (amounts.get(c.id) ?? 0) !== 0)
      .map((c) => ({ id: c.id, name: label.get(c.id) ?? c.name, source: c.source, amount_fen: amounts.get(c.id) ?? 0 }));
    return { heading, amount_fen: categories.reduce((s, c) => s + c.amount_fen, 0), categories };
  });
  const total = (list: readonly StatHeading[]) => headings.filter((h) => list.includes(h.heading)).reduce((s, h) => s + h.amount_fen, 0);
  return { year, headings, earnedTotal: total(EARNED_HEADINGS), subsidyTotal: total(["subsidy"]), mapping };
}

export type MappingResult = { ok: true } | { ok: false; message: string };

/**
 * Sets (or, with heading null, removes) a category's own mapping row, audited, in one transaction.
 * Refuses a category not of the center and a heading that would add fiscal subsidy to earned
 * income or earned income to fiscal subsidy.
 */
export async function setStatMapping(db: AppDb, scope: Scope, categoryId: string, heading: StatHeading | null): Promise<MappingResult> {
  return writeTransaction(db, async (trx) => {
    const category = await trx.selectFrom("revenue_categories").select(["id", "is_earned", "name"]).where("center_id", "=", scope.centerId).where("id", "=", categoryId).executeTakeFirst();
    if (!category) return { ok: false, message: "收入类别不存在" };
    if (heading && heading !== "excluded") {
      const earned = Number(category.is_earned) === 1;
      if (earned && heading === "subsidy") return { ok: false, message: `“${category.name}”是创收类别，不能归入财政补助收入` };
      if (!earned && heading !== "subsidy") return { ok: false, message: `“${category.name}”是财政补助类别，只能归入财政补助收入或不计入` };
    }
    const before = await trx.selectFrom("stat_mappings").select("heading").where("center_id", "=", scope.centerId).where("category_id", "=", categoryId).executeTakeFirst();
    if ((before?.heading ?? null) === heading) return { ok: true };
    await trx.deleteFrom("stat_mappings").where("center_id", "=", scope.centerId).where("category_id", "=", categoryId).execute();
    if (heading) await trx.insertInto("stat_mappings").values({ center_id: scope.centerId, category_id: categoryId, heading }).execute();
    await recordAudit(trx, scope, { entity: "category", entityId: categoryId, action: "stat_mapping", before: { stat_heading: before?.heading ?? null }, after: { stat_heading: heading } });
    return { ok: true };
  });
}
