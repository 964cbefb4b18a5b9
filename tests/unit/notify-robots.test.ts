// WeCom and DingTalk group robots against stand-in robots: the exact URL, query and JSON body each
// one expects, the DingTalk signature for a known timestamp/secret pair, errcode answers, retries on
// rate limits, 5xx, network errors and timeouts, and secrets that never reach an error text.
import { createHmac } from "node:crypto";
import { delay, http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { dingtalkSign, maskUrl, robotRequest, sendToRobot, validateWebhook, type RobotConfig, type RobotMessage } from "../../app/modules/notify/robots.server";
import { mockServer } from "../mocks/server";

const WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
const WECOM_URL = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`;
const DING_TOKEN = "b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2";
const DING_URL = `https://oapi.dingtalk.com/robot/send?access_token=${DING_TOKEN}`;
const DING_SECRET = "SECa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3";
const NOW = 1_767_225_600_000; // 2026-01-01T00:00:00Z

const wecom: RobotConfig = { kind: "wecom", webhookUrl: WECOM_URL };
const dingtalk: RobotConfig = { kind: "dingtalk", webhookUrl: DING_URL, secret: DING_SECRET };
const message: RobotMessage = {
  title: "档期即将到期",
  markdown: "### 档期即将到期\n> 人民广场 LED 大屏 · 县文旅集团 · **明天 18:00** 释放",
  text: "档期即将到期：人民广场 LED 大屏 · 县文旅集团 · 明天 18:00 释放",
};

interface Seen {
  url: string;
  contentType: string | null;
  body: unknown;
}
let seen: Seen[];

beforeEach(() => {
  seen = [];
});

async function remember(request: Request): Promise<void> {
  seen.push({ url: request.url, contentType: request.headers.get("content-type"), body: await request.clone().json() });
}

/** A robot at the documented address that answers every POST with this (HTTP 200 unless given). */
function robot(url: string, answer: () => Response | Promise<Response>) {
  const base = url.split("?")[0];
  mockServer.use(
    http.post(base, async ({ request }) => {
      await remember(request);
      return answer();
    }),
  );
}

/** The expected signature, computed independently of the module. */
function expectedSign(timestamp: number, secret: string): { raw: string; encoded: string } {
  const raw = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
  return { raw, encoded: encodeURIComponent(raw) };
}

const noSecretIn = (text: string) => {
  for (const secret of [WECOM_KEY, DING_TOKEN, DING_SECRET]) expect(text).not.toContain(secret);
};

describe("robot requests", () => {
  it("WeCom: markdown to the webhook URL as given", async () => {
    // why: the robots are outside HTTP services; msw plays them.
    robot(WECOM_URL, () => HttpResponse.json({ errcode: 0, errmsg: "ok" }));
    const result = await sendToRobot(wecom, message, { now: NOW });
    expect(result).toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe(WECOM_URL);
    expect(seen[0].contentType).toBe("application/json");
    expect(seen[0].body).toEqual({ msgtype: "markdown", markdown: { content: message.markdown } });
  });

  it("DingTalk with signing: access_token, timestamp and the URL-encoded signature in the query", async () => {
    robot(DING_URL, () => HttpResponse.json({ errcode: 0, errmsg: "ok" }));
    const result = await sendToRobot(dingtalk, message, { now: NOW });
    expect(result).toEqual({ ok: true });
    const sign = expectedSign(NOW, DING_SECRET);
    expect(seen[0].url).toBe(`${DING_URL}&timestamp=${NOW}&sign=${sign.encoded}`);
    const query = new URL(seen[0].url).searchParams;
    expect(query.get("access_token")).toBe(DING_TOKEN);
    expect(query.get("timestamp")).toBe(String(NOW));
    expect(query.get("sign")).toBe(sign.raw);
    expect(seen[0].contentType).toBe("application/json");
    expect(seen[0].body).toEqual({ msgtype: "markdown", markdown: { title: message.title, text: message.markdown } });
  });

  it("DingTalk without a secret: the webhook URL unchanged", () => {
    const request = robotRequest({ kind: "dingtalk", webhookUrl: DING_URL }, message, NOW);
    expect(request.url).toBe(DING_URL);
    expect(request.body).toEqual({ msgtype: "markdown", markdown: { title: message.title, text: message.markdown } });
  });

  it("dingtalkSign matches an independent HMAC and is URL-encoded", () => {
    const timestamp = 1_700_000_000_000;
    const secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";
    const { raw, encoded } = expectedSign(timestamp, secret);
    // A 32-byte digest in base64 always ends with one "=", so the encoded form has "%3D".
    expect(raw).toMatch(/=$/);
    expect(dingtalkSign(timestamp, secret)).toBe(encoded);
    expect(dingtalkSign(timestamp, secret)).toMatch(/%3D$/);
    expect(dingtalkSign(timestamp, secret)).not.toMatch(/[+/=]/);
    expect(decodeURIComponent(dingtalkSign(timestamp, secret))).toBe(raw);
  });

  it("WeCom: markdown over 4096 bytes falls back to text cut to 2048 bytes on a character boundary", () => {
    const long: RobotMessage = { title: "周报", markdown: "收".repeat(1400), text: "入".repeat(1000) }; // 4200 and 3000 bytes
    const request = robotRequest(wecom, long, NOW);
    const body = request.body as { msgtype: string; text: { content: string } };
    expect(body.msgtype).toBe("text");
    expect(Buffer.byteLength(body.text.content, "utf8")).toBeLessThanOrEqual(2048);
    expect(body.text.content.endsWith("…")).toBe(true);
    expect(body.text.content).toBe("入".repeat(681) + "…"); // 681 × 3 + 3 = 2046 bytes
    expect(body.text.content).not.toContain("\uFFFD");
    // Exactly at the limit is still markdown.
    const atLimit = robotRequest(wecom, { ...long, markdown: "a".repeat(4096) }, NOW).body as { msgtype: string };
    expect(atLimit.msgtype).toBe("markdown");
  });

  it("WeCom fallback keeps a short text whole and never splits a surrogate pair", () => {
    const short = robotRequest(wecom, { title: "t", markdown: "x".repeat(5000), text: "短文本" }, NOW).body as { text: { content: string } };
    expect(short.text.content).toBe("短文本");
    const emoji = robotRequest(wecom, { title: "t", markdown: "x".repeat(5000), text: "😀".repeat(600) }, NOW).body as { text: { content: string } };
    expect(emoji.text.content).toBe("😀".repeat(511) + "…"); // 511 × 4 + 3 = 2047 bytes
  });
});

describe("robot answers", () => {
  it("a non-zero errcode is a failure with the errmsg, retried, without any secret", async () => {
    robot(WECOM_URL, () => HttpResponse.json({ errcode: 93000, errmsg: `invalid webhook url, hint: [key=${WECOM_KEY}]` }));
    const result = await sendToRobot(wecom, message, { now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.retry).toBe(true);
    expect(result.error).toMatch(/^机器人拒绝：errcode 93000 invalid webhook url/);
    noSecretIn(result.error);
  });

  it("DingTalk refusing the signature: failure, no secret, token or sign in the error", async () => {
    robot(DING_URL, () => HttpResponse.json({ errcode: 310000, errmsg: "sign not match" }));
    const result = await sendToRobot(dingtalk, message, { now: NOW });
    expect(result).toEqual({ ok: false, retry: true, error: "机器人拒绝：errcode 310000 sign not match" });
  });

  it.each([
    ["wecom", wecom, 45009],
    ["dingtalk", dingtalk, 130101],
    ["dingtalk", dingtalk, 660026],
  ] as const)("%s rate-limit errcode %i is retried too", async (_kind, config, errcode) => {
    robot(config.webhookUrl, () => HttpResponse.json({ errcode, errmsg: "api freq out of limit" }));
    const result = await sendToRobot(config, message, { now: NOW });
    expect(result).toMatchObject({ ok: false, retry: true });
    if (!result.ok) expect(result.error).toContain(`errcode ${errcode}`);
  });

  it("HTTP 500 is retried", async () => {
    robot(DING_URL, () => HttpResponse.json({ message: "busy" }, { status: 500 }));
    const result = await sendToRobot(dingtalk, message, { now: NOW });
    expect(result).toMatchObject({ ok: false, retry: true });
    if (!result.ok) {
      expect(result.error).toContain("HTTP 500");
      noSecretIn(result.error);
    }
  });

  it("HTTP 400 is final", async () => {
    robot(WECOM_URL, () => HttpResponse.json({ message: "bad request" }, { status: 400 }));
    const result = await sendToRobot(wecom, message, { now: NOW });
    expect(result).toMatchObject({ ok: false, retry: false });
    if (!result.ok) expect(result.error).toContain("HTTP 400");
  });

  it("a network error is retried", async () => {
    robot(WECOM_URL, () => HttpResponse.error());
    const result = await sendToRobot(wecom, message, { now: NOW });
    expect(result).toMatchObject({ ok: false, retry: true });
    if (!result.ok) noSecretIn(result.error);
  });

  it("a robot that does not answer in time is a retried timeout", async () => {
    robot(DING_URL, async () => {
      await delay(1_000);
      return HttpResponse.json({ errcode: 0, errmsg: "ok" });
    });
    const started = Date.now();
    const result = await sendToRobot(dingtalk, message, { now: NOW, timeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(900);
    expect(result).toMatchObject({ ok: false, retry: true });
    if (!result.ok) {
      expect(result.error).toContain("超时");
      noSecretIn(result.error);
    }
  });

  it("uses the given fetch when one is passed", async () => {
    const calls: string[] = [];
    const fetchImpl = (async (input: string | URL | Request) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ errcode: 0, errmsg: "ok" }), { status: 200, headers: { "Content-Type": "application/json" } });
    }) as typeof fetch;
    expect(await sendToRobot(wecom, message, { fetchImpl })).toEqual({ ok: true });
    expect(calls).toEqual([WECOM_URL]);
  });
});

describe("masking and validation", () => {
  it("maskUrl hides key, access_token and sign, and keeps the rest", () => {
    expect(maskUrl(WECOM_URL)).toBe("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***");
    const signed = robotRequest(dingtalk, message, NOW).url;
    expect(maskUrl(signed)).toBe(`https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=${NOW}&sign=***`);
    noSecretIn(maskUrl(signed));
    expect(maskUrl(signed)).not.toContain(expectedSign(NOW, DING_SECRET).encoded);
    expect(maskUrl("https://example.test/path?a=1")).toBe("https://example.test/path?a=1");
  });

  it("validateWebhook accepts the documented addresses", () => {
    expect(validateWebhook("wecom", WECOM_URL)).toBeNull();
    expect(validateWebhook("dingtalk", DING_URL)).toBeNull();
  });

  it.each([
    ["wecom", WECOM_URL.replace("https:", "http:")],
    ["wecom", `https://qyapi.weixin.qq.com.evil.test/cgi-bin/webhook/send?key=${WECOM_KEY}`],
    ["wecom", `https://qyapi.weixin.qq.com/cgi-bin/other?key=${WECOM_KEY}`],
    ["wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"],
    ["wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key="],
    ["wecom", DING_URL],
    ["dingtalk", DING_URL.replace("https:", "http:")],
    ["dingtalk", `https://oapi.dingtalk.example/robot/send?access_token=${DING_TOKEN}`],
    ["dingtalk", "https://oapi.dingtalk.com/robot/send"],
    ["dingtalk", WECOM_URL],
    ["dingtalk", "不是网址"],
  ] as const)("validateWebhook(%s) refuses %s", (kind, url) => {
    const problem = validateWebhook(kind, url);
    expect(problem).toEqual(expect.any(String));
    expect(problem).toMatch(/[\u4e00-\u9fff]/);
  });
});
