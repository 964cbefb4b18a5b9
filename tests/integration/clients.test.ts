import { beforeAll, expect, it } from "vitest";
import * as clientEdit from "../../app/routes/clients.$id_.edit";
import * as clientNew from "../../app/routes/clients.new";
import { searchClients } from "../../app/modules/clients/clients.server";
import { describeEachDb } from "../support/db";
import { clientValues, cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

function form(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? "" : String(v)]));
}

describeEachDb("clients", ({ db }) => {
  let center: TestCenter;
  let admin: string;
  beforeAll(async () => {
    center = await makeCenter(db());
    admin = await cookieFor(db(), center.users.admin);
  });

  it("creates a client from the form, with the commission in basis points, and audits it", async () => {
    const result = await call(clientNew.action, db(), {
      url: "/clients/new",
      cookie: admin,
      form: form({ ...clientValues({ name: "  青山茶业有限公司 " }), commission: "12.5", credit_code: "91350100m000100y43" }),
    });
    expect(result.status).toBe(302);
    const id = result.headers.get("Location")!.split("/").pop()!;
    const row = await db().selectFrom("clients").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "青山茶业有限公司", commission_bp: 1250, credit_code: "91350100M000100Y43", center_id: center.id });
    const audit = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toEqual(["create"]);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ name: "青山茶业有限公司" });
  });

  it("rejects bad input with Chinese field messages and stores nothing", async () => {
    const before = await db().selectFrom("clients").select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", center.id).executeTakeFirstOrThrow();
    const result = await call(clientNew.action, db(), {
      url: "/clients/new",
      cookie: admin,
      form: form({ ...clientValues({ name: "" }), kind: "alien", commission: "101" }),
    });
    expect(result.status).toBe(400);
    expect((result.body as { errors: Record<string, string> }).errors).toMatchObject({
      name: "请填写客户名称",
      kind: "请选择客户类型",
      commission: "佣金比例应为 0 到 100 之间的数字，最多两位小数",
    });
    const after = await db().selectFrom("clients").select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", center.id).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("refuses a second client of the same name in one center, but not in another", async () => {
    await makeClient(db(), center.users.admin.scope, { name: "县人民医院" });
    const dup = await call(clientNew.action, db(), { url: "/clients/new", cookie: admin, form: form(clientValues({ name: "县人民医院" })) });
    expect(dup.status).toBe(400);
    expect((dup.body as { errors: Record<string, string> }).errors.name).toBe("本中心已有同名客户");
    const other = await makeCenter(db());
    await expect(makeClient(db(), other.users.admin.scope, { name: "县人民医院" })).resolves.toBeTruthy();
  });

  it("keeps an invalid credit code (a warning, not a block)", async () => {
    const id = await makeClient(db(), center.users.admin.scope, { credit_code: "91350100M000100Y44" });
    const row = await db().selectFrom("clients").select("credit_code").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.credit_code).toBe("91350100M000100Y44");
  });

  it("refuses a stale edit and keeps the newer data", async () => {
    const id = await makeClient(db(), center.users.admin.scope, { name: "旧名称" });
    const row = await db().selectFrom("clients").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const edit = (name: string) =>
      call(clientEdit.action, db(), { url: "/", cookie: admin, params: { id }, form: form({ ...clientValues({ name }), updated_at: row.updated_at }) });
    expect((await edit("第一次修改")).status).toBe(302);
    const stale = await edit("第二个标签页的修改");
    expect(stale.status).toBe(409);
    expect((stale.body as { errors: Record<string, string> }).errors.form).toBe("该记录已被他人修改，请刷新页面后重新编辑");
    const after = await db().selectFrom("clients").select("name").where("id", "=", id).executeTakeFirstOrThrow();
    expect(after.name).toBe("第一次修改");
    const trail = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", id).orderBy("at").execute();
    expect(trail.map((a) => a.action)).toEqual(["create", "update"]);
    expect(JSON.parse(trail[1].before_json!).name).toBe("旧名称");
  });

  it("makes a salesperson's new client their own, whatever owner the form names", async () => {
    const sales = await cookieFor(db(), center.users.sales);
    const result = await call(clientNew.action, db(), {
      url: "/clients/new",
      cookie: sales,
      form: form({ ...clientValues({ name: "销售新建" }), owner_id: center.users.manager.id }),
    });
    const id = result.headers.get("Location")!.split("/").pop()!;
    const row = await db().selectFrom("clients").select("owner_id").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.owner_id).toBe(center.users.sales.id);
  });

  it("searches by part of the name, prefix matches first, paged, with wildcards taken literally", async () => {
    const scope = center.users.admin.scope;
    for (const name of ["示范县教育局", "县教育局附属幼儿园", "教育发展基金会", "百分之百_广告%公司"]) await makeClient(db(), scope, { name });
    const found = await searchClients(db(), scope, { q: "教育" });
    expect(found.rows.map((r) => r.name)).toEqual(["教育发展基金会", "县教育局附属幼儿园", "示范县教育局"]);
    expect(found.total).toBe(3);
    expect((await searchClients(db(), scope, { q: "_广告%" })).rows.map((r) => r.name)).toEqual(["百分之百_广告%公司"]);
    expect((await searchClients(db(), scope, { q: "%" })).total).toBe(1);
    const page2 = await searchClients(db(), scope, { q: "教育", page: 2, pageSize: 2 });
    expect(page2.rows.map((r) => r.name)).toEqual(["示范县教育局"]);
  });
});

describeEachDb("clients under concurrency", ({ db }) => {
  it("lets exactly one of two simultaneous edits of the same form through", async () => {
    const { updateClient } = await import("../../app/modules/clients/clients.server");
    const center = await makeCenter(db());
    const scope = center.users.admin.scope;
    const id = await makeClient(db(), scope, { name: "并发客户" });
    const { updated_at } = await db().selectFrom("clients").select("updated_at").where("id", "=", id).executeTakeFirstOrThrow();
    const results = await Promise.all(
      ["标签页一", "标签页二", "标签页三"].map((name) => updateClient(db(), scope, id, clientValues({ name }), updated_at)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.status)).toEqual([409, 409]);
    const trail = await db().selectFrom("audit_log").select("action").where("entity_id", "=", id).execute();
    expect(trail.map((t) => t.action).sort()).toEqual(["create", "update"]);
  });
});
