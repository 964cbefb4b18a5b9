// A user of one center can neither read nor change another center's rows through any route:
// the answer is 404, the same as for an id that does not exist, so ids don't leak.
import { beforeAll, expect, it } from "vitest";
import * as clientDetail from "../../app/routes/clients.$id";
import * as clientEdit from "../../app/routes/clients.$id_.edit";
import * as clientList from "../../app/routes/clients._index";
import * as userDetail from "../../app/routes/settings.users.$id";
import * as userList from "../../app/routes/settings.users._index";
import * as auditLog from "../../app/routes/settings.audit";
import * as home from "../../app/routes/_index";
import { describeEachDb } from "../support/db";
import { clientValues, cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

describeEachDb("tenant isolation", ({ db }) => {
  let a: TestCenter;
  let b: TestCenter;
  let clientOfA: string;
  let cookieB: string;

  beforeAll(async () => {
    a = await makeCenter(db());
    b = await makeCenter(db());
    clientOfA = await makeClient(db(), a.users.admin.scope, { name: "甲中心的客户" });
    cookieB = await cookieFor(db(), b.users.admin);
  });

  it("answers 404 for another center's client, exactly as for a missing one", async () => {
    const foreign = await call(clientDetail.loader, db(), { url: `/clients/${clientOfA}`, cookie: cookieB, params: { id: clientOfA } });
    const missing = await call(clientDetail.loader, db(), { url: "/clients/NOPE", cookie: cookieB, params: { id: "NOPE" } });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    const edit = await call(clientEdit.loader, db(), { url: `/clients/${clientOfA}/edit`, cookie: cookieB, params: { id: clientOfA } });
    expect(edit.status).toBe(404);
  });

  it("cannot change another center's client, and the row stays as it was", async () => {
    const before = await db().selectFrom("clients").selectAll().where("id", "=", clientOfA).executeTakeFirstOrThrow();
    const form = { ...clientValues({ name: "被篡改" }), owner_id: "", commission: "", payment_days: "30", updated_at: before.updated_at } as Record<string, string>;
    const result = await call(clientEdit.action, db(), { url: `/clients/${clientOfA}/edit`, cookie: cookieB, params: { id: clientOfA }, form });
    expect(result.status).toBe(404);
    const after = await db().selectFrom("clients").selectAll().where("id", "=", clientOfA).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("does not list, count or audit another center's clients", async () => {
    const list = await call(clientList.loader, db(), { url: "/clients?q=甲中心", cookie: cookieB });
    expect((list.body as { total: number }).total).toBe(0);
    const summary = await call(home.loader, db(), { url: "/", cookie: cookieB });
    expect((summary.body as { summary: { clientsTotal: number } }).summary.clientsTotal).toBe(0);
    const audit = await call(auditLog.loader, db(), { url: "/settings/audit", cookie: cookieB });
    const entityIds = (audit.body as { rows: { entity_id: string }[] }).rows.map((r) => r.entity_id);
    expect(entityIds).not.toContain(clientOfA);
  });

  it("answers 404 for another center's user and cannot disable or reset them", async () => {
    const target = a.users.sales.id;
    const view = await call(userDetail.loader, db(), { url: `/settings/users/${target}`, cookie: cookieB, params: { id: target } });
    expect(view.status).toBe(404);
    for (const intent of ["disable", "reset", "role"]) {
      const result = await call(userDetail.action, db(), {
        url: `/settings/users/${target}`,
        cookie: cookieB,
        params: { id: target },
        form: { intent, role: "admin" },
      });
      expect(result.status, intent).toBe(404);
    }
    const row = await db().selectFrom("users").selectAll().where("id", "=", target).executeTakeFirstOrThrow();
    expect(row.disabled).toBe(0);
    expect(row.role).toBe("sales");
    const users = await call(userList.loader, db(), { url: "/settings/users", cookie: cookieB });
    expect((users.body as { users: { id: string }[] }).users.map((u) => u.id)).not.toContain(target);
  });

  it("will not make another center's user the owner of a client", async () => {
    const form = { ...clientValues(), owner_id: a.users.sales.id, commission: "", payment_days: "30" } as Record<string, string>;
    const { action } = await import("../../app/routes/clients.new");
    const result = await call(action, db(), { url: "/clients/new", cookie: cookieB, form });
    expect(result.status).toBe(400);
    expect((result.body as { errors: Record<string, string> }).errors.owner_id).toBe("负责销售不存在或已停用");
  });
});
