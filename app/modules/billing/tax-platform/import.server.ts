// Recording 数电发票号码 against issued bills: from the platform's result file (.xlsx or .csv, UTF-8
// or GBK) keyed by 发票流水号 = our bill number, or one bill by hand. The file is previewed with
// every problem listed by row, then committed all or nothing in one transaction that checks again
// against locked rows. Every recorded number is audited (entity "bill", action "record_invoice").
import ExcelJS from "exceljs";
import type { AppDb } from "~db/connection";
import { type Executor, lockRows, writeTransaction } from "~db/dialect";
import type { BillsTable } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { cellText, normaliseDateText } from "~/modules/inventory/excel/cells";
import { decodeText, parseCsv } from "~/modules/inventory/excel/csv";
import { isCalendarDate, nowIso, todayInShanghai } from "~/utils/time";
import { type BillingResult, billingRefusal, refuseUnlessFinance } from "../access";

export const MAX_RESULT_BYTES = 10 * 1024 * 1024;
export const MAX_RESULT_ROWS = 5000;

export interface ResultProblem {
  /** The row as the sheet shows it; null for the whole file. */
  row: number | null;
  column: string | null;
  message: string;
}

export interface ResultRow {
  row: number;
  serial: string;
  number: string;
  date: string;
  buyerName: string;
  totalFen: number;
  action: "record" | "unchanged";
}

export type ResultPreview =
  | { ok: true; fileName: string; rows: ResultRow[]; problems: ResultProblem[]; counts: { record: number; unchanged: number } }
  | { ok: false; status: 400 | 403 | 413; message: string; problems: ResultProblem[] };

export type ResultCommit =
  | { ok: true; fileName: string; recorded: number; unchanged: number }
  | { ok: false; status: 400 | 403 | 409 | 413; message: string; problems: ResultProblem[] };

const COLUMNS = {
  serial: { header: "发票流水号", aliases: ["发票流水号", "流水号"] },
  number: { header: "数电发票号码", aliases: ["数电发票号码", "数电票号码", "全电发票号码", "发票号码"] },
  date: { header: "开票日期", aliases: ["开票日期", "开票时间"] },
  buyerName: { header: "购买方名称", aliases: ["购买方名称"] },
} as const;
type ColumnKey = keyof typeof COLUMNS;

interface FileRow {
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
  /** Excel kept the invoice number as a number: its last digits are already gone. */
  numberWasNumeric: boolean;
}

const normaliseHeader = (text: string) => text.replace(/[\s*＊]/g, "").replace(/（/g, "(").replace(/）/g, ")");

/** Column positions from the first row (within the first ten) that names the three key columns. */
function findHeader(rows: { row: number; cells: unknown[] }[]): { index: number; positions: Partial<Record<ColumnKey, number>> } | null {
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const positions: Partial<Record<ColumnKey, number>> = {};
    rows[i].cells.forEach((value, col) => {
      const text = normaliseHeader(cellText(value));
      for (const key of Object.keys(COLUMNS) as ColumnKey[]) {
        if (positions[key] === undefined && (COLUMNS[key].aliases as readonly string[]).includes(text)) positions[key] = col;
      }
    });
    if (positions.serial !== undefined && positions.number !== undefined && positions.date !== undefined) return { index: i, positions };
  }
  return null;
}

async function rawRows(bytes: Uint8Array): Promise<{ row: number; cells: unknown[] }[] | string> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
    } catch {
      return "无法读取该 Excel 文件，请从电子税务局重新导出后上传";
    }
    // The result workbook may carry several sheets: take the first that has the key columns.
    for (const sheet of workbook.worksheets) {
      const rows: { row: number; cells: unknown[] }[] = [];
      sheet.eachRow((row) => rows.push({ row: row.number, cells: (row.values as unknown[]).slice(1) }));
      if (findHeader(rows)) return rows;
    }
    return missingColumnsMessage();
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return "不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后上传";
  const decoded = decodeText(bytes);
  if (!decoded.ok) return "该文件不是 Excel（.xlsx）或 CSV 表格";
  return parseCsv(decoded.text).map((cells, i) => ({ row: i + 1, cells }));
}

const missingColumnsMessage = () => `文件中找不到列：${COLUMNS.serial.header}、${COLUMNS.number.header}、${COLUMNS.date.header}`;

async function readResultFile(bytes: Uint8Array): Promise<FileRow[] | { status: 400 | 413; message: string }> {
  if (bytes.length === 0) return { status: 400, message: "文件是空的，请重新选择" };
  if (bytes.length > MAX_RESULT_BYTES) return { status: 413, message: "文件超过 10 MB，请拆分后分批导入" };
  const raw = await rawRows(bytes);
  if (typeof raw === "string") return { status: 400, message: raw };
  const header = findHeader(raw);
  if (!header) return { status: 400, message: missingColumnsMessage() };
  const rows: FileRow[] = [];
  for (const r of raw.slice(header.index + 1)) {
    const cells: FileRow["cells"] = {};
    for (const [key, col] of Object.entries(header.positions) as [ColumnKey, number][]) cells[key] = cellText(r.cells[col]).trim();
    if (!cells.serial && !cells.number && !cells.date) continue;
    if (rows.length >= MAX_RESULT_ROWS) return { status: 400, message: `数据超过 ${MAX_RESULT_ROWS} 行，请拆分后分批导入` };
    rows.push({ row: r.row, cells, numberWasNumeric: typeof r.cells[header.positions.number!] === "number" });
  }
  if (!rows.length) return { status: 400, message: "文件中没有数据行" };
  return rows;
}

/** 'YYYY-MM-DD' from what the platform writes: a date cell, "2026-12-03 10:20:30", "2026年12月3日". */
export function invoiceDateText(text: string): string {
  const withoutTime = text.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, "");
  return normaliseDateText(withoutTime);
}

/** The number as typed or saved: spaces dropped, and the ="…" or leading ' that keeps Excel from turning it into a number. */
export function invoiceNumberText(text: string): string {
  return text.replace(/\s/g, "").replace(/^(?:'|="?)/, "").replace(/"$/, "");
}

/** What is wrong with a number and date pair, whoever typed it. */
export function numberAndDateProblems(number: string, date: string, today: string): { number?: string; date?: string } {
  const problems: { number?: string; date?: string } = {};
  if (!/^\d{20}$/.test(number)) problems.number = `数电发票号码应为 20 位数字（现为“${number}”）`;
  if (!isCalendarDate(date)) problems.date = `开票日期“${date}”不是有效日期`;
  else if (date > today) problems.date = `开票日期 ${date} 晚于今天`;
  // Digits 1–2 of a 数电发票号码 are the year it was issued.
  if (!problems.number && !problems.date && number.slice(0, 2) !== date.slice(2, 4)) {
    problems.number = `号码前两位 ${number.slice(0, 2)} 应为开票年份的后两位（${date.slice(2, 4)}）`;
  }
  return problems;
}

type BillRow = Pick<BillsTable, "id" | "number" | "status" | "issue_date" | "buyer_name" | "total_fen" | "tax_invoice_number" | "tax_invoice_date">;

/** The tax invoice is issued from the bill, so it cannot be dated before the bill was issued. */
function beforeIssue(bill: Pick<BillRow, "number" | "issue_date">, date: string): string | null {
  return bill.issue_date && isCalendarDate(date) && date < bill.issue_date ? `开票日期早于账单 ${bill.number} 的开具日期 ${bill.issue_date}` : null;
}

async function billsFor(db: Executor, scope: Scope, rows: FileRow[], lock: boolean) {
  const serials = [...new Set(rows.map((r) => r.cells.serial ?? "").filter(Boolean))];
  const numbers = [...new Set(rows.map((r) => r.cells.number ?? "").filter(Boolean))];
  const columns = ["id", "number", "status", "issue_date", "buyer_name", "total_fen", "tax_invoice_number", "tax_invoice_date"] as const;
  const query = () => db.selectFrom("bills").select(columns).where("center_id", "=", scope.centerId);
  const read = (q: ReturnType<typeof query>) => (lock ? lockRows(db, q) : q).execute();
  const bySerial = serials.length ? await read(query().where("number", "in", serials)) : [];
  const holders = numbers.length ? await read(query().where("tax_invoice_number", "in", numbers)) : [];
  return { bySerial: new Map(bySerial.map((b) => [b.number ?? "", b as BillRow])), holders: new Map(holders.map((b) => [b.tax_invoice_number, b as BillRow])) };
}

function checkRows(rows: FileRow[], bills: Awaited<ReturnType<typeof billsFor>>, today: string): { ok: ResultRow[]; problems: ResultProblem[] } {
  const ok: ResultRow[] = [];
  const problems: ResultProblem[] = [];
  const firstSerial = new Map<string, number>();
  const firstNumber = new Map<string, number>();
  for (const r of rows) {
    const serial = r.cells.serial ?? "";
    const number = invoiceNumberText(r.cells.number ?? "");
    const date = invoiceDateText(r.cells.date ?? "");
    const add = (key: ColumnKey | null, message: string) => problems.push({ row: r.row, column: key ? COLUMNS[key].header : null, message });
    const before = problems.length;
    const bill = serial ? bills.bySerial.get(serial) : undefined;
    if (!serial) add("serial", "发票流水号为空");
    else if (firstSerial.has(serial)) add("serial", `发票流水号 ${serial} 与第 ${firstSerial.get(serial)} 行重复`);
    else if (!bill) add("serial", `本单位没有编号为 ${serial} 的账单`);
    else if (bill.status !== "issued") add("serial", `账单 ${serial} 尚未开具，不能登记发票号码`);
    if (serial && !firstSerial.has(serial)) firstSerial.set(serial, r.row);

    const own = numberAndDateProblems(number, date, today);
    if (r.numberWasNumeric) add("number", "数电发票号码被 Excel 存成了数字，后几位可能已丢失：请把该列设为文本后重新导出");
    else if (own.number) add("number", own.number);
    else if (firstNumber.has(number)) add("number", `数电发票号码与第 ${firstNumber.get(number)} 行重复`);
    else {
      const holder = bills.holders.get(number);
      if (holder && holder.id !== bill?.id) add("number", `数电发票号码 ${number} 已登记在账单 ${holder.number} 上`);
    }
    if (number && !firstNumber.has(number)) firstNumber.set(number, r.row);
    if (own.date) add("date", own.date);
    else if (bill && beforeIssue(bill, date)) add("date", beforeIssue(bill, date)!);

    if (bill && bill.tax_invoice_number && bill.tax_invoice_number !== number) {
      add("number", `账单 ${serial} 已登记号码 ${bill.tax_invoice_number}；如需更正，请在账单上单张更正并说明原因`);
    } else if (bill && bill.tax_invoice_number === number && bill.tax_invoice_date && bill.tax_invoice_date !== date) {
      add("date", `账单 ${serial} 已登记该号码，开票日期为 ${bill.tax_invoice_date}`);
    }
    const buyer = r.cells.buyerName ?? "";
    if (bill && buyer && buyer !== bill.buyer_name) add("buyerName", `购买方“${buyer}”与账单 ${serial} 的“${bill.buyer_name}”不一致：请确认上传的是本单位的开票结果`);

    if (problems.length === before && bill) {
      const unchanged = bill.tax_invoice_number === number && bill.tax_invoice_date === date;
      ok.push({ row: r.row, serial, number, date, buyerName: bill.buyer_name, totalFen: Number(bill.total_fen), action: unchanged ? "unchanged" : "record" });
    }
  }
  return { ok, problems };
}

const counts = (rows: ResultRow[]) => ({ record: rows.filter((r) => r.action === "record").length, unchanged: rows.filter((r) => r.action === "unchanged").length });

/** Every row of the result file checked against this center's bills; nothing is written. */
export async function previewInvoiceResults(db: AppDb, scope: Scope, upload: { bytes: Uint8Array; fileName: string }, today = todayInShanghai()): Promise<ResultPreview> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return { ok: false, status: 403, message: refused.errors.form ?? "", problems: [] };
  const rows = await readResultFile(upload.bytes);
  if (!Array.isArray(rows)) return { ok: false, ...rows, problems: [] };
  const { ok, problems } = checkRows(rows, await billsFor(db, scope, rows, false), today);
  return { ok: true, fileName: upload.fileName, rows: ok, problems, counts: counts(ok) };
}

class ResultAborted extends Error {
  constructor(readonly problems: ResultProblem[]) {
    super("result import aborted");
  }
}

const lockCenter = (trx: Executor, scope: Scope) => lockRows(trx, trx.selectFrom("centers").select("id").where("id", "=", scope.centerId)).execute();

async function writeNumber(trx: Executor, scope: Scope, bill: BillRow, number: string, date: string, extra: Record<string, string>): Promise<void> {
  await trx.updateTable("bills").set({ tax_invoice_number: number, tax_invoice_date: date, updated_at: nowIso() }).where("id", "=", bill.id).where("center_id", "=", scope.centerId).execute();
  await recordAudit(trx, scope, {
    entity: "bill",
    entityId: bill.id,
    action: "record_invoice",
    before: { number: bill.number, tax_invoice_number: bill.tax_invoice_number, tax_invoice_date: bill.tax_invoice_date },
    after: { number: bill.number, tax_invoice_number: number, tax_invoice_date: date, ...extra },
  });
}

/** All or nothing: checked again inside the transaction, against locked rows. */
export async function commitInvoiceResults(db: AppDb, scope: Scope, upload: { bytes: Uint8Array; fileName: string }, today = todayInShanghai()): Promise<ResultCommit> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return { ok: false, status: 403, message: refused.errors.form ?? "", problems: [] };
  const rows = await readResultFile(upload.bytes);
  if (!Array.isArray(rows)) return { ok: false, ...rows, problems: [] };
  try {
    return await writeTransaction(db, async (trx) => {
      // CONCURRENCY: one recorder per center at a time, so two files cannot put one number on two bills.
      await lockCenter(trx, scope);
      const bills = await billsFor(trx, scope, rows, true);
      const { ok, problems } = checkRows(rows, bills, today);
      if (problems.length) throw new ResultAborted(problems);
      for (const r of ok.filter((x) => x.action === "record")) {
        await writeNumber(trx, scope, bills.bySerial.get(r.serial)!, r.number, r.date, { source: "import", file_name: upload.fileName });
      }
      return { ok: true as const, fileName: upload.fileName, ...renameCounts(counts(ok)) };
    });
  } catch (error) {
    if (error instanceof ResultAborted) {
      const rowsWith = new Set(error.problems.map((p) => p.row)).size;
      return { ok: false, status: 409, message: `未导入：${rowsWith} 行有问题，共 ${error.problems.length} 处，请改正后重新上传`, problems: error.problems };
    }
    throw error;
  }
}

const renameCounts = (c: { record: number; unchanged: number }) => ({ recorded: c.record, unchanged: c.unchanged });

export interface TaxInvoiceInput {
  number: string;
  date: string;
  /** Put a different number over one already recorded: only with a reason. */
  replace?: boolean;
  reason?: string;
  /** Who gave the number: finance typing it (the default) or the e-invoice provider's answer. */
  source?: "manual" | "provider";
}

/** One bill's 数电发票号码 and date, typed by finance. */
export async function recordTaxInvoice(db: AppDb, scope: Scope, billId: string, input: TaxInvoiceInput, today = todayInShanghai()): Promise<BillingResult<{ id: string; unchanged: boolean }>> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const number = invoiceNumberText(input.number);
  const date = invoiceDateText(input.date);
  const reason = (input.reason ?? "").trim();
  const errors = { ...numberAndDateProblems(number, date, today), ...(input.replace && !reason ? { reason: "更正已登记的号码须填写原因" } : {}) };
  if (Object.keys(errors).length) return billingRefusal(400, errors);
  return writeTransaction(db, async (trx) => {
    await lockCenter(trx, scope);
    const bill = (await lockRows(trx, trx.selectFrom("bills").select(["id", "number", "status", "issue_date", "buyer_name", "total_fen", "tax_invoice_number", "tax_invoice_date"]).where("id", "=", billId).where("center_id", "=", scope.centerId)).executeTakeFirst()) as BillRow | undefined;
    if (!bill) return billingRefusal(404, { form: "账单不存在或不属于本单位" });
    if (bill.status !== "issued") return billingRefusal(409, { form: "账单尚未开具，不能登记发票号码" });
    const early = beforeIssue(bill, date);
    if (early) return billingRefusal(400, { date: early });
    const holder = await trx.selectFrom("bills").select(["id", "number"]).where("center_id", "=", scope.centerId).where("tax_invoice_number", "=", number).where("id", "!=", bill.id).executeTakeFirst();
    if (holder) return billingRefusal(409, { number: `该号码已登记在账单 ${holder.number} 上` });
    if (bill.tax_invoice_number === number && bill.tax_invoice_date === date) return { ok: true as const, id: bill.id, unchanged: true };
    if (bill.tax_invoice_number !== "" && !input.replace) {
      return billingRefusal(409, { number: `本账单已登记号码 ${bill.tax_invoice_number}（${bill.tax_invoice_date ?? ""}）；如需更正，请勾选“更正已登记号码”并填写原因` });
    }
    await writeNumber(trx, scope, bill, number, date, bill.tax_invoice_number !== "" ? { source: input.source ?? "manual", reason } : { source: input.source ?? "manual" });
    return { ok: true as const, id: bill.id, unchanged: false };
  });
}
