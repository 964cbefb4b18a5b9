// The 开票台账, 收款台账 and 文化事业建设费计算表 read back with exceljs on both databases: money-sheet
// layout (title, 单位：元, frozen filtered headers on row 3), real dates, amounts as numbers in 元
// with the red-negative format, credits negative, each invoice's status as of a day, and a totals
// row equal to the sum of the rows and to the screen's totals; another center's data never shows.
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { newId } from "../../db/ids";
import type { Scope } from "../../app/modules/auth/scope";
import { addCultureFeeDeduction, exportCultureFee } from "../../app/modules/billing/culture-fee.server";
import {
  exportInvoiceLedger, exportReceiptLedger, invoiceLedgerPages, invoiceLedgerTotals, type LedgerBill, type LedgerExportMeta, receiptLedgerTotals,
} from "../../app/modules/billing/ledgers-export.server";
import { describeEachDb } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";
import { insertBill, insertPayment, setTaxpayerStatus } from "../support/ledger-bills";

const MONEY = "#,##0.00;[Red]-#,##0.00";
const MARCH = { from: "2026-03-01", to: "2026-03-31" };
const INVOICE_HEADERS = ["账单号", "开具日期", "客户", "购买方税号", "发票种类", "数电发票号码", "不含税金额", "税额", "价税合计", "收款状态", "原账单号"];
const RECEIPT_HEADERS = ["收款日期", "客户", "付款人", "收款方式", "参考号", "收款金额", "退票冲回", "已核销金额", "未核销金额", "退票日期", "退票原因"];
const utc = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);

async function workbookOf(stream: Readable): Promise<ExcelJS.Workbook> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return workbook;
}

function rowsFrom(sheet: ExcelJS.Worksheet, first = 4): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n >= first) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const columnSum = (rows: unknown[][], col: number) => Math.round(rows.reduce((s: number, r) => s + Number(r[col] ?? 0), 0) * 100) / 100;

describeEachDb("billing ledgers export", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let finance: Scope;
  let meta: LedgerExportMeta;

  beforeAll(async () => {
    center = await makeCenter(db());
    finance = center.users.finance.scope;
    meta = { centerName: `测试中心${center.code}`, exportedAt: "2026-05-01 09:00", asOf: "2026-04-30" };
    await setTaxpayerStatus(db(), center.id, "general");
    const hospital = await makeClient(db(), center.users.admin.scope, { name: "县人民医院" });
    const water = await makeClient(db(), center.users.admin.scope, { name: "县自来水公司" });
    const bill = (client: string, number: string | null, issueDate: string, amountFen: number, extra: Partial<Parameters<typeof insertBill>[1]> = {}) =>
      insertBill(db(), { centerId: center.id, clientId: client, number, issueDate, lines: [{ amountFen, taxIncluded: extra.kind === "credit" || amountFen !== 100_001 }], ...extra });

    const a = await bill(hospital, "ZD2026-000001", "2026-03-02", 106_000, { invoiceKind: "special", buyerTaxId: "12330000470000000X", taxInvoiceNumber: "26330000000000000001" });
    const b = await bill(water, "ZD2026-000002", "2026-03-05", 53_000);
    const c = await bill(water, "ZD2026-000003", "2026-03-05", 31_800);
    await bill(hospital, "ZD2026-000004", "2026-03-10", -21_200, { kind: "credit", originalBillId: a.id });
    const g = await bill(water, "ZD2026-000005", "2026-03-20", 10_600);
    await bill(water, "ZD2026-000006", "2026-03-21", -10_600, { kind: "credit", originalBillId: g.id });
    const i = await bill(hospital, "ZD2026-000007", "2026-03-31", 100_001);
    await bill(hospital, "ZD2026-000008", "2026-04-01", 50_000);
    await bill(hospital, null, "2026-03-15", 70_000, { status: "draft" });

    const pay = (over: Omit<Parameters<typeof insertPayment>[1], "centerId">) => insertPayment(db(), { centerId: center.id, ...over });
    await pay({ clientId: water, receivedOn: "2026-03-06", amountFen: 53_000, reference: "HX001", payer: "县自来水公司", allocations: [{ billId: b.id, amountFen: 53_000 }] });
    await pay({ clientId: water, receivedOn: "2026-03-07", amountFen: 30_000, method: "cash", payer: "张三", allocations: [{ billId: c.id, amountFen: 10_000 }] });
    await pay({ clientId: water, receivedOn: "2026-03-08", amountFen: 21_800, method: "cheque", reference: "ZP778", reversedOn: "2026-03-12", reversalReason: "支票退票", allocations: [{ billId: c.id, amountFen: 21_800 }] });
    await pay({ clientId: hospital, receivedOn: "2026-03-15", amountFen: 50_000, method: "acceptance", reference: "CD-9", allocations: [{ billId: i.id, amountFen: 50_000, allocatedOn: "2026-05-10" }] });
    await pay({ clientId: hospital, receivedOn: "2026-04-02", amountFen: 1_000, method: "other" });
    expect(await addCultureFeeDeduction(db(), finance, { month: "2026-03", payee: "市日报社", invoice_number: "26330000000000000777", amount: "50", notes: "转发布" })).toMatchObject({ ok: true });

    other = await makeCenter(db());
    const otherClient = await makeClient(db(), other.users.admin.scope, { name: "县人民医院" });
    const otherBill = await insertBill(db(), { centerId: other.id, clientId: otherClient, number: "ZD2026-000001", issueDate: "2026-03-02", lines: [{ amountFen: 999_900 }] });
    await insertPayment(db(), { centerId: other.id, clientId: otherClient, receivedOn: "2026-03-06", amountFen: 999_900, allocations: [{ billId: otherBill.id, amountFen: 999_900 }] });
  });

  it("writes the 开票台账 as a money sheet with statuses, negative credits and a totals row equal to the screen's", async () => {
    const workbook = await workbookOf(exportInvoiceLedger(db(), finance, MARCH, meta));
    const sheet = workbook.getWorksheet("开票台账")!;
    expect(String(sheet.getCell("A1").value)).toBe("开票台账（2026-03-01 至 2026-03-31）");
    expect(sheet.getCell("A2").value).toBe("单位：元");
    expect(String(sheet.getCell("B2").value)).toContain(meta.centerName);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(INVOICE_HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.autoFilter).toBe("A3:K3");

    const rows = rowsFrom(sheet);
    const totals = rows.pop()!;
    expect(rows).toEqual([
      ["ZD2026-000001", utc("2026-03-02"), "县人民医院", "12330000470000000X", "专票", "26330000000000000001", 1000, 60, 1060, "部分收款"],
      ["ZD2026-000002", utc("2026-03-05"), "县自来水公司", undefined, "普票", undefined, 500, 30, 530, "已收清"],
      ["ZD2026-000003", utc("2026-03-05"), "县自来水公司", undefined, "普票", undefined, 300, 18, 318, "部分收款"],
      ["ZD2026-000004", utc("2026-03-10"), "县人民医院", undefined, "普票", undefined, -200, -12, -212, "红字冲销", "ZD2026-000001"],
      ["ZD2026-000005", utc("2026-03-20"), "县自来水公司", undefined, "普票", undefined, 100, 6, 106, "已红冲"],
      ["ZD2026-000006", utc("2026-03-21"), "县自来水公司", undefined, "普票", undefined, -100, -6, -106, "红字冲销", "ZD2026-000005"],
      ["ZD2026-000007", utc("2026-03-31"), "县人民医院", undefined, "普票", undefined, 1000.01, 60, 1060.01, "未收款"],
    ]);
    const money = sheet.getRow(7);
    expect([money.getCell(2).numFmt, money.getCell(7).numFmt, money.getCell(9).numFmt]).toEqual(["yyyy-mm-dd", MONEY, MONEY]);
    expect(sheet.getCell("I7").value).toBe(-212);

    expect(totals.slice(0, 1)).toEqual(["合计（7 张）"]);
    expect(totals.slice(6, 9)).toEqual([2600.01, 156, 2756.01]);
    expect([7, 8, 9].map((col) => typeof sheet.getRow(11).getCell(col).value)).toEqual(["number", "number", "number"]);
    expect(sheet.getRow(11).getCell(9).numFmt).toBe(MONEY);
    expect(totals.slice(6, 9)).toEqual([6, 7, 8].map((col) => columnSum(rows, col)));
    const screen = await invoiceLedgerTotals(db(), finance, MARCH);
    expect(screen).toEqual({ count: 7, netFen: 260_001, taxFen: 15_600, totalFen: 275_601 });
    expect(totals.slice(6, 9)).toEqual([screen.netFen / 100, screen.taxFen / 100, screen.totalFen / 100]);
  });

  it("pages by (issue date, number) without skipping or repeating, with statuses as of the day asked", async () => {
    const all: LedgerBill[] = [];
    for await (const page of invoiceLedgerPages(db(), finance, MARCH, "2026-03-09", 2)) {
      expect(page.length).toBeLessThanOrEqual(2);
      all.push(...page);
    }
    expect(all.map((b) => b.number)).toEqual(["ZD2026-000001", "ZD2026-000002", "ZD2026-000003", "ZD2026-000004", "ZD2026-000005", "ZD2026-000006", "ZD2026-000007"]);
    // On 03-09 the cheque had not bounced yet; the credits of 03-10 and 03-21 were not issued.
    expect(all.map((b) => b.status)).toEqual(["未收款", "已收清", "已收清", "红字冲销", "未收款", "红字冲销", "未收款"]);
    const later: LedgerBill[] = [];
    for await (const page of invoiceLedgerPages(db(), finance, MARCH, "2026-05-31", 3)) later.push(...page);
    expect(later.find((b) => b.number === "ZD2026-000007")?.status).toBe("部分收款");
    // Years without a bill before the first one, and pages that straddle them.
    const sparse: string[] = [];
    for await (const page of invoiceLedgerPages(db(), finance, { from: "2019-01-01", to: "2027-12-31" }, "2026-05-31", 3)) sparse.push(...page.map((b) => b.number));
    expect(sparse).toEqual(["ZD2026-000001", "ZD2026-000002", "ZD2026-000003", "ZD2026-000004", "ZD2026-000005", "ZD2026-000006", "ZD2026-000007", "ZD2026-000008"]);
  });

  it("writes the 收款台账: methods in words, reversals back as negatives, allocation as of the day, totals", async () => {
    const workbook = await workbookOf(exportReceiptLedger(db(), center.users.manager.scope, MARCH, meta));
    const sheet = workbook.getWorksheet("收款台账")!;
    expect(String(sheet.getCell("A1").value)).toBe("收款台账（2026-03-01 至 2026-03-31）");
    expect(sheet.getCell("A2").value).toBe("单位：元");
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(RECEIPT_HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.autoFilter).toBe("A3:K3");
    const rows = rowsFrom(sheet);
    const totals = rows.pop()!;
    expect(rows).toEqual([
      [utc("2026-03-06"), "县自来水公司", "县自来水公司", "银行转账", "HX001", 530, undefined, 530, 0],
      [utc("2026-03-07"), "县自来水公司", "张三", "现金", undefined, 300, undefined, 100, 200],
      [utc("2026-03-08"), "县自来水公司", "付款单位", "支票", "ZP778", 218, -218, 0, 0, utc("2026-03-12"), "支票退票"],
      [utc("2026-03-15"), "县人民医院", "付款单位", "承兑汇票", "CD-9", 500, undefined, 0, 500],
    ]);
    expect(sheet.getRow(6).getCell(7).numFmt).toBe(MONEY);
    expect(totals).toEqual(["合计（4 笔）", undefined, undefined, undefined, undefined, 1548, -218, 630, 700]);
    expect(totals.slice(5, 9)).toEqual([5, 6, 7, 8].map((col) => columnSum(rows, col)));
    const screen = await receiptLedgerTotals(db(), finance, MARCH, meta.asOf);
    expect(screen).toEqual({ count: 4, amountFen: 154_800, reversalFen: -21_800, allocatedFen: 63_000, unallocatedFen: 70_000 });
    // Before the cheque bounced and before anything was applied to 0007 from client credit.
    expect(await receiptLedgerTotals(db(), finance, MARCH, "2026-03-10")).toEqual({ count: 4, amountFen: 154_800, reversalFen: 0, allocatedFen: 84_800, unallocatedFen: 70_000 });
  });

  it("writes the 文化事业建设费计算表 with its lines and deductions", async () => {
    const workbook = await workbookOf(exportCultureFee(db(), finance, "2026-03", meta));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["计算表", "广告收入明细", "扣除项目"]);
    const summary = workbook.getWorksheet("计算表")!;
    expect(String(summary.getCell("A1").value)).toBe("文化事业建设费计算表（2026-03）");
    expect(summary.getCell("A2").value).toBe("单位：元");
    const figures = rowsFrom(summary).map((r) => [r[0], r[1] ?? null]);
    // 2756.01 − 50 = 2706.01 at 1.5 % = 40.59015
    expect(figures).toEqual([
      ["广告服务含税收入（计费依据）", 2756.01], ["减：支付给其他广告发布者的含税价款", 50], ["计费销售额", 2706.01], ["费率", 0.015],
      ["本月广告销售额（不含税）", 2600.01], ["免征额（月）", 20000], ["是否免征", null], ["应缴文化事业建设费", 40.59],
    ]);
    expect(summary.getCell("B7").numFmt).toBe("0.00%");
    expect(summary.getCell("B11").numFmt).toBe(MONEY);
    const lines = rowsFrom(workbook.getWorksheet("广告收入明细")!);
    expect(lines.pop()).toEqual(["合计", undefined, undefined, undefined, undefined, 2600.01, 2756.01]);
    expect(lines.map((l) => [l[0], l[6]])).toContainEqual(["ZD2026-000004", -212]);
    expect(lines.every((l) => l[1] instanceof Date)).toBe(true);
    expect(rowsFrom(workbook.getWorksheet("扣除项目")!)).toEqual([["市日报社", "26330000000000000777", 50, "转发布"], ["合计", undefined, 50]]);
  });

  it("shows another center only its own rows, and nothing to a role without billing read", async () => {
    const workbook = await workbookOf(exportInvoiceLedger(db(), other.users.finance.scope, MARCH, meta));
    const rows = rowsFrom(workbook.getWorksheet("开票台账")!);
    expect(rows.map((r) => [r[0], r[2], r[8]])).toEqual([["ZD2026-000001", "县人民医院", 9999], ["合计（1 张）", undefined, 9999]]);
    await expect(workbookOf(exportReceiptLedger(db(), center.users.sales.scope, MARCH, meta))).rejects.toThrow("没有查看账务的权限");
  });

  it("reads a long ledger in keyset pages and waits for a reader that falls behind", async () => {
    const big = await makeCenter(db());
    const client = await makeClient(db(), big.users.admin.scope, { name: "大客户" });
    const now = new Date().toISOString();
    const count = 6_000;
    // Invoice numbers that do not compress away, so the file outgrows the download's buffer early.
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");
    const rows = Array.from({ length: count }, (_, i) => ({
      id: newId(), center_id: big.id, client_id: client, owner_id: null, kind: "invoice" as const, status: "issued" as const, number: `ZD2026-${String(count - i).padStart(6, "0")}`,
      invoice_kind: "ordinary" as const, period_from: null, period_to: null, issue_date: `2026-01-${String(1 + (i % 28)).padStart(2, "0")}`, due_date: null, original_bill_id: null,
      credit_reason: "", buyer_name: "大客户", buyer_tax_id: "", buyer_address_phone: "", buyer_bank_account: "", net_fen: 10_000 + i, tax_fen: 600, total_fen: 10_600 + i,
      tax_invoice_number: digits(20), tax_invoice_date: null, notes: "", issued_by: null, issued_at: now, created_by: null, created_at: now, updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500) await db().insertInto("bills").values(rows.slice(i, i + 500)).execute();

    let pagesRead = 0;
    const counting = db().withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        if (args.result.rows.length === 1000) pagesRead++;
        return args.result;
      },
    });
    const stream = exportInvoiceLedger(counting, big.users.finance.scope, { from: "2026-01-01", to: "2026-01-31" }, meta);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Nobody has read yet: the export has stopped reading pages instead of piling the sheet up in memory.
    expect(pagesRead).toBeGreaterThan(0);
    expect(pagesRead).toBeLessThan(count / 1000);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).length).toBeGreaterThan(64 * 1024);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    const read = rowsFrom(workbook.getWorksheet("开票台账")!);
    const totals = read.pop()!;
    const expected = [...rows].sort((a, b) => a.issue_date.localeCompare(b.issue_date) || a.number.localeCompare(b.number)).map((r) => r.number);
    expect(read.map((r) => r[0])).toEqual(expected);
    expect(totals[8]).toBe(rows.reduce((s, r) => s + r.total_fen, 0) / 100);
    expect(pagesRead).toBe(count / 1000);
  });
});
