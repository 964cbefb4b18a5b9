import { expect, it } from "vitest";
import * as centerSettings from "../../app/routes/settings.center";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter } from "../support/factory";
import { call } from "../support/routes";

const PROFILE = {
  name: "青山县融媒体中心",
  taxpayer_status: "general",
  tax_id: "12330000mb0000001x",
  address: "青山县城关镇广电路1号",
  phone: "0571-86000000",
  bank_name: "中国工商银行青山支行",
  bank_account: "1202020209000012345",
};
const HOLDS = { hold_days: "5", hold_max_renewals: "1" };

describeEachDb("center profile", ({ db }) => {
  it("saves the invoice details, audits the change, and refuses a stale form", async () => {
    const center = await makeCenter(db());
    const admin = await cookieFor(db(), center.users.admin);
    const loaded = await call(centerSettings.loader, db(), { url: "/settings/center", cookie: admin });
    const { updated_at } = (loaded.body as { center: { updated_at: string } }).center;

    const saved = await call(centerSettings.action, db(), { url: "/settings/center", cookie: admin, form: { ...PROFILE, ...HOLDS, updated_at } });
    expect(saved.body).toMatchObject({ saved: true });
    const row = await db().selectFrom("centers").selectAll().where("id", "=", center.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ...PROFILE, tax_id: "12330000MB0000001X", hold_days: 5, hold_max_renewals: 1 });
    const trail = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", center.id).where("action", "=", "update").execute();
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0].before_json!).name).toMatch(/^测试中心/);

    const stale = await call(centerSettings.action, db(), { url: "/settings/center", cookie: admin, form: { ...PROFILE, ...HOLDS, name: "旧表单", updated_at } });
    expect(stale.status).toBe(409);
    const bad = await call(centerSettings.action, db(), { url: "/settings/center", cookie: admin, form: { ...PROFILE, name: "", taxpayer_status: "big", hold_days: "0", hold_max_renewals: "x", updated_at: row.updated_at } });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { errors: object }).errors).sort()).toEqual(["hold_days", "hold_max_renewals", "name", "taxpayer_status"]);
    const after = await db().selectFrom("centers").select("name").where("id", "=", center.id).executeTakeFirstOrThrow();
    expect(after.name).toBe(PROFILE.name);
  });
});
