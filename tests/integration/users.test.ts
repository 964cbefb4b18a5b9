import { beforeAll, expect, it } from "vitest";
import * as userDetail from "../../app/routes/settings.users.$id";
import * as userNew from "../../app/routes/settings.users.new";
import * as login from "../../app/routes/login";
import { updateUserAccess } from "../../app/modules/users/users.server";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

describeEachDb("user administration", ({ db }) => {
  let center: TestCenter;
  let admin: string;
  beforeAll(async () => {
    center = await makeCenter(db());
    admin = await cookieFor(db(), center.users.admin);
  });

  it("creates a user with a one-time password that works, and audits it without the hash", async () => {
    const created = await call(userNew.action, db(), {
      url: "/settings/users/new",
      cookie: admin,
      form: { username: `${center.code}-new`, display_name: "新同事", role: "finance" },
    });
    expect(created.status).toBe(200);
    const { created: info } = created.body as { created: { id: string; password: string } };
    const signIn = await call(login.action, db(), { url: "/login", form: { username: `${center.code}-new`, password: info.password } });
    expect(signIn.status).toBe(302);
    const trail = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", info.id).executeTakeFirstOrThrow();
    expect(trail.action).toBe("create");
    expect(trail.after_json).not.toContain("password_hash");
    expect(trail.after_json).not.toContain(info.password);
  });

  it("rejects a taken or malformed username with a field message", async () => {
    const taken = await call(userNew.action, db(), { url: "/", cookie: admin, form: { username: center.users.sales.username, display_name: "x", role: "sales" } });
    expect(taken.status).toBe(400);
    expect((taken.body as { errors: Record<string, string> }).errors.username).toBe("用户名已被使用");
    const bad = await call(userNew.action, db(), { url: "/", cookie: admin, form: { username: "Bad Name!", display_name: "x", role: "sales" } });
    expect((bad.body as { errors: Record<string, string> }).errors.username).toMatch(/用户名为 3 到 32 位/);
    const badRole = await call(userNew.action, db(), { url: "/", cookie: admin, form: { username: "okname", display_name: "x", role: "root" } });
    expect((badRole.body as { errors: Record<string, string> }).errors.role).toBe("请选择角色");
  });

  it("never leaves a center without an enabled admin", async () => {
    const self = await call(userDetail.action, db(), { url: "/", cookie: admin, params: { id: center.users.admin.id }, form: { intent: "role", role: "sales" } });
    expect(self.status).toBe(409);
    expect((self.body as { error: string }).error).toBe("这是本中心最后一位启用的管理员，不能停用或更改角色");
    // with a second admin the demotion goes through
    await updateUserAccess(db(), center.users.admin.scope, center.users.manager.id, { role: "admin" });
    const ok = await call(userDetail.action, db(), { url: "/", cookie: admin, params: { id: center.users.manager.id }, form: { intent: "role", role: "manager" } });
    expect(ok.status).toBe(200);
    const row = await db().selectFrom("users").select("role").where("id", "=", center.users.manager.id).executeTakeFirstOrThrow();
    expect(row.role).toBe("manager");
  });

  it("refuses to disable yourself", async () => {
    const result = await call(userDetail.action, db(), { url: "/", cookie: admin, params: { id: center.users.admin.id }, form: { intent: "disable" } });
    expect((result.body as { error: string }).error).toBe("不能停用自己的账号");
  });

  it("resets a password: the new one works, the old sessions end", async () => {
    const target = center.users.sales;
    const session = await cookieFor(db(), target);
    const reset = await call(userDetail.action, db(), { url: "/", cookie: admin, params: { id: target.id }, form: { intent: "reset" } });
    const password = /设置新密码：(\S+)（/.exec((reset.body as { notice: string }).notice)![1];
    expect((await call(login.action, db(), { url: "/login", form: { username: target.username, password } })).status).toBe(302);
    const sessions = await db().selectFrom("sessions").select("id").where("user_id", "=", target.id).execute();
    expect(sessions).toHaveLength(1); // only the one just opened
    expect(session).toBeTruthy();
  });
});
