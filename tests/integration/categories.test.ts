import { beforeAll, expect, it } from "vitest";
import * as categories from "../../app/routes/settings.categories";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import { createSite } from "../../app/modules/inventory/sites.server";
import { parseUnitForm } from "../../app/modules/inventory/unit-form";
import { createUnit, getUnit, updateUnit } from "../../app/modules/inventory/units.server";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

interface Node {
  id: string;
  code: string;
  name: string;
  report_group: string;
  is_earned: number;
  bears_culture_fee: number;
  vat_item_code: string;
  retired: number;
  children: Omit<Node, "children">[];
}
type Page = { tree: Node[]; counts: Record<string, number>; canEdit: boolean };

describeEachDb("revenue categories", ({ db }) => {
  let center: TestCenter;
  let admin: string;

  const page = async (cookie = admin) => (await call(categories.loader, db(), { url: "/settings/categories", cookie })).body as Page;
  const post = (form: Record<string, string>, cookie = admin) => call(categories.action, db(), { url: "/settings/categories", cookie, form });
  const row = (id: string) => db().selectFrom("revenue_categories").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const trail = async (id: string) =>
    (await db().selectFrom("audit_log").selectAll().where("entity", "=", "category").where("entity_id", "=", id).orderBy("at").orderBy("id").execute()).map((a) => a.action);

  beforeAll(async () => {
    center = await makeCenter(db());
    admin = await cookieFor(db(), center.users.admin);
  });

  it("gives a new center the standard tree, readable by every role", async () => {
    const { tree, canEdit } = await page();
    expect(canEdit).toBe(true);
    expect(tree.map((c) => c.name)).toEqual(["传统媒体广告", "新媒体广告", "户外广告", "技术服务", "活动策划执行", "政府购买服务", "文创电商/其他", "财政补助"]);
    expect(tree[0].children.map((c) => c.name)).toEqual(["电视", "广播", "报纸"]);
    expect(tree[2]).toMatchObject({ report_group: "outdoor", bears_culture_fee: 1 });
    expect(tree[7]).toMatchObject({ report_group: "subsidy", is_earned: 0, bears_culture_fee: 0 });
    const sales = await page(await cookieFor(db(), center.users.sales));
    expect(sales.canEdit).toBe(false);
    expect(sales.tree).toHaveLength(8);
  });

  it("renames and edits flags and the VAT code, audited; refuses a bad code", async () => {
    const id = (await categoryIdByCode(db(), center.users.admin.scope, "tech.live"))!;
    const bad = await post({ intent: "update", id, name: "直播", vat_item_code: "30402", bears_culture_fee: "", is_earned: "1" });
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: Record<string, string> }).errors.vat_item_code).toBe("税收分类编码应为 19 位数字，或留空");
    const empty = await post({ intent: "update", id, name: " ", vat_item_code: "", is_earned: "1" });
    expect((empty.body as { errors: Record<string, string> }).errors.name).toBe("请填写类别名称");
    expect((await row(id)).name).toBe("直播服务");

    const ok = await post({ intent: "update", id, name: "直播与活动转播", vat_item_code: "3040201000000000000", is_earned: "1" });
    expect(ok.status).toBe(302);
    expect(await row(id)).toMatchObject({ name: "直播与活动转播", vat_item_code: "3040201000000000000", bears_culture_fee: 0, is_earned: 1 });
    const [entry] = await db().selectFrom("audit_log").selectAll().where("entity", "=", "category").where("entity_id", "=", id).execute();
    expect(entry.action).toBe("update");
    expect(JSON.parse(entry.before_json!).name).toBe("直播服务");
    expect(JSON.parse(entry.after_json!).name).toBe("直播与活动转播");
  });

  it("retires and restores a category (never deletes it), audited", async () => {
    const id = (await categoryIdByCode(db(), center.users.admin.scope, "tech.operation"))!;
    expect((await post({ intent: "retire", id })).status).toBe(302);
    expect((await row(id)).retired).toBe(1);
    expect((await post({ intent: "restore", id })).status).toBe(302);
    expect((await row(id)).retired).toBe(0);
    // Same-millisecond entries have no defined order, so compare the set.
    expect((await trail(id)).sort()).toEqual(["restore", "retire"]);
  });

  it("adds a child under a top-level category (its group) and a new top-level category with a group", async () => {
    const parent = (await categoryIdByCode(db(), center.users.admin.scope, "tech"))!;
    expect((await post({ intent: "add", parent_id: parent, name: "数据服务", vat_item_code: "", is_earned: "1" })).status).toBe(302);
    const noGroup = await post({ intent: "add", parent_id: "", name: "培训", vat_item_code: "", is_earned: "1" });
    expect(noGroup.status).toBe(400);
    expect((noGroup.body as { errors: Record<string, string> }).errors.report_group).toBe("请选择报表分组");
    expect((await post({ intent: "add", parent_id: "", name: "培训服务", report_group: "other", vat_item_code: "", is_earned: "1" })).status).toBe(302);
    const { tree } = await page();
    const tech = tree.find((c) => c.id === parent)!;
    expect(tech.children.at(-1)).toMatchObject({ name: "数据服务", report_group: "tech_service" });
    expect(tree.at(-1)).toMatchObject({ name: "培训服务", report_group: "other" });
    const child = tech.children.at(-1)!;
    // A child is not a parent: nothing can be added under it.
    expect((await post({ intent: "add", parent_id: child.id, name: "三级", vat_item_code: "", is_earned: "1" })).status).toBe(404);
    expect(await trail(child.id)).toEqual(["create"]);
  });

  it("refuses every change from sales (403) and another center's category (404)", async () => {
    const id = (await categoryIdByCode(db(), center.users.admin.scope, "event"))!;
    const sales = await cookieFor(db(), center.users.sales);
    const manager = await cookieFor(db(), center.users.manager);
    for (const cookie of [sales, manager]) {
      expect((await post({ intent: "update", id, name: "改名", vat_item_code: "", is_earned: "1" }, cookie)).status).toBe(403);
      expect((await post({ intent: "retire", id }, cookie)).status).toBe(403);
      expect((await post({ intent: "add", parent_id: "", name: "X", report_group: "other", vat_item_code: "" }, cookie)).status).toBe(403);
    }
    const other = await makeCenter(db());
    const foreign = await cookieFor(db(), other.users.admin);
    expect((await post({ intent: "retire", id }, foreign)).status).toBe(404);
    expect((await post({ intent: "update", id, name: "别人的", vat_item_code: "", is_earned: "1" }, foreign)).status).toBe(404);
    expect(await row(id)).toMatchObject({ name: "活动策划执行", retired: 0 });
    expect(await trail(id)).toEqual([]);
  });

  it("keeps a unit on a category that is retired after it was mapped, and counts it", async () => {
    const scope = center.users.admin.scope;
    const categoryId = (await categoryIdByCode(db(), scope, "outdoor.static"))!;
    const site = await createSite(db(), scope, {
      code: "CAT-1", name: "类别测试点位", facility_type: "wall", address: "", district: "城关镇",
      latitude: null, longitude: null, width_m: 600, height_m: 300, illuminated: 0, traffic_notes: "",
    });
    if (!site.ok) throw new Error("site not created");
    const form = new FormData();
    const fields = { code: "CAT-U1", name: "墙体A面", medium: "outdoor_static", site_id: site.id, face: "A面", category_id: categoryId, capacity: "1", loop_seconds: "", spot_seconds: "", status: "available", maintenance_from: "", maintenance_to: "", notes: "" };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const values = parseUnitForm(form);
    if (!values.ok) throw new Error(JSON.stringify(values.errors));
    const unit = await createUnit(db(), scope, values.value);
    if (!unit.ok) throw new Error(JSON.stringify(unit.errors));

    expect((await post({ intent: "retire", id: categoryId })).status).toBe(302);
    const kept = await getUnit(db(), scope, unit.id);
    expect(kept).toMatchObject({ category_id: categoryId, category_name: "静态户外" });
    const { counts, tree } = await page();
    expect(counts[categoryId]).toBe(1);
    expect(tree.find((c) => c.code === "outdoor")!.children.find((c) => c.id === categoryId)!.retired).toBe(1);
    // Editing the unit without touching its category is still allowed.
    const edited = await updateUnit(db(), scope, unit.id, { ...values.value, name: "墙体A面（新）" }, null);
    expect(edited.ok).toBe(true);
  });
});
