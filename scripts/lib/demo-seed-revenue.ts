// The demo center's revenue bookkeeping: the county's quarterly subsidies over two years, recorded
// by finance; the fact table checked against a recomputation (events are seeded without the
// services); every month up to two months ago closed, as finance would have done; and this year's
// targets set by the manager from the last twelve months' income (technical services up, traditional down).
import type { AppDb } from "../../db/connection";
import { writeTransaction } from "../../db/dialect";
import type { ReportGroup } from "../../db/schema";
import type { Scope } from "../../app/modules/auth/scope";
import { factTotals } from "../../app/modules/analytics/facts-query.server";
import { addMonths } from "../../app/modules/analytics/series";
import { saveTargets, type TargetChange } from "../../app/modules/analytics/targets.server";
import { closeMonth } from "../../app/modules/revenue/closing.server";
import { rebuildRevenue } from "../../app/modules/revenue/facts.server";
import { addSubsidy, subsidyCategories } from "../../app/modules/revenue/subsidies.server";
import { todayInShanghai } from "../../app/utils/time";

export async function seedDemoRevenue(db: AppDb, centerId: string, today: string = todayInShanghai()): Promise<void> {
  const finance = await db.selectFrom("users").select("id").where("center_id", "=", centerId).where("role", "=", "finance").executeTakeFirstOrThrow();
  const scope: Scope = { centerId, userId: finance.id, role: "finance" };
  const [category] = await subsidyCategories(db, scope);
  const thisMonth = today.slice(0, 7);
  for (let k = 24; k >= 1; k -= 3) {
    const month = addMonths(thisMonth, -k);
    const saved = await addSubsidy(db, scope, { category_id: category.id, received_on: `${month}-15`, grantor: "示范县财政局", amount: "450000", note: "融媒体中心运行经费（季度拨付）" }, today);
    if (!saved.ok) throw new Error(`示范数据：财政补助未能登记：${JSON.stringify(saved.errors)}`);
  }
  await writeTransaction(db, (trx) => rebuildRevenue(trx, scope, today));
  await seedTargets(db, centerId, today);
  const through = addMonths(thisMonth, -2);
  const closed = await closeMonth(db, scope, through, null, today);
  if (!closed.ok) throw new Error(`示范数据：未能关账至 ${through}：${closed.message}`);
}

/** How the manager plans this year against last, by report group. */
const GROWTH: Partial<Record<ReportGroup, number>> = { tech_service: 1.4, traditional_media: 0.7, outdoor: 1.1, new_media: 1.2, event: 1.1, gov_service: 1.0 };

async function seedTargets(db: AppDb, centerId: string, today: string): Promise<void> {
  const manager = await db.selectFrom("users").select("id").where("center_id", "=", centerId).where("role", "=", "manager").executeTakeFirstOrThrow();
  const sales = await db.selectFrom("users").select("id").where("center_id", "=", centerId).where("role", "=", "sales").where("disabled", "=", 0).execute();
  const year = Number(today.slice(0, 4));
  // From the last twelve months' income (the outdoor faces were only sold from a year ago).
  const month = today.slice(0, 7);
  const last = await factTotals(db, { centerId }, { from: addMonths(month, -12), to: addMonths(month, -1), earned: true }, ["top", "group"]);
  // Targets are set in round ten-thousands of yuan.
  const round = (fen: number) => Math.round(fen / 1_000_000) * 1_000_000;
  const categories: TargetChange[] = last
    .filter((r) => GROWTH[r.report_group!] !== undefined && r.amount_fen > 0)
    .map((r) => ({ subject: "category", subject_id: r.top_id!, amount_fen: round(r.amount_fen * GROWTH[r.report_group!]!) }));
  const total = categories.reduce((s, c) => s + c.amount_fen!, 0);
  const byRep = new Map((await factTotals(db, { centerId }, { from: addMonths(month, -12), to: addMonths(month, -1), earned: true }, ["owner"])).map((r) => [r.owner_id!, r.amount_fen]));
  const reps: TargetChange[] = sales.map((u) => ({ subject: "rep", subject_id: u.id, amount_fen: round((byRep.get(u.id) ?? 0) * 1.1) }));
  await saveTargets(db, { centerId, userId: manager.id, role: "manager" }, year, [{ subject: "total", subject_id: "", amount_fen: total }, ...categories, ...reps]);
}
