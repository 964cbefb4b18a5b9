// The reminders' outbox on both databases (on MariaDB two runners with pools of their own): a
// message is queued once per robot and dedupe key however often the job runs; two runners
// delivering at once send each message exactly once; failures wait and retry, then fail with the
// robot's error; only the center's enabled robots the kind is routed to get it. (Each delivery here
// is limited to this file's center: the MariaDB test database is shared with other files.)
import { beforeAll, expect, inject, it } from "vitest";
import { createDb, parseDatabaseUrl } from "../../db/connection";
import { newId } from "../../db/ids";
import { type ClaimedMessage, deliverDue, enqueue, RETRY_MINUTES } from "../../app/modules/notify/outbox.server";
import { describeEachDb } from "../support/db";
import { makeCenter, type TestCenter } from "../support/factory";

const NOW = "2026-11-27T01:00:00.000Z";

describeEachDb("reminders outbox", ({ db, dialect }) => {
  let center: TestCenter;
  let other: TestCenter;
  const robots: Record<string, string> = {};

  async function robot(centerId: string, name: string, disabled = 0, ownerId: string | null = null): Promise<string> {
    const id = newId();
    await db().insertInto("robots").values({ id, center_id: centerId, name, kind: "wecom", webhook_url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${name}`, secret: "", disabled, owner_id: ownerId, created_at: NOW, updated_at: NOW }).execute();
    return id;
  }
  const route = (centerId: string, kind: string, robotId: string) => db().insertInto("notification_routes").values({ center_id: centerId, kind, robot_id: robotId }).execute();
  const rows = (centerId: string) => db().selectFrom("outbox").selectAll().where("center_id", "=", centerId).orderBy("dedupe_key").orderBy("robot_id").execute();

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    robots.sales = await robot(center.id, "sales-group");
    robots.finance = await robot(center.id, "finance-group");
    robots.off = await robot(center.id, "switched-off", 1);
    robots.foreign = await robot(other.id, "other-center");
    await route(center.id, "hold_expiring", robots.sales);
    await route(center.id, "hold_expiring", robots.off);
    await route(center.id, "payments_yesterday", robots.finance);
    await route(center.id, "payments_yesterday", robots.sales);
  });

  it("queues a message once per routed, enabled robot of the center, however often the job runs", async () => {
    const message = { kind: "payments_yesterday", dedupeKey: "payments_yesterday:2026-11-26", title: "昨日收款", body: "**昨日收款 3 笔**" };
    expect(await enqueue(db(), center.id, message, NOW)).toBe(2);
    expect(await enqueue(db(), center.id, message, NOW)).toBe(0);
    expect(await enqueue(db(), center.id, { kind: "hold_expiring", dedupeKey: "hold_expiring:DD2026-000001:2026-11-27", title: "预留即将到期", body: "DD2026-000001" }, NOW)).toBe(1);
    const queued = await rows(center.id);
    expect(queued.map((r) => [r.kind, r.robot_id]).sort()).toEqual(
      [["hold_expiring", robots.sales], ["payments_yesterday", robots.finance], ["payments_yesterday", robots.sales]].sort(),
    );
    expect(queued.every((r) => r.status === "pending" && Number(r.attempts) === 0)).toBe(true);
    expect(await rows(other.id)).toEqual([]);
  });

  it("sends nothing of a kind switched off, and a per-owner kind to the owner's own robot, else to the group", async () => {
    const setKind = (kind: string, enabled: number, perOwner: number) =>
      db().insertInto("reminder_kinds").values({ center_id: center.id, kind, enabled, per_owner: perOwner }).execute();
    await route(center.id, "month_not_closed", robots.finance);
    const notClosed = { kind: "month_not_closed", dedupeKey: "month_not_closed:2026-10", title: "未关账", body: "b" };
    await setKind("month_not_closed", 0, 0);
    expect(await enqueue(db(), center.id, notClosed, NOW)).toBe(0);
    await db().updateTable("reminder_kinds").set({ enabled: 1 }).where("center_id", "=", center.id).where("kind", "=", "month_not_closed").execute();
    expect(await enqueue(db(), center.id, notClosed, NOW)).toBe(1);
    await db().deleteFrom("outbox").where("center_id", "=", center.id).where("kind", "=", "month_not_closed").execute();

    const rep = center.users.sales.id;
    const own = await robot(center.id, "rep-own", 0, rep);
    const ownOff = await robot(center.id, "rep-own-off", 1, rep);
    await route(center.id, "hold_promoted", robots.sales);
    await setKind("hold_promoted", 1, 1);
    const promoted = (ownerId: string, n: number) => ({ kind: "hold_promoted", dedupeKey: `hold_promoted:owner-test-${n}`, title: "升位", body: "b", ownerId });
    expect(await enqueue(db(), center.id, promoted(rep, 1), NOW)).toBe(1);
    expect(await enqueue(db(), center.id, promoted(center.users.admin.id, 2), NOW)).toBe(1);
    const queued = await db().selectFrom("outbox").select(["dedupe_key", "robot_id"]).where("center_id", "=", center.id).where("kind", "=", "hold_promoted").orderBy("dedupe_key").execute();
    expect(queued).toEqual([
      { dedupe_key: "hold_promoted:owner-test-1", robot_id: own },
      { dedupe_key: "hold_promoted:owner-test-2", robot_id: robots.sales },
    ]);
    expect(queued.some((q) => q.robot_id === ownOff)).toBe(false);
    // The same kind not per owner: the group only, whoever the owner is.
    await db().updateTable("reminder_kinds").set({ per_owner: 0 }).where("center_id", "=", center.id).where("kind", "=", "hold_promoted").execute();
    expect(await enqueue(db(), center.id, promoted(rep, 3), NOW)).toBe(1);
    expect((await db().selectFrom("outbox").select("robot_id").where("dedupe_key", "=", "hold_promoted:owner-test-3").execute()).map((r) => r.robot_id)).toEqual([robots.sales]);
    await db().deleteFrom("outbox").where("center_id", "=", center.id).where("kind", "=", "hold_promoted").execute();
  });

  it("two runners delivering at once send every message exactly once", async () => {
    for (let i = 0; i < 40; i++) await enqueue(db(), center.id, { kind: "payments_yesterday", dedupeKey: `race:${i}`, title: `消息 ${i}`, body: `第 ${i} 条` }, NOW);
    const url = inject("mysqlUrl");
    const runners = dialect === "mysql" && url ? [0, 1].map(() => createDb(parseDatabaseUrl(`${url}?connectionLimit=4`))) : [db(), db()];
    const sent: string[] = [];
    const send = async (m: ClaimedMessage) => {
      sent.push(m.id);
      await new Promise((r) => setTimeout(r, 2));
      return { ok: true as const };
    };
    try {
      const results = await Promise.all(runners.map((r) => deliverDue(r, send, () => NOW, [center.id])));
      expect(results.reduce((s, r) => s + r.sent, 0)).toBe(sent.length);
    } finally {
      for (const r of runners) if (r !== db()) await r.destroy();
    }
    expect(new Set(sent).size).toBe(sent.length);
    const all = await rows(center.id);
    expect(all.filter((r) => r.status === "sent").map((r) => r.id).sort()).toEqual([...sent].sort());
    expect(all.every((r) => r.status === "sent")).toBe(true);
    // Running again sends nothing: everything is sent.
    expect(await deliverDue(db(), send, () => NOW, [center.id])).toMatchObject({ sent: 0, retrying: 0, failed: 0, failures: [] });
  });

  it("retries a failure that may pass with a growing delay, then fails it with the robot's error; a refusal fails at once", async () => {
    await enqueue(db(), center.id, { kind: "hold_expiring", dedupeKey: "flaky", title: "重试", body: "x" }, NOW);
    await enqueue(db(), center.id, { kind: "payments_yesterday", dedupeKey: "refused", title: "拒绝", body: "y" }, NOW);
    const send = async (m: ClaimedMessage) => (m.title === "重试" ? { ok: false as const, retry: true, error: "HTTP 502" } : { ok: false as const, retry: false, error: "企业微信机器人答复 HTTP 404，请检查 Webhook 地址与机器人设置" });
    let clock = Date.parse(NOW);
    const now = () => new Date(clock).toISOString();
    const first = await deliverDue(db(), send, now, [center.id]);
    expect(first).toMatchObject({ sent: 0, retrying: 1, failed: 2 });
    expect(first.failures.map((f) => [f.robotName, f.title, f.error]).sort()).toEqual([
      ["finance-group", "拒绝", "企业微信机器人答复 HTTP 404，请检查 Webhook 地址与机器人设置"],
      ["sales-group", "拒绝", "企业微信机器人答复 HTTP 404，请检查 Webhook 地址与机器人设置"],
    ]);
    const flaky = async () => (await rows(center.id)).find((r) => r.dedupe_key === "flaky")!;
    expect(await flaky()).toMatchObject({ status: "pending", attempts: 1, last_error: "HTTP 502", next_attempt_at: new Date(clock + RETRY_MINUTES[0] * 60_000).toISOString() });
    // Not due yet: nothing happens.
    expect(await deliverDue(db(), send, now, [center.id])).toMatchObject({ sent: 0, retrying: 0, failed: 0, failures: [] });
    for (const minutes of RETRY_MINUTES) {
      clock += minutes * 60_000;
      await deliverDue(db(), send, now, [center.id]);
    }
    expect(await flaky()).toMatchObject({ status: "failed", attempts: RETRY_MINUTES.length + 1, last_error: "HTTP 502" });
    const refused = (await rows(center.id)).filter((r) => r.dedupe_key === "refused");
    expect(refused.map((r) => [r.status, Number(r.attempts), r.last_error])).toEqual([
      ["failed", 1, "企业微信机器人答复 HTTP 404，请检查 Webhook 地址与机器人设置"],
      ["failed", 1, "企业微信机器人答复 HTTP 404，请检查 Webhook 地址与机器人设置"],
    ]);
  });

  it("fails a message whose robot was removed while a runner held it, instead of claiming it again and again", async () => {
    const gone = await robot(center.id, "removed-later");
    const id = newId();
    await db().insertInto("outbox").values({
      id, center_id: center.id, robot_id: gone, kind: "hold_expiring", dedupe_key: `orphan-${id}`, title: "孤儿", body: "b", status: "sending", attempts: 1,
      next_attempt_at: NOW, claimed_by: "crashed-runner", claimed_until: "2026-11-27T00:00:00.000Z", last_error: "", created_at: NOW, sent_at: null,
    }).execute();
    await db().deleteFrom("robots").where("id", "=", gone).execute();
    const sent: string[] = [];
    await deliverDue(db(), async (m) => (sent.push(m.id), { ok: true }), () => NOW, [center.id]);
    expect(sent).not.toContain(id);
    expect(await db().selectFrom("outbox").select(["status", "last_error"]).where("id", "=", id).executeTakeFirst()).toEqual({ status: "failed", last_error: "机器人已删除，未发送" });
  });
});
