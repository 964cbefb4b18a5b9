// 设置 › 消息提醒 as the browser meets it: adding robots (the key never reaches the page), the
// refusals (bad URL, duplicate name, non-admins, another center's robot), routing a reminder kind,
// and the test button showing the robot's answer (msw stands in for WeCom).
import { http, HttpResponse } from "msw";
import { beforeAll, expect, it } from "vitest";
import * as page from "../../app/routes/settings.notifications";
import { newId } from "../../db/ids";
import { robotsFor } from "../../app/modules/notify/outbox.server";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call } from "../support/routes";
import { mockServer } from "../mocks/server";

const URL_ = "/settings/notifications";
const KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
const WEBHOOK = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`;

type Page = Awaited<ReturnType<typeof page.loader>>;

describeEachDb("notification settings page", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let admin: string;
  let otherAdmin: string;

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    admin = await cookieFor(db(), center.users.admin);
    otherAdmin = await cookieFor(db(), other.users.admin);
  });

  const load = async (cookie = admin) => {
    const got = await call(page.loader, db(), { url: URL_, cookie });
    expect(got.status).toBe(200);
    return got as { status: number; body: Page };
  };
  const post = (form: Record<string, string>, cookie = admin) => call(page.action, db(), { url: URL_, cookie, form });
  /** A message of this center waiting for its next attempt through the robot; returns its id. */
  const waitingFor = async (robotId: string, at: string) => {
    const id = newId();
    await db().insertInto("outbox").values({
      id, center_id: center.id, robot_id: robotId, kind: "hold_expiring", dedupe_key: `waiting-${id}`, title: "等待中", body: "b", status: "pending", attempts: 1,
      next_attempt_at: at, claimed_by: null, claimed_until: null, last_error: "HTTP 502", created_at: at, sent_at: null,
    }).execute();
    return id;
  };
  const robotCount = async (centerId: string) => (await db().selectFrom("robots").select("id").where("center_id", "=", centerId).execute()).length;

  it("adds a WeCom robot shown masked, the key nowhere in the page data or the audit", async () => {
    const added = await post({ intent: "add_robot", name: "销售群", kind: "wecom", webhook_url: WEBHOOK, secret: "" });
    expect(added.status).toBe(302);
    const { body } = await load();
    expect(body.robots).toHaveLength(1);
    expect(body.robots[0]).toMatchObject({ name: "销售群", kind: "wecom", maskedUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***", hasSecret: false });
    expect(JSON.stringify(body)).not.toContain(KEY);
    const audit = await db().selectFrom("audit_log").select(["after_json"]).where("center_id", "=", center.id).where("action", "=", "add_robot").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after_json).not.toContain(KEY);
    expect(audit[0].after_json).toContain("key=***");
  });

  it("refuses a bad URL and a duplicate name with 400 and stores nothing", async () => {
    const before = await robotCount(center.id);
    const bad = await post({ intent: "add_robot", name: "坏地址", kind: "wecom", webhook_url: "http://example.com/hook?key=1", secret: "" });
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toMatch(/https/);
    const dup = await post({ intent: "add_robot", name: "销售群", kind: "wecom", webhook_url: WEBHOOK.replace(KEY, "another-key"), secret: "" });
    expect(dup.status).toBe(400);
    expect((dup.body as { message: string }).message).toContain("已有名为");
    expect(await robotCount(center.id)).toBe(before);
  });

  it("refuses non-admins on the loader and the action", async () => {
    for (const role of ["sales", "finance", "manager", "auditor"] as const) {
      const cookie = await cookieFor(db(), center.users[role]);
      expect((await call(page.loader, db(), { url: URL_, cookie })).status).toBe(403);
      const got = await post({ intent: "add_robot", name: `${role}机器人`, kind: "wecom", webhook_url: WEBHOOK, secret: "" }, cookie);
      expect(got.status).toBe(403);
    }
    expect(await robotCount(center.id)).toBe(1);
  });

  it("saves the routes of a kind, and answers 404 for another center's robot or an unknown kind 400", async () => {
    const { body } = await load();
    const robotId = body.robots[0].id;
    expect((await post({ intent: "set_routes", kind: "hold_expiring", enabled: "1", robot_id: robotId })).status).toBe(302);
    expect((await load()).body.routes.hold_expiring).toEqual([robotId]);
    expect((await load()).body.kinds.find((k) => k.kind === "hold_expiring")).toMatchObject({ enabled: true, perOwner: false });
    expect((await post({ intent: "set_routes", kind: "no_such_kind", robot_id: robotId })).status).toBe(400);

    // the other center's admin can neither route to, test nor remove this center's robot
    expect((await post({ intent: "set_routes", kind: "hold_expiring", enabled: "1", robot_id: robotId }, otherAdmin)).status).toBe(404);
    expect((await post({ intent: "test", id: robotId }, otherAdmin)).status).toBe(404);
    expect((await post({ intent: "remove_robot", id: robotId }, otherAdmin)).status).toBe(404);
    expect(await robotCount(center.id)).toBe(1);
    expect((await load(otherAdmin)).body.routes.hold_expiring).toBeUndefined();
  });

  it("switches a kind off and on, per owner for sales kinds only, each change audited", async () => {
    const robotId = (await load()).body.robots[0].id;
    expect((await post({ intent: "set_routes", kind: "payments_yesterday", robot_id: robotId })).status).toBe(302);
    let kind = (await load()).body.kinds.find((k) => k.kind === "payments_yesterday")!;
    expect(kind).toMatchObject({ enabled: false, perOwner: false });
    expect((await load()).body.routes.payments_yesterday).toEqual([robotId]);
    expect((await post({ intent: "set_routes", kind: "hold_promoted", enabled: "1", per_owner: "1" })).status).toBe(302);
    kind = (await load()).body.kinds.find((k) => k.kind === "hold_promoted")!;
    expect(kind).toMatchObject({ enabled: true, perOwner: true });
    const refused = await post({ intent: "set_routes", kind: "payments_yesterday", enabled: "1", per_owner: "1", robot_id: robotId });
    expect(refused.status).toBe(400);
    expect((refused.body as { message: string }).message).toBe("只有销售提醒可以按负责人发送");
    expect((await load()).body.kinds.find((k) => k.kind === "payments_yesterday")).toMatchObject({ enabled: false, perOwner: false });
    const audit = await db().selectFrom("audit_log").select(["before_json", "after_json"]).where("center_id", "=", center.id).where("action", "=", "set_routes").orderBy("at").orderBy("id").execute();
    const last = audit[audit.length - 1];
    expect(JSON.parse(last.before_json!)).toMatchObject({ kind: "hold_promoted", enabled: true, per_owner: false });
    expect(JSON.parse(last.after_json!)).toMatchObject({ kind: "hold_promoted", enabled: true, per_owner: true, robots: [] });
  });

  it("adds a rep's own robot, refusing an owner of another center with 400", async () => {
    const before = await robotCount(center.id);
    const foreign = await post({ intent: "add_robot", name: "他人个人", kind: "wecom", webhook_url: WEBHOOK.replace(KEY, "own-key-x"), secret: "", owner_id: other.users.sales.id });
    expect(foreign.status).toBe(400);
    expect((foreign.body as { message: string; field: string })).toMatchObject({ message: "所属人员不存在或已停用", field: "owner_id" });
    expect(await robotCount(center.id)).toBe(before);
    const own = await post({ intent: "add_robot", name: "销售个人", kind: "wecom", webhook_url: WEBHOOK.replace(KEY, "own-key-y"), secret: "", owner_id: center.users.sales.id });
    expect(own.status).toBe(302);
    const { body } = await load();
    const robot = body.robots.find((r) => r.name === "销售个人")!;
    expect(robot.ownerId).toBe(center.users.sales.id);
    expect(robot.ownerName).toBeTruthy();
    expect(body.users.map((u) => u.id)).toContain(center.users.sales.id);
    expect((await post({ intent: "remove_robot", id: robot.id })).status).toBe(302);
  });

  it("shows the robot's answer to the test message: errcode 0 and errcode 93000", async () => {
    const robotId = (await load()).body.robots[0].id;
    const seen: unknown[] = [];
    mockServer.use(
      http.post("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", async ({ request }) => {
        seen.push({ url: request.url, body: await request.json() });
        return HttpResponse.json({ errcode: 0, errmsg: "ok" });
      }),
    );
    const ok = await post({ intent: "test", id: robotId });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ tested: robotId, sent: true });
    expect((ok.body as { text: string }).text).toContain("errcode 0");
    expect(seen).toEqual([{ url: WEBHOOK, body: { msgtype: "markdown", markdown: { content: "融媒经营台测试消息" } } }]);

    mockServer.use(http.post("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", () => HttpResponse.json({ errcode: 93000, errmsg: "invalid webhook url" })));
    const refused = await post({ intent: "test", id: robotId });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ sent: false });
    expect((refused.body as { text: string }).text).toContain("errcode 93000 invalid webhook url");
    expect((refused.body as { text: string }).text).not.toContain(KEY);
  });

  it("lists the outbox with status, attempts, error and robot name, and counts failed and pending", async () => {
    const robotId = (await load()).body.robots[0].id;
    const row = (id: string, status: "sent" | "failed" | "pending", created: string, error = "") => ({
      id, center_id: center.id, robot_id: robotId, kind: "hold_expiring", dedupe_key: `k-${id}`, title: "t", body: "b", status, attempts: status === "sent" ? 1 : 4,
      next_attempt_at: created, claimed_by: null, claimed_until: null, last_error: error, created_at: created, sent_at: status === "sent" ? created : null,
    });
    await db().insertInto("outbox").values([
      row(newId(), "sent", "2026-01-01T01:00:00.000Z"),
      row(newId(), "failed", "2026-01-02T01:00:00.000Z", "机器人拒绝：errcode 93000 invalid webhook url"),
      row(newId(), "pending", "2026-01-03T01:00:00.000Z"),
    ]).execute();
    const { body } = await load();
    expect(body.failed).toBe(1);
    expect(body.pending).toBe(1);
    expect(body.outbox.map((o) => o.status)).toEqual(["pending", "failed", "sent"]);
    expect(body.outbox[1]).toMatchObject({ robotName: "销售群", kindLabel: "预留 48 小时内到期", attempts: 4, lastError: "机器人拒绝：errcode 93000 invalid webhook url" });
    expect((await load(otherAdmin)).body.outbox).toHaveLength(0);
  });

  it("pauses a robot (what waited for it fails, nothing new is queued) and resumes it, both audited", async () => {
    const robotId = (await load()).body.robots[0].id;
    const waiting = await waitingFor(robotId, "2026-01-04T01:00:00.000Z");
    expect((await post({ intent: "pause_robot", id: robotId }, otherAdmin)).status).toBe(404);
    expect((await post({ intent: "pause_robot", id: robotId })).status).toBe(302);
    expect((await load()).body.robots[0].disabled).toBe(true);
    expect(await db().selectFrom("outbox").select(["status", "last_error"]).where("id", "=", waiting).executeTakeFirst()).toEqual({ status: "failed", last_error: "机器人已停用，未发送" });
    expect(await robotsFor(db(), center.id, { kind: "hold_expiring" })).toEqual([]);
    expect((await post({ intent: "resume_robot", id: robotId })).status).toBe(302);
    expect((await load()).body.robots[0].disabled).toBe(false);
    expect(await robotsFor(db(), center.id, { kind: "hold_expiring" })).toEqual([robotId]);
    const actions = await db().selectFrom("audit_log").select("action").where("center_id", "=", center.id).where("action", "in", ["pause_robot", "resume_robot"]).orderBy("at").orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual(["pause_robot", "resume_robot"]);
  });

  it("gives a robot a new webhook: a bad one refused with nothing changed, a good one shown masked; a DingTalk secret kept when left blank", async () => {
    const robotId = (await load()).body.robots[0].id;
    const bad = await post({ intent: "replace_webhook", id: robotId, webhook_url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", secret: "" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ intent: "replace_webhook", id: robotId, field: "webhook_url" });
    const stored = () => db().selectFrom("robots").select(["webhook_url", "secret"]).where("id", "=", robotId).executeTakeFirstOrThrow();
    expect((await stored()).webhook_url).toBe(WEBHOOK);
    const rotated = "rotated-6f1c2d9e-0b7a-4c55-a1f3";
    expect((await post({ intent: "replace_webhook", id: robotId, webhook_url: WEBHOOK.replace(KEY, rotated), secret: "" }, otherAdmin)).status).toBe(404);
    expect((await post({ intent: "replace_webhook", id: robotId, webhook_url: WEBHOOK.replace(KEY, rotated), secret: "" })).status).toBe(302);
    expect((await stored()).webhook_url).toBe(WEBHOOK.replace(KEY, rotated));
    const page = (await load()).body;
    expect(page.robots[0].maskedUrl).toBe("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***");
    expect(JSON.stringify(page)).not.toContain(rotated);
    const audit = await db().selectFrom("audit_log").select(["before_json", "after_json"]).where("center_id", "=", center.id).where("action", "=", "replace_webhook").execute();
    expect(audit).toHaveLength(1);
    expect(`${audit[0].before_json}${audit[0].after_json}`).not.toMatch(new RegExp(`${KEY}|${rotated}`));
    await db().updateTable("robots").set({ webhook_url: WEBHOOK }).where("id", "=", robotId).execute();

    const secret = "SEC0123456789abcdef0123456789abcdef";
    expect((await post({ intent: "add_robot", name: "钉钉群", kind: "dingtalk", webhook_url: "https://oapi.dingtalk.com/robot/send?access_token=tok-one", secret, owner_id: "" })).status).toBe(302);
    const ding = (await load()).body.robots.find((r) => r.name === "钉钉群")!;
    expect((await post({ intent: "replace_webhook", id: ding.id, webhook_url: "https://oapi.dingtalk.com/robot/send?access_token=tok-two", secret: "" })).status).toBe(302);
    expect(await db().selectFrom("robots").select(["webhook_url", "secret"]).where("id", "=", ding.id).executeTakeFirst()).toEqual({ webhook_url: "https://oapi.dingtalk.com/robot/send?access_token=tok-two", secret });
    expect((await post({ intent: "replace_webhook", id: ding.id, webhook_url: "https://oapi.dingtalk.com/robot/send?access_token=tok-three", secret: "not-a-secret" })).status).toBe(400);
    expect((await post({ intent: "remove_robot", id: ding.id })).status).toBe(302);
  });

  it("removes a robot together with its routes; what still waited for it fails and says why", async () => {
    const robotId = (await load()).body.robots[0].id;
    await waitingFor(robotId, "2026-01-05T01:00:00.000Z");
    const before = (await load()).body;
    expect(before.pending).toBe(1);
    expect((await post({ intent: "remove_robot", id: robotId })).status).toBe(302);
    const { body } = await load();
    expect(body.robots).toHaveLength(0);
    expect(body.routes.hold_expiring).toBeUndefined();
    expect(body.pending).toBe(0);
    expect(body.failed).toBe(before.failed + 1);
    expect(body.outbox.map((o) => [o.status, o.robotName, o.lastError])[0]).toEqual(["failed", "（已删除）", "机器人已删除，未发送"]);
  });
});
