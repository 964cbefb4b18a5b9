// The JSON-over-HTTPS e-invoice provider against a stand-in provider: success, a refused request,
// timeouts, retried server errors, the idempotency key that keeps a retry from issuing twice, and
// secrets that never reach a log line or a request header.
import { createHmac } from "node:crypto";
import { delay, http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { createHttpProvider, providerFromEnv } from "../../app/modules/billing/provider/http-provider.server";
import { failureMessage, type IssueRequest } from "../../app/modules/billing/provider/provider";
import { mockServer } from "../mocks/server";

const BASE = "https://einvoice.test/api/v1";
const APP_KEY = "app-key-7788";
const SECRET = "s3cret-Value-never-logged";
const NUMBER = "26110000000000012345";

const request: IssueRequest = {
  serial: "ZD2026-000123",
  invoiceKind: "special",
  taxIncluded: true,
  buyer: { name: "县文旅集团有限公司", taxId: "91330100MA2XXXXX1X", addressPhone: "人民路1号 0571-88886666", bankAccount: "工行城关支行 1202020209000012345", naturalPerson: false },
  lines: [{ itemName: "*广告服务*广告发布费", taxCode: "3040303000000000000", quantity: 1, amountFen: 106_000, rateBp: 600, taxFen: 6_000 }],
  netFen: 100_000,
  taxFen: 6_000,
  totalFen: 106_000,
  remark: "2026年11月户外LED",
};

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

let seen: Seen[];
let logged: string[];

function provider(over: { timeoutMs?: number; attempts?: number } = {}) {
  return createHttpProvider({ baseUrl: BASE, appKey: APP_KEY, appSecret: SECRET, backoffMs: 1, timeoutMs: over.timeoutMs ?? 2_000, attempts: over.attempts ?? 3, log: (m) => logged.push(m) });
}

async function remember(req: Request): Promise<void> {
  seen.push({ method: req.method, path: new URL(req.url).pathname, headers: Object.fromEntries(req.headers.entries()), body: await req.clone().text() });
}

const posts = () => seen.filter((s) => s.method === "POST");
const issued = (serial = request.serial, number = NUMBER) => ({ serial, invoiceNumber: number, issuedOn: "2026-12-03" });

/** Nothing issued yet under any serial. */
const noneYet = http.get(`${BASE}/invoices/:serial`, async ({ request: req }) => {
  await remember(req);
  return HttpResponse.json({ message: "not found" }, { status: 404 });
});

beforeEach(() => {
  seen = [];
  logged = [];
});

describe("e-invoice provider over HTTPS", () => {
  it("issues an invoice: asks first, then posts the bill once, signed, with the bill number as idempotency key", async () => {
    // why: the provider is an outside HTTP service; msw plays it.
    mockServer.use(
      noneYet,
      http.post(`${BASE}/invoices`, async ({ request: req }) => {
        await remember(req);
        return HttpResponse.json(issued(), { status: 201 });
      }),
    );
    const result = await provider().issue(request);
    expect(result).toEqual({ ok: true, value: { serial: "ZD2026-000123", invoiceNumber: NUMBER, issuedOn: "2026-12-03" }, attempts: 1 });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(["GET /api/v1/invoices/ZD2026-000123", "POST /api/v1/invoices"]);
    const post = posts()[0];
    expect(post.headers["idempotency-key"]).toBe("ZD2026-000123");
    expect(post.headers["x-app-key"]).toBe(APP_KEY);
    const expected = createHmac("sha256", SECRET).update(`POST\n/api/v1/invoices\n${post.headers["x-timestamp"]}\n${post.body}`).digest("hex");
    expect(post.headers["x-signature"]).toBe(expected);
    const body = JSON.parse(post.body);
    expect(body).toMatchObject({ serial: "ZD2026-000123", invoiceType: "special", totalAmount: "1060.00", taxAmount: "60.00", netAmount: "1000.00" });
    expect(body.lines[0]).toEqual({ itemName: "*广告服务*广告发布费", taxCode: "3040303000000000000", quantity: 1, amount: "1060.00", taxRate: "0.06", tax: "60.00" });
  });

  it("a validation error (4xx) is final: no retry, the provider's message is kept", async () => {
    mockServer.use(
      noneYet,
      http.post(`${BASE}/invoices`, async ({ request: req }) => {
        await remember(req);
        return HttpResponse.json({ code: "BUYER_TAX_ID", message: "购买方纳税人识别号校验不通过" }, { status: 422 });
      }),
    );
    const result = await provider().issue(request);
    expect(result).toMatchObject({ ok: false, failure: "rejected", status: 422, attempts: 1, message: "购买方纳税人识别号校验不通过" });
    expect(posts()).toHaveLength(1);
    if (!result.ok) expect(failureMessage(result)).toContain("购买方纳税人识别号校验不通过");
  });

  it("a provider that does not answer in time gives a timeout after the bounded retries", async () => {
    mockServer.use(
      noneYet,
      http.post(`${BASE}/invoices`, async ({ request: req }) => {
        await remember(req);
        await delay(1_000);
        return HttpResponse.json(issued(), { status: 201 });
      }),
    );
    const started = Date.now();
    const result = await provider({ timeoutMs: 60, attempts: 2 }).issue(request);
    expect(result).toMatchObject({ ok: false, failure: "timeout", attempts: 2, status: null });
    expect(posts()).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(900);
    if (!result.ok) expect(failureMessage(result)).toContain("请先查询");
  });

  it("a 5xx is retried and the next answer counts", async () => {
    let calls = 0;
    mockServer.use(
      noneYet,
      http.post(`${BASE}/invoices`, async ({ request: req }) => {
        await remember(req);
        return ++calls === 1 ? HttpResponse.json({ message: "busy" }, { status: 503 }) : HttpResponse.json(issued(), { status: 201 });
      }),
    );
    const result = await provider().issue(request);
    expect(result).toMatchObject({ ok: true, attempts: 2, value: { invoiceNumber: NUMBER } });
    expect(logged.some((m) => m.includes("第 1/3 次失败（HTTP 503）"))).toBe(true);
  });

  it("5xx past the retry limit, or a network error, is a failure after exactly the allowed tries", async () => {
    mockServer.use(
      noneYet,
      http.post(`${BASE}/invoices`, async ({ request: req }) => {
        await remember(req);
        return HttpResponse.json({ message: "internal error" }, { status: 500 });
      }),
    );
    const result = await provider().issue(request);
    expect(result).toMatchObject({ ok: false, failure: "unavailable", status: 500, attempts: 3 });
    expect(posts()).toHaveLength(3);

    seen = [];
    mockServer.use(
      http.get(`${BASE}/invoices/:serial`, async ({ request: req }) => {
        await remember(req);
        return HttpResponse.error();
      }),
    );
    const offline = await provider({ attempts: 2 }).query("ZD2026-000123");
    expect(offline).toMatchObject({ ok: false, failure: "unavailable", attempts: 2 });
    expect(seen).toHaveLength(2);
  });

  it("a retried request carries the same idempotency key and never issues twice", async () => {
    // The stand-in provider issues on the first POST but the answer is lost (503); it answers the
    // same invoice for the same key afterwards, as the protocol requires.
    const byKey = new Map<string, ReturnType<typeof issued>>();
    let issuedCount = 0;
    let lost = false;
    mockServer.use(
      http.get(`${BASE}/invoices/:serial`, async ({ request: req, params }) => {
        await remember(req);
        const found = byKey.get(String(params.serial));
        return found ? HttpResponse.json(found) : HttpResponse.json({ message: "not found" }, { status: 404 });
      }),
      http.post(`${BASE}/invoices`, async ({ request: req }) => {
        await remember(req);
        const key = req.headers.get("idempotency-key") ?? "";
        if (!byKey.has(key)) {
          issuedCount++;
          byKey.set(key, issued(key, `2611000000000000${String(issuedCount).padStart(4, "0")}`));
        }
        if (!lost) {
          lost = true;
          return HttpResponse.json({ message: "gateway timeout" }, { status: 504 });
        }
        return HttpResponse.json(byKey.get(key), { status: 200 });
      }),
    );
    const first = await provider().issue(request);
    expect(first).toMatchObject({ ok: true, attempts: 2, value: { invoiceNumber: "26110000000000000001" } });
    expect(posts().map((p) => p.headers["idempotency-key"])).toEqual(["ZD2026-000123", "ZD2026-000123"]);
    expect(issuedCount).toBe(1);

    // Asked again later (say the user pressed the button twice): the query finds it, nothing is posted.
    seen = [];
    const again = await provider().issue(request);
    expect(again).toMatchObject({ ok: true, value: { invoiceNumber: "26110000000000000001" } });
    expect(posts()).toHaveLength(0);
    expect(issuedCount).toBe(1);
  });

  it("does not issue when the provider cannot say whether the serial was issued", async () => {
    mockServer.use(
      http.get(`${BASE}/invoices/:serial`, async ({ request: req }) => {
        await remember(req);
        return HttpResponse.json({ message: "down" }, { status: 502 });
      }),
    );
    const result = await provider({ attempts: 2 }).issue(request);
    expect(result).toMatchObject({ ok: false, failure: "unavailable", attempts: 2 });
    expect(posts()).toHaveLength(0);
  });

  it("raises a red-letter invoice with negative amounts and refuses an answer that breaks the contract", async () => {
    mockServer.use(
      noneYet,
      http.post(`${BASE}/red-letters`, async ({ request: req }) => {
        await remember(req);
        const body = (await req.json()) as { serial: string };
        return HttpResponse.json(issued(body.serial, "26110000000000099999"));
      }),
    );
    const credit = {
      serial: "ZD2026-000130",
      originalInvoiceNumber: NUMBER,
      originalInvoiceDate: "2026-12-03",
      reason: "销售折让" as const,
      lines: [{ ...request.lines[0], amountFen: -10_600, taxFen: -600 }],
      netFen: -10_000,
      taxFen: -600,
      totalFen: -10_600,
    };
    const result = await provider().redLetter(credit);
    expect(result).toMatchObject({ ok: true, value: { serial: "ZD2026-000130", invoiceNumber: "26110000000000099999" } });
    const body = JSON.parse(posts()[0].body);
    expect(body).toMatchObject({ originalInvoiceNumber: NUMBER, reason: "销售折让", totalAmount: "-106.00" });
    expect(posts()[0].headers["idempotency-key"]).toBe("ZD2026-000130");

    mockServer.use(http.post(`${BASE}/red-letters`, () => HttpResponse.json({ serial: "ZD2026-000130", invoiceNumber: "123", issuedOn: "2026-12-03" })));
    expect(await provider().redLetter(credit)).toMatchObject({ ok: false, failure: "malformed" });
  });

  it("keeps the secret out of every log line and every request header", async () => {
    mockServer.use(
      http.get(`${BASE}/invoices/:serial`, async ({ request: req }) => {
        await remember(req);
        return HttpResponse.json({ message: `echo ${req.headers.get("x-app-key")}` }, { status: 503 });
      }),
      http.post(`${BASE}/invoices`, async ({ request: req }) => {
        await remember(req);
        return HttpResponse.json({ message: `bad request ${SECRET}` }, { status: 400 });
      }),
    );
    await provider({ attempts: 2 }).query("ZD2026-000001");
    mockServer.use(noneYet);
    await provider().issue(request);
    expect(logged.length).toBeGreaterThan(2);
    for (const line of logged) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain(APP_KEY);
    }
    for (const s of seen) expect(JSON.stringify(s.headers) + s.body).not.toContain(SECRET);
  });

  it("is off unless configured, refuses plain HTTP and half a configuration without showing the secret", () => {
    expect(providerFromEnv({})).toBeNull();
    expect(providerFromEnv({ EINVOICE_PROVIDER_URL: BASE, EINVOICE_APP_KEY: APP_KEY, EINVOICE_APP_SECRET: SECRET })).not.toBeNull();
    expect(() => providerFromEnv({ EINVOICE_PROVIDER_URL: BASE, EINVOICE_APP_SECRET: SECRET })).toThrow(/EINVOICE_APP_KEY/);
    let message = "";
    try {
      providerFromEnv({ EINVOICE_PROVIDER_URL: "http://einvoice.test/api", EINVOICE_APP_KEY: APP_KEY, EINVOICE_APP_SECRET: SECRET });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("https");
    expect(message).not.toContain(SECRET);
    expect(() => createHttpProvider({ baseUrl: "https://user:pw@einvoice.test", appKey: APP_KEY, appSecret: SECRET })).toThrow(/账号或密码/);
  });
});
