// The daily reminders job end to end, on both databases, against msw: a center with a WeCom and a
// signed DingTalk robot gets yesterday's payments in both groups and the unclosed month in the
// finance one, in Chinese, once; running the job again sends nothing; two jobs at once send each
// message once; a robot's refusal shows as failed with its error.
import { http, HttpResponse } from "msw";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { recordPayment } from "../../app/modules/billing/payments.server";
import { reportLines, runDaily } from "../../app/modules/notify/daily.server";
import { dingtalkSign } from "../../app/modules/notify/robots.server";
import { describeEachDb } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";
import { mockServer } from "../mocks/server";

const TODAY = "2026-11-27";
const YESTERDAY = "2026-11-26";
const SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";

interface Seen {
  robot: "wecom" | "dingtalk";
  url: URL;
  body: { msgtype: string; markdown: { content?: string; title?: string; text?: string } };
}

describeEachDb("daily reminders job", ({ db }) => {
  let center: TestCenter;
  const keys = { wecom: "", dingtalk: "" };
  const seen: Seen[] = [];

  async function robot(centerId: string, kind: "wecom" | "dingtalk", name: string, token: string, secret = ""): Promise<string> {
    const id = newId();
    const url = kind === "wecom" ? `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${token}` : `https://oapi.dingtalk.com/robot/send?access_token=${token}`;
    await db().insertInto("robots").values({ id, center_id: centerId, name, kind, webhook_url: url, secret, disabled: 0, created_at: "2026-11-01T00:00:00.000Z", updated_at: "2026-11-01T00:00:00.000Z" }).execute();
    return id;
  }

  /** A center whose finance group is on WeCom and whose sales group is on signed DingTalk, with one payment received yesterday. */
  async function centerWithRobots(): Promise<{ center: TestCenter; wecomKey: string; dingtalkToken: string }> {
    const c = await makeCenter(db());
    const wecomKey = newId();
    const dingtalkToken = newId();
    const finance = await robot(c.id, "wecom", "财务群", wecomKey);
    const sales = await robot(c.id, "dingtalk", "销售群", dingtalkToken, SECRET);
    for (const [kind, robotId] of [["payments_yesterday", finance], ["payments_yesterday", sales], ["month_not_closed", finance]] as const) {
      await db().insertInto("notification_routes").values({ center_id: c.id, kind, robot_id: robotId }).execute();
    }
    const clientId = await makeClient(db(), c.users.sales.scope, { name: `县自来水公司${c.code}` });
    const paid = await recordPayment(db(), c.users.finance.scope, { clientId, receivedOn: YESTERDAY, amountFen: 12_345_67, method: "transfer", payer: "", reference: "回单 0091", notes: "", allocate: "none" });
    expect(paid.ok).toBe(true);
    return { center: c, wecomKey, dingtalkToken };
  }

  beforeAll(async () => {
    const made = await centerWithRobots();
    center = made.center;
    keys.wecom = made.wecomKey;
    keys.dingtalk = made.dingtalkToken;
  });

  // The test setup resets msw's handlers after each test: the robots answer again for every one.
  beforeEach(() => {
    mockServer.use(
      http.post("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", async ({ request }) => {
        const url = new URL(request.url);
        if (url.searchParams.get("key") === "refused") return HttpResponse.json({ errcode: 93000, errmsg: "invalid webhook url" });
        seen.push({ robot: "wecom", url, body: (await request.json()) as Seen["body"] });
        return HttpResponse.json({ errcode: 0, errmsg: "ok" });
      }),
      http.post("https://oapi.dingtalk.com/robot/send", async ({ request }) => {
        seen.push({ robot: "dingtalk", url: new URL(request.url), body: (await request.json()) as Seen["body"] });
        return HttpResponse.json({ errcode: 0, errmsg: "ok" });
      }),
    );
  });

  const mine = (token: string) => seen.filter((s) => s.url.searchParams.get("key") === token || s.url.searchParams.get("access_token") === token);

  it("delivers the right Chinese messages to the right robots once, and a second run sends nothing", async () => {
    const first = await runDaily(db(), { today: TODAY, centerIds: [center.id] });
    expect(first).toMatchObject({ centers: 1, queued: 3, sent: 3, retrying: 0, failed: 0 });
    const wecom = mine(keys.wecom);
    expect(wecom.map((s) => s.body.msgtype)).toEqual(["markdown", "markdown"]);
    const contents = wecom.map((s) => s.body.markdown.content!).sort();
    expect(contents.some((c) => c.includes("昨日收款（2026-11-26）") && c.includes("¥12,345.67") && c.includes("回单 0091"))).toBe(true);
    expect(contents.some((c) => c.includes("上月未关账") && c.includes("2026-10"))).toBe(true);
    const [ding] = mine(keys.dingtalk);
    expect(mine(keys.dingtalk)).toHaveLength(1);
    expect(ding.body.markdown.title).toBe("昨日收款 ¥12,345.67（2026-11-26）");
    expect(ding.body.markdown.text).toContain("昨日收款（2026-11-26）");
    const timestamp = Number(ding.url.searchParams.get("timestamp"));
    expect(encodeURIComponent(ding.url.searchParams.get("sign")!)).toBe(dingtalkSign(timestamp, SECRET));

    const again = await runDaily(db(), { today: TODAY, centerIds: [center.id] });
    expect(again).toMatchObject({ queued: 0, sent: 0, failed: 0 });
    expect(mine(keys.wecom)).toHaveLength(2);
    expect(mine(keys.dingtalk)).toHaveLength(1);
    const outbox = await db().selectFrom("outbox").select(["status", "attempts"]).where("center_id", "=", center.id).execute();
    expect(outbox.map((o) => [o.status, Number(o.attempts)])).toEqual([["sent", 1], ["sent", 1], ["sent", 1]]);
  });

  it("two jobs at once still send each message once", async () => {
    const made = await centerWithRobots();
    const runs = await Promise.all([0, 1].map(() => runDaily(db(), { today: TODAY, centerIds: [made.center.id] })));
    expect(runs.reduce((s, r) => s + r.sent, 0)).toBe(3);
    expect(mine(made.wecomKey)).toHaveLength(2);
    expect(mine(made.dingtalkToken)).toHaveLength(1);
  });

  it("a robot that refuses is retried with its error shown, then failed after the last attempt; the key is in none of it", async () => {
    const c = await makeCenter(db());
    const id = await robot(c.id, "wecom", "失效的群", "refused");
    await db().insertInto("notification_routes").values({ center_id: c.id, kind: "month_not_closed", robot_id: id }).execute();
    let clock = Date.parse("2026-11-27T00:30:00.000Z");
    const now = () => new Date(clock).toISOString();
    expect(await runDaily(db(), { today: TODAY, now, centerIds: [c.id] })).toMatchObject({ queued: 1, sent: 0, retrying: 1, failed: 0 });
    const row = () => db().selectFrom("outbox").select(["status", "attempts", "last_error"]).where("center_id", "=", c.id).executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: "pending", attempts: 1 });
    expect((await row()).last_error).toContain("errcode 93000 invalid webhook url");
    // Re-runs before the next attempt is due send nothing; each later run makes one more attempt.
    expect(await runDaily(db(), { today: TODAY, now, centerIds: [c.id] })).toMatchObject({ queued: 0, sent: 0, retrying: 0, failed: 0 });
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      clock += 3 * 3_600_000;
      outcomes.push(await runDaily(db(), { today: TODAY, now, centerIds: [c.id] }));
    }
    expect(outcomes.map((o) => [o.retrying, o.failed])).toEqual([[1, 0], [1, 0], [1, 0], [0, 1]]);
    // What `npm run daily` prints: the failure with the robot's words, never its key.
    const printed = reportLines(outcomes[3]).join("\n");
    expect(printed).toContain("失败 1 条");
    expect(printed).toContain("→ 失效的群：机器人拒绝：errcode 93000 invalid webhook url");
    expect(printed).not.toContain("refused");
    const last = await row();
    expect(last).toMatchObject({ status: "failed", attempts: 5 });
    expect(last.last_error).toContain("93000");
    expect(last.last_error).not.toContain("refused");
  });
});
