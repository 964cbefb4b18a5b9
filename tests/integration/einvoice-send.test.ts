// Sending an issued bill to the e-invoice provider: the request is the bill as issued, the answer's
// 数电发票号码 is recorded and audited, a refusal stores nothing, a red-letter bill names the
// original's invoice, and a second press after success sends nothing.
import { http, HttpResponse } from "msw";
import { beforeEach, expect, it } from "vitest";
import { createCredit } from "../../app/modules/billing/credits.server";
import { createHttpProvider } from "../../app/modules/billing/provider/http-provider.server";
import { sendToProvider } from "../../app/modules/billing/provider/send.server";
import * as billDetail from "../../app/routes/finance.bills.$id";
import { mockServer } from "../mocks/server";
import { cookieFor } from "../support/factory";
import { call } from "../support/routes";
import { describeEachDb } from "../support/db";
import { billableClient, billingWorld, issuedBill } from "../support/billing";

const BASE = "https://einvoice.test/api/v1";
const provider = () => createHttpProvider({ baseUrl: BASE, appKey: "k", appSecret: "s", backoffMs: 1, timeoutMs: 2_000, attempts: 2 });
let posted: { path: string; body: Record<string, unknown> }[];
let invoiceNo = 0;

beforeEach(() => {
  posted = [];
  // why: the provider is an outside HTTP service; msw plays it.
  mockServer.use(
    http.get(`${BASE}/:kind/:serial`, () => HttpResponse.json({ message: "not found" }, { status: 404 })),
    http.post(`${BASE}/:kind`, async ({ request, params }) => {
      const body = (await request.json()) as Record<string, unknown>;
      posted.push({ path: String(params.kind), body });
      if ((body.buyer as { name?: string } | undefined)?.name === "拒开客户") return HttpResponse.json({ message: "购买方信息校验不通过" }, { status: 422 });
      invoiceNo += 1;
      return HttpResponse.json({ serial: body.serial, invoiceNumber: `2633200000${String(invoiceNo).padStart(10, "0")}`, issuedOn: "2026-03-20" }, { status: 201 });
    }),
  );
});

describeEachDb("sending bills to the e-invoice provider", ({ db }) => {
  it("records the provider's number on the bill, audited, and refuses to send it twice", async () => {
    const world = await billingWorld(db());
    const client = await billableClient(db(), world.sales);
    const bill = await issuedBill(db(), world.finance, client, [{ amountFen: 106_000 }]);
    const sent = await sendToProvider(db(), world.finance, bill.id, provider(), "2026-03-20");
    expect(sent.ok).toBe(true);
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toMatchObject({ serial: bill.number, totalAmount: "1060.00", taxAmount: "60.00", netAmount: "1000.00" });
    const row = await db().selectFrom("bills").select(["tax_invoice_number", "tax_invoice_date"]).where("id", "=", bill.id).executeTakeFirstOrThrow();
    expect(row.tax_invoice_number).toBe(sent.ok ? sent.invoiceNumber : "");
    expect(row.tax_invoice_date).toBe("2026-03-20");
    const audit = await db().selectFrom("audit_log").select("after_json").where("entity_id", "=", bill.id).where("action", "=", "record_invoice").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ source: "provider" });

    const again = await sendToProvider(db(), world.finance, bill.id, provider(), "2026-03-20");
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect(posted).toHaveLength(1);
  });

  it("a refusal stores nothing; only finance may send; another center's bill is not found", async () => {
    const world = await billingWorld(db());
    const client = await billableClient(db(), world.sales, { name: "拒开客户" });
    const bill = await issuedBill(db(), world.finance, client, [{ amountFen: 50_000 }]);
    const refused = await sendToProvider(db(), world.finance, bill.id, provider(), "2026-03-20");
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(refused.ok ? "" : refused.errors.form).toContain("购买方信息校验不通过");
    expect((await db().selectFrom("bills").select("tax_invoice_number").where("id", "=", bill.id).executeTakeFirstOrThrow()).tax_invoice_number).toBe("");

    expect(await sendToProvider(db(), world.manager, bill.id, provider())).toMatchObject({ ok: false, status: 403 });
    const other = await billingWorld(db());
    expect(await sendToProvider(db(), other.finance, bill.id, provider())).toMatchObject({ ok: false, status: 404 });
    expect(await sendToProvider(db(), world.finance, bill.id, null)).toMatchObject({ ok: false, status: 409 });
  });

  it("a red-letter bill goes as a red letter naming the original invoice, once the original has its number", async () => {
    const world = await billingWorld(db());
    const client = await billableClient(db(), world.sales);
    const bill = await issuedBill(db(), world.finance, client, [{ amountFen: 106_000 }]);
    const credit = await createCredit(db(), world.finance, bill.id, { reason: "销售折让", issueDate: "2026-03-18", full: true });
    if (!credit.ok) throw new Error(JSON.stringify(credit.errors));
    expect(await sendToProvider(db(), world.finance, credit.id, provider(), "2026-03-20")).toMatchObject({ ok: false, status: 409 });
    expect(posted).toHaveLength(0);

    const blue = await sendToProvider(db(), world.finance, bill.id, provider(), "2026-03-20");
    const red = await sendToProvider(db(), world.finance, credit.id, provider(), "2026-03-20");
    expect(red).toMatchObject({ ok: true });
    expect(posted.map((p) => p.path)).toEqual(["invoices", "red-letters"]);
    expect(posted[1].body).toMatchObject({ serial: credit.number, originalInvoiceNumber: blue.ok ? blue.invoiceNumber : "", reason: "销售折让" });
  });

  it("the bill page offers the provider only when one is configured, and its button records the number", async () => {
    const world = await billingWorld(db());
    const client = await billableClient(db(), world.sales);
    const bill = await issuedBill(db(), world.finance, client, [{ amountFen: 21_200 }]);
    const finance = await cookieFor(db(), world.center.users.finance);
    const page = () => call(billDetail.loader, db(), { url: `/finance/bills/${bill.id}`, cookie: finance, params: { id: bill.id } });
    const press = () => call(billDetail.action, db(), { url: `/finance/bills/${bill.id}`, cookie: finance, params: { id: bill.id }, form: { intent: "provider" } });

    expect((await page()).body).toMatchObject({ providerReady: false });
    expect((await press()).status).toBe(409);
    const saved = { ...process.env };
    Object.assign(process.env, { EINVOICE_PROVIDER_URL: BASE, EINVOICE_APP_KEY: "k", EINVOICE_APP_SECRET: "s", EINVOICE_ATTEMPTS: "1" });
    try {
      expect((await page()).body).toMatchObject({ providerReady: true });
      const pressed = await press();
      expect(pressed.status).toBe(302);
      expect(pressed.headers.get("Location")).toContain("done=taxInvoice");
      expect((await page()).body).toMatchObject({ providerReady: false, bill: { tax_invoice_number: expect.stringMatching(/^\d{20}$/) } });
      const manager = await cookieFor(db(), world.center.users.manager);
      expect((await call(billDetail.action, db(), { url: `/finance/bills/${bill.id}`, cookie: manager, params: { id: bill.id }, form: { intent: "provider" } })).status).toBe(403);
    } finally {
      for (const key of ["EINVOICE_PROVIDER_URL", "EINVOICE_APP_KEY", "EINVOICE_APP_SECRET", "EINVOICE_ATTEMPTS"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });
});
