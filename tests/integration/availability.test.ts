import { beforeAll, expect, it } from "vitest";
import { newId } from "../../db/ids";
import * as availabilityRoute from "../../app/routes/orders.availability";
import type { Scope } from "../../app/modules/auth/scope";
import { type AvailabilityFilter, parseAvailabilityFilter } from "../../app/modules/booking/availability-filter";
import { type AvailabilityRow, searchAvailability } from "../../app/modules/booking/availability.server";
import { createOrder, type CreateOrderInput } from "../../app/modules/booking/orders.server";
import { addRateCard } from "../../app/modules/inventory/rate-cards.server";
import { setUnitArchived } from "../../app/modules/inventory/units.server";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { header, line, makeUnit } from "../support/booking";
import { call } from "../support/routes";

const T0 = "2027-03-01T02:00:00.000Z";
const at = (days: number) => new Date(Date.parse(T0) + days * 86_400_000).toISOString();
const FROM = "2027-04-01";
const TO = "2027-04-10";

describeEachDb("availability search", ({ db }) => {
  let center: TestCenter;
  let sales: Scope;
  let clientId: string;
  const u: Record<string, string> = {};

  const book = async (intent: CreateOrderInput["intent"], lines: CreateOrderInput["lines"], now = T0) => {
    const result = await createOrder(db(), sales, { header: header(clientId), lines, intent, queueIfFull: false, idempotencyKey: newId() }, now);
    if (!result.ok) throw new Error(result.message);
  };
  const filter = (over: Partial<AvailabilityFilter> = {}): AvailabilityFilter => ({ from: FROM, to: TO, minFreeDays: 1, minSpots: 1, page: 1, ...over });
  const search = (over: Partial<AvailabilityFilter> = {}, scope = sales, now = T0) => searchAvailability(db(), scope, filter(over), now);
  const byId = (rows: AvailabilityRow[]) => new Map(rows.map((r) => [r.id, r]));

  beforeAll(async () => {
    center = await makeCenter(db());
    sales = center.users.sales.scope;
    clientId = await makeClient(db(), sales);

    u.booked = await makeUnit(db(), sales, { dayPriceFen: 10_000 });
    await book("confirm", [line(u.booked, "2027-04-03", "2027-04-05")]);
    // A new price from the range's first day replaces the old one there, not the day before.
    const card = await addRateCard(db(), sales, u.booked, { effective_from: FROM, basis: "month", price_fen: 300_000, min_days: 0, surcharge_first_bp: 0, surcharge_last_bp: 0, spot_prices: [] });
    if (!card.ok) throw new Error("rate card");

    u.lapsed = await makeUnit(db(), sales, { dayPriceFen: 50_000 });
    await book("hold", [line(u.lapsed, FROM, TO)], at(-30)); // lapsed at day −23

    u.held = await makeUnit(db(), sales);
    await book("hold", [line(u.held, FROM, TO)]);

    u.led = await makeUnit(db(), sales, { medium: "led", capacity: 12 });
    await book("confirm", [line(u.led, "2027-04-01", "2027-04-03", { quantity: 8 })]);
    await book("hold", [line(u.led, "2027-04-03", "2027-04-04", { quantity: 4 })]);

    u.maintenance = await makeUnit(db(), sales, { status: "maintenance", maintenance: { from: "2027-04-02", to: "2027-04-04" } });
    u.permitGap = await makeUnit(db(), sales, { medium: "led", capacity: 6, permit: { start: "2020-01-01", end: "2027-04-06" } });
    u.archived = await makeUnit(db(), sales);
    await setUnitArchived(db(), center.users.admin.scope, u.archived, true);
    u.disabled = await makeUnit(db(), sales, { status: "disabled" });
    u.wechat = await makeUnit(db(), sales, { medium: "wechat_headline" });

    // A different district and a medium-size face (3 m × 2 m = 6 m²).
    u.east = await makeUnit(db(), sales);
    const site = await db().selectFrom("units").select("site_id").where("id", "=", u.east).executeTakeFirstOrThrow();
    await db().updateTable("sites").set({ district: "东坑镇", width_cm: 300, height_cm: 200, facility_type: "wall" }).where("id", "=", site.site_id!).execute();
  });

  it("counts free days and fill over the range from confirmed lines and live holds only", async () => {
    const rows = byId((await search()).rows);
    expect(rows.get(u.booked)).toMatchObject({ freeDays: 7, fillPermille: 300, remaining: null, capacity: 1, capacityUnit: "face" });
    // The lapsed hold takes nothing: all ten days free.
    expect(rows.get(u.lapsed)).toMatchObject({ freeDays: 10, fillPermille: 0 });
    // A live hold over every day leaves nothing: the unit is not listed.
    expect(rows.has(u.held)).toBe(false);
    expect(rows.get(u.wechat)).toMatchObject({ freeDays: 10, fillPermille: 0, medium: "wechat_headline", district: null, sizeClass: null });
  });

  it("gives a shared unit's remaining spots per day, fill to a tenth of a percent, and free days by minimum spots", async () => {
    const led = byId((await search()).rows).get(u.led)!;
    expect(led.remaining).toEqual([4, 4, 0, 8, 12, 12, 12, 12, 12, 12]);
    // (8 × 3 + 4 × 2) / (12 × 10) = 26.67 % → 26.7 %
    expect(led.fillPermille).toBe(267);
    expect(led.freeDays).toBe(9);
    expect(byId((await search({ minSpots: 5 })).rows).get(u.led)?.freeDays).toBe(7);
    expect(byId((await search({ minSpots: 5, minFreeDays: 8 })).rows).has(u.led)).toBe(false);
    // The confirmed 8 spots still count once the hold has lapsed (day 8); the hold's 4 no longer do.
    expect(byId((await search({}, sales, at(8))).rows).get(u.led)?.remaining).toEqual([4, 4, 4, 12, 12, 12, 12, 12, 12, 12]);
  });

  it("does not count maintenance days or days without a permit as free", async () => {
    const rows = byId((await search()).rows);
    expect(rows.get(u.maintenance)?.freeDays).toBe(7);
    const gap = rows.get(u.permitGap)!;
    expect(gap.freeDays).toBe(6);
    expect(gap.remaining).toEqual([6, 6, 6, 6, 6, 6, null, null, null, null]);
    expect(byId((await search({ minFreeDays: 8 })).rows).has(u.permitGap)).toBe(false);
  });

  it("never lists archived or disabled units, nor another center's", async () => {
    const other = await makeCenter(db());
    const foreign = await makeUnit(db(), other.users.sales.scope);
    const mine = (await search()).rows.map((r) => r.id);
    expect(mine).not.toContain(u.archived);
    expect(mine).not.toContain(u.disabled);
    expect(mine).not.toContain(foreign);
    const theirs = await search({}, other.users.sales.scope);
    expect(theirs.rows.map((r) => r.id)).toEqual([foreign]);
  });

  it("sorts by fill, then code, and totals what matched", async () => {
    const result = await search();
    expect(result.total).toBe(result.rows.length);
    expect(result.days).toBe(10);
    const keys = result.rows.map((r) => [r.fillPermille, r.code] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    expect(keys).toEqual(sorted);
    expect(result.rows.at(-1)?.id).toBe(u.booked); // 30 % is the fullest
  });

  it("filters by the price in force on the first day, district, size class, facility and medium", async () => {
    const onFirstDay = byId((await search()).rows).get(u.booked)!;
    expect(onFirstDay.price).toEqual({ basis: "month", priceFen: 300_000 });
    const dayBefore = byId((await search({ from: "2027-03-31" })).rows).get(u.booked)!;
    expect(dayBefore.price).toEqual({ basis: "day", priceFen: 10_000 });

    const pricey = (await search({ priceMinFen: 40_000, priceMaxFen: 300_000 })).rows.map((r) => r.id).sort();
    expect(pricey).toEqual([u.booked, u.lapsed].sort());
    expect((await search({ priceMaxFen: 9_999 })).rows).toEqual([]);

    expect((await search({ district: "东坑镇" })).rows.map((r) => r.id)).toEqual([u.east]);
    expect((await search({ sizeClass: "medium" })).rows.map((r) => r.id)).toEqual([u.east]);
    expect((await search({ facilityType: "wall" })).rows.map((r) => r.id)).toEqual([u.east]);
    expect((await search({ sizeClass: "large" })).rows.map((r) => r.id)).not.toContain(u.east);
    const leds = (await search({ medium: "led" })).rows.map((r) => r.id).sort();
    expect(leds).toEqual([u.led, u.permitGap].sort());
  });

  it("answers sales with the page, read-only roles without the order buttons, and sends strangers to log in", async () => {
    const query = `/orders/availability?from=${FROM}&to=${TO}&medium=led`;
    const ok = await call(availabilityRoute.loader, db(), { url: query, cookie: await cookieFor(db(), center.users.sales) });
    expect(ok.status).toBe(200);
    const body = ok.body as Awaited<ReturnType<typeof availabilityRoute.loader>>;
    expect(body.canCreate).toBe(true);
    expect(body.result?.rows.map((r) => r.id).sort()).toEqual([u.led, u.permitGap].sort());

    const finance = await call(availabilityRoute.loader, db(), { url: query, cookie: await cookieFor(db(), center.users.finance) });
    expect(finance.status).toBe(200);
    expect((finance.body as typeof body).canCreate).toBe(false);

    const bad = await call(availabilityRoute.loader, db(), { url: "/orders/availability?from=2027-01-01&to=2028-06-01", cookie: await cookieFor(db(), center.users.sales) });
    expect(bad.status).toBe(200);
    expect((bad.body as typeof body).result).toBeNull();
    expect((bad.body as typeof body).errors[0]).toContain("最长一年");

    const anonymous = await call(availabilityRoute.loader, db(), { url: query });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?next=${encodeURIComponent(query)}`);
  });

  it("pages by 50, and a page past the end shows the last page", async () => {
    const other = await makeCenter(db());
    const scope = other.users.sales.scope;
    for (let i = 0; i < 51; i++) await makeUnit(db(), scope, { medium: "wechat_secondary" });
    const first = await search({}, scope);
    expect([first.total, first.rows.length, first.page]).toEqual([51, 50, 1]);
    const second = await search({ page: 2 }, scope);
    expect([second.rows.length, second.page]).toEqual([1, 2]);
    expect(first.rows.map((r) => r.id)).not.toContain(second.rows[0].id);
    expect((await search({ page: 9 }, scope)).page).toBe(2);
  });

  it("reads the page's own parameters end to end", async () => {
    const parsed = parseAvailabilityFilter(new URLSearchParams(`from=${FROM}&to=${TO}&minSpots=5&medium=led`), "2027-03-01");
    if (!parsed.ok) throw new Error(parsed.errors.join());
    expect((await searchAvailability(db(), sales, parsed.filter, T0)).rows.map((r) => [r.id, r.freeDays])).toEqual([[u.permitGap, 6], [u.led, 7]]);
  });
});
