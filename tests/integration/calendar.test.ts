import { beforeAll, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { createOrder, type CreateOrderInput } from "../../app/modules/booking/orders.server";
import type { BookingEvent } from "../../app/modules/booking/calendar-filter";
import { bookingEvents } from "../../app/modules/booking/calendar.server";
import { insertUser } from "../../app/modules/centers/centers.server";
import type { Scope } from "../../app/modules/auth/scope";
import { loader } from "../../app/routes/calendar._index";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { header, line, makeUnit } from "../support/booking";
import { call } from "../support/routes";

// Orders are placed "now" as the calendar sees them: holds run a week from the real clock.
const NOW = new Date().toISOString();
const LONG_AGO = new Date(Date.now() - 60 * 86_400_000).toISOString();

interface CalendarBody {
  events: BookingEvent[];
  truncated: boolean;
  date: string;
  view: string;
  range: { from: string; to: string };
}

describeEachDb("bookings calendar", ({ db }) => {
  let center: TestCenter;
  let sales: Scope;
  let sales2: Scope;
  let cookie: string;
  const units: Record<string, string> = {};
  const codes: Record<string, string> = {};
  const orders: Record<string, string> = {};
  const numbers: Record<string, string> = {};

  const book = async (name: string, scope: Scope, clientId: string, lines: CreateOrderInput["lines"], over: Partial<CreateOrderInput> = {}, now = NOW) => {
    const result = await createOrder(db(), scope, { header: header(clientId), lines, intent: "hold", queueIfFull: false, idempotencyKey: newId(), ...over }, now);
    if (!result.ok) throw new Error(`${name}: ${result.message}`);
    orders[name] = result.id;
    numbers[name] = (await db().selectFrom("orders").select("number").where("id", "=", result.id).executeTakeFirstOrThrow()).number;
  };
  const calendar = async (query: string, as = cookie) => {
    const res = await call(loader, db(), { url: `/calendar?${query}`, cookie: as });
    expect(res.status).toBe(200);
    return res.body as CalendarBody;
  };
  const orderIds = (body: CalendarBody) => body.events.map((e) => e.orderId).sort();
  const idsOf = (...names: string[]) => names.map((n) => orders[n]).sort();

  beforeAll(async () => {
    center = await makeCenter(db());
    sales = center.users.sales.scope;
    const secondId = await insertUser(db(), center.id, { username: `${center.code}-sales2`, displayName: "第二销售", role: "sales", passwordHash: "not-used" });
    sales2 = { centerId: center.id, userId: secondId, role: "sales" };
    cookie = await cookieFor(db(), center.users.manager);
    const hongyun = await makeClient(db(), sales, { name: "城关镇鸿运百货有限公司" });
    const hospital = await makeClient(db(), sales, { name: "县人民医院" });
    units.face = await makeUnit(db(), sales);
    units.led = await makeUnit(db(), sales, { medium: "led", capacity: 12 });
    units.spare = await makeUnit(db(), sales);
    for (const [name, id] of Object.entries(units)) {
      codes[name] = (await db().selectFrom("units").select("code").where("id", "=", id).executeTakeFirstOrThrow()).code;
    }
    await book("hold", sales, hongyun, [line(units.face, "2027-04-01", "2027-04-10")]);
    await book("queued", sales, hospital, [line(units.face, "2027-04-08", "2027-04-12")], { queueIfFull: true });
    await book("confirmed", sales, hongyun, [line(units.led, "2027-04-05", "2027-04-06", { quantity: 8 })], { intent: "confirm" });
    await book("bonus", sales2, hospital, [line(units.led, "2027-04-20", "2027-04-21", { quantity: 2, kind: "bonus" })], { intent: "confirm" });
    await book("lapsed", sales, hongyun, [line(units.spare, "2027-04-14", "2027-04-16")], {}, LONG_AGO);
    await book("march", sales, hospital, [line(units.spare, "2027-03-01", "2027-03-03")], { intent: "confirm" });

    const other = await makeCenter(db());
    const otherUnit = await makeUnit(db(), other.users.sales.scope);
    const otherClient = await makeClient(db(), other.users.sales.scope, { name: "城关镇鸿运百货有限公司" });
    await book("otherCenter", other.users.sales.scope, otherClient, [line(otherUnit, "2027-04-01", "2027-04-30")], { intent: "confirm" });
  });

  it("sends the month's taking lines as date strings, holds apart from confirmed, queued and lapsed left out", async () => {
    const body = await calendar("date=2027-04-15&view=month");
    expect(body.range).toEqual({ from: "2027-03-29", to: "2027-05-02" });
    expect(orderIds(body)).toEqual(idsOf("hold", "confirmed", "bonus"));
    const hold = body.events.find((e) => e.orderId === orders.hold)!;
    expect(hold).toEqual({ orderId: orders.hold, title: `${codes.face} 城关镇鸿运百货 · ${numbers.hold}`, start: "2027-04-01", end: "2027-04-10", state: "hold", paid: true });
    expect(body.events.find((e) => e.orderId === orders.confirmed)).toMatchObject({ state: "confirmed", paid: true, start: "2027-04-05", end: "2027-04-06" });
    expect(body.events.find((e) => e.orderId === orders.bonus)).toMatchObject({ state: "confirmed", paid: false, title: `${codes.led} 县人民医院 · ${numbers.bonus}` });
    expect(body.truncated).toBe(false);
  });

  it("fetches only what the view shows", async () => {
    expect(orderIds(await calendar("date=2027-04-21&view=week"))).toEqual(idsOf("bonus"));
    // The week of Monday 2027-04-05 holds the end of the face's hold and the LED booking.
    expect(orderIds(await calendar("date=2027-04-11&view=week"))).toEqual(idsOf("hold", "confirmed"));
    expect(orderIds(await calendar("date=2027-03-01&view=month"))).toEqual(idsOf("hold", "march"));
    expect(orderIds(await calendar("date=2027-04-11&view=agenda"))).toEqual(idsOf("bonus"));
    expect((await calendar("date=2027-06-01&view=month")).events).toEqual([]);
  });

  it("filters by sales rep, client, medium and unit on the server", async () => {
    const month = "date=2027-04-15&view=month";
    expect(orderIds(await calendar(`${month}&owner=${sales2.userId}`))).toEqual(idsOf("bonus"));
    expect(orderIds(await calendar(`${month}&owner=${sales.userId}`))).toEqual(idsOf("hold", "confirmed"));
    expect(orderIds(await calendar(`${month}&client=${encodeURIComponent("人民医院")}`))).toEqual(idsOf("bonus"));
    expect(orderIds(await calendar(`${month}&client=${encodeURIComponent("鸿运")}`))).toEqual(idsOf("hold", "confirmed"));
    expect(orderIds(await calendar(`${month}&medium=led`))).toEqual(idsOf("confirmed", "bonus"));
    expect(orderIds(await calendar(`${month}&medium=outdoor_static`))).toEqual(idsOf("hold"));
    expect(orderIds(await calendar(`${month}&unit=${codes.face.slice(-5).toLowerCase()}`))).toEqual(idsOf("hold"));
  });

  it("answers odd parameters with a calendar, never an error, and never shows another center", async () => {
    const odd = await calendar("date=2027-02-31&view=year&medium=cinema&owner=nobody");
    expect(odd.view).toBe("month");
    expect(odd.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(odd.events).toEqual([]);
    const all = await calendar("date=2027-04-15&view=month&client=%E9%B8%BF%E8%BF%90");
    expect(all.events.map((e) => e.orderId)).not.toContain(orders.otherCenter);
    const outsider = await makeCenter(db());
    expect((await calendar("date=2027-04-15&view=month", await cookieFor(db(), outsider.users.auditor))).events).toEqual([]);
    expect((await call(loader, db(), { url: "/calendar" })).status).toBe(302);
  });

  it("stops at the cap, earliest first, and says there are more", async () => {
    const window = { from: "2027-03-01", to: "2027-04-30", filter: {} };
    const capped = await bookingEvents(db(), sales, { ...window, cap: 2 }, NOW);
    expect(capped.events.map((e) => e.start)).toEqual(["2027-03-01", "2027-04-01"]);
    expect(capped.truncated).toBe(true);
    expect((await bookingEvents(db(), sales, { ...window, cap: 3 }, NOW)).events.map((e) => e.start)).toEqual(["2027-03-01", "2027-04-01", "2027-04-05"]);
    const all = await bookingEvents(db(), sales, { ...window, cap: 4 }, NOW);
    expect([all.events.length, all.truncated]).toEqual([4, false]);
  });
});
