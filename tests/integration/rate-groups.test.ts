// One price for a group of units, chosen by the list's filter: a card per unit, all or nothing.
import { expect, it } from "vitest";
import * as group from "../../app/routes/inventory.rates.group";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import { createUnit } from "../../app/modules/inventory/units.server";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter } from "../support/factory";
import { call } from "../support/routes";

describeEachDb("unit-group rate cards", ({ db }) => {
  it("adds the same card to every filtered unit, and refuses a clash without writing anything", async () => {
    const center = await makeCenter(db());
    const scope = center.users.manager.scope;
    const categoryId = (await categoryIdByCode(db(), scope, "new_media.app"))!;
    const unit = (code: string, medium: "app_banner" | "app_splash") =>
      createUnit(db(), scope, { code, name: code, medium, site_id: null, face: "", category_id: categoryId, capacity: 3, capacity_unit: "position", loop_seconds: 0, spot_seconds: 0, status: "available", maintenance_from: null, maintenance_to: null, notes: "" });
    for (const code of ["BN-1", "BN-2", "BN-3"]) expect((await unit(code, "app_banner")).ok).toBe(true);
    expect((await unit("KP-1", "app_splash")).ok).toBe(true);

    const cookie = await cookieFor(db(), center.users.manager);
    const url = "/inventory/rates/group?medium=app_banner";
    const preview = await call(group.loader, db(), { url, cookie });
    expect((preview.body as { total: number }).total).toBe(3);

    const form = { effective_from: "2027-01-01", basis: "day", price: "800", min_days: "", surcharge_first: "", surcharge_last: "" };
    const saved = await call(group.action, db(), { url, cookie, form });
    expect(saved.body).toMatchObject({ count: 3 });
    const cards = await db().selectFrom("rate_cards").innerJoin("units", "units.id", "rate_cards.unit_id").select(["units.code", "rate_cards.price_fen"]).where("rate_cards.center_id", "=", center.id).orderBy("units.code").execute();
    expect(cards.map((c) => [c.code, Number(c.price_fen)])).toEqual([["BN-1", 80000], ["BN-2", 80000], ["BN-3", 80000]]);
    const audited = await db().selectFrom("audit_log").select("id").where("center_id", "=", center.id).where("entity", "=", "rate_card").execute();
    expect(audited).toHaveLength(3);

    // The splash joins the group by a wider filter; BN-1..3 already have a card that day.
    const clash = await call(group.action, db(), { url: "/inventory/rates/group?q=-", cookie, form: { ...form, price: "900" } });
    expect(clash.status).toBe(400);
    expect((clash.body as { errors: Record<string, string> }).errors.effective_from).toMatch(/^BN-1、BN-2、BN-3 在 2027-01-01 已有刊例价，未做任何修改/);
    const after = await db().selectFrom("rate_cards").select("id").where("center_id", "=", center.id).execute();
    expect(after).toHaveLength(3);
  });

  it("is refused to sales, in the loader and the action", async () => {
    const center = await makeCenter(db());
    const cookie = await cookieFor(db(), center.users.sales);
    expect((await call(group.loader, db(), { url: "/inventory/rates/group", cookie })).status).toBe(403);
    expect((await call(group.action, db(), { url: "/inventory/rates/group", cookie, form: { effective_from: "2027-01-01", basis: "day", price: "1" } })).status).toBe(403);
  });
});
