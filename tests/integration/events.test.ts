import { beforeAll, expect, it } from "vitest";
import * as eventCalendar from "../../app/routes/events.calendar";
import * as eventDetail from "../../app/routes/events.$id";
import * as eventEdit from "../../app/routes/events.$id_.edit";
import * as eventList from "../../app/routes/events._index";
import * as eventNew from "../../app/routes/events.new";
import { hashPassword } from "../../app/modules/auth/password.server";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import { insertUser } from "../../app/modules/centers/centers.server";
import { seedDemoEvents } from "../../app/modules/events/demo";
import type { EventFormValues } from "../../app/modules/events/event-form";
import { addSponsor, createEvent, getEvent, listEvents, setEventStatus } from "../../app/modules/events/events.server";
import { dailyAmounts } from "../../app/modules/income/seam";
import { billableItems, revenueSchedule } from "../../app/modules/income/sources.server";
import { newId } from "../../db/ids";
import type { Role } from "../../db/schema";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, PASSWORD, type TestCenter, type TestUser } from "../support/factory";
import { call } from "../support/routes";

const EVENT_FORM = {
  title: "全县广场舞大赛",
  type: "match",
  venue: "人民广场",
  starts_at: "2030-05-01T08:30",
  ends_at: "2030-05-01T17:00",
  budget: "60000",
  notes: "",
  category_id: "",
};

function values(ownerId: string, over: Partial<EventFormValues> = {}): EventFormValues {
  return { title: "测试活动", type: "gala", venue: "县剧院", starts_at: "2030-06-01T19:30", ends_at: "2030-06-01T21:30", owner_id: ownerId, category_id: "", budget: 0, notes: "", ...over };
}

type Errors = { errors: Record<string, string> };

describeEachDb("events", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let sales: TestUser;
  let secondSales: TestUser;
  const cookies = {} as Record<Role | "secondSales" | "otherSales", string>;
  let clientName: string;
  let clientId: string;
  let otherClientName: string;

  const createdId = (location: string | null) => location!.split("?")[0].split("/").pop()!;
  const eventRow = (id: string) => db().selectFrom("events").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const auditOf = (entityId: string) => db().selectFrom("audit_log").selectAll().where("entity_id", "=", entityId).orderBy("at").orderBy("id").execute();
  const count = async (table: "events" | "event_sponsors", centerId: string) =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", centerId).executeTakeFirstOrThrow()).n);
  const newEvent = async (over: Partial<EventFormValues> = {}) => {
    const result = await createEvent(db(), sales.scope, values(sales.id, over));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.id;
  };
  const post = (id: string, cookie: string, form: Record<string, string>) => call(eventDetail.action, db(), { url: `/events/${id}`, cookie, params: { id }, form });

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    sales = center.users.sales;
    const username = `${center.code}-sales2`;
    const id = await insertUser(db(), center.id, { username, displayName: "二号销售", role: "sales", passwordHash: await hashPassword(PASSWORD) });
    secondSales = { id, username, role: "sales", scope: { centerId: center.id, userId: id, role: "sales" } };
    for (const role of Object.keys(center.users) as Role[]) cookies[role] = await cookieFor(db(), center.users[role]);
    cookies.secondSales = await cookieFor(db(), secondSales);
    cookies.otherSales = await cookieFor(db(), other.users.sales);
    clientName = `青山茶业${newId().slice(-6)}`;
    clientId = await makeClient(db(), sales.scope, { name: clientName });
    otherClientName = `外中心客户${newId().slice(-6)}`;
    await makeClient(db(), other.users.sales.scope, { name: otherClientName });
  });

  it("creates an event from the form in the 活动策划执行 category, owned by the salesperson, and audits it", async () => {
    const result = await call(eventNew.action, db(), { url: "/events/new", cookie: cookies.sales, form: { ...EVENT_FORM, owner_id: sales.id, budget: "60,000.50" } });
    expect(result.status).toBe(302);
    const id = createdId(result.headers.get("Location"));
    const row = await eventRow(id);
    expect(row).toMatchObject({ center_id: center.id, title: "全县广场舞大赛", type: "match", status: "planning", owner_id: sales.id, budget_fen: 6_000_050, starts_at: "2030-05-01T08:30" });
    expect(row.category_id).toBe(await categoryIdByCode(db(), sales.scope, "event"));
    const trail = await auditOf(id);
    expect(trail.map((a) => [a.entity, a.action])).toEqual([["event", "create"]]);
    expect(JSON.parse(trail[0].after_json!)).toMatchObject({ budget_fen: 6_000_050 });
  });

  it("answers bad input with 400 and Chinese messages, and stores nothing", async () => {
    const before = await count("events", center.id);
    const result = await call(eventNew.action, db(), {
      url: "/events/new",
      cookie: cookies.sales,
      form: { ...EVENT_FORM, owner_id: sales.id, title: "", ends_at: "2030-05-01T08:00", budget: "-1" },
    });
    expect(result.status).toBe(400);
    expect((result.body as Errors).errors).toEqual({ title: "请填写活动名称", ends_at: "结束时间不能早于开始时间", budget: "预算不能为负数" });
    const foreignOwner = await call(eventNew.action, db(), { url: "/events/new", cookie: cookies.sales, form: { ...EVENT_FORM, owner_id: other.users.sales.id } });
    expect(foreignOwner.status).toBe(400);
    expect((foreignOwner.body as Errors).errors.owner_id).toBe("负责人须是本中心在职的用户");
    const foreignCategory = await categoryIdByCode(db(), other.users.admin.scope, "event");
    const badCategory = await call(eventNew.action, db(), { url: "/events/new", cookie: cookies.sales, form: { ...EVENT_FORM, owner_id: sales.id, category_id: foreignCategory! } });
    expect((badCategory.body as Errors).errors.category_id).toBe("请选择一个可用的收入类别");
    expect(await count("events", center.id)).toBe(before);
  });

  it("refuses a stale edit with 409 and keeps the newer data; the budget change is audited", async () => {
    const id = await newEvent({ budget: 100_00 });
    const { updated_at } = await eventRow(id);
    const edit = (title: string, budget: string) =>
      call(eventEdit.action, db(), { url: `/events/${id}/edit`, cookie: cookies.sales, params: { id }, form: { ...EVENT_FORM, owner_id: sales.id, title, budget, updated_at } });
    expect((await edit("第一次修改", "250.00")).status).toBe(302);
    const stale = await edit("第二个标签页", "999");
    expect(stale.status).toBe(409);
    expect((stale.body as Errors).errors.form).toBe("该记录已被他人修改，请刷新页面后重新编辑");
    expect(await eventRow(id)).toMatchObject({ title: "第一次修改", budget_fen: 25_000 });
    const trail = await auditOf(id);
    expect(trail.map((a) => a.action)).toEqual(["create", "update"]);
    expect(JSON.parse(trail[1].before_json!).budget_fen).toBe(10_000);
    expect(JSON.parse(trail[1].after_json!).budget_fen).toBe(25_000);
  });

  it("answers 404 for another center's event, in the loaders and the actions", async () => {
    const id = await newEvent();
    expect(await getEvent(db(), other.users.sales.scope, id)).toBeUndefined();
    const opts = { url: `/events/${id}`, cookie: cookies.otherSales, params: { id } };
    expect((await call(eventDetail.loader, db(), opts)).status).toBe(404);
    expect((await call(eventEdit.loader, db(), opts)).status).toBe(404);
    expect((await call(eventEdit.action, db(), { ...opts, form: { ...EVENT_FORM, owner_id: other.users.sales.id, updated_at: (await eventRow(id)).updated_at } })).status).toBe(404);
    expect((await post(id, cookies.otherSales, { intent: "sponsor-add", client: otherClientName, package: "冠名", amount: "100" })).status).toBe(404);
    expect((await post(id, cookies.otherSales, { intent: "status", to: "confirmed" })).status).toBe(404);
    expect(await count("event_sponsors", center.id)).toBe(0);
    expect((await eventRow(id)).status).toBe("planning");
  });

  it("lets everyone read, only sales create, and only the owner change an event", async () => {
    const id = await newEvent();
    for (const role of ["admin", "sales", "finance", "manager", "auditor"] as const) {
      expect((await call(eventList.loader, db(), { url: "/events", cookie: cookies[role] })).status, role).toBe(200);
      expect((await call(eventDetail.loader, db(), { url: `/events/${id}`, cookie: cookies[role], params: { id } })).status, role).toBe(200);
      expect((await call(eventCalendar.loader, db(), { url: "/events/calendar", cookie: cookies[role] })).status, role).toBe(200);
    }
    const before = await count("events", center.id);
    for (const role of ["admin", "finance", "manager", "auditor"] as const) {
      expect((await call(eventNew.loader, db(), { url: "/events/new", cookie: cookies[role] })).status, role).toBe(403);
      expect((await call(eventNew.action, db(), { url: "/events/new", cookie: cookies[role], form: { ...EVENT_FORM, owner_id: center.users[role].id } })).status, role).toBe(403);
      expect((await post(id, cookies[role], { intent: "status", to: "confirmed" })).status, role).toBe(403);
    }
    expect(await count("events", center.id)).toBe(before);
    // Another salesperson of the same center reads it but may not change it.
    const opts = { url: `/events/${id}/edit`, cookie: cookies.secondSales, params: { id } };
    expect((await call(eventEdit.loader, db(), opts)).status).toBe(403);
    expect((await call(eventEdit.action, db(), { ...opts, form: { ...EVENT_FORM, owner_id: secondSales.id, updated_at: (await eventRow(id)).updated_at } })).status).toBe(403);
    expect((await post(id, cookies.secondSales, { intent: "sponsor-add", client: clientName, package: "冠名", amount: "100" })).status).toBe(403);
    const detail = await call(eventDetail.loader, db(), { url: `/events/${id}`, cookie: cookies.secondSales, params: { id } });
    expect((detail.body as { mayEdit: boolean }).mayEdit).toBe(false);
    expect((await eventRow(id)).title).toBe("测试活动");
    // Handing the event over makes the new owner the one who may change it.
    const handover = await call(eventEdit.action, db(), {
      url: `/events/${id}/edit`, cookie: cookies.sales, params: { id }, form: { ...EVENT_FORM, owner_id: secondSales.id, updated_at: (await eventRow(id)).updated_at },
    });
    expect(handover.status).toBe(302);
    expect((await call(eventEdit.loader, db(), opts)).status).toBe(200);
    expect((await call(eventEdit.loader, db(), { ...opts, cookie: cookies.sales })).status).toBe(403);
  });

  it("keeps an event whose responsible person is a manager open to every salesperson", async () => {
    const id = await newEvent({ owner_id: center.users.manager.id });
    for (const cookie of [cookies.sales, cookies.secondSales]) {
      expect((await call(eventEdit.loader, db(), { url: `/events/${id}/edit`, cookie, params: { id } })).status).toBe(200);
    }
    expect((await post(id, cookies.secondSales, { intent: "sponsor-add", client: clientName, package: "协办", amount: "500" })).status).toBe(302);
    // The manager reads it but still may not change it.
    expect((await post(id, cookies.manager, { intent: "sponsor-add", client: clientName, package: "协办", amount: "500" })).status).toBe(403);
    expect(await db().selectFrom("event_sponsors").select("amount_fen").where("event_id", "=", id).execute()).toEqual([{ amount_fen: 50_000 }]);
  });

  it("adds, changes and removes sponsors in fen, with every amount audited and the total in the detail", async () => {
    const id = await newEvent();
    const added = await post(id, cookies.sales, { intent: "sponsor-add", client: clientName, package: "冠名", amount: "12,800.50" });
    expect(added.status).toBe(302);
    await post(id, cookies.sales, { intent: "sponsor-add", client: clientName, package: "展位", amount: "0.10" });
    const sponsors = await db().selectFrom("event_sponsors").selectAll().where("event_id", "=", id).orderBy("amount_fen", "desc").execute();
    expect(sponsors.map((s) => [s.client_id, s.package, Number(s.amount_fen)])).toEqual([[clientId, "冠名", 1_280_050], [clientId, "展位", 10]]);

    const zero = await post(id, cookies.sales, { intent: "sponsor-add", client: clientName, package: "协办", amount: "0" });
    expect(zero.status).toBe(400);
    expect((zero.body as Errors).errors.amount).toBe("赞助金额须大于 0");
    const foreign = await post(id, cookies.sales, { intent: "sponsor-add", client: otherClientName, package: "协办", amount: "100" });
    expect(foreign.status).toBe(400);
    expect((foreign.body as Errors).errors.client).toContain(otherClientName);
    expect(await db().selectFrom("event_sponsors").select("id").where("event_id", "=", id).execute()).toHaveLength(2);

    const [big, small] = sponsors;
    const changed = await post(id, cookies.sales, { intent: "sponsor-save", sponsor_id: big.id, updated_at: big.updated_at, client: clientName, package: "冠名", amount: "15000" });
    expect(changed.status).toBe(302);
    const stale = await post(id, cookies.sales, { intent: "sponsor-save", sponsor_id: big.id, updated_at: big.updated_at, client: clientName, package: "冠名", amount: "1" });
    expect(stale.status).toBe(409);
    expect((await post(id, cookies.sales, { intent: "sponsor-remove", sponsor_id: small.id })).status).toBe(302);

    const bigTrail = await auditOf(big.id);
    expect(bigTrail.map((a) => [a.entity, a.action])).toEqual([["event_sponsor", "create"], ["event_sponsor", "update"]]);
    expect(JSON.parse(bigTrail[1].before_json!).amount_fen).toBe(1_280_050);
    expect(JSON.parse(bigTrail[1].after_json!).amount_fen).toBe(1_500_000);
    const smallTrail = await auditOf(small.id);
    expect(smallTrail.map((a) => a.action)).toEqual(["create", "delete"]);
    expect(JSON.parse(smallTrail[1].before_json!).amount_fen).toBe(10);

    const asManager = await call(eventDetail.loader, db(), { url: `/events/${id}`, cookie: cookies.manager, params: { id } });
    const body = asManager.body as { sponsorFen: number; sponsors: unknown[]; history: { entity: string; actionLabel: string; changes: { field: string; to: string }[] }[] };
    expect(body.sponsorFen).toBe(1_500_000);
    expect(body.sponsors).toHaveLength(1);
    // The trail on the event page includes the removed sponsorship, in words.
    expect(body.history.filter((h) => h.entity === "event_sponsor").map((h) => h.actionLabel)).toEqual(["删除", "修改", "新建", "新建"]);
    expect(body.history.find((h) => h.actionLabel === "修改")!.changes).toContainEqual({ field: "amount_fen", label: "金额", from: "¥12,800.50", to: "¥15,000.00" });
    const asSales = await call(eventDetail.loader, db(), { url: `/events/${id}`, cookie: cookies.sales, params: { id } });
    expect((asSales.body as { history: unknown }).history).toBeNull();
  });

  it("cancels only with a reason, keeps the reason, freezes sponsors, and completes only after the start", async () => {
    const id = await newEvent({ starts_at: "2099-01-01T10:00", ends_at: "2099-01-01T12:00" });
    const confirm = await post(id, cookies.sales, { intent: "status", to: "confirmed", updated_at: (await eventRow(id)).updated_at });
    expect(confirm.status).toBe(302);
    const early = await post(id, cookies.sales, { intent: "status", to: "done" });
    expect(early.status).toBe(409);
    expect((early.body as Errors).errors.form).toBe("活动 2099-01-01 才开始，开始前不能标记为已完成");
    const noReason = await post(id, cookies.sales, { intent: "status", to: "cancelled", reason: " " });
    expect(noReason.status).toBe(400);
    expect((noReason.body as Errors).errors.reason).toBe("请填写取消原因");
    expect((await eventRow(id)).status).toBe("confirmed");
    expect((await post(id, cookies.sales, { intent: "status", to: "cancelled", reason: "场地改作防汛物资仓库" })).status).toBe(302);
    expect((await eventRow(id)).status).toBe("cancelled");
    const detail = await call(eventDetail.loader, db(), { url: `/events/${id}`, cookie: cookies.auditor, params: { id } });
    expect((detail.body as { cancelReason: string }).cancelReason).toBe("场地改作防汛物资仓库");
    const frozen = await post(id, cookies.sales, { intent: "sponsor-add", client: clientName, package: "冠名", amount: "100" });
    expect(frozen.status).toBe(409);
    expect((frozen.body as Errors).errors.form).toBe("活动已取消，不能修改赞助；如需继续，请先恢复活动");
    const skip = await post(id, cookies.sales, { intent: "status", to: "done" });
    expect((skip.body as Errors).errors.form).toBe("活动状态为“已取消”，不能改为“已完成”，请刷新页面");
    expect((await post(id, cookies.sales, { intent: "status", to: "planning" })).status).toBe(302);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["create", "confirm", "cancel", "restore"]);

    const past = await newEvent({ starts_at: "2020-01-01T10:00", ends_at: "2020-01-01T12:00" });
    await setEventStatus(db(), sales.scope, past, "confirmed", { today: "2020-01-01" });
    expect(await setEventStatus(db(), sales.scope, past, "done", { today: "2020-01-01" })).toEqual({ ok: true, id: past });
  });

  it("lists the center's events with filters, sponsor counts and totals", async () => {
    const c = await makeCenter(db());
    const s = c.users.sales.scope;
    const client = await makeClient(db(), s);
    const make = async (over: Partial<EventFormValues>) => {
      const r = await createEvent(db(), s, values(c.users.sales.id, over));
      if (!r.ok) throw new Error("not created");
      return r.id;
    };
    const may = await make({ title: "五月晚会", starts_at: "2031-05-30T19:00", ends_at: "2031-06-01T21:00", budget: 5_000_00 });
    const june = await make({ title: "六月展会", type: "expo", starts_at: "2031-06-10T09:00", ends_at: "2031-06-10T17:00" });
    const july = await make({ title: "七月直播", type: "live", starts_at: "2031-07-01T20:00", ends_at: "2031-07-01T22:00", budget: 1_00 });
    await addSponsor(db(), s, may, { client_id: client, package: "冠名", amount: 300_00 });
    await addSponsor(db(), s, may, { client_id: client, package: "协办", amount: 45 });
    await addSponsor(db(), s, july, { client_id: client, package: "特约", amount: 1_000_00 });
    await setEventStatus(db(), s, june, "confirmed", { today: "2031-01-01" });

    const all = await listEvents(db(), s);
    expect(all.rows.map((r) => r.title)).toEqual(["七月直播", "六月展会", "五月晚会"]);
    expect(all.rows.map((r) => [r.sponsor_count, r.sponsor_fen])).toEqual([[1, 1_000_00], [0, 0], [2, 300_45]]);
    expect(all.sums).toEqual({ budgetFen: 5_001_00, sponsorFen: 1_300_45 });
    // June overlaps the May gala that runs into June 1st.
    const juneList = await call(eventList.loader, db(), { url: "/events?month=2031-06", cookie: await cookieFor(db(), c.users.sales) });
    expect((juneList.body as { rows: { title: string }[] }).rows.map((r) => r.title)).toEqual(["五月晚会", "六月展会"]);
    expect((await listEvents(db(), s, { status: "confirmed" })).rows.map((r) => r.id)).toEqual([june]);
    expect((await listEvents(db(), s, { type: "live" })).rows.map((r) => r.id)).toEqual([july]);
    expect((await listEvents(db(), s, { q: "展会" })).rows.map((r) => r.id)).toEqual([june]);
    expect((await listEvents(db(), s, { ownerId: c.users.admin.id })).total).toBe(0);
    expect((await listEvents(db(), other.users.sales.scope, { q: "五月晚会" })).total).toBe(0);
  });

  it("gives billing one item per sponsorship of non-cancelled events over the period, and the revenue schedule their days", async () => {
    const c = await makeCenter(db());
    const s = c.users.sales.scope;
    const a = await makeClient(db(), s);
    const b = await makeClient(db(), s);
    const make = async (title: string, starts_at: string, ends_at: string) => {
      const r = await createEvent(db(), s, values(c.users.sales.id, { title, starts_at, ends_at }));
      if (!r.ok) throw new Error("not created");
      return r.id;
    };
    const inside = await make("三月末晚会", "2032-03-31T20:00", "2032-04-02T22:00");
    const edge = await make("三月初展会", "2032-03-01T00:00", "2032-03-01T01:00");
    const cancelled = await make("取消的活动", "2032-03-10T10:00", "2032-03-10T12:00");
    const after = await make("四月活动", "2032-04-01T00:00", "2032-04-01T02:00");
    const s1 = (await addSponsor(db(), s, edge, { client_id: a, package: "冠名", amount: 1_000_00 })) as { id: string };
    const s2 = (await addSponsor(db(), s, inside, { client_id: b, package: "展位", amount: 5_01 })) as { id: string };
    await addSponsor(db(), s, cancelled, { client_id: a, package: "冠名", amount: 9_999_00 });
    const s4 = (await addSponsor(db(), s, after, { client_id: a, package: "冠名", amount: 7_00 })) as { id: string };
    await setEventStatus(db(), s, cancelled, "cancelled", { reason: "天气", today: "2032-01-01" });
    const other2 = await makeCenter(db());
    const categoryId = await categoryIdByCode(db(), s, "event");
    const item = (eventId: string, title: string, sponsorId: string, clientId: string, pkg: string, amountFen: number, from: string, to: string) => ({
      key: `event:${eventId}:sponsor:${sponsorId}`,
      source: { kind: "event", id: eventId, label: title },
      clientId,
      categoryId,
      vatItemCode: "3040302000000000000",
      taxIncluded: true,
      description: `${title} ${pkg}`,
      amountFen,
      serviceFrom: from,
      serviceTo: to,
      billableOn: from,
    });

    const march = { from: "2032-03-01", to: "2032-03-31" };
    expect(await billableItems(db(), s, { period: march })).toEqual([
      item(edge, "三月初展会", s1.id, a, "冠名", 1_000_00, "2032-03-01", "2032-03-01"),
      item(inside, "三月末晚会", s2.id, b, "展位", 5_01, "2032-03-31", "2032-04-02"),
    ]);
    // The cancelled event yields nothing, even asked for by name.
    expect(await billableItems(db(), s, { source: { kind: "event", id: cancelled } })).toEqual([]);
    // The event running over the month end earns a third of its sponsorship on each of its days.
    const spans = await revenueSchedule(db(), s, { source: { kind: "event", id: inside } });
    expect(spans).toEqual([
      { key: `event:${inside}:sponsor:${s2.id}`, source: { kind: "event", id: inside, label: "三月末晚会" }, clientId: b, categoryId, ownerId: c.users.sales.id, earned: true, taxIncluded: true, amountFen: 5_01, from: "2032-03-31", to: "2032-04-02" },
    ]);
    expect(dailyAmounts(spans[0])).toEqual([
      { date: "2032-03-31", amountFen: 167 },
      { date: "2032-04-01", amountFen: 167 },
      { date: "2032-04-02", amountFen: 167 },
    ]);
    const april = await revenueSchedule(db(), s, { period: { from: "2032-04-01", to: "2032-04-30" } });
    expect(april.map((r) => r.key)).toEqual([`event:${inside}:sponsor:${s2.id}`, `event:${after}:sponsor:${s4.id}`]);
    expect(await billableItems(db(), other2.users.finance.scope, { period: { from: "2032-01-01", to: "2032-12-31" } })).toEqual([]);
  });

  it("loads only the calendar's visible weeks, with the Shanghai wall clock as now", async () => {
    const c = await makeCenter(db());
    const s = c.users.sales.scope;
    for (const [starts_at, ends_at] of [
      ["2033-04-26T10:00", "2033-04-26T12:00"], // in the first drawn week (from Monday 04-25)
      ["2033-04-24T10:00", "2033-04-24T12:00"], // the Sunday before it: not drawn
      ["2033-05-31T23:00", "2033-06-01T01:00"],
      ["2033-06-06T09:00", "2033-06-06T10:00"], // after the last visible Sunday (06-05): outside
    ]) {
      await createEvent(db(), s, values(c.users.sales.id, { title: starts_at, starts_at, ends_at }));
    }
    const result = await call(eventCalendar.loader, db(), { url: "/events/calendar?view=month&date=2033-05-15", cookie: await cookieFor(db(), c.users.sales) });
    const body = result.body as { rows: { title: string }[]; range: { from: string; to: string }; now: string };
    expect(body.range).toEqual({ from: "2033-04-25", to: "2033-06-05" });
    expect(body.rows.map((r) => r.title)).toEqual(["2033-04-26T10:00", "2033-05-31T23:00"]);
    expect(body.now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });

  it("seeds six demo events with sponsors around a given day", async () => {
    const c = await makeCenter(db());
    const clients = [await makeClient(db(), c.users.sales.scope), await makeClient(db(), c.users.sales.scope)];
    const ids = await seedDemoEvents(db(), c.users.admin.scope, { clientIds: clients, ownerIds: [c.users.sales.id], today: "2034-05-10" });
    expect(ids).toHaveLength(6);
    const list = await listEvents(db(), c.users.sales.scope);
    expect(new Set(list.rows.map((r) => r.status))).toEqual(new Set(["planning", "confirmed", "done", "cancelled"]));
    const items = await billableItems(db(), c.users.finance.scope, { period: { from: "2034-01-01", to: "2034-12-31" } });
    expect(items.length).toBeGreaterThan(5);
    expect(items.every((i) => i.source.kind === "event" && clients.includes(i.clientId) && i.amountFen > 0)).toBe(true);
  });
});
