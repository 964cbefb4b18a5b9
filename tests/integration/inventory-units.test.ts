import { beforeAll, describe, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import * as unitList from "../../app/routes/inventory._index";
import * as unitNew from "../../app/routes/inventory.units.new";
import * as unitDetail from "../../app/routes/inventory.units.$id";
import * as unitEdit from "../../app/routes/inventory.units.$id.edit";
import * as unitRates from "../../app/routes/inventory.units.$id.rates";
import type { Scope } from "../../app/modules/auth/scope";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import type { SiteFormValues } from "../../app/modules/inventory/site-form";
import { addPermit, createSite } from "../../app/modules/inventory/sites.server";
import { capacityExplanation } from "../../app/modules/inventory/unit-views";
import { todayInShanghai } from "../../app/utils/time";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call, type RouteOutcome } from "../support/routes";

let seq = 0;
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}${(seq++).toString(36)}`;

async function makeSite(db: AppDb, scope: Scope, over: Partial<SiteFormValues> = {}): Promise<string> {
  const values: SiteFormValues = {
    code: uniq("S"),
    name: "城关大道单立柱",
    facility_type: "unipole",
    address: "城关镇城关大道 1 号",
    district: "城关镇",
    latitude: null,
    longitude: null,
    width_m: 1200,
    height_m: 400,
    illuminated: 1,
    traffic_notes: "",
    ...over,
  };
  const result = await createSite(db, scope, values);
  if (!result.ok) throw new Error(`site not created: ${JSON.stringify(result.errors)}`);
  return result.id;
}

type UnitFields = Record<string, string>;

function unitForm(over: UnitFields = {}): UnitFields {
  return {
    code: uniq("U"),
    name: "城关大道单立柱A面",
    medium: "outdoor_static",
    site_id: "",
    face: "A面",
    category_id: "",
    capacity: "",
    loop_seconds: "",
    spot_seconds: "",
    status: "available",
    maintenance_from: "",
    maintenance_to: "",
    notes: "",
    ...over,
  };
}

const errorsOf = (r: RouteOutcome) => (r.body as { errors: Record<string, string> }).errors;
const idFrom = (r: RouteOutcome) => r.headers.get("Location")!.split("/").pop()!;
type ListBody = Awaited<ReturnType<typeof unitList.loader>>;

async function unitCount(db: AppDb, centerId: string): Promise<number> {
  const row = await db.selectFrom("units").select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", centerId).executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDb("inventory units", ({ db }) => {
  let center: TestCenter;
  let admin: string;
  let sales: string;
  let siteId: string;
  let staticCategory: string;
  let ledCategory: string;

  /** A unit made through the form action, as a manager of the inventory would. */
  async function createViaForm(over: UnitFields, cookie = admin): Promise<string> {
    const result = await call(unitNew.action, db(), { url: "/inventory/units/new", cookie, form: unitForm({ category_id: staticCategory, ...over }) });
    if (result.status !== 302) throw new Error(`unit not created: ${result.status} ${JSON.stringify(result.body)}`);
    return idFrom(result);
  }

  beforeAll(async () => {
    center = await makeCenter(db());
    admin = await cookieFor(db(), center.users.admin);
    sales = await cookieFor(db(), center.users.sales);
    siteId = await makeSite(db(), center.users.admin.scope);
    staticCategory = (await categoryIdByCode(db(), center.users.admin.scope, "outdoor.static"))!;
    ledCategory = (await categoryIdByCode(db(), center.users.admin.scope, "outdoor.led"))!;
  });

  it("creates a static face on a site from the form: capacity 1 face, audited", async () => {
    const id = await createViaForm({ site_id: siteId, capacity: "7" });
    const row = await db().selectFrom("units").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ center_id: center.id, site_id: siteId, capacity: 1, capacity_unit: "face", face: "A面", category_id: staticCategory, archived: 0 });
    const audit = await db().selectFrom("audit_log").select("action").where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toEqual(["create"]);
  });

  it("refuses bad input with Chinese field messages, status 400, and stores nothing", async () => {
    const before = await unitCount(db(), center.id);
    const noSite = await call(unitNew.action, db(), { url: "/inventory/units/new", cookie: admin, form: unitForm({ category_id: staticCategory }) });
    expect(noSite.status).toBe(400);
    expect(errorsOf(noSite).site_id).toBe("户外广告位须属于一个点位");

    const ledNoLoop = await call(unitNew.action, db(), {
      url: "/inventory/units/new",
      cookie: admin,
      form: unitForm({ medium: "led", site_id: siteId, category_id: ledCategory, spot_seconds: "5" }),
    });
    expect(ledNoLoop.status).toBe(400);
    expect(errorsOf(ledNoLoop).loop_seconds).toBe("LED 屏须填写轮播时长和单条时长");

    const code = uniq("DUP");
    await createViaForm({ code, site_id: siteId });
    const afterFirst = await unitCount(db(), center.id);
    const dup = await call(unitNew.action, db(), { url: "/inventory/units/new", cookie: admin, form: unitForm({ code, site_id: siteId, category_id: staticCategory }) });
    expect(dup.status).toBe(400);
    expect(errorsOf(dup).code).toBe("本中心已有该编号的广告位");
    // What was typed comes back for the form.
    expect((dup.body as { defaults: { code: string } }).defaults.code).toBe(code);
    expect(afterFirst).toBe(before + 1);
    expect(await unitCount(db(), center.id)).toBe(before + 1);
  });

  it("derives an LED screen's capacity from its loop and spot length", async () => {
    const id = await createViaForm({ medium: "led", site_id: siteId, category_id: ledCategory, loop_seconds: "60", spot_seconds: "5", capacity: "99" });
    const row = await db().selectFrom("units").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ capacity: 12, capacity_unit: "spot", loop_seconds: 60, spot_seconds: 5 });
    const detail = await call(unitDetail.loader, db(), { url: `/inventory/units/${id}`, cookie: admin, params: { id } });
    expect(detail.status).toBe(200);
    const unit = (detail.body as Awaited<ReturnType<typeof unitDetail.loader>>).unit;
    expect(capacityExplanation(unit)).toBe("轮播 60 秒 ÷ 每条 5 秒 = 12 条/天，每条占 1/12 的播出时间");
  });

  it("shows today's sellability from the site's permits, and the audit trail in the form's words", async () => {
    const bare = await makeSite(db(), center.users.admin.scope, { name: "无许可点位" });
    const id = await createViaForm({ site_id: bare });
    const unsold = await call(unitDetail.loader, db(), { url: "/", cookie: admin, params: { id } });
    expect((unsold.body as { unsellable: string | null }).unsellable).toBe("点位没有有效的设置许可");
    const today = todayInShanghai();
    await addPermit(db(), center.users.admin.scope, bare, { number: "XK-1", authority: "县城管局", start_date: addDays(today, -10), end_date: addDays(today, 300) });
    const sold = (await call(unitDetail.loader, db(), { url: "/", cookie: admin, params: { id } })).body as Awaited<ReturnType<typeof unitDetail.loader>>;
    expect(sold.unsellable).toBeNull();
    expect(sold.permitState).toBe("valid");
    expect(sold.history?.[0].changes).toEqual(expect.arrayContaining([{ field: "媒体类型", from: undefined, to: "户外静态" }]));
  });

  it("refuses a stale edit with 409 and keeps the newer data", async () => {
    const id = await createViaForm({ site_id: siteId, name: "旧名称" });
    const loaded = await call(unitEdit.loader, db(), { url: "/", cookie: admin, params: { id } });
    const stamp = (loaded.body as { defaults: { updated_at: string } }).defaults.updated_at;
    const code = (loaded.body as { defaults: { code: string } }).defaults.code;
    const edit = (name: string) =>
      call(unitEdit.action, db(), { url: "/", cookie: admin, params: { id }, form: unitForm({ code, name, site_id: siteId, category_id: staticCategory, updated_at: stamp }) });
    expect((await edit("第一次修改")).status).toBe(302);
    const stale = await edit("另一个标签页的修改");
    expect(stale.status).toBe(409);
    expect(errorsOf(stale).form).toBe("该记录已被他人修改，请刷新页面后重新编辑");
    const row = await db().selectFrom("units").select("name").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.name).toBe("第一次修改");
  });

  it("answers 404 for another center's unit on detail, edit and rates, and changes nothing", async () => {
    const id = await createViaForm({ site_id: siteId, name: "本中心的面" });
    const other = await makeCenter(db());
    const intruder = await cookieFor(db(), other.users.admin);
    const opts = { url: "/", cookie: intruder, params: { id } };
    expect((await call(unitDetail.loader, db(), opts)).status).toBe(404);
    expect((await call(unitEdit.loader, db(), opts)).status).toBe(404);
    expect((await call(unitRates.loader, db(), opts)).status).toBe(404);
    expect((await call(unitDetail.action, db(), { ...opts, form: { intent: "archive" } })).status).toBe(404);
    const edit = await call(unitEdit.action, db(), { ...opts, form: unitForm({ name: "被改了", site_id: "", medium: "app_splash", capacity: "3", category_id: staticCategory }) });
    expect(edit.status).toBe(404);
    const rate = await call(unitRates.action, db(), { ...opts, form: { effective_from: "2026-01-01", basis: "month", price: "100", min_days: "", surcharge_first: "", surcharge_last: "" } });
    expect(rate.status).toBe(404);
    const row = await db().selectFrom("units").select(["name", "archived"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "本中心的面", archived: 0 });
    const cards = await db().selectFrom("rate_cards").select("id").where("unit_id", "=", id).execute();
    expect(cards).toEqual([]);
  });

  it("lets sales read the list, detail and quotes but not create, price or archive (403)", async () => {
    const id = await createViaForm({ site_id: siteId });
    expect((await call(unitNew.loader, db(), { url: "/inventory/units/new", cookie: sales })).status).toBe(403);
    const before = await unitCount(db(), center.id);
    const create = await call(unitNew.action, db(), { url: "/inventory/units/new", cookie: sales, form: unitForm({ site_id: siteId, category_id: staticCategory }) });
    expect(create.status).toBe(403);
    expect(await unitCount(db(), center.id)).toBe(before);
    expect((await call(unitEdit.loader, db(), { url: "/", cookie: sales, params: { id } })).status).toBe(403);
    expect((await call(unitDetail.action, db(), { url: "/", cookie: sales, params: { id }, form: { intent: "archive" } })).status).toBe(403);
    const rate = await call(unitRates.action, db(), { url: "/", cookie: sales, params: { id }, form: { effective_from: "2026-01-01", basis: "month", price: "100" } });
    expect(rate.status).toBe(403);

    const list = await call(unitList.loader, db(), { url: "/inventory", cookie: sales });
    expect(list.status).toBe(200);
    expect((list.body as ListBody).canCreate).toBe(false);
    expect((list.body as ListBody).rows.map((r) => r.id)).toContain(id);
    const detail = await call(unitDetail.loader, db(), { url: "/", cookie: sales, params: { id } });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ canEdit: false, canPrice: false, history: null });
    const rates = await call(unitRates.loader, db(), { url: "/", cookie: sales, params: { id } });
    expect(rates.status).toBe(200);
    expect(rates.body).toMatchObject({ canAdd: false });
  });

  it("adds rate cards, refuses a second card on the same day, and quotes a whole month", async () => {
    const id = await createViaForm({ site_id: siteId });
    const card = { effective_from: "2026-01-01", basis: "month", price: "3,000", min_days: "", surcharge_first: "", surcharge_last: "" };
    const added = await call(unitRates.action, db(), { url: "/", cookie: admin, params: { id }, form: card });
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe(`/inventory/units/${id}/rates?saved=1`);
    const dup = await call(unitRates.action, db(), { url: "/", cookie: admin, params: { id }, form: { ...card, price: "3500" } });
    expect(dup.status).toBe(400);
    expect(errorsOf(dup).effective_from).toBe("该广告位在这一天已有刊例价；如需调整，请从其他日期起另立新价");
    const rows = await db().selectFrom("rate_cards").select(["price_fen", "basis", "created_by"]).where("unit_id", "=", id).execute();
    expect(rows.map((r) => ({ ...r, price_fen: Number(r.price_fen) }))).toEqual([{ price_fen: 300_000, basis: "month", created_by: center.users.admin.id }]);

    const noPrice = await call(unitRates.action, db(), { url: "/", cookie: admin, params: { id }, form: { ...card, effective_from: "2026-02-01", price: "" } });
    expect(noPrice.status).toBe(400);
    expect(errorsOf(noPrice).price).toBe("请填写刊例价");

    type RatesBody = Awaited<ReturnType<typeof unitRates.loader>>;
    const quoted = (await call(unitRates.loader, db(), { url: "/?from=2026-01-01&to=2026-01-31&quantity=1", cookie: sales, params: { id } })).body as RatesBody;
    expect(quoted.cards).toHaveLength(1);
    expect(quoted.outcome).toMatchObject({ ok: true, totalFen: 300_000, baseFen: 300_000, surchargeFen: 0, days: 31 });
    const early = (await call(unitRates.loader, db(), { url: "/?from=2025-12-01&to=2025-12-31", cookie: sales, params: { id } })).body as RatesBody;
    expect(early.outcome).toMatchObject({ ok: false, code: "no_card" });
    const badQuantity = (await call(unitRates.loader, db(), { url: "/?from=2026-01-01&to=2026-01-31&quantity=abc", cookie: sales, params: { id } })).body as RatesBody;
    expect(badQuantity.outcome).toMatchObject({ ok: false, message: "每天数量应为正整数" });
  });

  it("stores a TV card's daypart × length grid and quotes a spot with the first-position surcharge", async () => {
    const tvCategory = (await categoryIdByCode(db(), center.users.admin.scope, "traditional.tv"))!;
    const id = await createViaForm({ medium: "tv", site_id: "", face: "", capacity: "600", category_id: tvCategory, name: "新闻联播前" });
    const form = { effective_from: "2026-01-01", basis: "spot", price: "", min_days: "7", surcharge_first: "20", surcharge_last: "15", spot_a_15: "200", spot_special_30: "800" };
    expect((await call(unitRates.action, db(), { url: "/", cookie: admin, params: { id }, form })).status).toBe(302);
    const url = "/?from=2026-03-01&to=2026-03-07&quantity=4&daypart=a&seconds=15&position=first";
    const body = (await call(unitRates.loader, db(), { url, cookie: admin, params: { id } })).body as Awaited<ReturnType<typeof unitRates.loader>>;
    // 20000 × 4 × 7 = 560000; 正一 +20 % → 672000 (docs/decisions/006, example F)
    expect(body.outcome).toMatchObject({ ok: true, baseFen: 560_000, surchargeFen: 112_000, totalFen: 672_000 });
    expect(body.cards[0].spot_prices.map((s) => [s.daypart, s.seconds, Number(s.price_fen)])).toEqual(
      expect.arrayContaining([["a", 15, 20_000], ["special", 30, 80_000]]),
    );
  });

  it("archives a unit: gone from the default list, shown with 含已归档, never deleted", async () => {
    const id = await createViaForm({ site_id: siteId, name: "待归档的面" });
    expect((await call(unitDetail.action, db(), { url: "/", cookie: admin, params: { id }, form: { intent: "delete" } })).status).toBe(400);
    const archived = await call(unitDetail.action, db(), { url: "/", cookie: admin, params: { id }, form: { intent: "archive" } });
    expect(archived.status).toBe(302);
    const ids = async (url: string) => ((await call(unitList.loader, db(), { url, cookie: admin })).body as ListBody).rows.map((r) => r.id);
    expect(await ids("/inventory?q=待归档")).toEqual([]);
    expect(await ids("/inventory?q=待归档&archived=1")).toEqual([id]);
    const trail = await db().selectFrom("audit_log").select("action").where("entity_id", "=", id).orderBy("at").orderBy("id").execute();
    expect(trail.map((a) => a.action)).toEqual(["create", "archive"]);
    expect((await call(unitDetail.action, db(), { url: "/", cookie: admin, params: { id }, form: { intent: "restore" } })).status).toBe(302);
    expect(await ids("/inventory?q=待归档")).toEqual([id]);
  });

  describe("list filters", () => {
    let fresh: TestCenter;
    let cookie: string;
    const codes: Record<string, string> = {};

    beforeAll(async () => {
      fresh = await makeCenter(db());
      cookie = await cookieFor(db(), fresh.users.manager);
      const scope = fresh.users.admin.scope;
      const today = todayInShanghai();
      const permit = (site: string, end: string) => addPermit(db(), scope, site, { number: uniq("XK"), authority: "县城管局", start_date: addDays(today, -400), end_date: end });
      const large = await makeSite(db(), scope, { name: "城关大道单立柱", district: "城关镇", width_m: 1200, height_m: 400 });
      await permit(large, addDays(today, 400));
      const medium = await makeSite(db(), scope, { name: "河口路墙体", facility_type: "wall", district: "河口乡", width_m: 300, height_m: 200 });
      await permit(medium, addDays(today, 10));
      const small = await makeSite(db(), scope, { name: "车站灯箱", facility_type: "lightbox", district: "城关镇", width_m: 100, height_m: 100 });
      await permit(small, addDays(today, -5));
      const screen = await makeSite(db(), scope, { name: "广场LED大屏", facility_type: "led_screen", district: "河口乡", width_m: 800, height_m: 450 });
      const staticCat = (await categoryIdByCode(db(), scope, "outdoor.static"))!;
      const led = (await categoryIdByCode(db(), scope, "outdoor.led"))!;
      const app = (await categoryIdByCode(db(), scope, "new_media.app"))!;
      const make = async (key: string, over: UnitFields) => {
        const result = await call(unitNew.action, db(), { url: "/inventory/units/new", cookie, form: unitForm({ code: `F-${key}`, category_id: staticCat, ...over }) });
        expect(result.status).toBe(302);
        codes[key] = `F-${key}`;
      };
      await make("large", { site_id: large, name: "大型面" });
      await make("medium", { site_id: medium, name: "中型面" });
      await make("small", { site_id: small, name: "小型面" });
      await make("led", { site_id: screen, medium: "led", category_id: led, loop_seconds: "60", spot_seconds: "5", name: "大屏轮播" });
      await make("app", { medium: "app_splash", site_id: "", face: "", capacity: "5", category_id: app, name: "客户端开屏" });
    });

    const list = async (query: string) => ((await call(unitList.loader, db(), { url: `/inventory?${query}`, cookie })).body as ListBody).rows;
    const keysFor = async (query: string) => {
      const byCode = Object.fromEntries(Object.entries(codes).map(([k, c]) => [c, k]));
      return (await list(query)).map((r) => byCode[r.code]).sort();
    };

    it("filters by medium, facility, district and search text", async () => {
      expect(await keysFor("")).toEqual(["app", "large", "led", "medium", "small"]);
      expect(await keysFor("medium=led")).toEqual(["led"]);
      expect(await keysFor("facility=lightbox")).toEqual(["small"]);
      expect(await keysFor(`district=${encodeURIComponent("城关镇")}`)).toEqual(["large", "small"]);
      expect(await keysFor(`q=${encodeURIComponent("开屏")}`)).toEqual(["app"]);
      expect(await keysFor(`q=${encodeURIComponent("河口路")}`)).toEqual(["medium"]); // the site's name
      expect(await keysFor("medium=nonsense")).toEqual(["app", "large", "led", "medium", "small"]);
    });

    it("filters by permit state: valid, expiring within 30 days, expired, none", async () => {
      expect(await keysFor("permit=valid")).toEqual(["large"]);
      expect(await keysFor("permit=expiring")).toEqual(["medium"]);
      expect(await keysFor("permit=expired")).toEqual(["small"]);
      expect(await keysFor("permit=none")).toEqual(["led"]);
    });

    it("filters by size class and shows sizes, capacities and permit states in the list's words", async () => {
      expect(await keysFor("size=large")).toEqual(["large", "led"]);
      expect(await keysFor("size=medium")).toEqual(["medium"]);
      expect(await keysFor("size=small")).toEqual(["small"]);
      const rows = await list("");
      const row = (key: string) => rows.find((r) => r.code === codes[key])!;
      expect(row("large")).toMatchObject({ size: "12.00×4.00 米 大型", capacityText: "1 面", permitState: "valid", district: "城关镇" });
      expect(row("led")).toMatchObject({ size: "8.00×4.50 米 大型", capacityText: "12 条", permitState: "none" });
      expect(row("medium")).toMatchObject({ permitState: "expiring" });
      expect(row("app")).toMatchObject({ size: null, capacityText: "5 个位置", permitState: "not_needed", site_id: null });
    });
  });
});
