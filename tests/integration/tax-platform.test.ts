// The tax-platform round trip on both databases: issued bills out as the bureau's bulk-issue
// workbook (layout from template data), the platform's result file back in (preview listing every
// problem, then all-or-nothing commit), and 数电发票号码 recorded by hand.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, expect, it } from "vitest";
import { lineMoney, billTotals } from "../../app/modules/billing/tax";
import { exportForTaxPlatform } from "../../app/modules/billing/tax-platform/export.server";
import { commitInvoiceResults, previewInvoiceResults, recordTaxInvoice } from "../../app/modules/billing/tax-platform/import.server";
import { CURRENT_TEMPLATE, EXPORT_NOTE, type TaxPlatformTemplate } from "../../app/modules/billing/tax-platform/template";
import type { AppDb } from "../../db/connection";
import { newId } from "../../db/ids";
import type { BillKind, BillStatus, InvoiceKind } from "../../db/schema";
import { describeEachDb } from "../support/db";
import { taxResultXlsx } from "../support/tax-results";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";

const TODAY = "2026-11-27";
const N = (tail: number) => `26330000000000${String(tail).padStart(6, "0")}`; // 20 digits, issued in 2026

interface LineSpec {
  amountFen: number;
  taxIncluded: boolean;
  rateBp?: number;
  quantity?: number;
  code?: [string, string, string];
}

interface BillSpec {
  clientId: string;
  number: string | null;
  status?: BillStatus;
  kind?: BillKind;
  invoiceKind?: InvoiceKind;
  buyer?: Partial<Record<"name" | "taxId" | "addressPhone" | "bankAccount", string>>;
  taxInvoiceNumber?: string;
  notes?: string;
  lines: LineSpec[];
}

const AD: [string, string, string] = ["3040303000000000000", "广告服务", "广告发布费"];
const AGENCY: [string, string, string] = ["3040303010000000000", "广告服务", "广告代理费"];

/** A bill written straight into the tables, amounts by the one rounding rule. */
async function insertBill(db: AppDb, centerId: string, spec: BillSpec): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  const lines = spec.lines.map((l, i) => ({ spec: l, seq: i + 1, money: lineMoney(l.amountFen, l.taxIncluded, l.rateBp ?? 600) }));
  const totals = billTotals(lines.map((l) => l.money));
  await db
    .insertInto("bills")
    .values({
      id, center_id: centerId, client_id: spec.clientId, owner_id: null, kind: spec.kind ?? "invoice", status: spec.status ?? "issued", number: spec.number,
      invoice_kind: spec.invoiceKind ?? "special", period_from: "2026-11-01", period_to: "2026-11-30", issue_date: spec.status === "draft" ? null : "2026-11-20",
      due_date: null, original_bill_id: null, credit_reason: "", buyer_name: spec.buyer?.name ?? "县文旅集团有限公司", buyer_tax_id: spec.buyer?.taxId ?? "91331100MA2A0B1C2D",
      buyer_address_phone: spec.buyer?.addressPhone ?? "城关镇人民路1号 0578-2223333", buyer_bank_account: spec.buyer?.bankAccount ?? "工商银行城关支行 1210020009000012345",
      ...totals, tax_invoice_number: spec.taxInvoiceNumber ?? "", tax_invoice_date: spec.taxInvoiceNumber ? "2026-11-21" : null, notes: spec.notes ?? "",
      issued_by: null, issued_at: null, created_by: null, created_at: now, updated_at: now,
    })
    .execute();
  for (const l of lines) {
    const [tax_code, short_name, item_name] = l.spec.code ?? AD;
    await db
      .insertInto("bill_lines")
      .values({
        id: newId(), center_id: centerId, bill_id: id, seq: l.seq, source_kind: null, source_id: null, source_key: null, slice: "all", category_id: null,
        tax_code, short_name, item_name, description: "", quantity: l.spec.quantity ?? 1, tax_included: l.spec.taxIncluded ? 1 : 0, amount_fen: l.spec.amountFen,
        rate_bp: l.spec.rateBp ?? 600, ...l.money, bears_culture_fee: 1, service_from: null, service_to: null, original_line_id: null, created_at: now,
      })
      .execute();
  }
  return id;
}

async function readBook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
const headerTexts = (sheet: ExcelJS.Worksheet, count: number) => Array.from({ length: count }, (_, i) => sheet.getCell(3, i + 1).value);


describeEachDb("tax platform", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  const bills = {} as Record<"special" | "ordinary" | "draft" | "credit" | "recorded" | "mixed" | "manual" | "manual2" | "draftNumbered" | "otherCenter", string>;
  const bill = (id: string) => db().selectFrom("bills").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const audits = (id: string) => db().selectFrom("audit_log").selectAll().where("entity_id", "=", id).where("action", "=", "record_invoice").orderBy("at").execute();
  const finance = () => center.users.finance.scope;

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    await db().updateTable("centers").set({ bank_name: "农商银行城关支行", bank_account: "201000123456789" }).where("id", "=", center.id).execute();
    const company = await makeClient(db(), center.users.admin.scope, { name: "县文旅集团有限公司", address: "城关镇人民路1号", phone: "0578-2223333", bank_name: "工商银行城关支行", bank_account: "1210020009000012345" });
    const person = await makeClient(db(), center.users.admin.scope, { name: "张三", kind: "individual" });
    const stranger = await makeClient(db(), other.users.admin.scope, { name: "外单位客户" });
    const id = center.id;
    bills.ordinary = await insertBill(db(), id, { clientId: person, number: "ZD2026-000002", invoiceKind: "ordinary", buyer: { name: "张三", taxId: "", addressPhone: "", bankAccount: "" }, lines: [{ amountFen: 50_000, taxIncluded: false }] });
    bills.special = await insertBill(db(), id, {
      clientId: company, number: "ZD2026-000001", notes: "2026年11月LED屏广告",
      lines: [{ amountFen: 106_000, taxIncluded: true }, { amountFen: 31_800, taxIncluded: true, quantity: 3, code: AGENCY }],
    });
    bills.draft = await insertBill(db(), id, { clientId: company, number: null, status: "draft", lines: [{ amountFen: 1_000, taxIncluded: true }] });
    bills.credit = await insertBill(db(), id, { clientId: company, number: "ZD2026-000003", kind: "credit", lines: [{ amountFen: -10_600, taxIncluded: true }] });
    bills.recorded = await insertBill(db(), id, { clientId: company, number: "ZD2026-000004", taxInvoiceNumber: N(4), lines: [{ amountFen: 10_600, taxIncluded: true }] });
    // Address and bank changed on the client since issue: the copied text is split by itself.
    bills.mixed = await insertBill(db(), id, {
      clientId: company, number: "ZD2026-000005", buyer: { addressPhone: "开发区 2 号楼 101 室 0578-8889999", bankAccount: "建设银行开发区支行 3300 1234 5678" },
      lines: [{ amountFen: 115, taxIncluded: true }, { amountFen: 10_000, taxIncluded: false }],
    });
    bills.manual = await insertBill(db(), id, { clientId: company, number: "ZD2026-000006", lines: [{ amountFen: 21_200, taxIncluded: true }] });
    bills.manual2 = await insertBill(db(), id, { clientId: company, number: "ZD2026-000007", lines: [{ amountFen: 21_200, taxIncluded: true }] });
    bills.draftNumbered = await insertBill(db(), id, { clientId: company, number: "ZD2026-000090", status: "draft", lines: [{ amountFen: 1_000, taxIncluded: true }] });
    bills.otherCenter = await insertBill(db(), other.id, { clientId: stranger, number: "ZD2026-000001", buyer: { name: "外单位客户" }, lines: [{ amountFen: 5_000, taxIncluded: true }] });
  });

  it("exports issued bills in the bureau's layout: notes, constraints, headers, then one row per bill and per line", async () => {
    const result = await exportForTaxPlatform(db(), finance(), [bills.ordinary, bills.special], { today: TODAY });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result).toMatchObject({ bills: 2, lines: 3, warnings: [], fileName: "数电发票批量开具-2026-11-27.xlsx" });
    const book = await readBook(result.buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["1-发票基本信息", "2-发票明细信息", "3-特定业务信息", "4-附加要素信息", "excelVersion"]);
    expect(book.getWorksheet("excelVersion")!.state).toBe("hidden");
    expect(book.getWorksheet("excelVersion")!.getCell("A4").value).toBe("pt:20260401");

    const invoices = book.getWorksheet("1-发票基本信息")!;
    const columns = CURRENT_TEMPLATE.invoiceSheet.columns;
    expect(String(invoices.getCell("A1").value)).toContain("红字发票请在电子税务局");
    expect(invoices.getCell("A2").value).toBe("必填\n（限20字符）");
    expect(headerTexts(invoices, columns.length)).toEqual(columns.map((c) => c.header));
    const at = (row: number, header: string) => invoices.getCell(row, columns.findIndex((c) => c.header === header) + 1).value;
    // Sorted by bill number: ZD2026-000001 first.
    expect(at(4, "发票流水号")).toBe("ZD2026-000001");
    expect(at(4, "发票类型")).toBe("增值税专用发票");
    expect(at(4, "是否含税")).toBe("是");
    expect(at(4, "受票方自然人标识")).toBe("否");
    expect(at(4, "购买方纳税人识别号")).toBe("91331100MA2A0B1C2D");
    expect([at(4, "购买方地址"), at(4, "购买方电话"), at(4, "购买方开户银行"), at(4, "购买方银行账号")]).toEqual(["城关镇人民路1号", "0578-2223333", "工商银行城关支行", "1210020009000012345"]);
    expect(at(4, "是否展示购买方地址电话银行账号")).toBe("展示地址、电话、开户银行及银行账号");
    expect([at(4, "销售方开户行"), at(4, "销售方银行账号"), at(4, "备注")]).toEqual(["农商银行城关支行", "201000123456789", "2026年11月LED屏广告"]);
    expect([at(5, "发票流水号"), at(5, "发票类型"), at(5, "是否含税"), at(5, "受票方自然人标识"), at(5, "购买方纳税人识别号")]).toEqual(["ZD2026-000002", "普通发票", "否", "是", null]);
    expect(invoices.getCell(6, 1).value).toBeNull();

    const lines = book.getWorksheet("2-发票明细信息")!;
    expect(headerTexts(lines, 9)).toEqual(["发票流水号", "项目名称", "商品和服务税收编码", "规格型号", "单位", "数量", "单价", "金额", "税率"]);
    expect(rowValues(lines, 4).slice(0, 9)).toEqual(["ZD2026-000001", "*广告服务*广告发布费", "3040303000000000000", undefined, undefined, 1, 1060, 1060, 0.06]);
    expect(rowValues(lines, 5).slice(0, 9)).toEqual(["ZD2026-000001", "*广告服务*广告代理费", "3040303010000000000", undefined, undefined, 3, 106, 318, 0.06]);
    // Without VAT on the invoice row, so the amount is the net.
    expect(rowValues(lines, 6).slice(0, 9)).toEqual(["ZD2026-000002", "*广告服务*广告发布费", "3040303000000000000", undefined, undefined, 1, 500, 500, 0.06]);
    expect(lines.getCell("C4").numFmt).toBe("@");
    expect(lines.getCell("H4").numFmt).toBe("0.00");
    expect(typeof lines.getCell("H4").value).toBe("number");
  });

  it("a new template version changes the file with no code change", async () => {
    const base = CURRENT_TEMPLATE;
    const [serial, ...rest] = base.invoiceSheet.columns;
    const next: TaxPlatformTemplate = {
      ...base,
      version: "V270101",
      invoiceSheet: {
        ...base.invoiceSheet,
        columns: [rest.find((c) => c.key === "buyerName")!, serial, { header: "价税合计", key: "totalAmount", constraint: "必填", width: 12, numFmt: "0.00" }, { header: "购买方地址电话", key: "buyerAddressPhone", constraint: "非必填", width: 30 }],
      },
      lineSheet: {
        ...base.lineSheet,
        columns: [base.lineSheet.columns[0], { header: "序号", key: "lineNo", constraint: "必填", width: 6 }, { header: "项目名称", key: "itemPlainName", constraint: "必填", width: 20 }, { header: "税额", key: "tax", constraint: "必填", width: 12, numFmt: "0.00" }],
      },
      staticSheets: [{ name: "excelVersion", hidden: true, rows: [{ row: 4, cells: ["pt:20270101"] }] }],
      labels: { ...base.labels, invoiceKind: { special: "数电专票", ordinary: "数电普票" } },
    };
    const result = await exportForTaxPlatform(db(), finance(), [bills.special], { template: next, today: TODAY });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const book = await readBook(result.buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["1-发票基本信息", "2-发票明细信息", "excelVersion"]);
    const invoices = book.getWorksheet("1-发票基本信息")!;
    expect(headerTexts(invoices, 4)).toEqual(["购买方名称", "发票流水号", "价税合计", "购买方地址电话"]);
    expect(rowValues(invoices, 4)).toEqual(["县文旅集团有限公司", "ZD2026-000001", 1378, "城关镇人民路1号 0578-2223333"]);
    const lines = book.getWorksheet("2-发票明细信息")!;
    expect(rowValues(lines, 4)).toEqual(["ZD2026-000001", 1, "广告发布费", 60]);
    expect(rowValues(lines, 5)).toEqual(["ZD2026-000001", 2, "广告代理费", 18]);
    expect(book.getWorksheet("excelVersion")!.getCell("A4").value).toBe("pt:20270101");
  });

  it("splits changed buyer details by themselves and warns where the platform's tax may differ by a fen", async () => {
    const result = await exportForTaxPlatform(db(), finance(), [bills.mixed], { today: TODAY });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([expect.stringContaining("ZD2026-000005 第 1 行：含税与不含税明细混开")]);
    const invoices = (await readBook(result.buffer)).getWorksheet("1-发票基本信息")!;
    expect([invoices.getCell("D4").value, invoices.getCell("K4").value, invoices.getCell("Q4").value, invoices.getCell("R4").value, invoices.getCell("S4").value]).toEqual([
      "否", "开发区 2 号楼 101 室", "0578-8889999", "建设银行开发区支行", "3300 1234 5678",
    ]);
    // Without VAT: 1.15 with VAT at 6 % is 1.08 net.
    expect((await readBook(result.buffer)).getWorksheet("2-发票明细信息")!.getCell("H4").value).toBe(1.08);
  });

  it("refuses drafts, red-letter credits, bills already recorded, another center's bills and readers without billing rights", async () => {
    const refused = async (ids: string[], role: keyof TestCenter["users"] = "finance") => {
      const result = await exportForTaxPlatform(db(), center.users[role].scope, ids, { today: TODAY });
      return result.ok ? null : result;
    };
    expect(await refused([bills.draft])).toMatchObject({ status: 409, errors: { form: expect.stringContaining("尚未开具") } });
    expect(await refused([bills.special, bills.credit])).toMatchObject({ status: 409, errors: { form: expect.stringContaining("红字账单不在此导出（ZD2026-000003）") } });
    expect(await refused([bills.recorded])).toMatchObject({ status: 409, errors: { form: expect.stringContaining("不能再次导出开票：ZD2026-000004") } });
    expect(await refused([bills.special, bills.otherCenter])).toMatchObject({ status: 404 });
    expect(await refused([])).toMatchObject({ status: 400 });
    expect(await refused([bills.special], "sales")).toMatchObject({ status: 403 });
    expect(await refused([bills.special], "manager")).toBeNull();
    expect(EXPORT_NOTE).toContain("红字账单不在此导出");
  });

  it("previews the platform's result file listing every problem by row, and commits nothing while any remain", async () => {
    const file = await taxResultXlsx([
      ["ZD2026-000001", N(1), new Date(Date.UTC(2026, 10, 25)), "县文旅集团有限公司"], // row 3: fine
      ["ZD2026-000099", N(99), "2026-11-25", ""], // unknown serial
      ["ZD2026-000002", "1234", "2026-11-25", ""], // not 20 digits
      ["ZD2026-000004", N(44), "2026-11-25", ""], // a different number is already recorded
      ["ZD2026-000003", N(4), "2026-11-25", ""], // number already on ZD2026-000004
      ["ZD2026-000006", N(6), "2026-02-30", ""], // no such day
      ["ZD2026-000090", N(90), "2026-11-25", ""], // a draft
      ["", N(91), "2026-11-25", ""], // no serial
      ["ZD2026-000001", N(92), "2026-11-25", ""], // serial twice
      ["ZD2026-000007", 26330000000000012000, "2026-11-25", ""], // Excel turned the number into a number
      ["ZD2026-000005", N(5), "2026-11-25", "外单位客户"], // somebody else's buyer
    ]);
    const preview = await previewInvoiceResults(db(), finance(), { bytes: file, fileName: "结果.xlsx" }, TODAY);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.rows).toEqual([{ row: 3, serial: "ZD2026-000001", number: N(1), date: "2026-11-25", buyerName: "县文旅集团有限公司", totalFen: 137_800, action: "record" }]);
    const byRow = (row: number) => preview.problems.filter((p) => p.row === row).map((p) => `${p.column}:${p.message}`);
    expect(byRow(4)).toEqual(["发票流水号:本单位没有编号为 ZD2026-000099 的账单"]);
    expect(byRow(5)).toEqual([expect.stringMatching(/^数电发票号码:数电发票号码应为 20 位数字/)]);
    expect(byRow(6)).toEqual([expect.stringContaining("已登记号码 26330000000000000004")]);
    expect(byRow(7)).toEqual([`数电发票号码:数电发票号码 ${N(4)} 已登记在账单 ZD2026-000004 上`]);
    expect(byRow(8)).toEqual(["开票日期:开票日期“2026-02-30”不是有效日期"]);
    expect(byRow(9)).toEqual(["发票流水号:账单 ZD2026-000090 尚未开具，不能登记发票号码"]);
    expect(byRow(10)).toEqual(["发票流水号:发票流水号为空"]);
    expect(byRow(11)).toEqual(["发票流水号:发票流水号 ZD2026-000001 与第 3 行重复"]);
    expect(byRow(12)).toEqual([expect.stringContaining("被 Excel 存成了数字")]);
    expect(byRow(13)).toEqual([expect.stringContaining("购买方“外单位客户”与账单 ZD2026-000005")]);
    expect(preview.problems).toHaveLength(10);

    const commit = await commitInvoiceResults(db(), finance(), { bytes: file, fileName: "结果.xlsx" }, TODAY);
    expect(commit).toMatchObject({ ok: false, status: 409, problems: expect.arrayContaining([expect.objectContaining({ row: 4 })]) });
    expect((await bill(bills.special)).tax_invoice_number).toBe("");
    expect(await audits(bills.special)).toHaveLength(0);
  });

  it("commits a clean result file (GBK CSV) in one go, audited, and a second import changes nothing", async () => {
    const csv = ["发票流水号,数电发票号码,开票日期", `ZD2026-000001,${N(1)},2026/11/25 10:21:33`, `ZD2026-000002,="${N(2)}",2026-11-26`].join("\r\n");
    const bytes = new Uint8Array(iconv.encode(csv, "gbk"));
    const preview = await previewInvoiceResults(db(), finance(), { bytes, fileName: "结果.csv" }, TODAY);
    expect(preview).toMatchObject({ ok: true, problems: [], counts: { record: 2, unchanged: 0 } });
    const commit = await commitInvoiceResults(db(), finance(), { bytes, fileName: "结果.csv" }, TODAY);
    expect(commit).toEqual({ ok: true, fileName: "结果.csv", recorded: 2, unchanged: 0 });
    expect(await bill(bills.special)).toMatchObject({ tax_invoice_number: N(1), tax_invoice_date: "2026-11-25" });
    expect(await bill(bills.ordinary)).toMatchObject({ tax_invoice_number: N(2), tax_invoice_date: "2026-11-26" });
    const [entry] = await audits(bills.special);
    expect(entry).toMatchObject({ entity: "bill", user_id: center.users.finance.id });
    expect(JSON.parse(entry.after_json!)).toMatchObject({ number: "ZD2026-000001", tax_invoice_number: N(1), tax_invoice_date: "2026-11-25", source: "import", file_name: "结果.csv" });
    expect(JSON.parse(entry.before_json!)).toMatchObject({ tax_invoice_number: "" });

    expect(await commitInvoiceResults(db(), finance(), { bytes, fileName: "结果.csv" }, TODAY)).toEqual({ ok: true, fileName: "结果.csv", recorded: 0, unchanged: 2 });
    expect(await audits(bills.special)).toHaveLength(1);
    // Recorded now, so exporting again would issue twice.
    expect(await exportForTaxPlatform(db(), finance(), [bills.special], { today: TODAY })).toMatchObject({ ok: false, status: 409 });
  });

  it("only finance imports, and another center's result file does not touch this center's bills", async () => {
    const file = await taxResultXlsx([["ZD2026-000001", N(500), "2026-11-25", "外单位客户"]]);
    for (const role of ["sales", "manager", "auditor"] as const) {
      expect(await previewInvoiceResults(db(), center.users[role].scope, { bytes: file, fileName: "x.xlsx" }, TODAY)).toMatchObject({ ok: false, status: 403 });
      expect(await commitInvoiceResults(db(), center.users[role].scope, { bytes: file, fileName: "x.xlsx" }, TODAY)).toMatchObject({ ok: false, status: 403 });
    }
    // Center B's file read by center A: its ZD2026-000001 is not A's bill (other buyer).
    const preview = await previewInvoiceResults(db(), finance(), { bytes: file, fileName: "x.xlsx" }, TODAY);
    expect(preview.ok && preview.problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringContaining("购买方“外单位客户”与账单 ZD2026-000001")]));
    // Center B records its own bill; A's bill keeps its number.
    const own = await commitInvoiceResults(db(), other.users.finance.scope, { bytes: file, fileName: "x.xlsx" }, TODAY);
    expect(own).toMatchObject({ ok: true, recorded: 1 });
    expect((await bill(bills.otherCenter)).tax_invoice_number).toBe(N(500));
    expect((await bill(bills.special)).tax_invoice_number).toBe(N(1));
    expect(await previewInvoiceResults(db(), finance(), { bytes: new Uint8Array(iconv.encode("流水号,号码\r\nA,B", "gbk")), fileName: "x.csv" }, TODAY)).toMatchObject({
      ok: false, status: 400, message: expect.stringContaining("找不到列"),
    });
  });

  it("records one number by hand under the rules: finance only, 20 digits, no silent overwrite", async () => {
    const record = (input: { number: string; date: string; replace?: boolean; reason?: string }, id = bills.manual, role: keyof TestCenter["users"] = "finance") =>
      recordTaxInvoice(db(), center.users[role].scope, id, input, TODAY);
    expect(await record({ number: N(60), date: "2026-11-25" }, bills.manual, "manager")).toMatchObject({ ok: false, status: 403 });
    expect(await record({ number: N(60), date: "2026-11-25" }, bills.otherCenter)).toMatchObject({ ok: false, status: 404 });
    expect(await record({ number: N(60), date: "2026-11-25" }, bills.draft)).toMatchObject({ ok: false, status: 409 });
    expect(await record({ number: "2633000000000006", date: "2026-11-25" })).toMatchObject({ ok: false, status: 400, errors: { number: expect.stringContaining("20 位") } });
    expect(await record({ number: N(60), date: "2026-11-28" })).toMatchObject({ ok: false, status: 400, errors: { date: expect.stringContaining("晚于今天") } });
    expect(await record({ number: N(60), date: "2025-12-30" })).toMatchObject({ ok: false, status: 400, errors: { number: expect.stringContaining("开票年份") } });
    expect(await record({ number: N(1), date: "2026-11-25" })).toMatchObject({ ok: false, status: 409, errors: { number: "该号码已登记在账单 ZD2026-000001 上" } });
    expect(await record({ number: N(60), date: "2026-11-19" })).toMatchObject({ ok: false, status: 400, errors: { date: "开票日期早于账单 ZD2026-000006 的开具日期 2026-11-20" } });

    expect(await record({ number: ` ${N(60)} `, date: "2026-11-25" })).toEqual({ ok: true, id: bills.manual, unchanged: false });
    expect(await record({ number: N(60), date: "2026-11-25" })).toEqual({ ok: true, id: bills.manual, unchanged: true });
    expect(await audits(bills.manual)).toHaveLength(1);

    expect(await record({ number: N(61), date: "2026-11-25" })).toMatchObject({ ok: false, status: 409, errors: { number: expect.stringContaining(`已登记号码 ${N(60)}`) } });
    expect(await record({ number: N(61), date: "2026-11-25", replace: true, reason: " " })).toMatchObject({ ok: false, status: 400, errors: { reason: expect.any(String) } });
    expect(await record({ number: N(61), date: "2026-11-26", replace: true, reason: "录入时看错一位" })).toMatchObject({ ok: true, unchanged: false });
    expect(await bill(bills.manual)).toMatchObject({ tax_invoice_number: N(61), tax_invoice_date: "2026-11-26" });
    const trail = await audits(bills.manual);
    expect(trail).toHaveLength(2);
    expect(JSON.parse(trail[1].before_json!)).toMatchObject({ tax_invoice_number: N(60) });
    expect(JSON.parse(trail[1].after_json!)).toMatchObject({ tax_invoice_number: N(61), source: "manual", reason: "录入时看错一位" });
    // The freed number may go on another bill now.
    expect(await record({ number: N(60), date: "2026-11-25" }, bills.manual2)).toMatchObject({ ok: true });
  });
});
