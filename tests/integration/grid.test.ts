import { beforeAll, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { createOrder, type CreateOrderInput } from "../../app/modules/booking/orders.server";
import { type GridCell, gridCell, type GridRow, MARK, type OccupancyGrid, occupancyGrid } from "../../app/modules/booking/grid.server";
import { setUnitArchived } from "../../app/modules/inventory/units.server";
import type { Scope } from "../../app/modules/auth/scope";
import { loader } from "../../app/routes/orders.grid";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { header, line, makeUnit } from "../support/booking";
import { call } from "../support/routes";

const T0 = "2027-03-01T02:00:00.000Z";
const at = (days: number) => new Date(Date.parse(T0) + days * 86_400_000).toISOString();
/** April 2027: index 0 is 04-01. */
const day = (d: number) => d - 1;

describeEachDb("occupancy grid", ({ db }) => {
  let center: TestCenter;
  let sales: Scope;
  let clientA: string;
  let clientB: string;
  const units: Record<string, string> = {};
  const codes: Record<string, string> = {};
  const orders: Record<string, string> = {};

  const book = async (name: string, scope: Scope, clientId: string, lines: CreateOrderInput["lines"], over: Partial<CreateOrderInput>, now = T0) => {
    const result = await createOrder(db(), scope, { header: header(clientId), lines, intent: "hold", queueIfFull: false, idempotencyKey: newId(), ...over }, now);
    if (!result.ok) throw new Error(`${name}: ${result.message}`);
    orders[name] = result.id;
  };
  const grid = (now = at(1), query: Partial<Parameters<typeof occupancyGrid>[2]> = {}) => occupancyGrid(db(), sales, { month: "2027-04", filter: {}, ...query }, now);
  const row = (g: OccupancyGrid, unit: string): GridRow => {
    const found = g.rows.find((r) => r.id === units[unit]);
    if (!found) throw new Error(`no row for ${unit}`);
    return found;
  };
  const ordersOf = (g: OccupancyGrid, cell: GridCell | null) => (cell?.orders ?? []).map((i) => g.orders[i]);
  /** The unit's cells for the whole month, index 0 = 04-01. */
  const cellsOf = (g: OccupancyGrid, unit: string) => row(g, unit).cells.map((_, i) => gridCell(g, row(g, unit), i));

  beforeAll(async () => {
    center = await makeCenter(db());
    sales = center.users.sales.scope;
    clientA = await makeClient(db(), sales, { name: "城关镇鸿运百货有限公司" });
    clientB = await makeClient(db(), sales, { name: "县人民医院" });
    units.face = await makeUnit(db(), sales);
    units.led = await makeUnit(db(), sales, { medium: "led", capacity: 12 });
    units.lapsed = await makeUnit(db(), sales);
    units.maintenance = await makeUnit(db(), sales, { status: "maintenance", maintenance: { from: "2027-04-20", to: "2027-04-22" } });
    units.permitEnds = await makeUnit(db(), sales, { permit: { start: "2020-01-01", end: "2027-04-15" } });
    units.app = await makeUnit(db(), sales, { medium: "app_splash", capacity: 5 });
    units.archived = await makeUnit(db(), sales);
    for (const [name, id] of Object.entries(units)) {
      codes[name] = (await db().selectFrom("units").select("code").where("id", "=", id).executeTakeFirstOrThrow()).code;
    }

    await book("hold", sales, clientA, [line(units.face, "2027-04-01", "2027-04-10")], {});
    await book("queued", sales, clientB, [line(units.face, "2027-04-08", "2027-04-12")], { queueIfFull: true });
    await book("ledPaid", sales, clientA, [line(units.led, "2027-04-05", "2027-04-06", { quantity: 8 })], { intent: "confirm" });
    await book("ledBonus", sales, clientB, [line(units.led, "2027-04-06", "2027-04-06", { quantity: 4, kind: "bonus" })], { intent: "confirm" });
    // Placed two months earlier: its hold ran out long before the grid is looked at, and nothing has swept it.
    await book("lapsed", sales, clientA, [line(units.lapsed, "2027-04-05", "2027-04-07")], {}, "2027-01-04T02:00:00.000Z");
    await book("app", sales, clientA, [line(units.app, "2027-03-30", "2027-04-02", { quantity: 1 })], { intent: "confirm" });
    await book("archivedOrder", sales, clientA, [line(units.archived, "2027-04-01", "2027-04-03")], { intent: "confirm" });
    const archived = await setUnitArchived(db(), sales, units.archived, true);
    expect(archived.ok).toBe(true);

    // Another center's booking on its own face in the same month.
    const other = await makeCenter(db());
    const otherSales = other.users.sales.scope;
    const otherUnit = await makeUnit(db(), otherSales);
    const otherClient = await makeClient(db(), otherSales);
    await book("otherCenter", otherSales, otherClient, [line(otherUnit, "2027-04-01", "2027-04-30")], { intent: "confirm" });
  });

  it("draws a month of the center's units, archived ones left out", async () => {
    const g = await grid();
    expect(g.days).toHaveLength(30);
    expect(g.days[0]).toEqual({ date: "2027-04-01", day: 1, weekday: 4 });
    expect(g.rows.map((r) => r.id).sort()).toEqual([units.face, units.led, units.lapsed, units.maintenance, units.permitEnds, units.app].sort());
    expect(g.total).toBe(6);
    expect(g.rows.every((r) => r.cells.length === 30)).toBe(true);
    // Sorted by code.
    expect(g.rows.map((r) => r.code)).toEqual([...g.rows.map((r) => r.code)].sort());
    expect(g.orders.map((o) => o.id)).not.toContain(orders.otherCenter);
    expect(g.orders.map((o) => o.id)).not.toContain(orders.archivedOrder);
  });

  it("marks a held static face full and striped for hold, with the queue behind it marked but not counted", async () => {
    const g = await grid();
    const face = cellsOf(g, "face");
    const first = face[day(1)]!;
    expect(first).toMatchObject({ used: 1, fill: 100, marks: MARK.hold });
    expect(ordersOf(g, first)).toEqual([{ id: orders.hold, number: expect.stringMatching(/^DD2027-/), client: "城关镇鸿运百货有限公司", state: "hold" }]);
    // 04-08..04-10: the hold, and the queued order waiting behind it; the hold is the cell's link.
    const shared = face[day(9)]!;
    expect(shared).toMatchObject({ used: 1, fill: 100, marks: MARK.hold | MARK.queued });
    expect(ordersOf(g, shared).map((o) => [o.id, o.state])).toEqual([[orders.hold, "hold"], [orders.queued, "queued"]]);
    // 04-11..04-12: only the queue, which takes nothing.
    expect(face[day(11)]).toMatchObject({ used: 0, fill: 0, marks: MARK.queued });
    expect(face[day(13)]).toBeNull();
  });

  it("fills a shared unit by spots, and marks bonus lines next to paid ones", async () => {
    const g = await grid();
    const led = cellsOf(g, "led");
    expect(led[day(4)]).toBeNull();
    expect(led[day(5)]).toMatchObject({ used: 8, fill: 67, marks: MARK.confirmed });
    const both = led[day(6)]!;
    expect(both).toMatchObject({ used: 12, fill: 100, marks: MARK.confirmed | MARK.bonus });
    expect(ordersOf(g, both).map((o) => o.id).sort()).toEqual([orders.ledPaid, orders.ledBonus].sort());
    // A line that started in March shows from the 1st.
    const app = cellsOf(g, "app");
    expect(app[day(1)]).toMatchObject({ used: 1, fill: 20, marks: MARK.confirmed });
    expect(app[day(3)]).toBeNull();
    // A month-long run of one booking is one entry in the grid's table of cells.
    expect(row(g, "face").cells.slice(day(1), day(7) + 1).every((i) => i === row(g, "face").cells[day(1)])).toBe(true);
  });

  it("shows a lapsed hold as free, before any sweep, and frees every hold once it lapses", async () => {
    const g = await grid();
    expect(cellsOf(g, "lapsed").every((c) => c === null)).toBe(true);
    const state = await db().selectFrom("order_lines").select("state").where("order_id", "=", orders.lapsed).executeTakeFirstOrThrow();
    expect(state.state).toBe("hold");
    expect(g.orders.map((o) => o.id)).not.toContain(orders.lapsed);

    // A week later the face's hold and the queued hold have both run out; confirmed lines stay.
    const later = await grid(at(8));
    expect(cellsOf(later, "face").every((c) => c === null)).toBe(true);
    expect(cellsOf(later, "led")[day(6)]).toMatchObject({ used: 12, fill: 100 });
  });

  it("marks maintenance days and days without a permit unsellable, with the reason", async () => {
    const g = await grid();
    const maintenance = cellsOf(g, "maintenance");
    expect(maintenance[day(19)]).toBeNull();
    expect([20, 21, 22].map((d) => maintenance[day(d)])).toEqual([20, 21, 22].map(() => ({ used: 0, fill: 0, marks: MARK.unsellable, orders: [], reason: "maintenance" })));
    expect(maintenance[day(23)]).toBeNull();
    const permit = cellsOf(g, "permitEnds");
    expect(permit[day(15)]).toBeNull();
    expect(permit[day(16)]).toMatchObject({ marks: MARK.unsellable, reason: "no_permit" });
    expect(permit[day(30)]).toMatchObject({ marks: MARK.unsellable, reason: "no_permit" });
  });

  it("filters by medium, facility type, district and code, and pages", async () => {
    expect((await grid(at(1), { filter: { medium: "led" } })).rows.map((r) => r.id)).toEqual([units.led]);
    expect((await grid(at(1), { filter: { facilityType: "led_screen" } })).rows.map((r) => r.id)).toEqual([units.led]);
    expect((await grid(at(1), { filter: { district: "城关镇" } })).total).toBe(5);
    expect((await grid(at(1), { filter: { q: codes.face.slice(-6).toLowerCase() } })).rows.map((r) => r.id)).toEqual([units.face]);
    const page1 = await grid(at(1), { pageSize: 4 });
    const page2 = await grid(at(1), { pageSize: 4, page: 2 });
    expect([page1.total, page1.rows.length, page2.total, page2.rows.length]).toEqual([6, 4, 6, 2]);
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(6);
  });

  it("serves the page to every role that reads orders, for the month asked, and never another center's rows", async () => {
    const cookie = await cookieFor(db(), center.users.auditor);
    const res = await call(loader, db(), { url: "/orders/grid?month=2027-04&medium=outdoor_static", cookie });
    expect(res.status).toBe(200);
    const body = res.body as { grid: OccupancyGrid; prevMonth: string; nextMonth: string };
    expect([body.grid.month, body.prevMonth, body.nextMonth]).toEqual(["2027-04", "2027-03", "2027-05"]);
    const face = body.grid.rows.find((r) => r.id === units.face)!;
    // The cell links to the order that holds the day.
    expect(body.grid.orders[gridCell(body.grid, face, day(1))!.orders[0]].id).toBe(orders.hold);
    expect(body.grid.rows.every((r) => r.medium === "outdoor_static")).toBe(true);

    const bad = await call(loader, db(), { url: "/orders/grid?month=2027-13&page=x", cookie });
    expect(bad.status).toBe(200);
    expect((bad.body as { grid: OccupancyGrid }).grid.month).toMatch(/^\d{4}-\d{2}$/);

    const outsider = await makeCenter(db());
    const theirs = await call(loader, db(), { url: "/orders/grid?month=2027-04", cookie: await cookieFor(db(), outsider.users.sales) });
    expect((theirs.body as { grid: OccupancyGrid }).grid.rows).toEqual([]);
    expect((await call(loader, db(), { url: "/orders/grid" })).status).toBe(302);
  });
});
