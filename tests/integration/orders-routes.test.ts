import { beforeAll, expect, it } from "vitest";
import * as orderList from "../../app/routes/orders._index";
import * as orderNew from "../../app/routes/orders.new";
import * as orderDetail from "../../app/routes/orders.$id";
import * as home from "../../app/routes/_index";
import { newId } from "../../db/ids";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { makeUnit } from "../support/booking";
import { call } from "../support/routes";

describeEachDb("order screens", ({ db }) => {
  let center: TestCenter;
  let salesCookie: string;
  let clientName: string;
  let unitCode: string;
  let unitId: string;

  const form = (over: Record<string, string> = {}) => ({
    idempotency_key: newId(), client: clientName, title: "春季促销", product: "XX 牌家电", ad_category: "general", approval_number: "", terms: "",
    unit: unitCode, start_date: "2027-04-01", end_date: "2027-04-30", quantity: "1", kind: "paid", daypart: "", seconds: "", position: "", discount: "10", net: "", content: "主画面",
    intent: "hold", ...over,
  });
  const orderCount = async () => Number((await db().selectFrom("orders").select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", center.id).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    center = await makeCenter(db());
    salesCookie = await cookieFor(db(), center.users.sales);
    const clientId = await makeClient(db(), center.users.sales.scope, { name: `测试客户${newId().slice(-6)}` });
    clientName = (await db().selectFrom("clients").select("name").where("id", "=", clientId).executeTakeFirstOrThrow()).name;
    unitId = await makeUnit(db(), center.users.sales.scope, { dayPriceFen: 20_000 });
    unitCode = (await db().selectFrom("units").select("code").where("id", "=", unitId).executeTakeFirstOrThrow()).code;
  });

  it("refuses bad input with Chinese messages, a 400 and nothing stored", async () => {
    const before = await orderCount();
    const bad = await call(orderNew.action, db(), { url: "/orders/new", cookie: salesCookie, form: form({ client: "不存在的客户", end_date: "2027-02-30", unit: "NOPE" }) });
    expect(bad.status).toBe(400);
    const body = bad.body as { errors: Record<string, string>; lineErrors: { message: string }[] };
    expect(body.errors.client).toContain("不存在的客户");
    expect(body.lineErrors[0].message).toContain("不是有效日期");
    const noKey = await call(orderNew.action, db(), { url: "/orders/new", cookie: salesCookie, form: form({ idempotency_key: "" }) });
    expect(noKey.status).toBe(400);
    expect(await orderCount()).toBe(before);
  });

  it("creates a hold, answers a resubmitted form with the same order, and refuses a clash with 409 naming the unit", async () => {
    const post = form();
    const first = await call(orderNew.action, db(), { url: "/orders/new", cookie: salesCookie, form: post });
    expect(first.status).toBe(302);
    const location = first.headers.get("Location")!;
    expect(location).toMatch(/^\/orders\/\w+\?done=created$/);
    const again = await call(orderNew.action, db(), { url: "/orders/new", cookie: salesCookie, form: post });
    expect(again.headers.get("Location")).toBe(location.replace("created", "existing"));

    const clash = await call(orderNew.action, db(), { url: "/orders/new", cookie: salesCookie, form: form({ start_date: "2027-04-30", end_date: "2027-05-02" }) });
    expect(clash.status).toBe(409);
    expect((clash.body as { message: string }).message).toContain(unitCode);
    expect((clash.body as { message: string }).message).toContain("2027-04-30");

    const id = location.split("/")[2].split("?")[0];
    const detail = await call(orderDetail.loader, db(), { url: location, cookie: salesCookie, params: { id } });
    const data = detail.body as Awaited<ReturnType<typeof orderDetail.loader>>;
    expect(data.order.stage).toBe("hold");
    expect(data.order.list_fen).toBe(30 * 20_000);
    expect(data.order.net_fen).toBe(30 * 18_000);
    expect(data.mayChange).toBe(true);

    const list = await call(orderList.loader, db(), { url: "/orders?stage=hold", cookie: salesCookie });
    expect((list.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toContain(id);
    const homePage = await call(home.loader, db(), { url: "/", cookie: salesCookie });
    expect((homePage.body as Awaited<ReturnType<typeof home.loader>>).summary.myHolds?.map((h) => h.id)).toContain(id);
  });

  it("shows queued holds as 第2顺位, 第3顺位 in the order they queued, and moves them up on cancel", async () => {
    const dates = { start_date: "2027-08-01", end_date: "2027-08-05" };
    const make = async (queue: boolean) => {
      const r = await call(orderNew.action, db(), { url: "/orders/new", cookie: salesCookie, form: form({ ...dates, ...(queue ? { queue_if_full: "1" } : {}) }) });
      expect(r.status).toBe(302);
      return r.headers.get("Location")!.split("/")[2].split("?")[0];
    };
    const [first, second, third] = [await make(false), await make(true), await make(true)];
    const place = async (id: string) => ((await call(orderDetail.loader, db(), { url: `/orders/${id}`, cookie: salesCookie, params: { id } })).body as Awaited<ReturnType<typeof orderDetail.loader>>).lines[0];
    expect((await place(second)).queuePlace).toBe(2);
    expect((await place(third)).queuePlace).toBe(3);
    expect((await call(orderDetail.action, db(), { url: `/orders/${first}`, cookie: salesCookie, params: { id: first }, form: { intent: "cancel", reason: "客户改期" } })).status).toBe(302);
    expect((await place(second)).state).toBe("hold");
    expect((await place(third)).queuePlace).toBe(2);
  });

  it("runs the order's actions for its owner only, with 404 across centers and 403 for read-only roles", async () => {
    const made = await call(orderNew.action, db(), { url: "/orders/new", cookie: salesCookie, form: form({ start_date: "2027-06-01", end_date: "2027-06-10", ad_category: "drug" }) });
    const id = made.headers.get("Location")!.split("/")[2].split("?")[0];
    const act = (cookie: string, fields: Record<string, string>) => call(orderDetail.action, db(), { url: `/orders/${id}`, cookie, params: { id }, form: fields });

    const refused = await act(salesCookie, { intent: "confirm" });
    expect(refused.status).toBe(400);
    expect((refused.body as { message: string }).message).toContain("广告审查批准文号");

    const finance = await act(await cookieFor(db(), center.users.finance), { intent: "cancel", reason: "x" });
    expect(finance.status).toBe(403);

    const stranger = await makeCenter(db());
    const foreign = await call(orderDetail.loader, db(), { url: `/orders/${id}`, cookie: await cookieFor(db(), stranger.users.sales), params: { id } });
    expect(foreign.status).toBe(404);
    const foreignPost = await act(await cookieFor(db(), stranger.users.sales), { intent: "confirm" });
    expect(foreignPost.status).toBe(404);

    const detail = (await call(orderDetail.loader, db(), { url: `/orders/${id}`, cookie: salesCookie, params: { id } })).body as Awaited<ReturnType<typeof orderDetail.loader>>;
    const header = { intent: "header", updated_at: detail.order.updated_at, client: clientName, title: "春季促销", product: "XX 药", ad_category: "drug", approval_number: "X药广审（文）第2027040001号", terms: "" };
    expect((await act(salesCookie, { ...header, updated_at: "stale" })).status).toBe(409);
    expect((await act(salesCookie, header)).status).toBe(302);
    expect((await act(salesCookie, { intent: "cancel", reason: "" })).status).toBe(400);
    expect((await act(salesCookie, { intent: "confirm" })).status).toBe(302);
    const confirmed = (await call(orderDetail.loader, db(), { url: `/orders/${id}`, cookie: salesCookie, params: { id } })).body as Awaited<ReturnType<typeof orderDetail.loader>>;
    expect(confirmed.order.stage).toBe("confirmed");
    expect(confirmed.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["created", "updated", "confirmed"]));

    const line = confirmed.lines[0];
    const change = await act(salesCookie, { intent: "line-save", line_id: line.id, updated_at: confirmed.order.updated_at, unit: unitCode, start_date: "2027-06-01", end_date: "2027-06-05", quantity: "1", kind: "paid", daypart: "", seconds: "", position: "", discount: "", net: "800", content: "" });
    expect(change.status).toBe(302);
    const after = (await call(orderDetail.loader, db(), { url: `/orders/${id}`, cookie: salesCookie, params: { id } })).body as Awaited<ReturnType<typeof orderDetail.loader>>;
    expect(after.order.net_fen).toBe(80_000);
    expect(after.order.end_date).toBe("2027-06-05");
    expect((await act(salesCookie, { intent: "cancel", reason: "客户预算调整" })).status).toBe(302);
  });
});
