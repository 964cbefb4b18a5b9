// Bill generation on both databases: drafts per client and rep from the income seam, idempotent
// runs, cancelled orders, monthly proration, milestones on acceptance, billing plans.
import { beforeAll, describe, expect, it } from "vitest";
import { cancelOrder } from "../../app/modules/booking/orders.server";
import { generateBills } from "../../app/modules/billing/generate.server";
import { getBillingPlan, setBillingPlan } from "../../app/modules/billing/plans.server";
import { lineMoney } from "../../app/modules/billing/tax";
import { acceptMilestone } from "../../app/modules/contracts/delivery.server";
import { amountWithin } from "../../app/modules/income/seam";
import { feeMonths } from "../../app/modules/contracts/model";
import { describeEachDb } from "../support/db";
import { makeCenter } from "../support/factory";
import { contractParty, milestoneContract, milestonesOf, monthlyContract, signedContract } from "../support/contracts";
import {
  AD_CODE, billableClient, type BillingWorld, billingSnapshot, billingWorld, billsOf, confirmedOrder, generate, issue, IT_CODE, linesOf, ORDER_NOW,
} from "../support/billing";

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describeEachDb("bill generation", ({ db }) => {
  let w: BillingWorld;

  beforeAll(async () => {
    w = await billingWorld(db());
  });

  it("drafts what is due per client and rep, priced line by line, and a second run changes nothing", async () => {
    const clientId = await billableClient(db(), w.sales);
    const { orderId, lineIds } = await confirmedOrder(db(), w.sales, clientId, [
      { from: "2026-02-01", to: "2026-02-10", netFen: 100_000_01 },
      { from: "2026-03-05", to: "2026-03-20", netFen: 50_000_00 },
    ]);
    const first = await generate(db(), w.finance, "2026-02-28");
    const [draft] = await billsOf(db(), w.center.id, clientId);
    expect(first.created).toEqual([draft.id]);
    expect(draft).toMatchObject({ kind: "invoice", status: "draft", number: null, owner_id: w.sales.userId, period_from: "2026-02-01", period_to: "2026-02-10" });
    const [l1] = await linesOf(db(), draft.id);
    const money = lineMoney(100_000_01, true, 600);
    expect(l1).toMatchObject({
      source_kind: "order", source_id: orderId, source_key: `order:${orderId}:line:${lineIds[0]}`, slice: "all", tax_code: AD_CODE, short_name: "广告服务",
      item_name: "广告发布费", quantity: 1, tax_included: 1, rate_bp: 600, bears_culture_fee: 1, service_from: "2026-02-01", service_to: "2026-02-10",
    });
    expect([Number(l1.amount_fen), Number(l1.net_fen), Number(l1.tax_fen), Number(l1.total_fen)]).toEqual([100_000_01, money.net_fen, money.tax_fen, money.total_fen]);
    expect([Number(draft.net_fen), Number(draft.tax_fen), Number(draft.total_fen)]).toEqual([money.net_fen, money.tax_fen, money.total_fen]);

    const before = await billingSnapshot(db(), w.center.id);
    const again = await generate(db(), w.finance, "2026-02-28");
    expect(again).toEqual({ created: [], changed: [], deleted: [], linesAdded: 0, linesUpdated: 0, linesRemoved: 0 });
    expect(await billingSnapshot(db(), w.center.id)).toEqual(before);

    const march = await generate(db(), w.finance, "2026-03-31");
    expect(march).toMatchObject({ created: [], changed: [draft.id], linesAdded: 1 });
    const lines = await linesOf(db(), draft.id);
    expect(lines.map((l) => Number(l.amount_fen))).toEqual([100_000_01, 50_000_00]);
    const bill = (await billsOf(db(), w.center.id, clientId))[0];
    expect(Number(bill.total_fen)).toBe(sum(lines.map((l) => Number(l.total_fen))));
    expect(bill.period_to).toBe("2026-03-20");
    const audit = await db().selectFrom("audit_log").select("action").where("entity", "=", "bill").where("entity_id", "=", draft.id).orderBy("at").execute();
    expect(audit.map((a) => a.action)).toEqual(["generate_create", "generate_update"]);
  });

  it("keeps one draft per client and rep: another rep's order for the same client gets its own", async () => {
    const other = await makeCenter(db());
    const clientId = await billableClient(db(), w.sales);
    await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-02-01", to: "2026-02-02", netFen: 1_000_00 }]);
    // A second rep sells to the same client: orders belong to whoever placed them.
    await confirmedOrder(db(), w.sales2, clientId, [{ from: "2026-02-03", to: "2026-02-04", netFen: 2_000_00 }]);
    await generate(db(), w.finance, "2026-02-28");
    const drafts = await billsOf(db(), w.center.id, clientId);
    expect(drafts.map((b) => [b.owner_id, Number(b.total_fen)]).sort()).toEqual([[w.sales2.userId, 2_000_00], [w.sales.userId, 1_000_00]].sort());
    // Another center's run sees none of it.
    const result = await generateBills(db(), other.users.finance.scope, { periodTo: "2026-12-31" });
    expect(result).toMatchObject({ ok: true, summary: { created: [] } });
  });

  it("removes a cancelled order's unbilled draft lines and never touches what is issued", async () => {
    const clientId = await billableClient(db(), w.sales);
    const { orderId } = await confirmedOrder(db(), w.sales, clientId, [
      { from: "2026-02-01", to: "2026-02-10", netFen: 10_000_00 },
      { from: "2026-04-01", to: "2026-04-10", netFen: 20_000_00 },
    ]);
    const kept = await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-04-05", to: "2026-04-06", netFen: 3_000_00 }]);
    await generate(db(), w.finance, "2026-02-28");
    const [february] = await billsOf(db(), w.center.id, clientId);
    await issue(db(), w.finance, february.id, "2026-03-01");
    const issuedBefore = { bill: await db().selectFrom("bills").selectAll().where("id", "=", february.id).executeTakeFirstOrThrow(), lines: await linesOf(db(), february.id) };

    await generate(db(), w.finance, "2026-04-30");
    const april = (await billsOf(db(), w.center.id, clientId)).find((b) => b.status === "draft")!;
    expect((await linesOf(db(), april.id)).map((l) => Number(l.amount_fen))).toEqual([20_000_00, 3_000_00]);

    expect((await cancelOrder(db(), w.sales, orderId, "客户撤单", "2026-03-10T02:00:00.000Z")).ok).toBe(true);
    const after = await generate(db(), w.finance, "2026-04-30");
    expect(after).toMatchObject({ changed: [april.id], linesRemoved: 1 });
    const left = await linesOf(db(), april.id);
    expect(left.map((l) => l.source_id)).toEqual([kept.orderId]);
    expect(Number((await db().selectFrom("bills").select("total_fen").where("id", "=", april.id).executeTakeFirstOrThrow()).total_fen)).toBe(Number(left[0].total_fen));
    expect({ bill: await db().selectFrom("bills").selectAll().where("id", "=", february.id).executeTakeFirstOrThrow(), lines: await linesOf(db(), february.id) }).toEqual(issuedBefore);

    // The other order cancelled too: the generated draft has nothing left and goes.
    expect((await cancelOrder(db(), w.sales, kept.orderId, "客户撤单", "2026-03-10T02:00:00.000Z")).ok).toBe(true);
    expect(await generate(db(), w.finance, "2026-04-30")).toMatchObject({ deleted: [april.id] });
    expect((await billsOf(db(), w.center.id, clientId)).map((b) => b.id)).toEqual([february.id]);
  });

  it("bills monthly in arrears, a part month prorated by days, once each month has ended", async () => {
    const clientId = await billableClient(db(), w.sales);
    // 50 days: 12 in January, 28 in February, 10 in March.
    const { orderId } = await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-01-20", to: "2026-03-10", netFen: 100_001 }]);
    expect(await setBillingPlan(db(), w.finance, { kind: "order", id: orderId }, { schedule: "monthly_arrears", paymentDays: null })).toMatchObject({ ok: true });
    const span = { amountFen: 100_001, from: "2026-01-20", to: "2026-03-10" };
    const amounts = async () => {
      const [bill] = await billsOf(db(), w.center.id, clientId);
      return bill ? (await linesOf(db(), bill.id)).map((l) => [l.slice, Number(l.amount_fen), l.service_from, l.service_to]) : [];
    };

    await generate(db(), w.finance, "2026-01-30");
    expect(await amounts()).toEqual([]);
    await generate(db(), w.finance, "2026-01-31");
    expect(await amounts()).toEqual([["2026-01", 24_000, "2026-01-20", "2026-01-31"]]);
    await generate(db(), w.finance, "2026-02-27");
    expect(await amounts()).toEqual([["2026-01", 24_000, "2026-01-20", "2026-01-31"]]);
    await generate(db(), w.finance, "2026-03-10");
    const all = await amounts();
    expect(all).toEqual([
      ["2026-01", 24_000, "2026-01-20", "2026-01-31"],
      ["2026-02", 56_001, "2026-02-01", "2026-02-28"],
      ["2026-03", 20_000, "2026-03-01", "2026-03-10"],
    ]);
    expect(all[1][1]).toBe(amountWithin(span, { from: "2026-02-01", to: "2026-02-28" }));
    expect(sum(all.map((a) => a[1] as number))).toBe(100_001);

    // In advance instead: every month is due on its first day.
    await setBillingPlan(db(), w.finance, { kind: "order", id: orderId }, { schedule: "monthly_advance", paymentDays: null });
    await generate(db(), w.finance, "2026-02-01");
    expect((await amounts()).map((a) => a[0])).toEqual(["2026-01", "2026-02"]);
  });

  it("bills a monthly-fee contract month by month after each month ends", async () => {
    const party = await contractParty(db(), w.sales, "tech.ops");
    const contractId = await signedContract(db(), w.sales, monthlyContract(party, { start_date: "2026-01-15", end_date: "2026-03-31", monthly_fee_fen: 8_000_00 }), { approver: w.manager });
    expect(await getBillingPlan(db(), w.finance, { kind: "contract", id: contractId })).toMatchObject({ ok: true, plan: { schedule: "monthly_arrears", stored: false } });
    await generate(db(), w.finance, "2026-02-28");
    const [bill] = await billsOf(db(), w.center.id, party.clientId);
    const months = feeMonths(8_000_00, "2026-01-15", "2026-03-31");
    expect((await linesOf(db(), bill.id)).map((l) => [l.slice, Number(l.amount_fen), l.tax_code])).toEqual([
      ["2026-01", months[0].amountFen, "3040203000000000000"],
      ["2026-02", 8_000_00, "3040203000000000000"],
    ]);
  });

  it("bills a milestone contract on each acceptance", async () => {
    const party = await contractParty(db(), w.sales, "tech.app_dev");
    const contractId = await signedContract(db(), w.sales, milestoneContract(party), { approver: w.manager, start: true });
    expect(await getBillingPlan(db(), w.finance, { kind: "contract", id: contractId })).toMatchObject({ ok: true, plan: { schedule: "milestone" } });
    await generate(db(), w.finance, "2026-12-31");
    expect(await billsOf(db(), w.center.id, party.clientId)).toEqual([]);

    const [signing, delivery] = await milestonesOf(db(), contractId);
    expect((await acceptMilestone(db(), w.sales, contractId, signing.id, { date: "2026-01-10", note: "" }, "2026-01-10")).ok).toBe(true);
    await generate(db(), w.finance, "2026-01-31");
    const [bill] = await billsOf(db(), w.center.id, party.clientId);
    const [line] = await linesOf(db(), bill.id);
    const money = lineMoney(Number(signing.amount_fen), true, 600);
    expect(line).toMatchObject({ source_key: `contract:${contractId}:milestone:${signing.id}`, slice: "all", tax_code: IT_CODE, short_name: "信息技术服务", bears_culture_fee: 0, service_from: "2026-01-10" });
    expect([Number(line.amount_fen), Number(line.total_fen), Number(line.tax_fen)]).toEqual([3_000_000, money.total_fen, money.tax_fen]);

    // Accepted later than the period asked for: not yet.
    expect((await acceptMilestone(db(), w.sales, contractId, delivery.id, { date: "2026-05-06", note: "" }, "2026-05-06")).ok).toBe(true);
    await generate(db(), w.finance, "2026-04-30");
    expect(await linesOf(db(), bill.id)).toHaveLength(1);
    await generate(db(), w.finance, "2026-05-31");
    expect((await linesOf(db(), bill.id)).map((l) => Number(l.amount_fen))).toEqual([3_000_000, 4_000_000]);
  });

  it("bills once on confirmation when the plan says so, and leaves out what fell due before periodFrom", async () => {
    const clientId = await billableClient(db(), w.sales);
    const { orderId } = await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-09-01", to: "2026-09-30", netFen: 9_000_00 }], ORDER_NOW);
    await setBillingPlan(db(), w.finance, { kind: "order", id: orderId }, { schedule: "once_confirm", paymentDays: 10 });
    await generate(db(), w.finance, "2026-01-31", { periodFrom: "2026-01-03" });
    expect(await billsOf(db(), w.center.id, clientId)).toEqual([]);
    await generate(db(), w.finance, "2026-01-31", { periodFrom: "2026-01-01" });
    const [bill] = await billsOf(db(), w.center.id, clientId);
    expect((await linesOf(db(), bill.id)).map((l) => Number(l.amount_fen))).toEqual([9_000_00]);
  });

  describe("billing plans and permissions", () => {
    it("refuses anyone but finance, bad plans, and another center's sources", async () => {
      const clientId = await billableClient(db(), w.sales);
      const { orderId } = await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-02-01", to: "2026-02-02", netFen: 1_000_00 }]);
      const source = { kind: "order" as const, id: orderId };
      for (const role of ["sales", "manager", "auditor"] as const) {
        expect(await generateBills(db(), w.center.users[role].scope, { periodTo: "2026-02-28" })).toMatchObject({ ok: false, status: 403 });
        expect(await setBillingPlan(db(), w.center.users[role].scope, source, { schedule: "once_start", paymentDays: null })).toMatchObject({ ok: false, status: 403 });
      }
      expect(await generateBills(db(), w.finance, { periodTo: "2026-02-30" })).toMatchObject({ ok: false, status: 400 });
      expect(await setBillingPlan(db(), w.finance, source, { schedule: "weekly", paymentDays: null })).toMatchObject({ ok: false, status: 400, errors: { schedule: expect.any(String) } });
      expect(await setBillingPlan(db(), w.finance, source, { schedule: "milestone", paymentDays: null })).toMatchObject({ ok: false, status: 400 });
      expect(await setBillingPlan(db(), w.finance, source, { schedule: "once_start", paymentDays: 366 })).toMatchObject({ ok: false, status: 400, errors: { payment_days: expect.any(String) } });
      expect(await setBillingPlan(db(), w.finance, source, { schedule: "once_start", paymentDays: "45" })).toMatchObject({ ok: true, plan: { paymentDays: 45, stored: true } });
      expect(await getBillingPlan(db(), w.finance, source)).toMatchObject({ ok: true, plan: { schedule: "once_start", paymentDays: 45 } });
      const stranger = await makeCenter(db());
      expect(await setBillingPlan(db(), stranger.users.finance.scope, source, { schedule: "once_start", paymentDays: null })).toMatchObject({ ok: false, status: 404 });
      expect(await getBillingPlan(db(), stranger.users.finance.scope, source)).toMatchObject({ ok: false, status: 404 });
      const audit = await db().selectFrom("audit_log").select(["action", "after_json"]).where("entity", "=", "order").where("entity_id", "=", orderId).where("action", "=", "billing_plan").execute();
      expect(audit).toHaveLength(1);
    });
  });
});
