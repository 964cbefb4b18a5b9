import { beforeAll, expect, it } from "vitest";
import * as expiring from "../../app/routes/inventory.expiring";
import * as siteDetail from "../../app/routes/inventory.sites.$id";
import * as siteEdit from "../../app/routes/inventory.sites.$id.edit";
import * as siteLeases from "../../app/routes/inventory.sites.$id.leases";
import * as sitePermits from "../../app/routes/inventory.sites.$id.permits";
import * as sitePhotos from "../../app/routes/inventory.sites.$id.photos";
import * as siteList from "../../app/routes/inventory.sites._index";
import * as siteNew from "../../app/routes/inventory.sites.new";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { todayInShanghai } from "../../app/utils/time";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

let seq = 0;
function siteForm(overrides: Record<string, string> = {}): Record<string, string> {
  seq += 1;
  return {
    code: `S-${Date.now().toString(36)}-${seq}`,
    name: `点位${seq}`,
    facility_type: "unipole",
    address: "城关镇人民路 1 号",
    district: "城关镇",
    latitude: "28.123456",
    longitude: "118.5",
    width_m: "6",
    height_m: "3",
    illuminated: "1",
    traffic_notes: "",
    ...overrides,
  };
}

type Errors = { errors: Record<string, string> };
const idFrom = (location: string | null) => location!.split("/").pop()!;

describeEachDb("outdoor sites", ({ db }) => {
  let center: TestCenter;
  let admin: string;
  let sales: string;
  const today = todayInShanghai();

  async function createSite(overrides: Record<string, string> = {}) {
    const result = await call(siteNew.action, db(), { url: "/inventory/sites/new", cookie: admin, form: siteForm(overrides) });
    expect(result.status).toBe(302);
    return idFrom(result.headers.get("Location"));
  }

  async function detail(id: string, cookie = admin) {
    return call(siteDetail.loader, db(), { url: `/inventory/sites/${id}`, cookie, params: { id } });
  }

  beforeAll(async () => {
    center = await makeCenter(db());
    admin = await cookieFor(db(), center.users.admin);
    sales = await cookieFor(db(), center.users.sales);
  });

  it("creates a site in centimetres and micro-degrees, and audits it", async () => {
    const id = await createSite({ code: "DLZ-001", width_m: "6.5", height_m: "3.25", latitude: "28.123456", longitude: "-0.5" });
    const row = await db().selectFrom("sites").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ center_id: center.id, code: "DLZ-001", width_cm: 650, height_cm: 325, latitude_e6: 28_123_456, longitude_e6: -500_000, illuminated: 1 });
    const audit = await db().selectFrom("audit_log").select("action").where("entity", "=", "site").where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toEqual(["create"]);
    const shown = (await detail(id)).body as { site: { size_class: string; latitude: string; longitude: string } };
    expect(shown.site).toMatchObject({ size_class: "large", latitude: "28.123456", longitude: "-0.500000" });
  });

  it("refuses bad sizes and a duplicate code with Chinese messages, storing nothing", async () => {
    const count = async () =>
      Number((await db().selectFrom("sites").select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", center.id).executeTakeFirstOrThrow()).n);
    const before = await count();
    const bad = await call(siteNew.action, db(), { url: "/", cookie: admin, form: siteForm({ width_m: "0", height_m: "abc", latitude: "91", name: "", district: "" }) });
    expect(bad.status).toBe(400);
    expect((bad.body as Errors).errors).toMatchObject({
      width_m: "宽度应为大于 0 的米数，最多两位小数",
      height_m: "高度应为大于 0 的米数，最多两位小数",
      latitude: "纬度格式不正确（如 29.812345）",
      name: "请填写点位名称",
      district: "请填写所在乡镇/街道",
    });
    await createSite({ code: "DUP-1" });
    const dup = await call(siteNew.action, db(), { url: "/", cookie: admin, form: siteForm({ code: "DUP-1" }) });
    expect(dup.status).toBe(400);
    expect((dup.body as Errors).errors.code).toBe("本中心已有该编号的点位");
    expect(await count()).toBe(before + 1);
  });

  it("derives the size class at the boundaries of the local rules", async () => {
    const cases: [string, string, string][] = [
      ["2.50", "4.00", "large"], // exactly 10 m² (and a 4 m side)
      ["3.99", "2.51", "large"], // just over 10 m², both sides under 4 m
      ["3.99", "2.50", "medium"], // just under 10 m²
      ["4.00", "0.10", "large"], // a 4 m side, tiny area
      ["3.99", "0.10", "small"],
      ["2.50", "1.00", "small"], // exactly 2.5 m²
      ["2.51", "1.00", "medium"], // just over 2.5 m²
    ];
    const district = `边界测试${Date.now()}`;
    for (const [w, h, expected] of cases) {
      const id = await createSite({ width_m: w, height_m: h, district });
      const shown = (await detail(id)).body as { site: { size_class: string } };
      expect([w, h, shown.site.size_class]).toEqual([w, h, expected]);
    }
    const list = await call(siteList.loader, db(), { url: `/inventory/sites?district=${encodeURIComponent(district)}`, cookie: admin });
    const rows = (list.body as { rows: { width_cm: number; height_cm: number; size_class: string }[] }).rows;
    expect(rows).toHaveLength(cases.length);
    expect(rows.filter((r) => r.size_class === "large")).toHaveLength(3);
  });

  it("edits a site with the form's timestamp and refuses a stale one", async () => {
    const id = await createSite({ name: "旧名称" });
    const loaded = (await call(siteEdit.loader, db(), { url: "/", cookie: admin, params: { id } })).body as { defaults: Record<string, string> };
    expect(loaded.defaults).toMatchObject({ width_m: "6.00", height_m: "3.00", latitude: "28.123456", illuminated: "1" });
    const edit = (name: string) => call(siteEdit.action, db(), { url: "/", cookie: admin, params: { id }, form: { ...loaded.defaults, name, width_m: "2", height_m: "1" } });
    expect((await edit("新名称")).status).toBe(302);
    const stale = await edit("另一个标签页");
    expect(stale.status).toBe(409);
    const row = await db().selectFrom("sites").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "新名称", width_cm: 200, height_cm: 100 });
    const shown = (await detail(id)).body as { site: { size_class: string }; history: { action: string }[] };
    expect(shown.site.size_class).toBe("small");
    expect(shown.history.map((h) => h.action).sort()).toEqual(["create", "update"]);
  });

  it("lets sales read sites but not create or edit them", async () => {
    const id = await createSite();
    expect((await detail(id, sales)).status).toBe(200);
    const body = (await call(siteList.loader, db(), { url: "/inventory/sites", cookie: sales })).body as { canCreate: boolean };
    expect(body.canCreate).toBe(false);
    expect((await call(siteNew.action, db(), { url: "/", cookie: sales, form: siteForm() })).status).toBe(403);
    expect((await call(siteEdit.action, db(), { url: "/", cookie: sales, params: { id }, form: siteForm() })).status).toBe(403);
    expect((await call(sitePermits.action, db(), { url: "/", cookie: sales, params: { id }, form: {} })).status).toBe(403);
  });

  it("adds a permit and a lease from their forms, validated, and shows them on the site", async () => {
    const id = await createSite();
    const permit = (form: Record<string, string>) => call(sitePermits.action, db(), { url: "/", cookie: admin, params: { id }, form });
    const bad = await permit({ number: "", authority: "县城管局", start_date: "2026-02-30", end_date: "2026-01-01" });
    expect(bad.status).toBe(400);
    expect((bad.body as Errors).errors).toMatchObject({ number: "请填写许可证号", start_date: "开始日期格式应为 YYYY-MM-DD，且须为真实日期" });
    const backwards = await permit({ number: "XK-1", authority: "县城管局", start_date: "2026-05-01", end_date: "2026-04-30" });
    expect((backwards.body as Errors).errors.end_date).toBe("结束日期不能早于开始日期");
    const ok = await permit({ number: "XK-2026-001", authority: "县城市管理局", start_date: today, end_date: addDays(today, 400) });
    expect(ok.status).toBe(302);

    const lease = (form: Record<string, string>) => call(siteLeases.action, db(), { url: "/", cookie: admin, params: { id }, form });
    const badLease = await lease({ lessor: "", annual_rent: "1.234", start_date: today, end_date: today, payment_terms: "" });
    expect(badLease.status).toBe(400);
    expect((badLease.body as Errors).errors).toMatchObject({ lessor: "请填写出租方", annual_rent: "年租金应为不小于 0 的金额（元），最多两位小数" });
    expect((await lease({ lessor: "城关村委会", annual_rent: "12,000.50", start_date: today, end_date: addDays(today, 365), payment_terms: "每年 1 月预付" })).status).toBe(302);

    const shown = (await detail(id)).body as {
      permitState: string;
      permits: { number: string; state: string }[];
      leases: { lessor: string; annual_rent_fen: number }[];
      history: { entity: string; action: string }[];
    };
    expect(shown.permitState).toBe("valid");
    expect(shown.permits).toMatchObject([{ number: "XK-2026-001", state: "valid" }]);
    expect(shown.leases).toMatchObject([{ lessor: "城关村委会", annual_rent_fen: 1_200_050 }]);
    // The site's trail shows what was added to it, not only its own edits.
    expect(shown.history.map((h) => `${h.entity}.${h.action}`).sort()).toEqual(["lease.create", "permit.create", "site.create"]);
    const audit = await db().selectFrom("audit_log").select("entity").where("center_id", "=", center.id).where("entity", "in", ["permit", "lease"]).execute();
    expect(audit.map((a) => a.entity).sort()).toEqual(["lease", "permit"]);
  });

  it("lists expiring permits and leases in the chosen window, leaving out a renewed permit", async () => {
    const lapsing = await createSite({ name: "将到期点位" });
    const renewed = await createSite({ name: "已续期点位" });
    const add = (id: string, number: string, end: string) =>
      call(sitePermits.action, db(), { url: "/", cookie: admin, params: { id }, form: { number, authority: "县城管局", start_date: addDays(today, -300), end_date: end } });
    await add(lapsing, "EXP-1", addDays(today, 20));
    await add(renewed, "EXP-2", addDays(today, 20));
    await add(renewed, "EXP-2-续", addDays(today, 700));
    await call(siteLeases.action, db(), {
      url: "/",
      cookie: admin,
      params: { id: lapsing },
      form: { lessor: "某某物业", annual_rent: "5000", start_date: addDays(today, -300), end_date: addDays(today, 45), payment_terms: "" },
    });
    const within = async (days?: number) =>
      (await call(expiring.loader, db(), { url: `/inventory/expiring${days ? `?days=${days}` : ""}`, cookie: sales })).body as {
        days: number;
        permits: { number: string; days_left: number }[];
        leases: { lessor: string; days_left: number }[];
      };
    const wide = await within();
    expect(wide.days).toBe(90);
    expect(wide.permits.map((p) => [p.number, p.days_left])).toEqual([["EXP-1", 20]]);
    expect(wide.leases.map((l) => [l.lessor, l.days_left])).toEqual([["某某物业", 45]]);
    const narrow = await within(30);
    expect(narrow.permits.map((p) => p.number)).toEqual(["EXP-1"]);
    expect(narrow.leases).toEqual([]);
    const list = (await call(siteList.loader, db(), { url: "/inventory/sites?q=将到期", cookie: admin })).body as { rows: { permit_state: string; lease_end: string }[] };
    expect(list.rows).toMatchObject([{ permit_state: "expiring", lease_end: addDays(today, 45) }]);
  });

  it("answers 404 for another center's site on every site route, and changes nothing", async () => {
    const id = await createSite({ name: "甲中心点位" });
    const other = await makeCenter(db());
    const foreign = await cookieFor(db(), other.users.admin);
    const params = { id };
    for (const loader of [siteDetail.loader, siteEdit.loader, sitePermits.loader, siteLeases.loader, sitePhotos.loader]) {
      expect((await call(loader, db(), { url: "/", cookie: foreign, params })).status).toBe(404);
    }
    const before = await db().selectFrom("sites").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect((await call(siteEdit.action, db(), { url: "/", cookie: foreign, params, form: { ...siteForm(), updated_at: before.updated_at } })).status).toBe(404);
    const permitForm = { number: "X", authority: "Y", start_date: today, end_date: today };
    expect((await call(sitePermits.action, db(), { url: "/", cookie: foreign, params, form: permitForm })).status).toBe(404);
    const leaseForm = { lessor: "X", annual_rent: "1", start_date: today, end_date: today, payment_terms: "" };
    expect((await call(siteLeases.action, db(), { url: "/", cookie: foreign, params, form: leaseForm })).status).toBe(404);
    expect(await db().selectFrom("sites").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).toEqual(before);
    const attached = await db().selectFrom("permits").select("id").where("site_id", "=", id).execute();
    expect(attached).toEqual([]);
    const list = (await call(siteList.loader, db(), { url: "/inventory/sites?q=甲中心", cookie: foreign })).body as { total: number };
    expect(list.total).toBe(0);
    const exp = (await call(expiring.loader, db(), { url: "/inventory/expiring", cookie: foreign })).body as { permits: unknown[] };
    expect(exp.permits).toEqual([]);
  });
});
