// The demo center's revenue bookkeeping: the county's quarterly subsidies over two years, recorded
// by finance; the fact table checked against a recomputation (events are seeded without the
// services); and every month up to two months ago closed, as finance would have done.
import type { AppDb } from "../../db/connection";
import { writeTransaction } from "../../db/dialect";
import type { Scope } from "../../app/modules/auth/scope";
import { addMonths } from "../../app/modules/analytics/series";
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
  const through = addMonths(thisMonth, -2);
  const closed = await closeMonth(db, scope, through, null, today);
  if (!closed.ok) throw new Error(`示范数据：未能关账至 ${through}：${closed.message}`);
}
