// The revenue fact table on both databases: a finished, fully billed order recognises exactly its
// billed net (whatever its billing plan, red-letter corrections included); totals per category are
// the sums of the facts; recognised + deferred = billed + unbilled; the table kept by the services
// equals a rebuild from scratch, and a damaged table is found and repaired.
import { beforeAll, expect, it } from "vitest";
import { writeTransaction } from "../../db/dialect";
import { factTotals } from "../../app/modules/analytics/facts-query.server";
import { cancelOrder, saveLine } from "../../app/modules/booking/orders.server";
import { createCredit } from "../../app/modules/billing/credits.server";
import { setBillingPlan } from "../../app/modules/billing/plans.server";
import { scheduleSlices } from "../../app/modules/billing/schedule";
import { lineMoney } from "../../app/modules/billing/tax";
import { type PaymentInput, recordPayment } from "../../app/modules/billing/payments.server";
import { acceptMilestone } from "../../app/modules/contracts/delivery.server";
import { terminateContract } from "../../app/modules/contracts/lifecycle.server";
import { closeMonth } from "../../app/modules/revenue/closing.server";
import { todayInShanghai } from "../../app/utils/time";
import { createEvent } from "../../app/modules/events/events.server";
import { addSponsor } from "../../app/modules/events/sponsors.server";
import { incomeEntries } from "../../app/modules/income/sources.server";
import { checkRevenue, rebuildRevenue } from "../../app/modules/revenue/facts.server";
import { addSubsidy, subsidyCategories } from "../../app/modules/revenue/subsidies.server";
import { describeEachDb } from "../support/db";
import { billableClient, type BillingWorld, billingWorld, billsOf, confirmedOrder, generate, issue, issuedBill, linesOf } from "../support/billing";
import { line } from "../support/booking";
import { contractParty, milestoneContract, milestonesOf, monthlyContract, signedContract } from "../support/contracts";
import { billedNet, factSnapshot, factSum } from "../support/revenue";

describeEachDb("revenue facts", ({ db }) => {
  let w: BillingWorld;

  beforeAll(async () => {
    w = await billingWorld(db());
  });

  async function issueAll(clientId: string, issueDate: string) {
    for (const bill of await billsOf(db(), w.center.id, clientId)) if (bill.status === "draft") await issue(db(), w.finance, bill.id, issueDate);
  }

  it("a finished order billed in full recognises exactly its billed net, under either plan, and a red-letter bill takes its net back on its day", async () => {
    const clientId = await billableClient(db(), w.sales);
    // Odd amounts over month ends, so every rounding is exercised.
    const once = await confirmedOrder(db(), w.sales, clientId, [
      { from: "2026-02-01", to: "2026-02-10", netFen: 100_000_01 },
      { from: "2026-03-05", to: "2026-04-20", netFen: 50_000_03 },
    ]);
    const monthly = await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-01-17", to: "2026-05-09", netFen: 77_777_77 }]);
    const plan = await setBillingPlan(db(), w.finance, { kind: "order", id: monthly.orderId }, { schedule: "monthly_advance", paymentDays: "" });
    expect(plan.ok).toBe(true);
    await generate(db(), w.finance, "2026-05-31");
    await issueAll(clientId, "2026-06-01");

    for (const order of [once, monthly]) {
      const source = { kind: "order" as const, id: order.orderId };
      const billed = await billedNet(db(), w.center.id, source);
      expect(billed).toBeGreaterThan(0);
      expect(await factSum(db(), w.center.id, { source: `order:${order.orderId}` })).toBe(billed);
    }
    // The whole-flight line: net taken once and spread by days; March 5–31 is 27 of 47 days.
    const net = lineMoney(50_000_03, true, 600).net_fen;
    const march = await db().selectFrom("revenue_facts").select("amount_fen").where("source_id", "=", once.orderId).where("for_month", "=", "2026-03").execute();
    expect(march.reduce((s, r) => s + Number(r.amount_fen), 0)).toBe(Math.floor((net * 27) / 47 + 0.5));

    // A partial red letter of ¥500.00 (tax-inclusive) on the first bill's first line.
    const [first] = await billsOf(db(), w.center.id, clientId);
    const [firstLine] = await linesOf(db(), first.id);
    const credit = await createCredit(db(), w.finance, first.id, { reason: "销售折让", issueDate: "2026-07-03", lines: [{ originalLineId: firstLine.id, amountFen: 500_00 }] });
    expect(credit.ok).toBe(true);
    const source = { kind: firstLine.source_kind!, id: firstLine.source_id! };
    const creditNet = lineMoney(500_00, true, 600).net_fen;
    expect(await factSum(db(), w.center.id, { source: `${source.kind}:${source.id}`, origin: "credit", month: "2026-07" })).toBe(-creditNet);
    expect(await factSum(db(), w.center.id, { source: `${source.kind}:${source.id}` })).toBe(await billedNet(db(), w.center.id, source));
  });

  it("totals per category and per top-level category are the sums of the facts", async () => {
    const rows = await db().selectFrom("revenue_facts").selectAll().where("center_id", "=", w.center.id).execute();
    const byCategory = new Map<string, number>();
    for (const r of rows) byCategory.set(r.category_id, (byCategory.get(r.category_id) ?? 0) + Number(r.amount_fen));
    const totals = await factTotals(db(), { centerId: w.center.id }, { from: "2000-01", to: "2099-12" }, ["category"]);
    expect(new Map(totals.map((t) => [t.category_id!, t.amount_fen]))).toEqual(byCategory);
    const tops = await factTotals(db(), { centerId: w.center.id }, { from: "2000-01", to: "2099-12" }, ["top"]);
    expect(tops.reduce((s, t) => s + t.amount_fen, 0)).toBe(rows.reduce((s, r) => s + Number(r.amount_fen), 0));
  });

  it("recognised + deferred = billed + unbilled, at a month end with part of the income billed", async () => {
    const clientId = await billableClient(db(), w.sales);
    const order = await confirmedOrder(db(), w.sales, clientId, [
      { from: "2026-08-20", to: "2026-10-11", netFen: 12_345_67 },
      { from: "2026-09-03", to: "2026-09-03", netFen: 999_99 },
    ]);
    await setBillingPlan(db(), w.finance, { kind: "order", id: order.orderId }, { schedule: "monthly_arrears", paymentDays: "" });
    const party = await contractParty(db(), w.sales, "tech.ops");
    const contract = await signedContract(db(), w.sales, monthlyContract(party, { start_date: "2026-08-10", end_date: "2026-12-20", signed_on: "2026-08-01" }), { approver: w.manager });
    await generate(db(), w.finance, "2026-08-31", { today: "2026-08-31" });
    for (const bill of await billsOf(db(), w.center.id, clientId)) if (bill.status === "draft") await issue(db(), w.finance, bill.id, "2026-09-01");

    const sources = [{ kind: "order" as const, id: order.orderId }, { kind: "contract" as const, id: contract }];
    const asOf = "2026-09";
    let recognised = 0;
    let deferred = 0;
    let billed = 0;
    let unbilled = 0;
    for (const s of sources) {
      const facts = await db().selectFrom("revenue_facts").select(["for_month", "amount_fen"]).where("source_id", "=", s.id).execute();
      recognised += facts.filter((f) => f.for_month <= asOf).reduce((x, f) => x + Number(f.amount_fen), 0);
      deferred += facts.filter((f) => f.for_month > asOf).reduce((x, f) => x + Number(f.amount_fen), 0);
      billed += await billedNet(db(), w.center.id, s);
      // Unbilled, worked out from the sources and the bill lines alone: each slice's net less what was billed of it.
      const schedule = s.kind === "order" ? "monthly_arrears" : "monthly_arrears";
      const billedKeys = new Set(
        (await db().selectFrom("bill_lines").innerJoin("bills", "bills.id", "bill_lines.bill_id").select(["bill_lines.source_key", "bill_lines.slice"]).where("bills.status", "=", "issued").where("bill_lines.source_id", "=", s.id).execute()).map(
          (l) => `${l.source_key}|${l.slice}`,
        ),
      );
      for (const entry of await incomeEntries(db(), w.sales, { source: s })) {
        for (const slice of scheduleSlices(entry, schedule)) {
          if (!billedKeys.has(`${entry.key}|${slice.slice}`)) unbilled += lineMoney(slice.amountFen, entry.taxIncluded, 600).net_fen;
        }
      }
    }
    expect(billed).toBeGreaterThan(0);
    expect(unbilled).toBeGreaterThan(0);
    expect(deferred).toBeGreaterThan(0);
    expect(recognised + deferred).toBe(billed + unbilled);
  });

  it("the table the services keep equals a rebuild from scratch, and a damaged table is found and repaired", async () => {
    const clientId = await billableClient(db(), w.sales);
    const kept = await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-04-01", to: "2026-06-15", netFen: 30_000_00 }]);
    const changed = await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-12-10", to: "2026-12-30", netFen: 8_000_00 }]);
    const order = await db().selectFrom("orders").select("updated_at").where("id", "=", changed.orderId).executeTakeFirstOrThrow();
    const unit = await db().selectFrom("order_lines").select("unit_id").where("id", "=", changed.lineIds[0]).executeTakeFirstOrThrow();
    const moved = await saveLine(db(), w.sales, changed.orderId, changed.lineIds[0], line(unit.unit_id, "2026-12-12", "2027-01-20", { deal: { netFen: 9_100_00 } }), order.updated_at);
    expect(moved).toMatchObject({ ok: true });
    expect(await factSum(db(), w.center.id, { source: `order:${changed.orderId}`, forMonth: "2027-01" })).toBeGreaterThan(0);
    const cancelled = await confirmedOrder(db(), w.sales, clientId, [{ from: "2027-02-01", to: "2027-02-28", netFen: 5_000_00 }]);
    expect(await factSum(db(), w.center.id, { source: `order:${cancelled.orderId}` })).toBe(lineMoney(5_000_00, true, 600).net_fen);
    expect(await cancelOrder(db(), w.sales, cancelled.orderId, "客户取消")).toMatchObject({ ok: true });
    expect(await factSum(db(), w.center.id, { source: `order:${cancelled.orderId}` })).toBe(0);

    const party = await contractParty(db(), w.sales);
    const contract = await signedContract(db(), w.sales, milestoneContract(party), { approver: w.manager, start: true });
    const [m1] = await milestonesOf(db(), contract);
    expect((await acceptMilestone(db(), w.sales, contract, m1.id, { date: "2026-03-02", note: "验收" }, "2026-11-27")).ok).toBe(true);
    expect(await factSum(db(), w.center.id, { source: `contract:${contract}`, forMonth: "2026-03" })).toBe(lineMoney(Number(m1.amount_fen), true, 600).net_fen);

    const eventCategory = await db().selectFrom("revenue_categories").select("id").where("center_id", "=", w.center.id).where("code", "=", "event").executeTakeFirstOrThrow();
    const event = await createEvent(db(), w.sales, {
      title: "乡村音乐节", type: "gala", category_id: eventCategory.id, owner_id: w.sales.userId!, venue: "文化广场", starts_at: "2026-08-08T19:00", ends_at: "2026-08-09T22:00", budget: 0, notes: "",
    });
    expect(event.ok).toBe(true);
    const sponsor = await addSponsor(db(), w.sales, (event as { id: string }).id, { client_id: clientId, package: "冠名", amount: 60_000_00 });
    expect(sponsor.ok).toBe(true);
    const [subsidyCategory] = await subsidyCategories(db(), w.finance);
    expect((await addSubsidy(db(), w.finance, { category_id: subsidyCategory.id, received_on: "2026-06-18", grantor: "县财政局", amount: "200000", note: "" })).ok).toBe(true);

    const maintained = await factSnapshot(db(), w.center.id);
    expect(maintained.some((f) => f.source.startsWith("event:"))).toBe(true);
    expect(maintained.some((f) => f.source.startsWith("subsidy:") && f.earned === 0 && f.amount_fen === 200_000_00)).toBe(true);
    expect(await checkRevenue(db(), { centerId: w.center.id })).toEqual([]);
    await writeTransaction(db(), (trx) => rebuildRevenue(trx, { centerId: w.center.id }));
    expect(await factSnapshot(db(), w.center.id)).toEqual(maintained);

    // Damage: one amount off by a fen, one fact gone, one fact that belongs to nothing.
    const [a, b] = await db().selectFrom("revenue_facts").select(["id", "amount_fen"]).where("center_id", "=", w.center.id).where("source_id", "=", kept.orderId).orderBy("for_month").execute();
    await db().updateTable("revenue_facts").set({ amount_fen: Number(a.amount_fen) + 1 }).where("id", "=", a.id).execute();
    await db().deleteFrom("revenue_facts").where("id", "=", b.id).execute();
    await db().insertInto("revenue_facts").values({ id: "01STRAYFACT000000000000000", center_id: w.center.id, month: "2026-02", for_month: "2026-02", source_kind: "order", source_id: "01NOSUCHORDER0000000000000", origin: "schedule", category_id: eventCategory.id, client_id: "", owner_id: "", medium: "", line_kind: "", earned: 1, amount_fen: 123, use_days: 0 }).execute();
    const drift = await checkRevenue(db(), { centerId: w.center.id });
    // The month totals no longer match the damaged facts either: three months are off.
    expect(drift.filter((d) => d.source.startsWith("月合计")).length).toBe(3);
    expect(drift.filter((d) => !d.source.startsWith("月合计")).map((d) => [d.source, d.stored, d.wanted]).sort()).toEqual(
      [[`order:${kept.orderId}`, Number(a.amount_fen) + 1, Number(a.amount_fen)], [`order:${kept.orderId}`, 0, Number(b.amount_fen)], ["order:01NOSUCHORDER0000000000000", 123, 0]].sort(),
    );
    await writeTransaction(db(), (trx) => rebuildRevenue(trx, { centerId: w.center.id }));
    expect(await factSnapshot(db(), w.center.id)).toEqual(maintained);
    expect(await checkRevenue(db(), { centerId: w.center.id })).toEqual([]);

    // A month total damaged on its own is found and made again from the facts.
    await db().updateTable("revenue_month_totals").set({ amount_fen: 1 }).where("center_id", "=", w.center.id).where("month", "=", "2026-03").execute();
    expect((await checkRevenue(db(), { centerId: w.center.id })).map((d) => d.source.slice(0, 3))).toContain("月合计");
    await writeTransaction(db(), (trx) => rebuildRevenue(trx, { centerId: w.center.id }));
    expect(await checkRevenue(db(), { centerId: w.center.id })).toEqual([]);
  });

  it("a closed month keeps its facts: a later change is reported in the month it is made, and nothing is dated into it", async () => {
    const world = await billingWorld(db());
    const scope = { centerId: world.center.id };
    const thisMonth = todayInShanghai().slice(0, 7);
    const party = await contractParty(db(), world.sales, "tech.ops");
    const fee = await signedContract(db(), world.sales, monthlyContract(party, { signed_on: "2026-05-20", start_date: "2026-06-01", end_date: "2027-03-31" }), { approver: world.manager, start: true });
    const milestone = await signedContract(db(), world.sales, milestoneContract(party, { signed_on: "2026-05-20", start_date: "2026-06-01", end_date: "2027-03-31" }), { approver: world.manager, start: true });
    const byMonth = async () => new Map((await factTotals(db(), scope, { from: "2026-01", to: "2027-12" }, ["month"])).map((r) => [r.month!, r.amount_fen]));
    const before = await byMonth();
    expect(await closeMonth(db(), world.finance, "2026-09", null)).toEqual({ ok: true, closedThrough: "2026-09" });
    expect(await closeMonth(db(), world.finance, "2026-10", null)).toMatchObject({ ok: false, status: 409 });
    expect(await closeMonth(db(), world.finance, thisMonth, "2026-09")).toMatchObject({ ok: false, status: 400 });
    expect(await closeMonth(db(), world.manager, "2026-10", "2026-09")).toMatchObject({ ok: false, status: 403 });

    // Terminated in a closed month: August keeps what it had, the rest of August and September are
    // taken back in this month, October on is simply no longer income.
    const terminated = await terminateContract(db(), world.sales, fee, { date: "2026-08-15", reason: "机构调整", earned: "" }, {});
    expect(terminated).toMatchObject({ ok: true });
    const [m1] = await milestonesOf(db(), milestone);
    expect(await acceptMilestone(db(), world.sales, milestone, m1.id, { date: "2026-09-10", note: "补录验收" }, todayInShanghai())).toMatchObject({ ok: true });
    const after = await byMonth();
    for (const month of ["2026-06", "2026-07", "2026-08", "2026-09"]) expect(after.get(month), month).toBe(before.get(month));
    expect(after.get("2026-10") ?? 0).toBe(0);
    const corrections = await db().selectFrom("revenue_facts").select(["month", "for_month", "amount_fen"]).where("center_id", "=", scope.centerId).whereRef("month", ">", "for_month").execute();
    expect(new Set(corrections.map((c) => c.month))).toEqual(new Set([thisMonth]));
    const feeFacts = await db().selectFrom("revenue_facts").select(["for_month", "amount_fen"]).where("source_id", "=", fee).execute();
    const net = (month: string) => feeFacts.filter((f) => f.for_month === month).reduce((x, f) => x + Number(f.amount_fen), 0);
    const rows = await incomeEntries(db(), world.sales, { source: { kind: "contract", id: fee } });
    expect(net("2026-08")).toBe(lineMoney(rows.find((e) => e.serviceFrom.startsWith("2026-08"))!.amountFen, true, 600).net_fen);
    expect(net("2026-09")).toBe(0);
    expect(await factSum(db(), scope.centerId, { source: `contract:${milestone}`, forMonth: "2026-09", month: thisMonth })).toBe(lineMoney(Number(m1.amount_fen), true, 600).net_fen);
    expect(await checkRevenue(db(), scope)).toEqual([]);
    const maintained = await factSnapshot(db(), scope.centerId);
    await writeTransaction(db(), (trx) => rebuildRevenue(trx, scope));
    expect(await factSnapshot(db(), scope.centerId)).toEqual(maintained);

    // Bills, credits and payments cannot be dated in a closed month.
    const clientId = await billableClient(db(), world.sales);
    const bill = await issuedBill(db(), world.finance, clientId, [{ description: "广告发布", amountFen: 1_000_00 }], "2026-10-08");
    const input: PaymentInput = { clientId, amountFen: 1_000_00, receivedOn: "2026-09-30", method: "transfer", payer: "", reference: "", notes: "", allocate: "auto" };
    const payment = await recordPayment(db(), world.finance, input);
    expect(payment).toMatchObject({ ok: false, status: 400 });
    expect((payment as { errors: Record<string, string> }).errors.receivedOn).toContain("已关账");
    expect(await db().selectFrom("payments").select("id").where("center_id", "=", scope.centerId).execute()).toEqual([]);
    const credit = await createCredit(db(), world.finance, bill.id, { reason: "开票有误", issueDate: "2026-09-30", full: true });
    expect(credit).toMatchObject({ ok: false, status: 400 });
  });

  it("another center's changes never touch this center's facts", async () => {
    const before = await factSnapshot(db(), w.center.id);
    const other = await billingWorld(db());
    const clientId = await billableClient(db(), other.sales);
    await confirmedOrder(db(), other.sales, clientId, [{ from: "2026-04-01", to: "2026-04-30", netFen: 1_000_00 }]);
    await writeTransaction(db(), (trx) => rebuildRevenue(trx, { centerId: other.center.id }));
    expect(await factSnapshot(db(), w.center.id)).toEqual(before);
    expect((await factSnapshot(db(), other.center.id)).length).toBeGreaterThan(0);
  });
});
