// Contract numbers made from the center's pattern under concurrent creation: the sequence row is
// locked by each creating transaction, so no two contracts get the same number and none fails.
import { expect, it } from "vitest";
import { createContract } from "../../app/modules/contracts/contracts.server";
import { describeEachDb } from "../support/db";
import { contractParty, milestoneContract } from "../support/contracts";
import { makeCenter } from "../support/factory";
import { todayInShanghai } from "../../app/utils/time";

describeEachDb("contract numbers", ({ db }) => {
  it("gives 20 contracts created at once 20 distinct consecutive numbers", async () => {
    const center = await makeCenter(db());
    const scope = center.users.sales.scope;
    const party = await contractParty(db(), scope);
    const results = await Promise.all(Array.from({ length: 20 }, () => createContract(db(), scope, milestoneContract(party))));
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await db().selectFrom("contracts").select("number").where("center_id", "=", center.id).execute();
    const year = todayInShanghai().slice(0, 4);
    const numbers = rows.map((r) => r.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_v, i) => `HT${year}-${String(i + 1).padStart(3, "0")}`));
  });
});
