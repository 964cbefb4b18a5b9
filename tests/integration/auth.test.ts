import { beforeAll, expect, it } from "vitest";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as home from "../../app/routes/_index";
import * as password from "../../app/routes/account.password";
import * as userDetail from "../../app/routes/settings.users.$id";
import { DEFAULT_POLICY } from "../../app/modules/auth/throttle.server";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, PASSWORD, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

const FAST = { ...DEFAULT_POLICY, slowAfter: 3, lockAfter: 5, delayStepMs: 1 };

describeEachDb("login, sessions and passwords", ({ db }) => {
  let center: TestCenter;
  beforeAll(async () => {
    center = await makeCenter(db());
  });

  const tryLogin = (username: string, pw: string, ip = "10.0.0.1") =>
    call(login.action, db(), { url: "/login", form: { username, password: pw, next: "/clients" }, context: { clientIp: ip, throttle: FAST } });

  it("signs in with an httpOnly, SameSite=Lax session cookie and goes to the requested page", async () => {
    const result = await tryLogin(center.users.sales.username, PASSWORD);
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/clients");
    const cookie = result.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^rm_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; https requests get Secure
    const page = await call(home.loader, db(), { url: "/", cookie: cookie.split(";")[0] });
    expect(page.status).toBe(200);
  });

  it("gives one message for an unknown user and a wrong password", async () => {
    const unknown = await tryLogin("nobody-here", PASSWORD, "10.0.0.2");
    const wrong = await tryLogin(center.users.finance.username, "wrong-password-1", "10.0.0.3");
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: "用户名或密码错误" });
    expect(wrong.body).toMatchObject({ error: "用户名或密码错误" });
  });

  it("locks an account after repeated failures, even against the right password, with a clear message", async () => {
    const user = center.users.manager.username;
    for (let i = 0; i < FAST.lockAfter; i++) await tryLogin(user, `wrong-${i}`, `10.1.0.${i}`);
    const locked = await tryLogin(user, PASSWORD, "10.1.0.99");
    expect(locked.status).toBe(429);
    expect((locked.body as { error: string }).error).toMatch(/登录失败次数过多，已暂时锁定，请 \d+ 分钟后再试/);
    expect(locked.headers.get("Set-Cookie")).toBeNull();
  });

  it("locks an address that guesses across many accounts", async () => {
    for (let i = 0; i < FAST.lockAfter; i++) await tryLogin(`guess-${i}`, "x-password-1", "10.9.9.9");
    const locked = await tryLogin(center.users.auditor.username, PASSWORD, "10.9.9.9");
    expect(locked.status).toBe(429);
    const elsewhere = await tryLogin(center.users.auditor.username, PASSWORD, "10.9.9.10");
    expect(elsewhere.status).toBe(302);
  });

  it("refuses a disabled user with the same message", async () => {
    const admin = await cookieFor(db(), center.users.admin);
    const target = center.users.finance;
    const cookie = await cookieFor(db(), target);
    await call(userDetail.action, db(), { url: "/", cookie: admin, params: { id: target.id }, form: { intent: "disable" } });
    expect((await tryLogin(target.username, PASSWORD, "10.2.0.1")).body).toMatchObject({ error: "用户名或密码错误" });
    // and the disabled user's open session no longer works
    expect((await call(home.loader, db(), { url: "/", cookie })).status).toBe(302);
    await call(userDetail.action, db(), { url: "/", cookie: admin, params: { id: target.id }, form: { intent: "enable" } });
  });

  it("ends the session on logout and when it expires", async () => {
    const cookie = await cookieFor(db(), center.users.sales);
    const out = await call(logout.action, db(), { url: "/logout", cookie, form: {} });
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect((await call(home.loader, db(), { url: "/", cookie })).status).toBe(302);

    const other = await cookieFor(db(), center.users.sales);
    await db().updateTable("sessions").set({ expires_at: "2000-01-01T00:00:00.000Z" }).where("user_id", "=", center.users.sales.id).execute();
    const expired = await call(home.loader, db(), { url: "/", cookie: other });
    expect(expired.status).toBe(302);
    expect(expired.headers.get("Location")).toBe("/login");
  });

  it("changes a password, checks the rules, and ends the user's other sessions", async () => {
    const user = center.users.auditor;
    const here = await cookieFor(db(), user);
    const there = await cookieFor(db(), user);
    const change = (form: Record<string, string>) => call(password.action, db(), { url: "/account/password", cookie: here, form });
    expect((await change({ current: "nope", next: "NewPass-2027", confirm: "NewPass-2027" })).body).toMatchObject({ field: "current", error: "当前密码不正确" });
    expect((await change({ current: PASSWORD, next: "short1", confirm: "short1" })).status).toBe(400);
    expect((await change({ current: PASSWORD, next: "NewPass-2027", confirm: "NewPass-2028" })).body).toMatchObject({ field: "confirm" });
    expect((await change({ current: PASSWORD, next: "NewPass-2027", confirm: "NewPass-2027" })).body).toMatchObject({ done: true });
    expect((await call(home.loader, db(), { url: "/", cookie: here })).status).toBe(200);
    expect((await call(home.loader, db(), { url: "/", cookie: there })).status).toBe(302);
    expect((await tryLogin(user.username, "NewPass-2027", "10.3.0.1")).status).toBe(302);
    const trail = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", user.id).where("action", "=", "change_password").execute();
    expect(trail).toHaveLength(1);
    expect(trail[0].after_json ?? "").not.toContain("password_hash");
  });

  it("never redirects off-site after login", async () => {
    const result = await call(login.action, db(), {
      url: "/login",
      form: { username: center.users.admin.username, password: PASSWORD, next: "//evil.example/x" },
      context: { clientIp: "10.4.0.1", throttle: FAST },
    });
    expect(result.headers.get("Location")).toBe("/");
  });
});
