import { beforeAll, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import { newId } from "../../db/ids";
import type { Scope } from "../../app/modules/auth/scope";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import type { SiteFormValues } from "../../app/modules/inventory/site-form";
import { addPermit, createSite } from "../../app/modules/inventory/sites.server";
import { REMINDER_KINDS } from "../../app/modules/notify/kinds";
import { reminderMessages } from "../../app/modules/notify/messages.server";
import type { QueuedMessage } from "../../app/modules/notify/outbox.server";
import { factTotals } from "../../app/modules/analytics/facts-query.server";
import { createOrder } from "../../app/modules/booking/orders.server";
import { createCredit } from "../../app/modules/billing/credits.server";
import { lineMoney } from "../../app/modules/billing/tax";
import { amountWithin } from "../../app/modules/income/seam";
import { earnedBetween } from "../../app/modules/revenue/recognised-between.server";
import { addSubsidy, subsidyCategories } from "../../app/modules/revenue/subsidies.server";
import { billableClient, billingWorld, billsOf, confirmedOrder, generate, issue, linesOf, ORDER_NOW } from "../support/billing";
import { insertBill } from "../support/bills-direct";
import { header, line, makeUnit } from "../support/booking";
import { contractParty, monthlyContract, signedContract } from "../support/contracts";
import { categoryIds, insertDashFacts, insertHold } from "../support/dashboard-facts";
import { describeEachDb } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";
import { insertTarget } from "../support/report-facts";

// A Monday after the 5th: every kind that waits for a day of the week or month is due.
const TODAY = "2026-04-06";
const NOW = "2026-04-06T01:00:00.000Z"; // 09:00 Beijing
const TUESDAY = "2026-04-07";
const TUESDAY_NOW = "2026-04-07T01:00:00.000Z";

let seq = 0;
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}${(seq++).toString(36)}`;

async function makeSite(db: AppDb, scope: Scope): Promise<string> {
  const values: SiteFormValues = {
    code: uniq("S"), name: "城关大道单立柱", facility_type: "unipole", address: "城关镇城关大道 1 号", district: "城关镇", latitude: null, longitude: null,
    width_m: 1200, height_m: 400, illuminated: 1, traffic_notes: "",
  };
  const result = await createSite(db, scope, values);
  if (!result.ok) throw new Error(`site not created: ${JSON.stringify(result.errors)}`);
  return result.id;
}

async function permit(db: AppDb, scope: Scope, endDate: string): Promise<{ id: string; siteId: string; number: string }> {
  const siteId = await makeSite(db, scope);
  const number = uniq("XK");
  const result = await addPermit(db, scope, siteId, { number, authority: "县城管局", start_date: addDays(TODAY, -400), end_date: endDate });
  if (!result.ok) throw new Error(`permit not added: ${JSON.stringify(result.errors)}`);
  return { id: result.id, siteId, number };
}

async function payment(db: AppDb, centerId: string, clientId: string, receivedOn: string, amountFen: number, reversedOn: string | null = null): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto("payments")
    .values({
      id: newId(), center_id: centerId, client_id: clientId, received_on: receivedOn, amount_fen: amountFen, method: "transfer", payer: "付款单位", reference: "",
      notes: "", reversed_on: reversedOn, reversal_reason: reversedOn ? "退回" : "", idempotency_key: null, created_by: null, created_at: now, updated_at: now,
    })
    .execute();
}

const byKind = (messages: QueuedMessage[], kind: string) => messages.filter((m) => m.kind === kind);

it("lists every reminder kind once with a Chinese label and an audience", () => {
  expect(REMINDER_KINDS.map((k) => k.kind)).toEqual([
    "hold_expiring", "hold_promoted", "approval_missing", "permit_expiring", "lease_expiring", "maintenance_overdue", "overdue_bills", "payments_yesterday", "month_not_closed", "weekly_digest",
  ]);
  for (const k of REMINDER_KINDS) expect(k.label).toMatch(/[\u4e00-\u9fff]/);
});

describeEachDb("reminder messages", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let clientName: string;
  let soon: { id: string; number: string };
  let later: { id: string; number: string };
  let near: { id: string; siteId: string; number: string };
  let far: { id: string; siteId: string; number: string };
  let bill31: { id: string; number: string | null };
  let otherHold: { id: string; number: string };
  let otherPermit: { id: string };

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    const sales = center.users.sales;
    clientName = `客户${uniq("c")}`;
    const clientId = await makeClient(db(), sales.scope, { name: clientName });
    soon = await insertHold(db(), center.id, { clientId, ownerId: sales.id, expiresAt: "2026-04-07T01:00:00.000Z", title: "春季投放" });
    later = await insertHold(db(), center.id, { clientId, ownerId: sales.id, expiresAt: "2026-04-09T01:00:00.000Z" }); // 72 hours out
    near = await permit(db(), center.users.admin.scope, addDays(TODAY, 25));
    far = await permit(db(), center.users.admin.scope, addDays(TODAY, 70));
    await permit(db(), center.users.admin.scope, addDays(TODAY, 120)); // beyond 90 days
    await payment(db(), center.id, clientId, "2026-04-05", 123_450);
    await payment(db(), center.id, clientId, "2026-04-05", 10_000);
    await payment(db(), center.id, clientId, "2026-04-05", 77_700, "2026-04-05"); // reversed: not income
    await payment(db(), center.id, clientId, "2026-04-04", 50_000); // the day before yesterday
    bill31 = await insertBill(db(), center.id, { clientId, issueDate: "2026-02-04", dueDate: addDays(TODAY, -31), totalFen: 212_000 });
    await insertBill(db(), center.id, { clientId, issueDate: "2026-02-03", dueDate: addDays(TODAY, -32), totalFen: 99_000 }); // entered 31–60 yesterday
    const cat = await categoryIds(db(), center.id);
    await insertDashFacts(db(), center.id, [
      { month: "2026-04", categoryId: cat["tech.ops"], amountFen: 3_000_000 },
      { month: "2026-04", categoryId: cat["traditional.radio"], amountFen: 1_000_000 },
      { month: "2026-04", categoryId: cat.subsidy, amountFen: 9_000_000, earned: false },
      { month: "2026-01", categoryId: cat["tech.ops"], amountFen: 500_000 },
      { month: "2025-12", categoryId: cat["tech.ops"], amountFen: 7_000_000 }, // last year
    ]);
    await insertTarget(db(), center.id, { year: 2026, subject: "total", amountFen: 9_000_000, by: center.users.manager.id });

    // Another center with facts of every kind: none may appear.
    const otherClient = await makeClient(db(), other.users.sales.scope, { name: "他中心客户" });
    otherHold = await insertHold(db(), other.id, { clientId: otherClient, ownerId: other.users.sales.id, expiresAt: "2026-04-07T02:00:00.000Z" });
    otherPermit = await permit(db(), other.users.admin.scope, addDays(TODAY, 20));
    await payment(db(), other.id, otherClient, "2026-04-05", 999_900);
    const otherCat = await categoryIds(db(), other.id);
    await insertDashFacts(db(), other.id, [{ month: "2026-04", categoryId: otherCat["tech.ops"], amountFen: 88_800_000 }]);
  });

  it("holds expiring within 48 hours, naming the order, client and owner", async () => {
    const holds = byKind(await reminderMessages(db(), { centerId: center.id }, TODAY, NOW), "hold_expiring");
    expect(holds.map((m) => m.dedupeKey)).toEqual([`hold_expiring:${soon.id}:2026-04-07T01:00:00.000Z`]);
    expect(holds[0].title).toBe(`预留即将到期：${soon.number}`);
    expect(holds[0].body).toContain(`订单：${soon.number}（春季投放）`);
    expect(holds[0].body).toContain(`客户：${clientName}`);
    expect(holds[0].body).toContain("负责人：sales用户");
    expect(holds[0].body).toContain("到期时间：2026-04-07 09:00");
    expect(holds.some((m) => m.body.includes(later.number))).toBe(false);
  });

  it("permits by the 30/60/90-day threshold they have crossed, the same key until the next one", async () => {
    const permits = byKind(await reminderMessages(db(), { centerId: center.id }, TODAY, NOW), "permit_expiring");
    expect(permits.map((m) => m.dedupeKey)).toEqual([`permit_expiring:${near.id}:30`, `permit_expiring:${far.id}:90`]);
    expect(permits[0].title).toMatch(/^设置许可 30 天内到期：S-/);
    expect(permits[0].body).toContain(`许可证号：${near.number}`);
    expect(permits[0].body).toContain("到期日期：2026-05-01（剩余 25 天）");
    const tomorrow = byKind(await reminderMessages(db(), { centerId: center.id }, TUESDAY, TUESDAY_NOW), "permit_expiring");
    expect(tomorrow.map((m) => m.dedupeKey)).toEqual([`permit_expiring:${near.id}:30`, `permit_expiring:${far.id}:90`]);
  });

  it("landlord leases by the 30/60/90-day threshold they have crossed, and not those further out", async () => {
    const lease = (siteId: string, endDate: string) => ({
      id: newId(), center_id: center.id, site_id: siteId, lessor: "城关镇经济合作社", annual_rent_fen: 3_600_000, start_date: addDays(TODAY, -300), end_date: endDate,
      payment_terms: "", created_at: NOW, updated_at: NOW,
    });
    const soonLease = lease(near.siteId, addDays(TODAY, 55));
    await db().insertInto("leases").values([soonLease, lease(far.siteId, addDays(TODAY, 200))]).execute();
    const leases = byKind(await reminderMessages(db(), { centerId: center.id }, TODAY, NOW), "lease_expiring");
    expect(leases.map((m) => m.dedupeKey)).toEqual([`lease_expiring:${soonLease.id}:60`]);
    expect(leases[0].title).toMatch(/^场地租约 60 天内到期：S-/);
    expect(leases[0].body).toContain("出租方：城关镇经济合作社");
    expect(leases[0].body).toContain("年租金：¥36,000.00");
    expect(leases[0].body).toContain(`到期日期：${addDays(TODAY, 55)}（剩余 55 天）`);
    expect(byKind(await reminderMessages(db(), { centerId: other.id }, TODAY, NOW), "lease_expiring")).toEqual([]);
  });

  it("payments received yesterday, not reversed ones nor other days'", async () => {
    const [message, ...rest] = byKind(await reminderMessages(db(), { centerId: center.id }, TODAY, NOW), "payments_yesterday");
    expect(rest).toEqual([]);
    expect(message.dedupeKey).toBe("payments_yesterday:2026-04-05");
    expect(message.title).toBe("昨日收款 ¥1,334.50（2026-04-05）");
    expect(message.body).toContain("共 2 笔，合计 ¥1,334.50");
    expect(message.body).toContain(`${clientName}：¥1,234.50`);
    expect(message.body).toContain(`${clientName}：¥100.00`);
    expect(message.body).not.toContain("¥777.00");
  });

  it("overdue bills that entered a bucket today, in one digest, when no digest was queued before", async () => {
    const [message, ...rest] = byKind(await reminderMessages(db(), { centerId: center.id }, TODAY, NOW), "overdue_bills");
    expect(rest).toEqual([]);
    expect(message.dedupeKey).toBe(`overdue_bills:${TODAY}`);
    expect(message.title).toBe(`逾期账款新增 1 笔（${TODAY}）`);
    expect(message.body).toContain("今日新进入逾期区间的账单 1 笔，未收合计 ¥2,120.00");
    expect(message.body).toContain(`${bill31.number} ${clientName}：未收 ¥2,120.00，到期 2026-03-06，逾期 31 天，进入「31–60天」`);
  });

  it("last month not closed from the 6th on, until it is closed", async () => {
    const messages = byKind(await reminderMessages(db(), { centerId: center.id }, TODAY, NOW), "month_not_closed");
    expect(messages.map((m) => [m.dedupeKey, m.title])).toEqual([["month_not_closed:2026-03", "2026-03 尚未关账"]]);
    expect(messages[0].body).toContain("已关账至：尚无关账月份");
    expect(byKind(await reminderMessages(db(), { centerId: center.id }, "2026-04-05", "2026-04-05T01:00:00.000Z"), "month_not_closed")).toEqual([]);
    const closed = await makeCenter(db());
    await db().updateTable("revenue_closings").set({ closed_through: "2026-03", closed_at: NOW, closed_by: closed.users.finance.id }).where("center_id", "=", closed.id).execute();
    expect(await db().selectFrom("revenue_closings").select("closed_through").where("center_id", "=", closed.id).executeTakeFirst()).toEqual({ closed_through: "2026-03" });
    expect(byKind(await reminderMessages(db(), { centerId: closed.id }, TODAY, NOW), "month_not_closed")).toEqual([]);
  });

  it("the weekly digest on Mondays counts days, not month facts: facts of the whole month are not the month so far; the year against its target", async () => {
    const [message, ...rest] = byKind(await reminderMessages(db(), { centerId: center.id }, TODAY, NOW), "weekly_digest");
    expect(rest).toEqual([]);
    expect(message.dedupeKey).toBe("weekly_digest:2026-04-06");
    expect(message.title).toBe("每周收入简报（2026-03-30 至 04-05）");
    expect(message.body).not.toContain("本月至今");
    expect(message.body).not.toContain("收入按月确认");
    // April's facts were written by hand, with no income behind them: no day of them is counted.
    expect(message.body).toContain("上周（03-30–04-05）确认创收：¥0.00");
    expect(message.body).toContain("本月（2026-04-01 至 04-05）确认创收：¥0.00");
    expect(message.body).toContain("2026 年累计创收（按月确认，含 2026-04 全月，与首页看板一致）：¥45,000.00");
    // 120 of 365 days counted: 32.9 %.
    expect(message.body).toContain("年度目标：¥90,000.00，完成 50.0%（时间进度 32.9%）");
    expect(byKind(await reminderMessages(db(), { centerId: center.id }, TUESDAY, TUESDAY_NOW), "weekly_digest")).toEqual([]);
  });

  it("gives the same messages on a re-run, and nothing of another center", async () => {
    const first = await reminderMessages(db(), { centerId: center.id }, TODAY, NOW);
    const second = await reminderMessages(db(), { centerId: center.id }, TODAY, "2026-04-06T03:00:00.000Z");
    expect(second.map((m) => m.dedupeKey)).toEqual(first.map((m) => m.dedupeKey));
    expect(new Set(first.map((m) => m.dedupeKey)).size).toBe(first.length);
    const text = JSON.stringify(first);
    for (const foreign of [otherHold.id, otherHold.number, otherPermit.id, "他中心客户", "¥9,999.00", "888,000"]) expect(text).not.toContain(foreign);
    const theirs = await reminderMessages(db(), { centerId: other.id }, TODAY, NOW);
    expect(byKind(theirs, "hold_expiring").map((m) => m.dedupeKey)).toEqual([`hold_expiring:${otherHold.id}:2026-04-07T02:00:00.000Z`]);
    expect(JSON.stringify(theirs)).not.toContain(clientName);
  });
  it("a promotion to first place made yesterday (Beijing), an unfiled approval number 3 days ahead, a unit still in maintenance", async () => {
    const c = await makeCenter(db());
    const sales = c.users.sales;
    const clientId = await makeClient(db(), sales.scope, { name: "康宁保健" });
    const promoted = await insertHold(db(), c.id, { clientId, ownerId: sales.id, expiresAt: "2026-04-20T01:00:00.000Z" });
    const event = (at: string) => ({ id: newId(), center_id: c.id, order_id: promoted.id, line_id: null, user_id: null, at, kind: "promoted", detail: "U1 2026-05-01 至 2026-05-31 升为第一顺位" });
    const yesterdayEvent = event("2026-04-04T16:30:00.000Z"); // 2026-04-05 00:30 Beijing
    await db().insertInto("order_events").values([yesterdayEvent, event("2026-04-05T16:30:00.000Z") /* today in Beijing */, event("2026-04-04T15:59:00.000Z") /* the day before */]).execute();
    const regulated = await insertHold(db(), c.id, { clientId, ownerId: sales.id, expiresAt: "2026-04-20T01:00:00.000Z", title: "保健品投放" });
    await db().updateTable("orders").set({ ad_category: "health_food", start_date: "2026-04-09", end_date: "2026-04-30" }).where("id", "=", regulated.id).execute();
    const filed = await insertHold(db(), c.id, { clientId, ownerId: sales.id, expiresAt: "2026-04-20T01:00:00.000Z" });
    await db().updateTable("orders").set({ ad_category: "health_food", approval_number: "京食健广审（视）第123号", start_date: "2026-04-09", end_date: "2026-04-30" }).where("id", "=", filed.id).execute();
    const unitId = await makeUnit(db(), c.users.admin.scope, { status: "maintenance", maintenance: { from: "2026-03-01", to: "2026-04-05" } });
    await makeUnit(db(), c.users.admin.scope, { status: "maintenance", maintenance: { from: "2026-03-01", to: "2026-04-06" } }); // ends today: not yet past

    const messages = await reminderMessages(db(), { centerId: c.id }, TODAY, NOW);
    const promotedMessages = byKind(messages, "hold_promoted");
    expect(promotedMessages.map((m) => [m.dedupeKey, m.title])).toEqual([[`hold_promoted:${yesterdayEvent.id}`, `预留已升为第一顺位：${promoted.number}`]]);
    expect(promotedMessages[0].body).toContain("客户：康宁保健");
    expect(promotedMessages[0].body).toContain("负责人：sales用户");
    const approval = byKind(messages, "approval_missing");
    expect(approval.map((m) => [m.dedupeKey, m.title])).toEqual([[`approval_missing:${regulated.id}:2026-04-09`, `广告审查批准文号未补：${regulated.number}`]]);
    expect(approval[0].body).toContain("开始日期：2026-04-09");
    const maintenance = byKind(messages, "maintenance_overdue");
    expect(maintenance.map((m) => m.dedupeKey)).toEqual([`maintenance_overdue:${unitId}:2026-04-05`]);
    expect(maintenance[0].title).toMatch(/^维护期已过仍未恢复：U/);
    expect(maintenance[0].body).toContain("维护期：2026-03-01 至 2026-04-05");
  });

  it("overdue bills: every bill that entered a bucket since the last digest queued (any robot), once, with the highest bucket", async () => {
    const c = await makeCenter(db());
    const clientId = await makeClient(db(), c.users.sales.scope, { name: "逾期客户" });
    const overdue = async (days: number, totalFen: number) => (await insertBill(db(), c.id, { clientId, issueDate: "2026-01-02", dueDate: addDays(TODAY, -days), totalFen })).number;
    const today31 = await overdue(31, 100_00); // enters 31–60 today
    const yesterday31 = await overdue(32, 200_00); // entered 31–60 yesterday
    await overdue(33, 300_00); // entered 31–60 on the day of the last digest: reported then
    const yesterday61 = await overdue(62, 400_00); // entered 61–90 yesterday (31–60 long ago)
    await overdue(63, 500_00); // entered 61–90 on the day of the last digest
    const digest = async () => byKind(await reminderMessages(db(), { centerId: c.id }, TODAY, NOW), "overdue_bills");

    // No digest before: today's entries only.
    const [alone] = await digest();
    expect(alone.body).toContain(`${today31} 逾期客户`);
    expect(alone.body).not.toContain(`${yesterday31} `);
    expect(alone.title).toBe(`逾期账款新增 1 笔（${TODAY}）`);

    // One older than the lookback does not count either.
    const robotId = newId();
    await db().insertInto("robots").values({ id: robotId, center_id: c.id, name: "财务群", kind: "wecom", webhook_url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test", secret: "", disabled: 0, owner_id: null, created_at: NOW, updated_at: NOW }).execute();
    const queued = (day: string, kind = "overdue_bills", centerId = c.id) => ({
      id: newId(), center_id: centerId, robot_id: robotId, kind, dedupe_key: `${kind}:${day}`, title: "逾期账款新增", body: "", status: "sent" as const, attempts: 1,
      next_attempt_at: NOW, claimed_by: null, claimed_until: null, last_error: "", created_at: NOW, sent_at: NOW,
    });
    await db().insertInto("outbox").values([queued(addDays(TODAY, -31)), queued(addDays(TODAY, -1), "payments_yesterday")]).execute();
    expect((await digest())[0].body).toBe(alone.body);

    // A digest two days ago: yesterday's entries too, each bill once, with the bucket it entered.
    await db().insertInto("outbox").values(queued(addDays(TODAY, -2))).execute();
    const [message, ...rest] = await digest();
    expect(rest).toEqual([]);
    expect(message.dedupeKey).toBe(`overdue_bills:${TODAY}`);
    expect(message.title).toBe(`逾期账款新增 3 笔（${TODAY}）`);
    expect(message.body).toContain("2026-04-05 至今新进入逾期区间的账单 3 笔，未收合计 ¥700.00");
    expect(message.body).toContain(`${today31} 逾期客户：未收 ¥100.00，到期 ${addDays(TODAY, -31)}，逾期 31 天，进入「31–60天」`);
    expect(message.body).toContain(`${yesterday31} 逾期客户：未收 ¥200.00，到期 ${addDays(TODAY, -32)}，逾期 32 天，进入「31–60天」`);
    expect(message.body).toContain(`${yesterday61} 逾期客户：未收 ¥400.00，到期 ${addDays(TODAY, -62)}，逾期 62 天，进入「61–90天」`);
    expect(message.body).not.toContain("¥300.00");
    expect(message.body).not.toContain("¥500.00");

    // Today's own digest, once queued, does not shorten a re-run today.
    await db().insertInto("outbox").values(queued(TODAY)).execute();
    expect(await digest()).toEqual([message]);
    // Another center's digests are not this center's.
    const elsewhere = await makeCenter(db());
    const theirs = await makeClient(db(), elsewhere.users.sales.scope, { name: "他处客户" });
    await insertBill(db(), elsewhere.id, { clientId: theirs, issueDate: "2026-01-02", dueDate: addDays(TODAY, -32), totalFen: 200_00 });
    expect(byKind(await reminderMessages(db(), { centerId: elsewhere.id }, TODAY, NOW), "overdue_bills")).toEqual([]);
  });

  it("the weekly digest from real income: last week's and the month's days, tech vs traditional, without non-earned income, less a credit issued in the week", async () => {
    const w = await billingWorld(db());
    const scope = { centerId: w.center.id };
    const week = { from: "2026-03-30", to: "2026-04-05" };
    const monthSoFar = { from: "2026-04-01", to: "2026-04-05" };
    const net = (fen: number) => lineMoney(fen, true, 600).net_fen;

    // Traditional: a newspaper position over the week, billed and issued, then ¥500.00 credited on 2026-04-02.
    const clientId = await billableClient(db(), w.sales);
    const paper = await makeUnit(db(), w.sales, { medium: "newspaper", dayPriceFen: 100_000_00 });
    const ordered = await createOrder(
      db(), w.sales,
      { header: header(clientId), lines: [line(paper, "2026-03-25", "2026-04-14", { deal: { netFen: 21_000_07 } })], intent: "confirm", queueIfFull: false, idempotencyKey: newId() },
      ORDER_NOW,
    );
    expect(ordered.ok).toBe(true);
    await generate(db(), w.finance, "2026-03-31", { today: "2026-03-31" });
    const [bill] = await billsOf(db(), w.center.id, clientId);
    await issue(db(), w.finance, bill.id, "2026-03-26");
    const [billed] = await linesOf(db(), bill.id);
    expect(Number(billed.net_fen)).toBe(net(21_000_07));
    const credit = await createCredit(db(), w.finance, bill.id, { reason: "销售折让", issueDate: "2026-04-02", lines: [{ originalLineId: billed.id, amountFen: 500_00 }] });
    expect(credit.ok).toBe(true);
    const paperSpan = { amountFen: net(21_000_07), from: "2026-03-25", to: "2026-04-14" };

    // Tech: a monthly operations fee; outdoor: a face over the week (counted in the total only).
    const ops = await contractParty(db(), w.sales, "tech.ops");
    await signedContract(db(), w.sales, monthlyContract(ops, { signed_on: "2026-02-20", start_date: "2026-03-01", end_date: "2026-06-30", monthly_fee_fen: 800_000 }), { approver: w.manager, start: true });
    const outdoorClient = await billableClient(db(), w.sales);
    await confirmedOrder(db(), w.sales, outdoorClient, [{ from: "2026-03-20", to: "2026-04-10", netFen: 9_999_99 }]);
    const outdoorSpan = { amountFen: net(9_999_99), from: "2026-03-20", to: "2026-04-10" };
    const month = (m: string) => ({ amountFen: net(800_000), from: `${m}-01`, to: m === "2026-03" ? "2026-03-31" : "2026-04-30" });

    // Not earned: a live-streaming fee in a category the center marks as not earned, and a subsidy received in the week.
    const live = await contractParty(db(), w.sales, "tech.live");
    await db().updateTable("revenue_categories").set({ is_earned: 0 }).where("id", "=", live.categoryId).execute();
    await signedContract(db(), w.sales, monthlyContract(live, { signed_on: "2026-02-20", start_date: "2026-03-01", end_date: "2026-06-30", monthly_fee_fen: 5_000_000 }), { approver: w.manager, start: true });
    const [subsidyCategory] = await subsidyCategories(db(), w.finance);
    expect((await addSubsidy(db(), w.finance, { category_id: subsidyCategory.id, received_on: "2026-04-01", grantor: "县财政局", amount: "300000", note: "" })).ok).toBe(true);

    const creditNet = net(500_00);
    const traditional = { week: amountWithin(paperSpan, week) - creditNet, month: amountWithin(paperSpan, monthSoFar) - creditNet };
    const tech = { week: amountWithin(month("2026-03"), week) + amountWithin(month("2026-04"), week), month: amountWithin(month("2026-04"), monthSoFar) };
    const outdoor = { week: amountWithin(outdoorSpan, week), month: amountWithin(outdoorSpan, monthSoFar) };
    expect(traditional.week).toBeGreaterThan(0);
    expect(tech.week).toBeGreaterThan(tech.month);

    const [message] = byKind(await reminderMessages(db(), scope, TODAY, NOW), "weekly_digest");
    const fen = (n: number) => `¥${(n / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    const lines = message.body.split("\n");
    expect(lines).toContain(`- 上周（03-30–04-05）确认创收：${fen(traditional.week + tech.week + outdoor.week)}`);
    expect(lines[2]).toBe(`- 其中科技服务：${fen(tech.week)}；传统媒体：${fen(traditional.week)}`);
    expect(lines).toContain(`- 本月（2026-04-01 至 04-05）确认创收：${fen(traditional.month + tech.month + outdoor.month)}`);
    expect(lines[4]).toBe(`- 其中科技服务：${fen(tech.month)}；传统媒体：${fen(traditional.month)}`);
    expect(lines).toContain("- 年度目标：未设定");

    // Over a whole month the same reading gives the month's earned facts, kept by the services.
    const april = await earnedBetween(db(), scope, { from: "2026-04-01", to: "2026-04-30" });
    const facts = await factTotals(db(), scope, { from: "2026-04", to: "2026-04", earned: true }, ["group"]);
    expect(april.totalFen).toBe(facts.reduce((s, g) => s + Number(g.amount_fen), 0));
    for (const g of facts) expect(april.byGroup.get(g.report_group!) ?? 0).toBe(Number(g.amount_fen));
  });
});
