import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { dailyUsage } from "../../app/modules/booking/capacity.server";
import { cancelOrder, confirmOrder, createOrder, type CreateOrderInput, placeHold, removeLine, renewHold, saveLine } from "../../app/modules/booking/orders.server";
import { sweepExpiredHolds } from "../../app/modules/booking/queue.server";
import type { AppDb } from "../../db/connection";
import { describeEachDb } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";
import { header, line, makeUnit } from "../support/booking";
import type { Scope } from "../../app/modules/auth/scope";

const T0 = "2027-03-01T02:00:00.000Z";
const at = (days: number) => new Date(Date.parse(T0) + days * 86_400_000).toISOString();

describeEachDb("booking", ({ db }) => {
  let center: TestCenter;
  let sales: Scope;
  let clientId: string;

  const input = (lines: CreateOrderInput["lines"], over: Partial<CreateOrderInput> = {}): CreateOrderInput => ({
    header: header(clientId), lines, intent: "hold", queueIfFull: false, idempotencyKey: newId(), ...over,
  });
  const order = (id: string) => db().selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const lines = (id: string) => db().selectFrom("order_lines").selectAll().where("order_id", "=", id).orderBy("start_date").execute();
  const usageOf = async (unitId: string, from: string, to: string, now: string) => {
    const days = (await dailyUsage(db(), center.id, { from, to, now }, [unitId])).get(unitId);
    return days ? [...days] : Array.from({ length: Date.parse(to) / 864e5 - Date.parse(from) / 864e5 + 1 }, () => 0);
  };

  beforeAll(async () => {
    center = await makeCenter(db());
    sales = center.users.sales.scope;
    clientId = await makeClient(db(), sales);
  });

  it("holds a static face, refuses a second hold on the same days naming the unit and days, and queues it when asked", async () => {
    const unit = await makeUnit(db(), sales);
    const first = await createOrder(db(), sales, input([line(unit, "2027-04-01", "2027-04-10")]), T0);
    expect(first).toMatchObject({ ok: true, created: true, queued: 0 });
    const o = await order((first as { id: string }).id);
    expect(o.status).toBe("hold");
    expect(o.number).toMatch(/^DD2027-\d{6}$/);
    expect(o.hold_expires_at).toBe(at(7));
    expect(Number(o.list_fen)).toBe(10 * 10_000);

    const second = await createOrder(db(), sales, input([line(unit, "2027-04-08", "2027-04-12")]), T0);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.status).toBe(409);
    expect(second.message).toContain("2027-04-08 至 2027-04-10");
    expect(second.message).toContain("已满");
    const code = (await db().selectFrom("units").select("code").where("id", "=", unit).executeTakeFirstOrThrow()).code;
    expect(second.message).toContain(code);

    const queued = await createOrder(db(), sales, input([line(unit, "2027-04-08", "2027-04-12")], { queueIfFull: true }), at(1));
    expect(queued).toMatchObject({ ok: true, queued: 1 });
    const queuedId = (queued as { id: string }).id;
    expect((await lines(queuedId))[0].state).toBe("queued");
    // The queue does not take capacity.
    expect(await usageOf(unit, "2027-04-09", "2027-04-12", at(1))).toEqual([1, 1, 0, 0]);

    // A queued line cannot be confirmed.
    const refused = await confirmOrder(db(), sales, queuedId, at(1));
    expect(refused).toMatchObject({ ok: false, status: 409 });

    // Cancelling the first promotes the second in the same transaction, and says so.
    expect(await cancelOrder(db(), sales, (first as { id: string }).id, "客户改期", at(2))).toMatchObject({ ok: true });
    expect((await lines(queuedId))[0].state).toBe("hold");
    const events = await db().selectFrom("order_events").select(["kind", "detail"]).where("order_id", "=", queuedId).execute();
    expect(events.map((e) => e.kind)).toContain("promoted");
    expect(await usageOf(unit, "2027-04-09", "2027-04-12", at(2))).toEqual([1, 1, 1, 1]);
    expect(await confirmOrder(db(), sales, queuedId, at(2))).toMatchObject({ ok: true });
  });

  it("frees a lapsed hold's capacity without any job, and moves the queue up before a newcomer can take it", async () => {
    const unit = await makeUnit(db(), sales);
    const a = await createOrder(db(), sales, input([line(unit, "2027-05-01", "2027-05-05")]), T0);
    const b = await createOrder(db(), sales, input([line(unit, "2027-05-01", "2027-05-05")], { queueIfFull: true }), at(3));
    expect(b).toMatchObject({ ok: true, queued: 1 });
    // Day 8: A lapsed (expired at day 7). Counting alone already ignores it…
    expect(await usageOf(unit, "2027-05-01", "2027-05-01", at(8))).toEqual([0]);
    // …and the next booking settles the unit first: B moves up, so the newcomer is refused.
    const c = await createOrder(db(), sales, input([line(unit, "2027-05-02", "2027-05-02")]), at(8));
    expect(c).toMatchObject({ ok: false, status: 409 });
    expect((await order((a as { id: string }).id)).status).toBe("expired");
    expect((await lines((b as { id: string }).id))[0].state).toBe("hold");
    // A lapsed hold cannot be confirmed or renewed.
    expect(await confirmOrder(db(), sales, (a as { id: string }).id, at(8))).toMatchObject({ ok: false, status: 409 });
  });

  it("sells shared units by spots and TV by seconds, never past capacity", async () => {
    const led = await makeUnit(db(), sales, { medium: "led", capacity: 12 });
    expect(await createOrder(db(), sales, input([line(led, "2027-06-01", "2027-06-03", { quantity: 8 })], { intent: "confirm" }), T0)).toMatchObject({ ok: true });
    const over = await createOrder(db(), sales, input([line(led, "2027-06-03", "2027-06-04", { quantity: 5 })]), T0);
    expect(over).toMatchObject({ ok: false, status: 409 });
    if (!over.ok) expect(over.message).toContain("只剩 4");
    expect(await createOrder(db(), sales, input([line(led, "2027-06-03", "2027-06-04", { quantity: 4 })]), T0)).toMatchObject({ ok: true });
    // Two lines of one request on the same unit add up.
    expect(await createOrder(db(), sales, input([line(led, "2027-06-10", "2027-06-10", { quantity: 7 }), line(led, "2027-06-10", "2027-06-10", { quantity: 6 })]), T0)).toMatchObject({ ok: false, status: 409 });

    const tv = await makeUnit(db(), sales, { medium: "tv", capacity: 60 });
    const spots = (quantity: number) => line(tv, "2027-06-01", "2027-06-07", { quantity, daypart: "a", seconds: 15 });
    const ok = await createOrder(db(), sales, input([spots(3)]), T0);
    expect(ok).toMatchObject({ ok: true });
    expect(Number((await lines((ok as { id: string }).id))[0].daily_use)).toBe(45);
    expect(Number((await order((ok as { id: string }).id)).list_fen)).toBe(3 * 7 * 50_000);
    expect(await createOrder(db(), sales, input([spots(2)]), T0)).toMatchObject({ ok: false, status: 409 });
    expect(await createOrder(db(), sales, input([line(tv, "2027-06-01", "2027-06-07", { quantity: 1 })]), T0)).toMatchObject({ ok: false, status: 400 });
  });

  it("re-checks unit status, permits and the approval number when confirming", async () => {
    const unit = await makeUnit(db(), sales);
    const held = await createOrder(db(), sales, { ...input([line(unit, "2027-07-01", "2027-07-10")]), header: header(clientId, { adCategory: "health_food" }) }, T0);
    const id = (held as { id: string }).id;
    const noApproval = await confirmOrder(db(), sales, id, T0);
    expect(noApproval).toMatchObject({ ok: false, status: 400 });
    if (!noApproval.ok) expect(noApproval.message).toContain("广告审查批准文号");
    const o = await order(id);
    await db().updateTable("orders").set({ approval_number: "健广审（文）第2027010001号" }).where("id", "=", id).execute();
    await db().updateTable("units").set({ status: "maintenance", maintenance_from: "2027-07-05", maintenance_to: "2027-07-06" }).where("id", "=", unit).execute();
    const maintenance = await confirmOrder(db(), sales, id, T0);
    expect(maintenance).toMatchObject({ ok: false, status: 409 });
    if (!maintenance.ok) expect(maintenance.message).toContain("2027-07-05 至 2027-07-06");
    await db().updateTable("units").set({ status: "available", maintenance_from: null, maintenance_to: null }).where("id", "=", unit).execute();
    expect(await confirmOrder(db(), sales, id, T0)).toMatchObject({ ok: true });
    expect(o.ad_category).toBe("health_food");

    const noPermit = await makeUnit(db(), sales, { permit: { start: "2020-01-01", end: "2027-08-15" } });
    const late = await createOrder(db(), sales, input([line(noPermit, "2027-08-10", "2027-08-20")]), T0);
    expect(late).toMatchObject({ ok: false, status: 409 });
    if (!late.ok) expect(late.message).toContain("2027-08-16 至 2027-08-20");
  });

  it("prices lines by discount or net, audits a price change on a confirmed order, and re-checks changed dates", async () => {
    const unit = await makeUnit(db(), sales, { dayPriceFen: 33_333 });
    const other = await makeUnit(db(), sales);
    const made = await createOrder(db(), sales, input([line(unit, "2027-09-01", "2027-09-03", { deal: { discountBp: 1500 } })], { intent: "confirm" }), T0);
    const id = (made as { id: string }).id;
    const [l] = await lines(id);
    expect(Number(l.list_fen)).toBe(99_999);
    expect(Number(l.net_fen)).toBe(84_999); // 99,999 × 0.85 = 84,999.15 → half-up
    expect(await createOrder(db(), sales, input([line(other, "2027-09-05", "2027-09-06")], { intent: "confirm" }), T0)).toMatchObject({ ok: true });

    const stamp = (await order(id)).updated_at;
    expect(await saveLine(db(), sales, id, l.id, line(unit, "2027-09-01", "2027-09-03", { deal: { netFen: 80_000 } }), "stale", T0)).toMatchObject({ ok: false, status: 409 });
    expect(await saveLine(db(), sales, id, l.id, line(unit, "2027-09-01", "2027-09-03", { deal: { netFen: 80_000 } }), stamp, at(1))).toMatchObject({ ok: true });
    const changed = (await lines(id))[0];
    expect([Number(changed.net_fen), changed.discount_bp, changed.net_fixed]).toEqual([80_000, 2000, 1]);
    expect(Number((await order(id)).net_fen)).toBe(80_000);
    const audit = await db().selectFrom("audit_log").select(["action", "before_json", "after_json"]).where("entity", "=", "order_line").where("entity_id", "=", l.id).where("action", "=", "update").execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before_json!).net_fen).toBe(84_999);
    expect(JSON.parse(audit[0].after_json!).net_fen).toBe(80_000);

    // Moving the confirmed line onto a sold day of another unit is a new check.
    const stamp2 = (await order(id)).updated_at;
    expect(await saveLine(db(), sales, id, l.id, line(other, "2027-09-06", "2027-09-07"), stamp2, at(2))).toMatchObject({ ok: false, status: 409 });
    expect(await saveLine(db(), sales, id, l.id, line(unit, "2027-09-02", "2027-09-05"), stamp2, at(2))).toMatchObject({ ok: true });
    expect(await saveLine(db(), sales, id, null, line(unit, "2027-09-01", "2027-09-01", { deal: { netFen: 99_999 } }), (await order(id)).updated_at, at(2))).toMatchObject({ ok: false, status: 400 });
  });

  it("renews a hold a limited number of times, and the sweep marks lapsed holds expired", async () => {
    const unit = await makeUnit(db(), sales);
    const made = await createOrder(db(), sales, input([line(unit, "2027-10-01", "2027-10-02")]), T0);
    const id = (made as { id: string }).id;
    expect(await renewHold(db(), sales, id, at(5))).toMatchObject({ ok: true });
    expect((await order(id)).hold_expires_at).toBe(at(12));
    expect((await lines(id))[0].expires_at).toBe(at(12));
    expect(await renewHold(db(), sales, id, at(10))).toMatchObject({ ok: true });
    const third = await renewHold(db(), sales, id, at(11));
    expect(third).toMatchObject({ ok: false, status: 409 });
    await sweepExpiredHolds(db(), at(16));
    expect((await order(id)).status).toBe("hold");
    expect(await sweepExpiredHolds(db(), at(40))).toBeGreaterThanOrEqual(1);
    expect(await sweepExpiredHolds(db(), at(40))).toBe(0);
    expect((await order(id)).status).toBe("expired");
    expect((await lines(id))[0].state).toBe("released");
  });

  it("drafts take no capacity until placed on hold; removing a line frees it", async () => {
    const unit = await makeUnit(db(), sales);
    const draft = await createOrder(db(), sales, input([line(unit, "2027-11-01", "2027-11-02")], { intent: "draft" }), T0);
    const id = (draft as { id: string }).id;
    expect(await usageOf(unit, "2027-11-01", "2027-11-01", T0)).toEqual([0]);
    expect(await placeHold(db(), sales, id, false, T0)).toMatchObject({ ok: true });
    expect(await usageOf(unit, "2027-11-01", "2027-11-01", T0)).toEqual([1]);
    const [l] = await lines(id);
    expect(await removeLine(db(), sales, id, l.id, (await order(id)).updated_at, T0)).toMatchObject({ ok: true });
    expect(await usageOf(unit, "2027-11-01", "2027-11-01", T0)).toEqual([0]);
    expect(Number((await order(id)).list_fen)).toBe(0);
  });

  it("answers another center's order with 404 and another rep's with a refusal", async () => {
    const unit = await makeUnit(db(), sales);
    const made = await createOrder(db(), sales, input([line(unit, "2027-12-01", "2027-12-02")]), T0);
    const id = (made as { id: string }).id;
    const stranger = await makeCenter(db());
    expect(await confirmOrder(db(), stranger.users.sales.scope, id, T0)).toMatchObject({ ok: false, status: 404 });
    const colleague = { ...sales, userId: center.users.manager.id, role: "sales" as const };
    expect(await cancelOrder(db(), colleague, id, "x", T0)).toMatchObject({ ok: false, status: 409 });
    expect(await createOrder(db(), stranger.users.sales.scope, { ...input([line(unit, "2027-12-05", "2027-12-05")]), header: header(await makeClient(db(), stranger.users.sales.scope)) }, T0)).toMatchObject({ ok: false, status: 400 });
  });

  describe("under concurrency", () => {
    async function race(unitId: string, quantity: number, n: number) {
      return Promise.all(
        Array.from({ length: n }, () => createOrder(db(), sales, input([line(unitId, "2028-01-10", "2028-01-12", { quantity })], { intent: "confirm" }), T0)),
      );
    }

    it("sells the last free spot of a shared unit exactly once among 50 requests", async () => {
      const led = await makeUnit(db(), sales, { medium: "led", capacity: 12 });
      expect(await createOrder(db(), sales, input([line(led, "2028-01-10", "2028-01-12", { quantity: 11 })], { intent: "confirm" }), T0)).toMatchObject({ ok: true });
      const results = await race(led, 1, 50);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const code = (await db().selectFrom("units").select("code").where("id", "=", led).executeTakeFirstOrThrow()).code;
      for (const loser of results.filter((r) => !r.ok)) {
        expect(loser).toMatchObject({ status: 409 });
        expect((loser as { message: string }).message).toContain(code);
        expect((loser as { message: string }).message).toContain("2028-01-10 至 2028-01-12");
      }
      expect(await usageOf(led, "2028-01-10", "2028-01-12", T0)).toEqual([12, 12, 12]);
    });

    it("sells a static face exactly once among 50 requests, with distinct consecutive order numbers", async () => {
      const face = await makeUnit(db(), sales);
      const before = await db().selectFrom("orders").select("number").where("center_id", "=", center.id).execute();
      const results = await race(face, 1, 50);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await usageOf(face, "2028-01-10", "2028-01-12", T0)).toEqual([1, 1, 1]);
      const numbers = (await db().selectFrom("orders").select("number").where("center_id", "=", center.id).execute()).map((o) => Number(o.number.slice(-6))).sort((a, b) => a - b);
      expect(numbers).toHaveLength(before.length + 1);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    });

    it("creates one order for a double submit of the same form", async () => {
      const face = await makeUnit(db(), sales);
      const same = input([line(face, "2028-02-01", "2028-02-02")]);
      const results = await Promise.all([createOrder(db(), sales, same, T0), createOrder(db(), sales, same, T0), createOrder(db(), sales, same, T0)]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(new Set(results.map((r) => (r as { id: string }).id)).size).toBe(1);
      expect(results.filter((r) => (r as { created: boolean }).created)).toHaveLength(1);
    });
  });
});

export type { AppDb };
