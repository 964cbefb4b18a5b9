// The aging and statement screens as the browser meets them: aging tables that add up to the open
// receivables in both bucket sets, the overdue list, the statement with its balances, the .xlsx
// downloads (content type, a name, a workbook that opens), bad dates and periods refused in
// Chinese, sales kept out, and another center's client answered with 404.
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import * as agingPage from "../../app/routes/finance.aging";
import * as agingXlsx from "../../app/routes/finance.aging[.xlsx]";
import * as statementPage from "../../app/routes/finance.statements";
import * as statementXlsx from "../../app/routes/finance.statements[.xlsx]";
import { type PaymentInput, recordPayment } from "../../app/modules/billing/payments.server";
import { openAmounts } from "../../app/modules/billing/receivables.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { XLSX_CONTENT_TYPE } from "../../app/modules/inventory/excel/cells";
import { todayInShanghai } from "../../app/utils/time";
import { insertBill } from "../support/bills-direct";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { call, fetchRaw as fetchRawResponse } from "../support/routes";

const today = todayInShanghai();
const daysAgo = (n: number) => addDays(today, -n);

type Line = { key: string; buckets: number[]; total_fen: number };
type AgingData = { byClient: Line[]; byRep: Line[]; totals: Line; buckets: string[]; overdue: { id: string; days_overdue: number }[]; overdueCount: number; error: string | null };

describeEachDb("receivables screens", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let clientId: string;
  const bills: Record<string, string> = {};
  const cookies: Record<string, string> = {};

  /** The loader's raw Response, as the browser gets it (for downloads). */
  const fetchRaw = (loader: typeof agingXlsx.loader, url: string, cookie: string) => fetchRawResponse(loader as never, db(), url, cookie);
  const workbookOf = async (response: Response) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    return workbook;
  };
  const pay = async (over: Partial<PaymentInput>) => {
    const input: PaymentInput = { clientId, receivedOn: daysAgo(10), amountFen: 1, method: "transfer", payer: "", reference: "", notes: "", allocate: "auto", ...over };
    const result = await recordPayment(db(), center.users.finance.scope, input, today);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  };

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    for (const role of ["sales", "finance", "manager", "auditor"] as const) cookies[role] = await cookieFor(db(), center.users[role]);
    cookies.otherFinance = await cookieFor(db(), other.users.finance);
    clientId = await makeClient(db(), center.users.sales.scope, { name: `账龄客户${center.code}` });
    const second = await makeClient(db(), center.users.sales.scope);
    bills.old = (await insertBill(db(), center.id, { clientId, ownerId: center.users.sales.id, issueDate: daysAgo(400), dueDate: daysAgo(370), totalFen: 120_000 })).id;
    bills.mid = (await insertBill(db(), center.id, { clientId, ownerId: center.users.sales.id, issueDate: daysAgo(75), dueDate: daysAgo(45), totalFen: 80_000 })).id;
    bills.fresh = (await insertBill(db(), center.id, { clientId, issueDate: daysAgo(5), totalFen: 30_000 })).id;
    bills.second = (await insertBill(db(), center.id, { clientId: second, issueDate: daysAgo(200), dueDate: daysAgo(170), totalFen: 55_555 })).id;
    await pay({ amountFen: 20_000, allocate: [{ billId: bills.mid, amountFen: 20_000 }] });
    await pay({ amountFen: 7_000, allocate: "none", receivedOn: daysAgo(2) });
  });

  it("adds each aging table up to the open receivables, in both bucket sets, and lists the overdue bills", async () => {
    const open = (await openAmounts(db(), center.users.finance.scope, today)).reduce((s, b) => s + b.open_fen, 0);
    expect(open).toBe(120_000 + 60_000 + 30_000 + 55_555);
    for (const basis of ["management", "statutory"]) {
      const page = await call(agingPage.loader, db(), { url: `/finance/aging?basis=${basis}`, cookie: cookies.manager });
      expect(page.status).toBe(200);
      const d = page.body as AgingData;
      expect(d.buckets).toHaveLength(basis === "management" ? 7 : 4);
      expect(d.totals.total_fen).toBe(open);
      expect(d.totals.buckets.reduce((a, b) => a + b, 0)).toBe(open);
      for (const rows of [d.byClient, d.byRep]) {
        expect(rows.reduce((s, r) => s + r.total_fen, 0)).toBe(open);
        expect(rows.reduce((acc, r) => acc.map((v, i) => v + r.buckets[i]), d.totals.buckets.map(() => 0))).toEqual(d.totals.buckets);
      }
      if (basis === "management") expect(d.byClient.find((r) => r.key === clientId)!.buckets).toEqual([30_000, 0, 60_000, 0, 0, 0, 120_000]);
      else expect(d.byClient.find((r) => r.key === clientId)!.buckets).toEqual([90_000, 120_000, 0, 0]);
      expect(d.overdue.map((b) => b.id)).toEqual([bills.old, bills.second, bills.mid]);
      expect(d.overdue[0].days_overdue).toBe(370);
    }
    const past = (await call(agingPage.loader, db(), { url: `/finance/aging?as_of=${daysAgo(100)}`, cookie: cookies.finance })).body as AgingData;
    expect(past.totals.total_fen).toBe(120_000 + 55_555);
  });

  it("refuses a date that is not one, on the page and the download", async () => {
    const page = await call(agingPage.loader, db(), { url: "/finance/aging?as_of=2026-02-30", cookie: cookies.finance });
    expect(page.status).toBe(400);
    expect((page.body as AgingData).error).toBe("截止日期无效，请按 年-月-日 填写");
    const download = await fetchRaw(agingXlsx.loader, "/finance/aging.xlsx?as_of=yesterday", cookies.finance);
    expect(download.status).toBe(400);
    expect(await download.text()).toBe("截止日期无效，请按 年-月-日 填写");
  });

  it("downloads the aging workbook: xlsx content type, a Chinese file name, sheets whose totals are the screen's", async () => {
    const response = await fetchRaw(agingXlsx.loader, `/finance/aging.xlsx?as_of=${today}`, cookies.auditor);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(XLSX_CONTENT_TYPE);
    expect(response.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`应收账款账龄分析表-${today}.xlsx`)}`);
    const workbook = await workbookOf(response);
    const sheet = workbook.getWorksheet("按客户")!;
    expect(workbook.getWorksheet("按销售")).toBeDefined();
    const last = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(last.slice(1, 3)).toEqual(["合计", (120_000 + 60_000 + 30_000 + 55_555) / 100]);
  });

  it("shows the client's statement for a period with balances that reconcile, and downloads it", async () => {
    const from = daysAgo(30);
    const url = `/finance/statements?client=${clientId}&from=${from}&to=${today}`;
    const page = await call(statementPage.loader, db(), { url, cookie: cookies.manager });
    expect(page.status).toBe(200);
    const s = (page.body as { statement: { opening: { balanceFen: number }; closing: { balanceFen: number; receivableFen: number; unallocatedFen: number }; lines: { kind: string }[] } }).statement;
    expect(s.opening.balanceFen).toBe(200_000);
    expect(s.lines.map((l) => l.kind)).toEqual(["payment", "invoice", "payment"]);
    expect(s.closing).toEqual(expect.objectContaining({ balanceFen: 200_000 + 30_000 - 27_000, receivableFen: 210_000, unallocatedFen: 7_000 }));
    const plain = (await call(statementPage.loader, db(), { url: "/finance/statements", cookie: cookies.finance })).body as { statement: null; period: { from: string; to: string } };
    expect(plain.statement).toBeNull();
    expect(plain.period.from).toBe(`${today.slice(0, 7)}-01`);

    const response = await fetchRaw(statementXlsx.loader, `/finance/statements.xlsx?client=${clientId}&from=${from}&to=${today}`, cookies.finance);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(XLSX_CONTENT_TYPE);
    expect(response.headers.get("Content-Disposition")).toContain("attachment;");
    const sheet = (await workbookOf(response)).getWorksheet("对账单")!;
    expect(sheet.getCell("A1").value).toBe(`对账单　账龄客户${center.code}（${from} 至 ${today}）`);
  });

  it("refuses a bad period with 400 and another center's client with 404", async () => {
    const reversed = await call(statementPage.loader, db(), { url: `/finance/statements?client=${clientId}&from=${today}&to=${daysAgo(1)}`, cookie: cookies.finance });
    expect(reversed.status).toBe(400);
    expect((reversed.body as { errors: string[] }).errors).toEqual(["结束日期不能早于开始日期"]);
    const bad = await fetchRaw(statementXlsx.loader, `/finance/statements.xlsx?client=${clientId}&from=2026-02-30&to=${today}`, cookies.finance);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("开始日期无效，请按 年-月-日 填写");
    expect((await call(statementPage.loader, db(), { url: `/finance/statements?client=${clientId}`, cookie: cookies.otherFinance })).status).toBe(404);
    expect((await fetchRaw(statementXlsx.loader, `/finance/statements.xlsx?client=${clientId}&from=${daysAgo(3)}&to=${today}`, cookies.otherFinance)).status).toBe(404);
    const theirs = (await call(agingPage.loader, db(), { url: "/finance/aging", cookie: cookies.otherFinance })).body as AgingData;
    expect(theirs.byClient).toEqual([]);
  });

  it("keeps sales out of every receivables screen and download", async () => {
    const sales = cookies.sales;
    expect((await call(agingPage.loader, db(), { url: "/finance/aging", cookie: sales })).status).toBe(403);
    expect((await call(statementPage.loader, db(), { url: `/finance/statements?client=${clientId}`, cookie: sales })).status).toBe(403);
    expect((await fetchRaw(agingXlsx.loader, "/finance/aging.xlsx", sales)).status).toBe(403);
    expect((await fetchRaw(statementXlsx.loader, `/finance/statements.xlsx?client=${clientId}&from=${daysAgo(3)}&to=${today}`, sales)).status).toBe(403);
  });
});
