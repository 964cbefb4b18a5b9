// Group robots of WeCom (企业微信) and DingTalk (钉钉): the request each one expects and one
// delivery attempt over HTTPS. Both are public, documented webhook APIs:
//   WeCom    POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY
//            { msgtype: "markdown", markdown: { content } }  (content at most 4096 bytes)
//   DingTalk POST https://oapi.dingtalk.com/robot/send?access_token=TOKEN[&timestamp=T&sign=S]
//            { msgtype: "markdown", markdown: { title, text } }
//            S = urlencode(base64(HMAC-SHA256(key = secret, "T\nsecret"))) when signing is on.
// Both answer HTTP 200 with { errcode, errmsg }; a non-zero errcode is a refusal. Errors are values,
// never thrown; retrying (with backoff, up to a limit) is the outbox's business, this module only
// says whether a retry makes sense.
// SECURITY: the key, access_token, sign and secret never appear in an error text: every URL passes
// through maskUrl and every text through a redaction of the configured secrets.
import { createHmac } from "node:crypto";

export type RobotKind = "wecom" | "dingtalk";

export interface RobotConfig {
  kind: RobotKind;
  webhookUrl: string;
  /** DingTalk only: the signing secret ("SEC…"), when the robot has 加签 switched on. */
  secret?: string;
}

export interface RobotMessage {
  title: string;
  markdown: string;
  /** Plain text, used when the markdown is too long for the robot. */
  text: string;
}

export type RobotResult = { ok: true } | { ok: false; retry: boolean; error: string };

const DEFAULT_TIMEOUT_MS = 10_000;
/** WeCom: markdown content at most 4096 bytes (UTF-8); text content at most 2048 bytes. */
const WECOM_MARKDOWN_MAX_BYTES = 4096;
const WECOM_TEXT_MAX_BYTES = 2048;
const ELLIPSIS = "…";

const ROBOT_NAME: Record<RobotKind, string> = { wecom: "企业微信机器人", dingtalk: "钉钉机器人" };

const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** The text cut to at most maxBytes of UTF-8 on a character boundary, ending with "…" when cut. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const budget = maxBytes - utf8Bytes(ELLIPSIS);
  let out = "";
  let used = 0;
  for (const char of text) {
    const size = utf8Bytes(char);
    if (used + size > budget) break;
    out += char;
    used += size;
  }
  return out + ELLIPSIS;
}

/** The DingTalk signature for a timestamp (ms), already URL-encoded for the query string. */
export function dingtalkSign(timestamp: number, secret: string): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
  return encodeURIComponent(digest);
}

/** The URL and JSON body to POST for this message. Pure: the time comes in as `now` (ms). */
export function robotRequest(config: RobotConfig, message: RobotMessage, now: number): { url: string; body: unknown } {
  if (config.kind === "wecom") {
    if (utf8Bytes(message.markdown) <= WECOM_MARKDOWN_MAX_BYTES) {
      return { url: config.webhookUrl, body: { msgtype: "markdown", markdown: { content: message.markdown } } };
    }
    return { url: config.webhookUrl, body: { msgtype: "text", text: { content: truncateUtf8(message.text, WECOM_TEXT_MAX_BYTES) } } };
  }
  const body = { msgtype: "markdown", markdown: { title: message.title, text: message.markdown } };
  if (!config.secret) return { url: config.webhookUrl, body };
  const joiner = config.webhookUrl.includes("?") ? "&" : "?";
  return { url: `${config.webhookUrl}${joiner}timestamp=${now}&sign=${dingtalkSign(now, config.secret)}`, body };
}

/** The URL with the values of key, access_token and sign replaced by "***"; safe to show or log. */
export function maskUrl(url: string): string {
  return url.replace(/([?&](?:key|access_token|sign)=)[^&#]*/gi, "$1***");
}

/** Replace every configured secret (and the URL's credentials) in a text by "***". */
function redactor(config: RobotConfig): (text: string) => string {
  const secrets: string[] = [];
  if (config.secret) secrets.push(config.secret);
  const query = config.webhookUrl.split("?")[1]?.split("#")[0] ?? "";
  for (const pair of query.split("&")) {
    const [name, value] = pair.split("=");
    if (!value || !["key", "access_token", "sign"].includes(name.toLowerCase())) continue;
    secrets.push(value);
    try {
      secrets.push(decodeURIComponent(value));
    } catch {
      // a malformed escape: the raw value is redacted already
    }
  }
  const longestFirst = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  return (text) => longestFirst.reduce((t, s) => t.split(s).join("***"), maskUrl(text));
}

/** A Chinese message when the URL is not the robot's documented HTTPS webhook, else null. */
export function validateWebhook(kind: RobotKind, url: string): string | null {
  const name = ROBOT_NAME[kind];
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return `${name}的 Webhook 地址不是有效的网址`;
  }
  if (parsed.protocol !== "https:") return `${name}的 Webhook 地址必须以 https:// 开头`;
  if (parsed.username || parsed.password) return `${name}的 Webhook 地址中不能包含账号或密码`;
  const expected =
    kind === "wecom"
      ? { host: "qyapi.weixin.qq.com", path: "/cgi-bin/webhook/send", param: "key", example: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" }
      : { host: "oapi.dingtalk.com", path: "/robot/send", param: "access_token", example: "https://oapi.dingtalk.com/robot/send?access_token=…" };
  if (parsed.host !== expected.host || parsed.pathname !== expected.path) return `${name}的 Webhook 地址应形如 ${expected.example}`;
  if (!parsed.searchParams.get(expected.param)?.trim()) return `${name}的 Webhook 地址缺少 ${expected.param} 参数，请从群机器人设置中完整复制`;
  return null;
}

/** The robot's JSON answer as an object, or null when it is not one. */
function parseAnswer(text: string): { errcode?: unknown; errmsg?: unknown } | null {
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as { errcode?: unknown; errmsg?: unknown }) : null;
  } catch {
    return null;
  }
}

const RETRIED_STATUS = (status: number) => status >= 500 || status === 429 || status === 408;

/** POST the message to the robot once. Never throws; says whether a retry makes sense. */
export async function sendToRobot(
  config: RobotConfig,
  message: RobotMessage,
  opts: { now?: number; timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<RobotResult> {
  const name = ROBOT_NAME[config.kind];
  const redact = redactor(config);
  const fail = (retry: boolean, error: string): RobotResult => ({ ok: false, retry, error: redact(error) });
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // why: read at call time, so a fetch patched after import (msw in tests) is the one used.
  const fetchImpl = opts.fetchImpl ?? globalThis.fetch;

  let request: { url: string; body: unknown };
  try {
    request = robotRequest(config, message, opts.now ?? Date.now());
  } catch {
    return fail(false, `${name}的消息无法生成`);
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let status: number;
  let text: string;
  try {
    const response = await fetchImpl(request.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(request.body),
      // SECURITY: a redirect would carry the message elsewhere; robots never redirect.
      redirect: "manual",
      signal: controller.signal,
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (controller.signal.aborted) return fail(true, `${name}在 ${timeoutMs} 毫秒内无答复（超时），稍后重试`);
    const cause = error instanceof Error ? ((error.cause as { code?: unknown } | undefined)?.code ?? error.message) : "";
    return fail(true, `无法连接${name}（${String(cause || "网络错误").slice(0, 100)}），稍后重试`);
  } finally {
    clearTimeout(timer);
  }

  if (status >= 300 && status < 400) return fail(false, `${name}答复了意外的重定向（HTTP ${status}），请检查 Webhook 地址`);
  if (status >= 400) {
    const retry = RETRIED_STATUS(status);
    return fail(retry, `${name}答复 HTTP ${status}${retry ? "，稍后重试" : "，请检查 Webhook 地址与机器人设置"}`);
  }

  const answer = parseAnswer(text);
  const errcode = answer ? Number(answer.errcode) : NaN;
  if (!answer || answer.errcode === null || answer.errcode === "" || !Number.isInteger(errcode)) {
    return fail(true, `${name}的答复无法识别（HTTP ${status}），稍后重试`);
  }
  if (errcode === 0) return { ok: true };
  const errmsg = typeof answer.errmsg === "string" ? answer.errmsg.slice(0, 300) : "";
  // Every refusal is retried (rate limits and busy robots pass; a wrong key fails after the last
  // attempt), so the settings page shows the robot's own words meanwhile and then as failed.
  return fail(true, `机器人拒绝：errcode ${errcode} ${errmsg}`.trim());
}
