// The generated bookings must be data the app could have written: no unit-day over capacity
// (whichever holds still count), totals that match the lines, gapless numbers the app continues,
// and queues that really wait behind a live hold. generateDataset only fills an empty database,
// so each dialect gets a fresh one here instead of the shared describeEachDb database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import type { Scope } from "../../app/modules/auth/scope";
import { dailyUsage } from "../../app/modules/booking/capacity.server";
import { cancelOrder, createOrder } from "../../app/modules/booking/orders.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { todayInShanghai } from "../../app/utils/time";
import { type DatasetSummary, generateDataset } from "../../scripts/bench/dataset";
import { DATASET_TODAY, generateInventory, INVENTORY_SHAPES, inventoryRng } from "../../scripts/bench/dataset-inventory";
import { BOOKING_HORIZON_DAYS, DATASET_NOW, generateOrders, ordersRng } from "../../scripts/bench/dataset-orders";
import { dialectsUnderTest, freshDatabase } from "../support/db";
import { line } from "../support/booking";


/** Holds that expired before this instant, at it, and never: every reading of "live" the app can make. */
const NOWS = ["2000-01-01T00:00:00.000Z", DATASET_NOW, new Date().toISOString()];

describe("dataset orders (pure)", () => {
  it("gives the same orders for the same seed", () => {
    const inventory = generateInventory(inventoryRng(42, 0), { id: "C1", adminId: "U1", place: { county: "示范县", code: "shifan", region: "331021", areaCode: "0570" }, startMs: Date.parse("2021-01-01") }, INVENTORY_SHAPES.demo);
    const center = {
      id: "C1", county: "示范县", inventory,
      users: [{ id: "U1", role: "admin" as const }, { id: "U2", role: "sales" as const }, { id: "U3", role: "manager" as const }],
      clients: Array.from({ length: 20 }, (_, i) => ({ id: `K${i}`, kind: i % 4 ? ("enterprise" as const) : ("government" as const), name: `示范县客户${i}`, owner_id: "U2" })),
    };
    const shape = { orders: 200, lines: 1200, years: 1, events: 5 };
    const a = generateOrders(ordersRng(7, 0), center, shape);
    const b = generateOrders(ordersRng(7, 0), center, shape);
    expect(a.orders).toHaveLength(200);
    expect(b).toEqual(a);
    expect(generateOrders(ordersRng(8, 0), center, shape).orders).not.toEqual(a.orders);
  });
});

for (const { dialect } of dialectsUnderTest()) {
  describe(`dataset orders [${dialect}]`, () => {
    let db: AppDb;
    let drop: () => Promise<void>;
    let summary: DatasetSummary;
    let centerId: string;

    beforeAll(async () => {
      ({ db, drop } = await freshDatabase(dialect, "rm_orders"));
      // The demo size, its orders packed into two years so that the last weeks hold live holds and queues.
      summary = await generateDataset(db, { size: "demo", orders: { years: 2 } });
      centerId = summary.centerList[0].id;
    });
    afterAll(async () => {
      await drop?.();
    });

    const lines = () => db.selectFrom("order_lines").selectAll().where("center_id", "=", centerId).execute();
    const orders = () => db.selectFrom("orders").selectAll().where("center_id", "=", centerId).execute();

    it("books the demo size's orders with every status, line kind, queues and sponsored events", async () => {
      expect(summary.orders).toBe(800);
      expect(summary.orderLines).toBeGreaterThan(3_500);
      const all = await orders();
      expect(all).toHaveLength(800);
      const statuses = new Set(all.map((o) => o.status));
      expect(statuses).toEqual(new Set(["confirmed", "hold", "cancelled", "expired", "draft"]));
      const holds = all.filter((o) => o.status === "hold");
      expect(holds.some((o) => o.hold_expires_at! > DATASET_NOW)).toBe(true);
      expect(holds.some((o) => o.hold_expires_at! <= DATASET_NOW)).toBe(true);
      for (const o of all.filter((o) => o.status === "cancelled")) expect(o.cancel_reason, o.number).not.toBe("");
      for (const o of all.filter((o) => o.status === "confirmed" && o.ad_category !== "general")) expect(o.approval_number, o.number).not.toBe("");
      expect(new Set(all.map((o) => o.idempotency_key)).size).toBe(800);
      const rows = await lines();
      expect(rows.length).toBe(summary.orderLines);
      expect(new Set(rows.map((l) => l.kind))).toEqual(new Set(["paid", "bonus", "public_service", "internal"]));
      expect(rows.filter((l) => l.state === "queued").length).toBeGreaterThan(0);
      const sponsored = await db.selectFrom("event_sponsors").select("event_id").distinct().where("center_id", "=", centerId).execute();
      expect(summary.events).toBe(10);
      expect(sponsored.length).toBeGreaterThan(0);
    });

    it("never puts a unit-day over capacity, whichever holds still count", async () => {
      const units = new Map((await db.selectFrom("units").select(["id", "code", "capacity"]).where("center_id", "=", centerId).execute()).map((u) => [u.id, u]));
      const rows = await lines();
      const window = { from: rows.map((l) => l.start_date).sort()[0], to: rows.map((l) => l.end_date).sort().at(-1)! };
      for (const now of NOWS) {
        const usage = await dailyUsage(db, centerId, { ...window, now }, null);
        const over: string[] = [];
        let busy = 0;
        for (const [unitId, days] of usage) {
          days.forEach((used, i) => {
            if (used > 0) busy += 1;
            if (used > units.get(unitId)!.capacity) over.push(`${units.get(unitId)!.code} ${addDays(window.from, i)}: ${used}`);
          });
        }
        expect(over, now).toEqual([]);
        expect(busy, now).toBeGreaterThan(1_000);
      }
    });

    it("keeps each order's totals and span equal to its lines", async () => {
      const byOrder = new Map<string, Awaited<ReturnType<typeof lines>>>();
      for (const l of await lines()) byOrder.set(l.order_id, [...(byOrder.get(l.order_id) ?? []), l]);
      for (const o of await orders()) {
        const own = byOrder.get(o.id) ?? [];
        expect(own.length, o.number).toBeGreaterThan(0);
        const counted = o.status === "cancelled" || o.status === "expired" ? own : own.filter((l) => l.state !== "released");
        expect({ list: o.list_fen, net: o.net_fen, start: o.start_date, end: o.end_date }, o.number).toEqual({
          list: counted.reduce((s, l) => s + Number(l.list_fen), 0),
          net: counted.reduce((s, l) => s + Number(l.net_fen), 0),
          start: counted.map((l) => l.start_date).sort()[0],
          end: counted.map((l) => l.end_date).sort().at(-1),
        });
        for (const l of own) expect(l.net_fen <= l.list_fen && (l.kind === "paid" || l.net_fen === 0), l.id).toBe(true);
      }
    });

    it("numbers orders gaplessly per year, and the app continues from the sequence", async () => {
      const all = await orders();
      const perYear = new Map<number, number[]>();
      for (const o of all) {
        const match = /^DD(\d{4})-(\d{6})$/.exec(o.number)!;
        expect(Number(match[1]), o.number).toBe(Number(todayInShanghai(new Date(o.created_at)).slice(0, 4)));
        perYear.set(Number(match[1]), [...(perYear.get(Number(match[1])) ?? []), Number(match[2])]);
      }
      const sequences = await db.selectFrom("number_sequences").select(["series", "year", "last_value"]).where("center_id", "=", centerId).where("series", "=", "DD").orderBy("year").execute();
      expect(sequences).toEqual([...perYear.keys()].sort().map((year) => ({ series: "DD", year, last_value: perYear.get(year)!.length })));
      for (const numbers of perYear.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));

      // A new booking on a free day beyond the generated range takes the next number of the year.
      const sales = await db.selectFrom("users").select("id").where("center_id", "=", centerId).where("role", "=", "sales").executeTakeFirstOrThrow();
      const scope: Scope = { centerId, userId: sales.id, role: "sales" };
      const client = await db.selectFrom("clients").select("id").where("center_id", "=", centerId).orderBy("id").executeTakeFirstOrThrow();
      const unit = await db.selectFrom("units").select("id").where("center_id", "=", centerId).where("medium", "=", "app_banner").where("status", "=", "available").where("archived", "=", 0).executeTakeFirstOrThrow();
      const day = addDays(DATASET_TODAY, BOOKING_HORIZON_DAYS + 10);
      const result = await createOrder(db, scope, {
        header: { clientId: client.id, title: "续号检查", product: "测试", adCategory: "general", approvalNumber: "", terms: "" },
        lines: [line(unit.id, day, addDays(day, 2))], intent: "hold", queueIfFull: false, idempotencyKey: "after-gen-1",
      }, DATASET_NOW);
      expect(result).toMatchObject({ ok: true, created: true });
      const made = await db.selectFrom("orders").select("number").where("id", "=", (result as { id: string }).id).executeTakeFirstOrThrow();
      expect(made.number).toBe(`DD2026-${String(perYear.get(2026)!.length + 1).padStart(6, "0")}`);
    });

    it("queues lines only where a live hold fills the unit, and moves the first up when that hold is cancelled", async () => {
      const units = new Map((await db.selectFrom("units").select(["id", "capacity"]).where("center_id", "=", centerId).execute()).map((u) => [u.id, u.capacity]));
      const queued = (await lines()).filter((l) => l.state === "queued").sort((a, b) => (a.queued_at! < b.queued_at! ? -1 : 1));
      for (const q of queued) {
        expect(q.expires_at! > DATASET_NOW, q.id).toBe(true);
        const usage = (await dailyUsage(db, centerId, { from: q.start_date, to: q.end_date, now: DATASET_NOW }, [q.unit_id])).get(q.unit_id);
        expect(usage && usage.some((used) => used + Number(q.daily_use) > units.get(q.unit_id)!), q.id).toBe(true);
      }

      const first = queued[0];
      const blocker = await db
        .selectFrom("order_lines")
        .innerJoin("orders", "orders.id", "order_lines.order_id")
        .select(["orders.id", "orders.owner_id"])
        .where("order_lines.unit_id", "=", first.unit_id)
        .where("order_lines.state", "=", "hold")
        .where("order_lines.expires_at", ">", DATASET_NOW)
        .where("order_lines.start_date", "<=", first.end_date)
        .where("order_lines.end_date", ">=", first.start_date)
        .executeTakeFirstOrThrow();
      const cancelled = await cancelOrder(db, { centerId, userId: blocker.owner_id, role: "sales" }, blocker.id, "客户改投其他媒体", DATASET_NOW);
      expect(cancelled).toMatchObject({ ok: true });
      const after = await db.selectFrom("order_lines").select("state").where("id", "=", first.id).executeTakeFirstOrThrow();
      expect(after.state).toBe("hold");
      const promoted = await db.selectFrom("order_events").select("detail").where("order_id", "=", first.order_id).where("kind", "=", "promoted").execute();
      expect(promoted).toHaveLength(1);
    });
  });
}
