// One configurable e-invoice provider over JSON and HTTPS. Off unless EINVOICE_PROVIDER_URL,
// EINVOICE_APP_KEY and EINVOICE_APP_SECRET are set. The protocol it speaks:
//   POST {base}/invoices        issue a blue invoice          → { serial, invoiceNumber, issuedOn }
//   POST {base}/red-letters     raise a red-letter invoice    → { serial, invoiceNumber, issuedOn }
//   GET  {base}/invoices/{serial}                             → the same, or 404 when none
// Amounts travel as yuan strings with two decimals ("1234.50"), rates as fractions ("0.06").
// Each request carries X-App-Key, X-Timestamp and X-Signature (HMAC-SHA256 with the secret over
// method, path, timestamp and body); the secret itself never leaves this process and is never
// logged. POSTs carry Idempotency-Key = the serial (our bill number), so a retry after a lost
// answer gets the invoice already issued instead of a second one; before issuing, query() asks
// whether the serial was issued already. Server errors, 429, network errors and timeouts are
// retried a bounded number of times with growing pauses; other 4xx answers are final.
import { createHmac } from "node:crypto";
import { fenToYuanString } from "~/utils/money";
import { isCalendarDate } from "~/utils/time";
import type { EInvoiceLine, EInvoiceProvider, IssuedInvoice, IssueRequest, ProviderResult, RedLetterRequest } from "./provider";

export interface HttpProviderConfig {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** Per attempt, including reading the answer. */
  timeoutMs?: number;
  /** Tries per request, the first included. */
  attempts?: number;
  /** Pause before the second try; doubled before each further one. */
  backoffMs?: number;
  /** Where retries and failures are reported; console.warn by default. */
  log?: (message: string) => void;
}

const DEFAULTS = { timeoutMs: 10_000, attempts: 3, backoffMs: 300 };

type Sent =
  | { ok: true; status: number; body: unknown; attempts: number }
  | { ok: false; failure: "rejected" | "unavailable" | "timeout"; message: string; status: number | null; attempts: number };

const RETRIED_STATUS = (status: number) => status >= 500 || status === 429 || status === 408;

/** SECURITY: only HTTPS leaves the machine; plain HTTP is allowed to this host alone (a local relay). */
function checkedBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("EINVOICE_PROVIDER_URL 不是有效的网址");
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) throw new Error("电子发票服务商地址必须使用 https");
  if (url.username || url.password) throw new Error("电子发票服务商地址中不能包含账号或密码，请改用 EINVOICE_APP_KEY / EINVOICE_APP_SECRET");
  return url;
}

const yuanText = (fen: number) => fenToYuanString(fen);
const rateText = (bp: number) => String(bp / 10000);

function linesBody(lines: EInvoiceLine[]) {
  return lines.map((l) => ({ itemName: l.itemName, taxCode: l.taxCode, quantity: l.quantity, amount: yuanText(l.amountFen), taxRate: rateText(l.rateBp), tax: yuanText(l.taxFen) }));
}

function issueBody(r: IssueRequest) {
  return {
    serial: r.serial,
    invoiceType: r.invoiceKind === "special" ? "special" : "ordinary",
    taxIncluded: r.taxIncluded,
    buyer: r.buyer,
    lines: linesBody(r.lines),
    netAmount: yuanText(r.netFen),
    taxAmount: yuanText(r.taxFen),
    totalAmount: yuanText(r.totalFen),
    remark: r.remark,
  };
}

function redLetterBody(r: RedLetterRequest) {
  return {
    serial: r.serial,
    originalInvoiceNumber: r.originalInvoiceNumber,
    originalInvoiceDate: r.originalInvoiceDate,
    reason: r.reason,
    lines: linesBody(r.lines),
    netAmount: yuanText(r.netFen),
    taxAmount: yuanText(r.taxFen),
    totalAmount: yuanText(r.totalFen),
  };
}

/** The provider's answer as an invoice, or why it is not one. */
function invoiceFrom(body: unknown, serial: string): IssuedInvoice | string {
  const b = (body ?? {}) as Record<string, unknown>;
  const number = typeof b.invoiceNumber === "string" ? b.invoiceNumber : "";
  const issuedOn = typeof b.issuedOn === "string" ? b.issuedOn.slice(0, 10) : "";
  if (b.serial !== serial) return `答复的流水号与请求的 ${serial} 不一致`;
  if (!/^\d{20}$/.test(number)) return "答复中的数电发票号码不是 20 位数字";
  if (!isCalendarDate(issuedOn)) return "答复中的开票日期无效";
  return { serial, invoiceNumber: number, issuedOn };
}

function errorText(body: unknown, fallback: string): string {
  const b = body as { message?: unknown; error?: unknown } | null;
  const text = typeof b?.message === "string" ? b.message : typeof b?.error === "string" ? b.error : fallback;
  return text.slice(0, 200);
}

export function createHttpProvider(config: HttpProviderConfig): EInvoiceProvider {
  if (!config.appKey || !config.appSecret) throw new Error("电子发票服务商缺少 appKey 或 appSecret");
  const base = checkedBaseUrl(config.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  const timeoutMs = config.timeoutMs ?? DEFAULTS.timeoutMs;
  const attempts = Math.max(1, config.attempts ?? DEFAULTS.attempts);
  const backoffMs = config.backoffMs ?? DEFAULTS.backoffMs;
  // SECURITY: whatever is logged passes through here; the secret and key never reach a log line.
  const redact = (text: string) => [config.appSecret, config.appKey].reduce((t, s) => t.split(s).join("***"), text);
  const log = (message: string) => (config.log ?? console.warn)(redact(message));

  function headers(method: string, path: string, body: string, idempotencyKey: string | null): Record<string, string> {
    const timestamp = new Date().toISOString();
    const signature = createHmac("sha256", config.appSecret).update(`${method}\n${path}\n${timestamp}\n${body}`).digest("hex");
    return {
      Accept: "application/json",
      ...(body ? { "Content-Type": "application/json" } : {}),
      "X-App-Key": config.appKey,
      "X-Timestamp": timestamp,
      "X-Signature": signature,
      ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
    };
  }

  async function once(method: string, path: string, body: string, idempotencyKey: string | null): Promise<{ status: number; body: unknown } | { error: "timeout" | "network"; detail: string }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(new URL(base.origin + path), { method, headers: headers(method, path, body, idempotencyKey), body: body || undefined, signal: controller.signal });
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = { message: text.slice(0, 200) };
      }
      return { status: response.status, body: parsed };
    } catch (error) {
      if (controller.signal.aborted) return { error: "timeout", detail: `${timeoutMs} 毫秒内无答复` };
      return { error: "network", detail: error instanceof Error ? error.message : "网络错误" };
    } finally {
      clearTimeout(timer);
    }
  }

  async function send(method: "GET" | "POST", route: string, payload: unknown, idempotencyKey: string | null): Promise<Sent> {
    const path = basePath + route;
    const body = payload === undefined ? "" : JSON.stringify(payload);
    let last: Extract<Sent, { ok: false }> = { ok: false, failure: "unavailable", message: "", status: null, attempts: 0 };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const answer = await once(method, path, body, idempotencyKey);
      if ("status" in answer && !RETRIED_STATUS(answer.status)) {
        if (answer.status < 400 || answer.status === 404) return { ok: true, status: answer.status, body: answer.body, attempts: attempt };
        const message = errorText(answer.body, `HTTP ${answer.status}`);
        log(`电子发票服务商拒绝 ${method} ${path}：HTTP ${answer.status}，${message}`);
        return { ok: false, failure: "rejected", message, status: answer.status, attempts: attempt };
      }
      const what = "status" in answer ? `HTTP ${answer.status}` : answer.detail;
      last = { ok: false, failure: "status" in answer || answer.error === "network" ? "unavailable" : "timeout", message: what, status: "status" in answer ? answer.status : null, attempts: attempt };
      const retrying = attempt < attempts;
      log(`电子发票服务商 ${method} ${path} 第 ${attempt}/${attempts} 次失败（${what}）${retrying ? "，稍后重试" : "，不再重试"}`);
      if (retrying) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
    }
    return last;
  }

  function asInvoice(sent: Sent, serial: string, notFoundIsNull: true): ProviderResult<IssuedInvoice | null>;
  function asInvoice(sent: Sent, serial: string, notFoundIsNull: false): ProviderResult<IssuedInvoice>;
  function asInvoice(sent: Sent, serial: string, notFoundIsNull: boolean): ProviderResult<IssuedInvoice | null> {
    if (!sent.ok) return sent;
    if (sent.status === 404) {
      if (notFoundIsNull) return { ok: true, value: null, attempts: sent.attempts };
      return { ok: false, failure: "rejected", message: errorText(sent.body, "HTTP 404"), status: 404, attempts: sent.attempts };
    }
    const invoice = invoiceFrom(sent.body, serial);
    if (typeof invoice === "string") {
      log(`电子发票服务商的答复无法识别（${serial}）：${invoice}`);
      return { ok: false, failure: "malformed", message: invoice, status: sent.status, attempts: sent.attempts };
    }
    return { ok: true, value: invoice, attempts: sent.attempts };
  }

  const query = async (serial: string) => asInvoice(await send("GET", `/invoices/${encodeURIComponent(serial)}`, undefined, null), serial, true);

  /** MONEY: never issue blind. Ask first; an invoice already there is the answer. */
  async function issueOnce(serial: string, route: string, payload: unknown): Promise<ProviderResult<IssuedInvoice>> {
    const existing = await query(serial);
    if (!existing.ok) return existing;
    if (existing.value) return { ok: true, value: existing.value, attempts: existing.attempts };
    return asInvoice(await send("POST", route, payload, serial), serial, false);
  }

  return {
    issue: (request) => issueOnce(request.serial, "/invoices", issueBody(request)),
    redLetter: (request) => issueOnce(request.serial, "/red-letters", redLetterBody(request)),
    query,
  };
}

/** The provider configured in the environment, or null (the default: no provider). */
export function providerFromEnv(env: Record<string, string | undefined> = process.env, options: Pick<HttpProviderConfig, "log"> = {}): EInvoiceProvider | null {
  const baseUrl = env.EINVOICE_PROVIDER_URL?.trim();
  if (!baseUrl) return null;
  const appKey = env.EINVOICE_APP_KEY?.trim();
  const appSecret = env.EINVOICE_APP_SECRET?.trim();
  if (!appKey || !appSecret) throw new Error("电子发票服务商配置不完整：已设置 EINVOICE_PROVIDER_URL，但缺少 EINVOICE_APP_KEY 或 EINVOICE_APP_SECRET");
  const number = (name: string) => {
    const value = Number(env[name]);
    return env[name] && Number.isInteger(value) && value > 0 ? value : undefined;
  };
  return createHttpProvider({ baseUrl, appKey, appSecret, timeoutMs: number("EINVOICE_TIMEOUT_MS"), attempts: number("EINVOICE_ATTEMPTS"), log: options.log });
}

/** Whether a provider is configured and complete; a half-done configuration counts as none here. */
export function providerConfigured(env: Record<string, string | undefined> = process.env): boolean {
  try {
    return providerFromEnv(env) !== null;
  } catch {
    return false;
  }
}
