// The income seam on both databases: what billing may bill (billableItems) and what is earned on
// which days (revenueSchedule), for an order, an event and each contract shape.
import { beforeAll, expect, it } from "vitest";
import type { Scope } from "../../app/modules/auth/scope";
import { cancelOrder, createOrder, type CreateOrderInput } from "../../app/modules/booking/orders.server";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import { acceptMilestone, addWorkLog } from "../../app/modules/contracts/delivery.server";
import { submitForSigning, terminateContract } from "../../app/modules/contracts/lifecycle.server";
import { addSponsor, createEvent, setEventStatus } from "../../app/modules/events/events.server";
import type { EventFormValues } from "../../app/modules/events/event-form";
import { amountWithin, dailyAmounts, monthlyTotals, type Period } from "../../app/modules/income/seam";
import { monthSlices } from "../../app/modules/inventory/calendar-dates";
import { billableItems, incomeEntries, revenueSchedule } from "../../app/modules/income/sources.server";
import { newId } from "../../db/ids";
import { describeEachDb } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";
import { header, line, makeUnit } from "../support/booking";
import {
  contractParty, type ContractParty, makeContract, milestoneContract, milestonesOf, monthlyContract, ratesOf, signedContract, tmContract,
} from "../support/contracts";

const TODAY = "2026-12-31";
const AD_CODE = "3040303000000000000";
const IT_CODE = "3040201000000000000";
const OPS_CODE = "3040203000000000000";
const NOW = "2027-03-01T02:00:00.000Z";

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describeEachDb("income seam", ({ db }) => {
  let center: TestCenter;
  let sales: Scope;
  let manager: Scope;
  let finance: Scope;
  let tech: ContractParty;
  let ops: ContractParty;

  const order = (id: string) => db().selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const linesOf = (id: string) => db().selectFrom("order_lines").selectAll().where("order_id", "=", id).orderBy("start_date").execute();
  const placeOrder = async (clientId: string, lines: CreateOrderInput["lines"], intent: CreateOrderInput["intent"]) => {
    const r = await createOrder(db(), sales, { header: header(clientId), lines, intent, queueIfFull: false, idempotencyKey: newId() }, NOW);
    if (!r.ok) throw new Error(`order refused: ${r.message}`);
    return r.id;
  };
  const makeEvent = async (over: Partial<EventFormValues>) => {
    const r = await createEvent(db(), sales, { title: "测试活动", type: "gala", venue: "县剧院", starts_at: "2027-05-01T19:00", ends_at: "2027-05-01T21:00", owner_id: sales.userId!, category_id: "", budget: 0, notes: "", ...over });
    if (!r.ok) throw new Error("event not created");
    return r.id;
  };
  const contractItems = (id: string) => billableItems(db(), finance, { source: { kind: "contract", id } });

  beforeAll(async () => {
    center = await makeCenter(db());
    sales = center.users.sales.scope;
    manager = center.users.manager.scope;
    finance = center.users.finance.scope;
    tech = await contractParty(db(), sales, "tech.app_dev");
    ops = await contractParty(db(), sales, "tech.ops");
  });

  it("gives each confirmed paid line of an order, tax-inclusive, spread over its days", async () => {
    const clientId = await makeClient(db(), sales);
    const unit = await makeUnit(db(), sales, { dayPriceFen: 10_000 });
    const bonusUnit = await makeUnit(db(), sales, { dayPriceFen: 10_000 });
    const confirmed = await placeOrder(clientId, [
      line(unit, "2027-04-01", "2027-04-10", { deal: { netFen: 88_888 } }),
      line(bonusUnit, "2027-04-01", "2027-04-05", { kind: "bonus" }),
    ], "confirm");
    const held = await placeOrder(clientId, [line(unit, "2027-05-01", "2027-05-03")], "hold");
    const draft = await placeOrder(clientId, [line(unit, "2027-06-01", "2027-06-03")], "draft");
    const [paid] = (await linesOf(confirmed)).filter((l) => l.kind === "paid");
    const { number } = await order(confirmed);
    const categoryId = await categoryIdByCode(db(), sales, "outdoor.static");

    const items = await billableItems(db(), finance, { source: { kind: "order", id: confirmed } });
    expect(items).toEqual([
      {
        key: `order:${confirmed}:line:${paid.id}`,
        source: { kind: "order", id: confirmed, label: number },
        clientId,
        categoryId,
        vatItemCode: AD_CODE,
        taxIncluded: true,
        description: expect.stringContaining("2027-04-01至2027-04-10"),
        amountFen: 88_888,
        serviceFrom: "2027-04-01",
        serviceTo: "2027-04-10",
        billableOn: "2027-04-01",
      },
    ]);
    expect(await billableItems(db(), finance, { source: { kind: "order", id: held } })).toEqual([]);
    expect(await billableItems(db(), finance, { source: { kind: "order", id: draft } })).toEqual([]);

    const [span] = await revenueSchedule(db(), finance, { source: { kind: "order", id: confirmed } });
    expect(span).toMatchObject({ key: items[0].key, ownerId: sales.userId, earned: true, taxIncluded: true, amountFen: 88_888, from: "2027-04-01", to: "2027-04-10" });
    const days = dailyAmounts(span);
    expect(days).toHaveLength(10);
    expect(sum(days.map((d) => d.amountFen))).toBe(88_888);
    expect(amountWithin(span, { from: "2027-04-01", to: "2027-04-05" })).toBe(44_444);

    // A cancelled order is no longer income.
    expect((await cancelOrder(db(), sales, confirmed, "客户撤单", NOW)).ok).toBe(true);
    expect(await billableItems(db(), finance, { source: { kind: "order", id: confirmed } })).toEqual([]);
  });

  it("gives each sponsorship of a non-cancelled event over the event's days", async () => {
    const clientId = await makeClient(db(), sales);
    const gala = await makeEvent({ title: "五一文艺晚会", starts_at: "2027-05-01T19:00", ends_at: "2027-05-03T21:00" });
    const sponsor = (await addSponsor(db(), sales, gala, { client_id: clientId, package: "冠名", amount: 3_000_01 })) as { id: string };
    const called = await makeEvent({ title: "取消的展会", starts_at: "2027-05-10T09:00", ends_at: "2027-05-10T17:00" });
    await addSponsor(db(), sales, called, { client_id: clientId, package: "展位", amount: 500_00 });
    await setEventStatus(db(), sales, called, "cancelled", { reason: "场地检修", today: "2027-01-01" });
    const categoryId = await categoryIdByCode(db(), sales, "event");

    expect(await billableItems(db(), finance, { source: { kind: "event", id: gala } })).toEqual([
      {
        key: `event:${gala}:sponsor:${sponsor.id}`,
        source: { kind: "event", id: gala, label: "五一文艺晚会" },
        clientId,
        categoryId,
        vatItemCode: "3040302000000000000",
        taxIncluded: true,
        description: "五一文艺晚会 冠名",
        amountFen: 3_000_01,
        serviceFrom: "2027-05-01",
        serviceTo: "2027-05-03",
        billableOn: "2027-05-01",
      },
    ]);
    const [span] = await revenueSchedule(db(), finance, { source: { kind: "event", id: gala } });
    expect(dailyAmounts(span).map((d) => d.amountFen)).toEqual([1_000_00, 1_000_01, 1_000_00]);
    expect(await billableItems(db(), finance, { source: { kind: "event", id: called } })).toEqual([]);
    expect(await revenueSchedule(db(), finance, { source: { kind: "event", id: called } })).toEqual([]);
  });

  it("gives a milestone contract's accepted milestones only, each on its acceptance day", async () => {
    const id = await signedContract(db(), sales, milestoneContract(tech, { tax_included: 0 }), { approver: manager, start: true });
    const [first, second] = await milestonesOf(db(), id);
    expect(await contractItems(id)).toEqual([]);
    await acceptMilestone(db(), sales, id, first.id, { date: "2026-01-10", note: "" }, TODAY);
    await acceptMilestone(db(), sales, id, second.id, { date: "2026-05-06", note: "" }, TODAY);
    const number = (await db().selectFrom("contracts").select("number").where("id", "=", id).executeTakeFirstOrThrow()).number;
    const common = { source: { kind: "contract", id, label: number }, clientId: tech.clientId, categoryId: tech.categoryId, vatItemCode: IT_CODE, taxIncluded: false };

    expect(await contractItems(id)).toEqual([
      { key: `contract:${id}:milestone:${first.id}`, ...common, description: "智慧政务客户端开发 签约", amountFen: 3_000_000, serviceFrom: "2026-01-10", serviceTo: "2026-01-10", billableOn: "2026-01-10" },
      { key: `contract:${id}:milestone:${second.id}`, ...common, description: "智慧政务客户端开发 上线交付", amountFen: 4_000_000, serviceFrom: "2026-05-06", serviceTo: "2026-05-06", billableOn: "2026-05-06" },
    ]);
    const spans = await revenueSchedule(db(), finance, { source: { kind: "contract", id } });
    expect(spans.map((s) => [s.from, s.to, s.amountFen, s.ownerId, s.earned])).toEqual([
      ["2026-01-10", "2026-01-10", 3_000_000, sales.userId, true],
      ["2026-05-06", "2026-05-06", 4_000_000, sales.userId, true],
    ]);
  });

  it("adds a settlement on the termination day for what a terminated milestone contract earned beyond its accepted milestones", async () => {
    const id = await signedContract(db(), sales, milestoneContract(tech), { approver: manager });
    const [first] = await milestonesOf(db(), id);
    await acceptMilestone(db(), sales, id, first.id, { date: "2026-02-01", note: "" }, TODAY);
    const ended = await terminateContract(db(), sales, id, { date: "2026-04-15", reason: "双方协商解除", earned: "45,000" }, {});
    expect(ended.ok).toBe(true);
    const items = await contractItems(id);
    expect(items.map((i) => [i.key, i.amountFen, i.serviceFrom, i.serviceTo, i.billableOn, i.taxIncluded])).toEqual([
      [`contract:${id}:milestone:${first.id}`, 3_000_000, "2026-02-01", "2026-02-01", "2026-02-01", true],
      [`contract:${id}:settlement`, 1_500_000, "2026-04-15", "2026-04-15", "2026-04-15", true],
    ]);
    expect(items[1].description).toBe("智慧政务客户端开发 终止结算");
    expect(sum(items.map((i) => i.amountFen))).toBe(4_500_000);

    // Terminated with just the accepted milestones: no settlement.
    const plain = await signedContract(db(), sales, milestoneContract(tech), { approver: manager });
    await acceptMilestone(db(), sales, plain, (await milestonesOf(db(), plain))[0].id, { date: "2026-02-01", note: "" }, TODAY);
    await terminateContract(db(), sales, plain, { date: "2026-03-01", reason: "取消", earned: "" }, {});
    expect((await contractItems(plain)).map((i) => i.key)).toEqual([`contract:${plain}:milestone:${(await milestonesOf(db(), plain))[0].id}`]);
  });

  it("gives a monthly contract one entry per calendar month, part months prorated", async () => {
    const id = await signedContract(db(), sales, monthlyContract(ops, { start_date: "2026-01-20", end_date: "2026-03-10" }), { start: true });
    const items = await contractItems(id);
    expect(items.map((i) => [i.key, i.amountFen, i.serviceFrom, i.serviceTo, i.billableOn])).toEqual([
      [`contract:${id}:month:2026-01`, 309_677, "2026-01-20", "2026-01-31", "2026-01-20"],
      [`contract:${id}:month:2026-02`, 800_000, "2026-02-01", "2026-02-28", "2026-02-01"],
      [`contract:${id}:month:2026-03`, 258_065, "2026-03-01", "2026-03-10", "2026-03-01"],
    ]);
    expect(items.map((i) => i.description)).toEqual([
      "融媒体平台运维服务 2026年1月服务费（12/31天）",
      "融媒体平台运维服务 2026年2月服务费",
      "融媒体平台运维服务 2026年3月服务费（10/31天）",
    ]);
    expect(items.every((i) => i.categoryId === ops.categoryId && i.vatItemCode === OPS_CODE && i.clientId === ops.clientId && i.taxIncluded)).toBe(true);
    // The months add up to the contract amount.
    const { amount_fen } = await db().selectFrom("contracts").select("amount_fen").where("id", "=", id).executeTakeFirstOrThrow();
    expect(sum(items.map((i) => i.amountFen))).toBe(Number(amount_fen));
  });

  it("stops a terminated monthly contract at the termination day", async () => {
    const id = await signedContract(db(), sales, monthlyContract(ops), { approver: manager, start: true });
    expect(await contractItems(id)).toHaveLength(12);
    await terminateContract(db(), sales, id, { date: "2026-03-15", reason: "平台迁移", earned: "" }, {});
    const items = await contractItems(id);
    expect(items.map((i) => [i.key.split(":").slice(2).join(":"), i.amountFen, i.serviceFrom, i.serviceTo])).toEqual([
      ["month:2026-01", 800_000, "2026-01-01", "2026-01-31"],
      ["month:2026-02", 800_000, "2026-02-01", "2026-02-28"],
      ["month:2026-03", 387_097, "2026-03-01", "2026-03-15"],
    ]);
    const { earned_fen } = await db().selectFrom("contracts").select("earned_fen").where("id", "=", id).executeTakeFirstOrThrow();
    expect(sum(items.map((i) => i.amountFen))).toBe(Number(earned_fen));
  });

  it("gives a time-and-materials contract one entry per work log on its day", async () => {
    const id = await signedContract(db(), sales, tmContract(tech), { start: true });
    const [live, video] = await ratesOf(db(), id);
    await addWorkLog(db(), sales, id, { rateId: live.id, date: "2026-02-01", quantity: 2, note: "" }, TODAY);
    await addWorkLog(db(), sales, id, { rateId: video.id, date: "2026-03-05", quantity: 7, note: "" }, TODAY);
    const logs = await db().selectFrom("contract_work_logs").select(["id", "rate_id"]).where("contract_id", "=", id).execute();
    const logOf = (rateId: string) => logs.find((l) => l.rate_id === rateId)!.id;
    const items = await contractItems(id);
    expect(items.map((i) => [i.key, i.description, i.amountFen, i.serviceFrom, i.serviceTo, i.billableOn])).toEqual([
      [`contract:${id}:log:${logOf(live.id)}`, "全年直播及视频制作 直播 2场", 600_000, "2026-02-01", "2026-02-01", "2026-02-01"],
      [`contract:${id}:log:${logOf(video.id)}`, "全年直播及视频制作 视频制作 7分钟", 560_000, "2026-03-05", "2026-03-05", "2026-03-05"],
    ]);
  });

  it("yields nothing for draft and pending contracts", async () => {
    const draft = await makeContract(db(), sales, monthlyContract(ops));
    const pending = await makeContract(db(), sales, monthlyContract(ops));
    expect((await submitForSigning(db(), sales, pending, {})).ok).toBe(true);
    expect((await db().selectFrom("contracts").select("status").where("id", "=", pending).executeTakeFirstOrThrow()).status).toBe("pending");
    for (const id of [draft, pending]) {
      expect(await contractItems(id)).toEqual([]);
      expect(await revenueSchedule(db(), finance, { source: { kind: "contract", id } })).toEqual([]);
    }
    const all = await incomeEntries(db(), finance);
    expect(all.some((e) => e.source.id === draft || e.source.id === pending)).toBe(false);
  });

  it("filters by period, keeps every source apart from other centers, and spreads the schedule exactly", async () => {
    const c = await makeCenter(db());
    const s = c.users.sales.scope;
    const m = c.users.manager.scope;
    const f = c.users.finance.scope;
    const p = await contractParty(db(), s, "tech.ops");
    const clientId = await makeClient(db(), s);
    const unit = await makeUnit(db(), s, { dayPriceFen: 12_345 });
    const orderResult = await createOrder(db(), s, { header: header(clientId), lines: [line(unit, "2027-01-25", "2027-02-03")], intent: "confirm", queueIfFull: false, idempotencyKey: newId() }, "2026-12-01T02:00:00.000Z");
    expect(orderResult.ok).toBe(true);
    const ev = await createEvent(db(), s, { title: "春节联欢", type: "gala", venue: "县剧院", starts_at: "2027-01-31T19:00", ends_at: "2027-02-01T01:00", owner_id: s.userId!, category_id: "", budget: 0, notes: "" });
    if (!ev.ok) throw new Error("event");
    await addSponsor(db(), s, ev.id, { client_id: clientId, package: "冠名", amount: 10_001 });
    const monthly = await signedContract(db(), s, monthlyContract(p, { start_date: "2026-12-20", end_date: "2027-03-10" }), { approver: m });
    const fixed = await signedContract(db(), s, milestoneContract(p), { approver: m });
    await acceptMilestone(db(), s, fixed, (await milestonesOf(db(), fixed))[0].id, { date: "2026-12-30", note: "" }, TODAY);

    const february: Period = { from: "2027-02-01", to: "2027-02-28" };
    const feb = await billableItems(db(), f, { period: february });
    expect(feb.map((i) => i.source.kind).sort()).toEqual(["contract", "event", "order"]);
    expect(feb.find((i) => i.source.kind === "contract")!.key).toBe(`contract:${monthly}:month:2027-02`);
    // The whole period holds every piece once; none of them from another center.
    const year: Period = { from: "2026-12-01", to: "2027-12-31" };
    const all = await revenueSchedule(db(), f, { period: year });
    expect(all.map((x) => x.key).sort()).toEqual([...new Set(all.map((x) => x.key))].sort());
    expect(all.filter((x) => x.source.kind === "contract").map((x) => x.key.split(":").slice(2).join(":")).sort()).toEqual(
      ["month:2026-12", "month:2027-01", "month:2027-02", "month:2027-03", `milestone:${(await milestonesOf(db(), fixed))[0].id}`].sort(),
    );
    expect(all.every((x) => x.source.kind !== "contract" || x.clientId === p.clientId)).toBe(true);
    const december = await billableItems(db(), f, { period: { from: "2026-12-01", to: "2026-12-31" } });
    expect(december.map((i) => i.key).sort()).toEqual([`contract:${fixed}:milestone:${(await milestonesOf(db(), fixed))[0].id}`, `contract:${monthly}:month:2026-12`].sort());
    expect(await billableItems(db(), f, { period: { from: "2030-01-01", to: "2030-12-31" } })).toEqual([]);

    // Another center sees none of it, asked by period or by source.
    expect(await billableItems(db(), finance, { period: year }).then((items) => items.filter((i) => [monthly, fixed, ev.id, (orderResult as { id: string }).id].includes(i.source.id)))).toEqual([]);
    expect(await revenueSchedule(db(), finance, { source: { kind: "contract", id: monthly } })).toEqual([]);
    expect(await revenueSchedule(db(), finance, { source: { kind: "event", id: ev.id } })).toEqual([]);
    expect(await revenueSchedule(db(), finance, { source: { kind: "order", id: (orderResult as { id: string }).id } })).toEqual([]);

    // The day-by-day spread of February is, per span, what amountWithin says, and the month totals agree.
    const febSpans = await revenueSchedule(db(), f, { period: february });
    for (const span of febSpans) {
      expect(sum(dailyAmounts(span, february).map((d) => d.amountFen)), span.key).toBe(amountWithin(span, february));
    }
    const totals = monthlyTotals(all, year);
    for (const slice of monthSlices(year.from, year.to)) {
      const month = slice.from.slice(0, 7);
      expect(totals.get(month) ?? 0, month).toBe(sum(all.map((span) => amountWithin(span, slice))));
    }
    expect(totals.get("2027-02")).toBe(sum(febSpans.map((span) => amountWithin(span, february))));
    expect(sum([...totals.values()])).toBe(sum(all.map((span) => span.amountFen)));
    // Every span's days add up to the span.
    for (const span of all) expect(sum(dailyAmounts(span).map((d) => d.amountFen)), span.key).toBe(span.amountFen);
  });
});
