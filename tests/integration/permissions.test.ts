// The permission matrix, checked through the routes: the loader refuses, and the action refuses
// again (a hand-made POST gets no further than a click).
import { beforeAll, expect, it } from "vitest";
import * as clientEdit from "../../app/routes/clients.$id_.edit";
import * as clientNew from "../../app/routes/clients.new";
import * as centerSettings from "../../app/routes/settings.center";
import * as auditLog from "../../app/routes/settings.audit";
import * as userList from "../../app/routes/settings.users._index";
import * as userNew from "../../app/routes/settings.users.new";
import type { Role } from "../../db/schema";
import { describeEachDb } from "../support/db";
import { clientValues, cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

describeEachDb("permissions through routes", ({ db }) => {
  let center: TestCenter;
  const cookies = {} as Record<Role, string>;

  beforeAll(async () => {
    center = await makeCenter(db());
    for (const role of Object.keys(center.users) as Role[]) cookies[role] = await cookieFor(db(), center.users[role]);
  });

  it("sends a visitor without a session to the login page", async () => {
    const result = await call(userList.loader, db(), { url: "/settings/users" });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/login?next=%2Fsettings%2Fusers");
  });

  it.each([
    ["sales", 403],
    ["finance", 403],
    ["manager", 200],
    ["auditor", 200],
    ["admin", 200],
  ] as const)("user list for %s → %i", async (role, status) => {
    expect((await call(userList.loader, db(), { url: "/settings/users", cookie: cookies[role] })).status).toBe(status);
  });

  it.each([
    ["sales", 403],
    ["finance", 200],
    ["auditor", 200],
  ] as const)("audit log for %s → %i", async (role, status) => {
    expect((await call(auditLog.loader, db(), { url: "/settings/audit", cookie: cookies[role] })).status).toBe(status);
  });

  it("refuses user creation by a manager in the action too, and creates nothing", async () => {
    const form = { username: "sneaky-user", display_name: "x", role: "admin" };
    const result = await call(userNew.action, db(), { url: "/settings/users/new", cookie: cookies.manager, form });
    expect(result.status).toBe(403);
    const row = await db().selectFrom("users").select("id").where("username", "=", "sneaky-user").executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("refuses the center profile to everyone but the admin", async () => {
    for (const role of ["sales", "finance", "manager", "auditor"] as const) {
      expect((await call(centerSettings.loader, db(), { url: "/settings/center", cookie: cookies[role] })).status, role).toBe(403);
      const post = await call(centerSettings.action, db(), { url: "/settings/center", cookie: cookies[role], form: { name: "改名" } });
      expect(post.status, role).toBe(403);
    }
    const row = await db().selectFrom("centers").select("name").where("id", "=", center.id).executeTakeFirstOrThrow();
    expect(row.name).not.toBe("改名");
  });

  it("lets the auditor read clients but not create one", async () => {
    const form = { ...clientValues({ name: "审计员建的客户" }), owner_id: "", commission: "", payment_days: "30" } as Record<string, string>;
    expect((await call(clientNew.loader, db(), { url: "/clients/new", cookie: cookies.auditor })).status).toBe(403);
    expect((await call(clientNew.action, db(), { url: "/clients/new", cookie: cookies.auditor, form })).status).toBe(403);
    const row = await db().selectFrom("clients").select("id").where("name", "=", "审计员建的客户").executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("lets sales edit their own clients only", async () => {
    const own = await makeClient(db(), center.users.sales.scope, { name: "销售自己的客户" });
    const others = await makeClient(db(), center.users.manager.scope, { name: "别人的客户" });
    expect((await call(clientEdit.loader, db(), { url: `/clients/${own}/edit`, cookie: cookies.sales, params: { id: own } })).status).toBe(200);
    expect((await call(clientEdit.loader, db(), { url: `/clients/${others}/edit`, cookie: cookies.sales, params: { id: others } })).status).toBe(403);
    const row = await db().selectFrom("clients").selectAll().where("id", "=", others).executeTakeFirstOrThrow();
    const form = { ...clientValues({ name: "改掉别人的" }), owner_id: "", commission: "", payment_days: "30", updated_at: row.updated_at } as Record<string, string>;
    expect((await call(clientEdit.action, db(), { url: `/clients/${others}/edit`, cookie: cookies.sales, params: { id: others }, form })).status).toBe(403);
    const after = await db().selectFrom("clients").select("name").where("id", "=", others).executeTakeFirstOrThrow();
    expect(after.name).toBe("别人的客户");
  });
});
