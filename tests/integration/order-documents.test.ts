// The printed order confirmation's data through its route, on both databases: the parties, the
// lines that still belong to the order, totals that add up with the amount in words, void orders,
// and another center's order answering 404.
import { beforeAll, expect, it } from "vitest";
import { newId } from "../../db/ids";
import * as printRoute from "../../app/routes/orders.$id_.print";
import { cancelOrder, createOrder, type CreateOrderInput, removeLine } from "../../app/modules/booking/orders.server";
import { getCenter, updateCenterProfile } from "../../app/modules/centers/centers.server";
import type { Scope } from "../../app/modules/auth/scope";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { header, line, makeUnit } from "../support/booking";
import { call } from "../support/routes";

type PrintData = Awaited<ReturnType<typeof printRoute.loader>>;

describeEachDb("order confirmation", ({ db }) => {
  let center: TestCenter;
  let sales: Scope;
  let cookie: string;
  let clientId: string;

  const input = (lines: CreateOrderInput["lines"], over: Partial<CreateOrderInput> = {}): CreateOrderInput => ({
    header: header(clientId), lines, intent: "confirm", queueIfFull: false, idempotencyKey: newId(), ...over,
  });
  const created = (result: Awaited<ReturnType<typeof createOrder>>) => {
    if (!result.ok) throw new Error(result.message);
    return result.id;
  };
  const printed = async (id: string, asCookie = cookie) => call(printRoute.loader, db(), { url: `/orders/${id}/print`, cookie: asCookie, params: { id } });

  beforeAll(async () => {
    center = await makeCenter(db());
    sales = center.users.sales.scope;
    cookie = await cookieFor(db(), center.users.sales);
    const profile = await getCenter(db(), center.users.admin.scope);
    const updated = await updateCenterProfile(db(), center.users.admin.scope, {
      name: profile.name, taxpayer_status: "general", tax_id: "12330000MB0000000X", address: "城关镇人民路 1 号", phone: "0571-12345678",
      bank_name: "县农商银行营业部", bank_account: "201000123456789", hold_days: 7, hold_max_renewals: 2,
      contract_approval_fen: Number(profile.contract_approval_fen), contract_number_pattern: profile.contract_number_pattern,
    }, profile.updated_at);
    expect(updated.ok).toBe(true);
    clientId = await makeClient(db(), sales, {
      name: "县百货商场有限公司", credit_code: "91330000MA0000000A", address: "城关镇解放路 8 号", phone: "0571-87654321",
      contact_name: "王经理", contact_phone: "13900000000", bank_name: "县工商银行", bank_account: "6222000011112222",
    });
  });

  it("prints both parties, the product, every live line and totals that add up, with the amount in words", async () => {
    const face = await makeUnit(db(), sales, { dayPriceFen: 10_000 });
    const tv = await makeUnit(db(), sales, { medium: "tv", dayPriceFen: 50_000 });
    const spare = await makeUnit(db(), sales, { dayPriceFen: 20_000 });
    const id = created(await createOrder(db(), sales, input([
      line(face, "2030-04-01", "2030-04-10", { deal: { discountBp: 2000 }, content: "春季促销画面" }),
      line(tv, "2030-04-01", "2030-04-07", { quantity: 3, daypart: "a", seconds: 15, deal: { netFen: 123_456 } }),
      line(face, "2030-04-11", "2030-04-15", { kind: "bonus" }),
      line(spare, "2030-05-01", "2030-05-03"),
    ], { header: header(clientId, { title: "春季促销", product: "百货春装", adCategory: "health_food", approvalNumber: "浙食健广审(文)第2030010001号" }) })));
    // A line taken off the order leaves the confirmation.
    const order = await db().selectFrom("orders").select("updated_at").where("id", "=", id).executeTakeFirstOrThrow();
    const spareLine = await db().selectFrom("order_lines").select("id").where("order_id", "=", id).where("unit_id", "=", spare).executeTakeFirstOrThrow();
    expect(await removeLine(db(), sales, id, spareLine.id, order.updated_at)).toMatchObject({ ok: true });
    // why: the services only release lines when the whole order ends, but a released line must
    // never print on a live order's confirmation; one is planted directly to prove it.
    const released = created(await createOrder(db(), sales, input([line(spare, "2030-05-10", "2030-05-12")])));
    await db().updateTable("order_lines").set({ order_id: id, state: "released" }).where("order_id", "=", released).execute();
    const releasedLine = await db().selectFrom("order_lines").select("id").where("order_id", "=", id).where("state", "=", "released").executeTakeFirstOrThrow();

    const outcome = await printed(id, await cookieFor(db(), center.users.finance));
    expect(outcome.status).toBe(200);
    const doc = outcome.body as PrintData;
    expect(doc.order).toMatchObject({ title: "春季促销", product: "百货春装", adCategory: "health_food", regulated: true, approvalNumber: "浙食健广审(文)第2030010001号", stage: "confirmed", void: false, terms: "", ownerName: "sales用户" });
    expect(doc.order.number).toMatch(/^DD\d{4}-\d{6}$/);
    expect(doc.center).toMatchObject({ taxId: "12330000MB0000000X", address: "城关镇人民路 1 号", bankName: "县农商银行营业部", bankAccount: "201000123456789" });
    expect(doc.client).toMatchObject({ name: "县百货商场有限公司", creditCode: "91330000MA0000000A", contactName: "王经理", contactPhone: "13900000000", bankAccount: "6222000011112222" });

    // By start date, then unit code.
    expect(doc.lines.map((l) => l.startDate)).toEqual(["2030-04-01", "2030-04-01", "2030-04-11"]);
    expect(doc.lines[0].unitCode < doc.lines[1].unitCode).toBe(true);
    const [tvLine, faceLine, bonusLine] = [doc.lines.find((l) => l.medium === "tv")!, doc.lines.find((l) => l.days === 10)!, doc.lines.find((l) => l.kind === "bonus")!];
    expect([tvLine.days, tvLine.quantity, tvLine.daypart, tvLine.seconds, tvLine.netFen]).toEqual([7, 3, "a", 15, 123_456]);
    expect([faceLine.listFen, faceLine.discountBp, faceLine.netFen, faceLine.content]).toEqual([100_000, 2000, 80_000, "春季促销画面"]);
    expect([bonusLine.days, bonusLine.listFen, bonusLine.netFen]).toEqual([5, 50_000, 0]);
    expect(doc.lines.some((l) => l.id === spareLine.id || l.id === releasedLine.id)).toBe(false);

    const listFen = tvLine.listFen + 100_000 + 50_000;
    expect(doc.totals).toEqual({ listFen, discountFen: listFen - 203_456, netFen: 203_456, inWords: "人民币贰仟零叁拾肆元伍角陆分" });
    // The printed totals are the order's own.
    const stored = await db().selectFrom("orders").select(["list_fen", "net_fen"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect([Number(stored.list_fen), Number(stored.net_fen)]).toEqual([doc.totals.listFen, doc.totals.netFen]);
    expect(doc.printedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it("prints a cancelled order whole, marked void, and keeps the order's own terms", async () => {
    const a = await makeUnit(db(), sales, { dayPriceFen: 30_000 });
    const b = await makeUnit(db(), sales, { dayPriceFen: 12_345 });
    const id = created(await createOrder(db(), sales, input([line(a, "2030-06-01", "2030-06-02"), line(b, "2030-06-01", "2030-06-01")], { intent: "hold", header: header(clientId, { terms: "一、款到发布。\n二、内容由甲方负责。" }) })));
    expect(await cancelOrder(db(), sales, id, "客户预算取消")).toMatchObject({ ok: true });
    const doc = (await printed(id)).body as PrintData;
    expect(doc.order).toMatchObject({ stage: "cancelled", void: true, terms: "一、款到发布。\n二、内容由甲方负责。", regulated: false });
    expect(doc.lines.map((l) => l.state)).toEqual(["released", "released"]);
    expect(doc.totals).toEqual({ listFen: 72_345, discountFen: 0, netFen: 72_345, inWords: "人民币柒佰贰拾叁元肆角伍分" });
  });

  it("answers 404 for another center's order and for an unknown id, and asks strangers to sign in", async () => {
    const unit = await makeUnit(db(), sales);
    const id = created(await createOrder(db(), sales, input([line(unit, "2030-07-01", "2030-07-03")])));
    const other = await makeCenter(db());
    expect((await printed(id, await cookieFor(db(), other.users.sales))).status).toBe(404);
    expect((await printed(id, await cookieFor(db(), other.users.admin))).status).toBe(404);
    expect((await printed("01HZZZZZZZZZZZZZZZZZZZZZZZ")).status).toBe(404);
    expect((await printed(id, "")).status).toBe(302);
    for (const role of ["admin", "finance", "manager", "auditor"] as const) {
      expect((await printed(id, await cookieFor(db(), center.users[role]))).status).toBe(200);
    }
  });
});
