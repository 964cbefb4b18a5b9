// The tax screens as the browser meets them: the culture-fee page's figures and its deductions
// form, the ledgers page's totals against the downloaded sheets, the tax-platform export of
// ticked bills and the result file previewed then committed, the settings forms' refusals, and
// who may read (finance, admin, manager, auditor) or write (finance, admin) — sales never.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as cultureFeePage from "../../app/routes/finance.culture-fee";
import * as cultureFeeXlsx from "../../app/routes/finance.culture-fee[.xlsx]";
import * as ledgersPage from "../../app/routes/finance.ledgers";
import * as invoiceXlsx from "../../app/routes/finance.ledgers.invoices[.xlsx]";
import * as receiptXlsx from "../../app/routes/finance.ledgers.receipts[.xlsx]";
import * as settingsPage from "../../app/routes/finance.settings";
import * as platformPage from "../../app/routes/finance.tax-platform";
import * as platformExport from "../../app/routes/finance.tax-platform.export[.xlsx]";
import { cultureFeeForMonth } from "../../app/modules/billing/culture-fee.server";
import { describeEachDb } from "../support/db";
import { taxResultXlsx } from "../support/tax-results";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { insertBill, insertPayment, setTaxpayerStatus } from "../support/ledger-bills";
import { call, contextFor } from "../support/routes";

process.env.IMPORT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "rm-tax-routes-test-"));
afterAll(() => fs.rmSync(process.env.IMPORT_DIR!, { recursive: true, force: true }));

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MARCH = "from=2026-03-01&to=2026-03-31";

type RouteFn = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;

/** Runs a route with any request (repeated fields, files) and keeps the raw Response when there is one. */
async function invoke(fn: RouteFn | undefined, db: Parameters<typeof contextFor>[0], request: Request) {
  if (!fn) throw new Error("route function missing");
  let value: unknown;
  try {
    value = await fn({ request, params: {}, context: contextFor(db) });
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, response: value, body: null as unknown };
  const v = value as { type?: string; data?: unknown; init?: { status?: number } };
  if (v?.type === "DataWithResponseInit") return { status: v.init?.status ?? 200, response: null, body: v.data };
  return { status: 200, response: null, body: value };
}

async function bookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The last row of a money sheet: its totals. */
function lastRow(sheet: ExcelJS.Worksheet): unknown[] {
  let last: unknown[] = [];
  sheet.eachRow((row) => (last = (row.values as unknown[]).slice(1)));
  return last;
}


describeEachDb("finance tax screens", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  const cookies = {} as Record<"finance" | "admin" | "manager" | "auditor" | "sales", string>;
  const bills = {} as Record<"a" | "b" | "credit" | "foreign", string>;

  const get = (fn: RouteFn | undefined, url: string, cookie: string) => call(fn, db(), { url, cookie });
  const post = (fn: RouteFn | undefined, url: string, cookie: string, form: Record<string, string>) => call(fn, db(), { url, cookie, form });
  const multipart = (url: string, cookie: string, file: { name: string; bytes: Uint8Array; type: string }) => {
    const form = new FormData();
    form.append("intent", "preview");
    form.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
    return new Request(`http://localhost${url}`, { method: "POST", body: form, headers: { Cookie: cookie } });
  };
  const deductions = async () => db().selectFrom("culture_fee_deductions").selectAll().where("center_id", "=", center.id).execute();
  const vatRates = async () => db().selectFrom("vat_rates").selectAll().where("center_id", "=", center.id).execute();

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    await setTaxpayerStatus(db(), center.id, "general");
    for (const role of ["finance", "admin", "manager", "auditor", "sales"] as const) cookies[role] = await cookieFor(db(), center.users[role]);
    const client = await makeClient(db(), center.users.admin.scope, { name: "县文旅集团" });
    const bill = (number: string, issueDate: string, amountFen: number, extra: Partial<Parameters<typeof insertBill>[1]> = {}) =>
      insertBill(db(), { centerId: center.id, clientId: client, number, issueDate, lines: [{ amountFen }], ...extra });
    const a = await bill("ZD2026-000001", "2026-03-02", 106_000);
    bills.a = a.id;
    bills.b = (await bill("ZD2026-000002", "2026-03-10", 53_000, { lines: [{ amountFen: 53_000 }, { amountFen: 21_200, ad: false }] })).id;
    bills.credit = (await bill("ZD2026-000003", "2026-03-20", -10_600, { kind: "credit", originalBillId: a.id })).id;
    await bill("ZD2026-000004", "2026-04-01", 9_999);
    await insertPayment(db(), { centerId: center.id, clientId: client, receivedOn: "2026-03-05", amountFen: 50_000, allocations: [{ billId: a.id, amountFen: 50_000 }] });
    await insertPayment(db(), { centerId: center.id, clientId: client, receivedOn: "2026-03-09", amountFen: 7_000, reversedOn: "2026-03-12", reversalReason: "退票" });
    const stranger = await makeClient(db(), other.users.admin.scope, { name: "外单位客户" });
    bills.foreign = (await insertBill(db(), { centerId: other.id, clientId: stranger, number: "ZD2026-000009", issueDate: "2026-03-03", lines: [{ amountFen: 5_000 }] })).id;
  });

  it("shows the culture fee the service works out, and refuses a bad month only where it must", async () => {
    const page = await get(cultureFeePage.loader, "/finance/culture-fee?month=2026-03", cookies.manager);
    expect(page.status).toBe(200);
    const service = await cultureFeeForMonth(db(), center.users.finance.scope, "2026-03");
    if (!service.ok) throw new Error("refused");
    const c = service.computation;
    const body = page.body as { computation: Record<string, unknown>; lines: unknown[]; deductions: unknown[]; canEdit: boolean };
    for (const key of ["baseFen", "salesFen", "deductionsFen", "taxableFen", "rateBp", "thresholdFen", "exempt", "feeFen", "reason"] as const) expect(body.computation[key]).toEqual(c[key]);
    expect(body.computation).toMatchObject({ baseFen: 148_400, lineCount: 3, rateBp: 150 });
    expect(body.lines).toHaveLength(3);
    expect(body.canEdit).toBe(false);
    expect(((await get(cultureFeePage.loader, "/finance/culture-fee?month=2026-3", cookies.finance)).body as { canEdit: boolean }).canEdit).toBe(true);
    expect((await get(cultureFeePage.loader, "/finance/culture-fee?month=2026-3", cookies.finance)).status).toBe(400);

    const xlsx = await invoke(cultureFeeXlsx.loader as RouteFn, db(), new Request("http://localhost/finance/culture-fee.xlsx?month=2026-03", { headers: { Cookie: cookies.auditor } }));
    expect(xlsx.response?.headers.get("Content-Type")).toBe(XLSX);
    const book = await bookOf(xlsx.response!);
    expect(book.worksheets.map((s) => s.name)).toEqual(["计算表", "广告收入明细", "扣除项目"]);
    const bad = await invoke(cultureFeeXlsx.loader as RouteFn, db(), new Request("http://localhost/finance/culture-fee.xlsx?month=03-2026", { headers: { Cookie: cookies.finance } }));
    expect(bad.status).toBe(400);
    expect(await bad.response!.text()).toContain("月份格式");
  });

  it("adds, corrects and deletes deductions for finance; bad input stores nothing", async () => {
    const form = { intent: "add", month: "2026-03", payee: "市日报社", invoice_number: "26330000000000000777", amount: "1,000.00", notes: "" };
    const refused = await post(cultureFeePage.action, "/finance/culture-fee?month=2026-03", cookies.finance, { ...form, invoice_number: "12", amount: "-5", payee: "" });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ target: "add", errors: { invoice_number: expect.any(String), amount: expect.any(String), payee: expect.any(String) } });
    expect(await deductions()).toEqual([]);

    const added = await post(cultureFeePage.action, "/finance/culture-fee?month=2026-03", cookies.finance, form);
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe("/finance/culture-fee?month=2026-03&done=add");
    const [row] = await deductions();
    expect(row).toMatchObject({ month: "2026-03", amount_fen: 100_000 });
    const page = (await get(cultureFeePage.loader, "/finance/culture-fee?month=2026-03", cookies.admin)).body as { computation: { deductionsFen: number; taxableFen: number } };
    expect(page.computation).toMatchObject({ deductionsFen: 100_000, taxableFen: 48_400 });

    expect((await post(cultureFeePage.action, "/finance/culture-fee", cookies.admin, { ...form, intent: "update", id: row.id, amount: "800" })).status).toBe(302);
    expect(Number((await deductions())[0].amount_fen)).toBe(80_000);
    // The same invoice twice, another center's deduction, a reader's post.
    expect((await post(cultureFeePage.action, "/finance/culture-fee", cookies.finance, form)).status).toBe(409);
    expect((await post(cultureFeePage.action, "/finance/culture-fee", await cookieFor(db(), other.users.finance), { intent: "delete", id: row.id, month: "2026-03" })).status).toBe(404);
    expect((await post(cultureFeePage.action, "/finance/culture-fee", cookies.manager, { intent: "delete", id: row.id, month: "2026-03" })).status).toBe(403);
    expect(await deductions()).toHaveLength(1);
    expect((await post(cultureFeePage.action, "/finance/culture-fee", cookies.finance, { intent: "delete", id: row.id, month: "2026-03" })).status).toBe(302);
    expect(await deductions()).toEqual([]);
  });

  it("downloads both ledgers as workbooks whose totals rows are the page's totals", async () => {
    const page = await get(ledgersPage.loader, `/finance/ledgers?${MARCH}`, cookies.auditor);
    const totals = (page.body as { totals: { invoices: { count: number; netFen: number; taxFen: number; totalFen: number }; receipts: { count: number; amountFen: number; reversalFen: number; allocatedFen: number; unallocatedFen: number } } }).totals;
    expect(totals.invoices).toMatchObject({ count: 3, totalFen: 148_400 + 21_200 });
    expect(totals.receipts).toMatchObject({ count: 2, amountFen: 57_000, reversalFen: -7_000, allocatedFen: 50_000, unallocatedFen: 0 });

    const invoices = await invoke(invoiceXlsx.loader as RouteFn, db(), new Request(`http://localhost/finance/ledgers/invoices.xlsx?${MARCH}`, { headers: { Cookie: cookies.manager } }));
    expect(invoices.response?.headers.get("Content-Type")).toBe(XLSX);
    expect(invoices.response?.headers.get("Content-Disposition")).toContain("filename*=UTF-8''");
    const sheet = (await bookOf(invoices.response!)).getWorksheet("开票台账")!;
    const inv = lastRow(sheet);
    expect(inv[0]).toBe(`合计（${totals.invoices.count} 张）`);
    expect(inv.slice(6, 9)).toEqual([totals.invoices.netFen / 100, totals.invoices.taxFen / 100, totals.invoices.totalFen / 100]);

    const receipts = await invoke(receiptXlsx.loader as RouteFn, db(), new Request(`http://localhost/finance/ledgers/receipts.xlsx?${MARCH}`, { headers: { Cookie: cookies.finance } }));
    const rec = lastRow((await bookOf(receipts.response!)).getWorksheet("收款台账")!);
    expect(rec[0]).toBe(`合计（${totals.receipts.count} 笔）`);
    expect(rec.slice(5, 9)).toEqual([totals.receipts.amountFen, totals.receipts.reversalFen, totals.receipts.allocatedFen, totals.receipts.unallocatedFen].map((f) => f / 100));

    expect((await get(ledgersPage.loader, "/finance/ledgers?from=2026-03-31&to=2026-03-01", cookies.finance)).status).toBe(400);
    const bad = await invoke(invoiceXlsx.loader as RouteFn, db(), new Request("http://localhost/finance/ledgers/invoices.xlsx?from=2026-02-30&to=2026-03-01", { headers: { Cookie: cookies.finance } }));
    expect(bad.status).toBe(400);
  });

  it("lists bills waiting for numbers and exports the ticked ones; another center's id exports nothing", async () => {
    const page = await get(platformPage.loader, "/finance/tax-platform?from=2026-03-01&to=2026-03-31", cookies.manager);
    const listed = page.body as { bills: { id: string; kind: string }[]; canImport: boolean };
    expect(listed.bills.map((b) => b.id)).toEqual([bills.a, bills.b, bills.credit]);
    expect(listed.canImport).toBe(false);
    const later = (await get(platformPage.loader, "/finance/tax-platform?from=2026-03-05&to=2026-03-31", cookies.finance)).body as { bills: unknown[]; earlier: unknown };
    expect(later).toMatchObject({ bills: [{ id: bills.b }, { id: bills.credit }], earlier: { count: 1, since: "2026-03-02" } });

    const exportRequest = (cookie: string, ids: string[]) => {
      const body = new URLSearchParams(ids.map((id) => ["bill", id]));
      return new Request("http://localhost/finance/tax-platform/export.xlsx", { method: "POST", body, headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } });
    };
    const ok = await invoke(platformExport.action as RouteFn, db(), exportRequest(cookies.auditor, [bills.a, bills.b]));
    expect(ok.status).toBe(200);
    expect(ok.response?.headers.get("Content-Type")).toBe(XLSX);
    const book = await bookOf(ok.response!);
    expect(book.worksheets.map((s) => s.name).slice(0, 2)).toEqual(["1-发票基本信息", "2-发票明细信息"]);
    expect(book.getWorksheet("1-发票基本信息")!.getCell("A5").value).toBe("ZD2026-000002");
    expect(book.getWorksheet("2-发票明细信息")!.getCell("A6").value).toBe("ZD2026-000002");

    const foreign = await invoke(platformExport.action as RouteFn, db(), exportRequest(cookies.finance, [bills.a, bills.foreign]));
    expect(foreign.status).toBe(404);
    expect(foreign.response?.headers.get("Content-Type")).toContain("text/html");
    expect(await foreign.response!.text()).toContain("不属于本单位");
    expect((await invoke(platformExport.action as RouteFn, db(), exportRequest(cookies.finance, []))).status).toBe(400);
    expect((await invoke(platformExport.action as RouteFn, db(), exportRequest(cookies.finance, [bills.credit]))).status).toBe(409);
    expect((await invoke(platformExport.action as RouteFn, db(), exportRequest(cookies.sales, [bills.a]))).status).toBe(403);
  });

  it("previews the platform's result file, then records its numbers on confirm", async () => {
    const file = await taxResultXlsx([
      ["ZD2026-000001", "26330000000000000101", "2026-03-03", "购买方"],
      ["ZD2026-000002", "26330000000000000102", "2026-03-11", "购买方"],
    ]);
    const preview = await invoke(platformPage.action as RouteFn, db(), multipart("/finance/tax-platform", cookies.finance, { name: "开具结果.xlsx", bytes: file, type: XLSX }));
    expect(preview.status).toBe(200);
    const state = preview.body as { stage: string; token: string | null; counts: { record: number }; problemCount: number; rows: { serial: string }[] };
    expect(state).toMatchObject({ stage: "preview", counts: { record: 2, unchanged: 0 }, problemCount: 0 });
    expect(state.token).toMatch(/^[0-9a-f]{48}$/);
    const number = async (id: string) => (await db().selectFrom("bills").select(["tax_invoice_number", "tax_invoice_date"]).where("id", "=", id).executeTakeFirstOrThrow());
    expect((await number(bills.a)).tax_invoice_number).toBe("");

    // Someone else's token is not theirs to commit.
    expect((await post(platformPage.action, "/finance/tax-platform", cookies.admin, { intent: "commit", token: state.token! })).status).toBe(400);
    const commit = await post(platformPage.action, "/finance/tax-platform", cookies.finance, { intent: "commit", token: state.token! });
    expect(commit.status).toBe(302);
    expect(commit.headers.get("Location")).toBe("/finance/tax-platform?done=imported&recorded=2&unchanged=0");
    expect(await number(bills.a)).toEqual({ tax_invoice_number: "26330000000000000101", tax_invoice_date: "2026-03-03" });
    expect((await number(bills.b)).tax_invoice_number).toBe("26330000000000000102");
    // The upload is used once.
    expect((await post(platformPage.action, "/finance/tax-platform", cookies.finance, { intent: "commit", token: state.token! })).status).toBe(400);
    const after = (await get(platformPage.loader, "/finance/tax-platform?from=2026-03-01&to=2026-03-31", cookies.finance)).body as { bills: { id: string }[] };
    expect(after.bills.map((b) => b.id)).toEqual([bills.credit]);

    // A file with problems is previewed with them and offers no confirm.
    const wrong = await taxResultXlsx([["ZD2026-999999", "26330000000000000103", "2026-03-03", null]]);
    const withProblems = await invoke(platformPage.action as RouteFn, db(), multipart("/finance/tax-platform", cookies.finance, { name: "r.xlsx", bytes: wrong, type: XLSX }));
    expect(withProblems.body).toMatchObject({ stage: "preview", token: null, problemCount: 1 });
  });

  it("refuses a file that is not an xlsx workbook, and readers' uploads", async () => {
    const csv = new TextEncoder().encode("发票流水号,数电发票号码,开票日期\nZD2026-000001,26330000000000000101,2026-03-03\n");
    const refused = await invoke(platformPage.action as RouteFn, db(), multipart("/finance/tax-platform", cookies.finance, { name: "结果.xlsx", bytes: csv, type: XLSX }));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ stage: "refused", message: expect.stringContaining(".xlsx") });
    const file = await taxResultXlsx([["ZD2026-000003", "26330000000000000104", "2026-03-21", "购买方"]]);
    expect((await invoke(platformPage.action as RouteFn, db(), multipart("/finance/tax-platform", cookies.manager, { name: "r.xlsx", bytes: file, type: XLSX }))).status).toBe(403);
  });

  it("takes tax settings from finance and refuses bad input, readers and other centers", async () => {
    const before = await vatRates();
    const bad = await post(settingsPage.action, "/finance/settings", cookies.finance, { intent: "vat-add", taxpayer_status: "tiny", report_group: "", rate: "18", valid_from: "2030-02-30", valid_to: "", note: "" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ target: "vat-add", errors: { taxpayer_status: expect.any(String), rate: expect.any(String), valid_from: expect.any(String) } });
    expect(await vatRates()).toHaveLength(before.length);

    const good = { intent: "vat-add", taxpayer_status: "general", report_group: "", rate: "5", valid_from: "2030-01-01", valid_to: "2030-12-31", note: "阶段性减按" };
    expect((await post(settingsPage.action, "/finance/settings", cookies.manager, good)).status).toBe(403);
    expect(await vatRates()).toHaveLength(before.length);
    const added = await post(settingsPage.action, "/finance/settings", cookies.finance, good);
    expect(added.status).toBe(302);
    const rate = (await vatRates()).find((r) => r.valid_from === "2030-01-01")!;
    expect(rate).toMatchObject({ rate_bp: 500, valid_to: "2030-12-31" });

    expect((await post(settingsPage.action, "/finance/settings", cookies.finance, { intent: "vat-end", id: rate.id, valid_to: "2031-06-30" })).body).toMatchObject({ target: `vat-end:${rate.id}`, errors: { valid_to: expect.any(String) } });
    expect((await post(settingsPage.action, "/finance/settings", await cookieFor(db(), other.users.admin), { intent: "vat-remove", id: rate.id })).status).toBe(404);
    expect((await post(settingsPage.action, "/finance/settings", cookies.admin, { intent: "vat-remove", id: rate.id })).status).toBe(302);
    expect(await vatRates()).toHaveLength(before.length);

    const code = await post(settingsPage.action, "/finance/settings", cookies.finance, { intent: "code-add", code: "304030302", short_name: "广告*服务", item_name: "" });
    expect(code.status).toBe(400);
    const page = (await get(settingsPage.loader, "/finance/settings", cookies.auditor)).body as { vatRates: unknown[]; taxCodes: unknown[]; canEdit: boolean };
    expect(page.canEdit).toBe(false);
    expect(page.taxCodes).toHaveLength(8);
  });

  it("refuses sales on every tax screen and download", async () => {
    const loaders: [RouteFn | undefined, string][] = [
      [cultureFeePage.loader, "/finance/culture-fee"], [cultureFeeXlsx.loader as RouteFn, "/finance/culture-fee.xlsx?month=2026-03"],
      [ledgersPage.loader, "/finance/ledgers"], [invoiceXlsx.loader as RouteFn, `/finance/ledgers/invoices.xlsx?${MARCH}`], [receiptXlsx.loader as RouteFn, `/finance/ledgers/receipts.xlsx?${MARCH}`],
      [platformPage.loader, "/finance/tax-platform"], [settingsPage.loader, "/finance/settings"],
    ];
    for (const [fn, url] of loaders) expect([url, (await get(fn, url, cookies.sales)).status]).toEqual([url, 403]);
    for (const [fn, url] of [[cultureFeePage.action, "/finance/culture-fee"], [settingsPage.action, "/finance/settings"], [platformPage.action, "/finance/tax-platform"]] as const) {
      expect([url, (await post(fn, url, cookies.sales, { intent: "add" })).status]).toEqual([url, 403]);
    }
  });
});
