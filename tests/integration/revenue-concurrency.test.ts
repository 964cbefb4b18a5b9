// Revenue facts under concurrency, on both databases (on MariaDB with a pool of 30 connections, so
// the transactions really wait on each other): milestones accepted in last month while finance
// closes it. Each acceptance lands either in last month (before the closing) or in this month as a
// correction of last month (after it), never lost, never twice; the month totals match the facts.
import { expect, inject, it } from "vitest";
import { createDb, parseDatabaseUrl } from "../../db/connection";
import { addMonths } from "../../app/modules/analytics/series";
import { lineMoney } from "../../app/modules/billing/tax";
import { acceptMilestone } from "../../app/modules/contracts/delivery.server";
import { closeMonth } from "../../app/modules/revenue/closing.server";
import { checkRevenue } from "../../app/modules/revenue/facts.server";
import { todayInShanghai } from "../../app/utils/time";
import { billingWorld } from "../support/billing";
import { contractParty, milestoneContract, milestonesOf, signedContract } from "../support/contracts";
import { describeEachDb } from "../support/db";

describeEachDb("revenue facts under concurrency", ({ db, dialect }) => {
  it("acceptances racing a month's closing are each counted once, in the closed month or as a correction this month", async () => {
    const world = await billingWorld(db());
    const today = todayInShanghai();
    const lastMonth = addMonths(today.slice(0, 7), -1);
    const day = `${lastMonth}-15`;
    const contracts: { id: string; milestone: { id: string; amount_fen: number } }[] = [];
    for (let i = 0; i < 12; i++) {
      const party = await contractParty(db(), world.sales, "tech.app_dev");
      const id = await signedContract(db(), world.sales, milestoneContract(party, { signed_on: `${addMonths(lastMonth, -2)}-01`, start_date: `${addMonths(lastMonth, -2)}-01`, end_date: `${addMonths(lastMonth, 6)}-28` }), { approver: world.manager, start: true });
      const [m] = await milestonesOf(db(), id);
      contracts.push({ id, milestone: { id: m.id, amount_fen: Number(m.amount_fen) } });
    }
    const url = inject("mysqlUrl");
    const racing = dialect === "mysql" && url ? createDb(parseDatabaseUrl(`${url}?connectionLimit=30`)) : db();
    try {
      const accepts = contracts.map((c) => acceptMilestone(racing, world.sales, c.id, c.milestone.id, { date: day, note: "验收" }, today));
      const closing = closeMonth(racing, world.finance, lastMonth, null, today);
      const results = await Promise.all([...accepts, closing]);
      expect(results.every((r) => r.ok)).toBe(true);
    } finally {
      if (racing !== db()) await racing.destroy();
    }
    const facts = await db().selectFrom("revenue_facts").select(["source_id", "month", "for_month", "amount_fen"]).where("center_id", "=", world.center.id).where("for_month", "=", lastMonth).execute();
    for (const c of contracts) {
      const mine = facts.filter((f) => f.source_id === c.id);
      // Exactly one fact per acceptance, reported in last month or (after the closing) in this month.
      expect(mine).toHaveLength(1);
      expect([lastMonth, today.slice(0, 7)]).toContain(mine[0].month);
      expect(Number(mine[0].amount_fen)).toBe(lineMoney(c.milestone.amount_fen, true, 600).net_fen);
    }
    expect(await checkRevenue(db(), { centerId: world.center.id })).toEqual([]);
  }, 120_000);
});
