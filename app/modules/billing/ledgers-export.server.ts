// Finance's Excel ledgers, written as money sheets (title, "单位：元", frozen filtered headers,
// real dates, two-decimal amounts with negatives in red) and ending in a totals row whose values
// are numbers: 开票台账 (issued bills and credits of a period) and 收款台账 (payments of a period);
// the month's 文化事业建设费计算表 (culture-fee.server.ts) is written with the same pieces. The
// ledgers are read a keyset page at a time and every row is committed as it is written, with a
// wait for the zip and the reader after each page, so a 100,000-row ledger never sits in memory whole.
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Scope } from "~/modules/auth/scope";
import { addMoneySheet, DATE_FORMAT, type MoneyColumn, MONEY_FORMAT, sheetCaughtUp, yuan } from "~/modules/excel/money-sheet.server";
import { addDays, inclusiveDays } from "~/modules/inventory/calendar-dates";
import { excelDate } from "~/modules/inventory/excel/cells";
import type { Executor } from "~db/dialect";
import type { BillKind, PaymentMethod } from "~db/schema";
import { readsAllBilling } from "./access";

export const LEDGER_PAGE = 1000;

export interface LedgerPeriod {
  from: string;
  to: string;
}

export interface LedgerExportMeta {
  centerName: string;
  /** "YYYY-MM-DD HH:mm", Beijing time. */
  exportedAt: string;
  /** The day collection status, allocations and reversals are counted to (usually today). */
  asOf: string;
}

export const METHOD_WORDS: Record<PaymentMethod, string> = { transfer: "银行转账", cash: "现金", cheque: "支票", acceptance: "承兑汇票", other: "其他" };
const INVOICE_KIND_WORDS: Record<string, string> = { special: "专票", ordinary: "普票" };

export const text = (header: string, width: number, numFmt?: string): MoneyColumn => ({ header, width, ...(numFmt ? { numFmt } : {}) });
export const date = (header: string): MoneyColumn => ({ header, width: 11, numFmt: DATE_FORMAT });
export const money = (header: string, width = 14): MoneyColumn => ({ header, width, numFmt: MONEY_FORMAT });

// ---- 开票台账 ---------------------------------------------------------------------------------

export interface LedgerBill {
  id: string;
  number: string;
  issueDate: string;
  kind: BillKind;
  clientName: string;
  buyerTaxId: string;
  invoiceKind: string;
  taxInvoiceNumber: string;
  originalNumber: string | null;
  netFen: number;
  taxFen: number;
  totalFen: number;
  /** 未收款 / 部分收款 / 已收清 / 已红冲 for an invoice, 红字冲销 for a credit. */
  status: string;
}

/**
 * MONEY: an invoice's collection status as of a day, from what was allocated to it (by payments
 * not reversed by then) and the |totals| of the credits issued against it by then.
 */
export function billStatusWord(bill: { kind: BillKind; totalFen: number }, paidFen: number, creditedFen: number): string {
  if (bill.kind === "credit") return "红字冲销";
  if (bill.totalFen > 0 && creditedFen >= bill.totalFen) return "已红冲";
  if (bill.totalFen - paidFen - creditedFen <= 0) return "已收清";
  return paidFen > 0 || creditedFen > 0 ? "部分收款" : "未收款";
}

const issuedIn = (db: Executor, scope: Scope, period: LedgerPeriod) =>
  db.selectFrom("bills as b").where("b.center_id", "=", scope.centerId).where("b.status", "=", "issued").where("b.issue_date", ">=", period.from).where("b.issue_date", "<=", period.to);

type Cursor = { date: string; number: string };
const cursorOf = (b: LedgerBill): Cursor => ({ date: b.issueDate, number: b.number });

/**
 * Up to `limit` bills after the cursor with issue dates in `days`, each with what was allocated to
 * it (by payments not reversed by `asOf`) and the sum of its credits issued by `asOf`, as two scalar
 * subqueries that look each bill up by index (SECURITY: scoped through the bill; a center_id test
 * inside them would lead SQLite to walk the center's whole bill index per row).
 */
async function ledgerRows(db: Executor, scope: Scope, days: LedgerPeriod, after: Cursor | null, asOf: string, limit: number): Promise<LedgerBill[]> {
  let query = issuedIn(db, scope, days)
    .innerJoin("clients as c", "c.id", "b.client_id")
    .leftJoin("bills as o", "o.id", "b.original_bill_id")
    .select(["b.id", "b.number", "b.issue_date", "b.kind", "c.name as client_name", "b.buyer_tax_id", "b.invoice_kind", "b.tax_invoice_number", "o.number as original_number", "b.net_fen", "b.tax_fen", "b.total_fen"])
    .select((eb) => [
      eb
        .selectFrom("payment_allocations as a")
        .innerJoin("payments as p", "p.id", "a.payment_id")
        .select((e) => e.fn.sum<number>("a.amount_fen").as("fen"))
        .whereRef("a.bill_id", "=", "b.id")
        .where("a.allocated_on", "<=", asOf)
        .where((e) => e.or([e("p.reversed_on", "is", null), e("p.reversed_on", ">", asOf)]))
        .as("paid_fen"),
      eb
        .selectFrom("bills as cr")
        .select((e) => e.fn.sum<number>("cr.total_fen").as("fen"))
        .whereRef("cr.original_bill_id", "=", "b.id")
        .where("cr.kind", "=", "credit")
        .where("cr.status", "=", "issued")
        .where("cr.issue_date", "<=", asOf)
        .as("credited_fen"),
    ]);
  if (after) {
    const { date, number } = after;
    query = query.where((eb) => eb.or([eb("b.issue_date", ">", date), eb.and([eb("b.issue_date", "=", date), eb("b.number", ">", number)])]));
  }
  const rows = await query.orderBy("b.issue_date").orderBy("b.number").limit(limit).execute();
  return rows.map((r) => {
    const bill = { kind: r.kind, totalFen: Number(r.total_fen) };
    return {
      id: r.id, number: r.number ?? "", issueDate: r.issue_date ?? "", kind: r.kind, clientName: r.client_name, buyerTaxId: r.buyer_tax_id,
      invoiceKind: r.invoice_kind, taxInvoiceNumber: r.tax_invoice_number, originalNumber: r.original_number ?? null,
      netFen: Number(r.net_fen), taxFen: Number(r.tax_fen), totalFen: bill.totalFen,
      status: billStatusWord(bill, Number(r.paid_fen ?? 0), Math.abs(Number(r.credited_fen ?? 0))),
    };
  });
}

/** How many days the first page looks at before it knows how dense the bills are. */
const FIRST_WINDOW_DAYS = 31;

/**
 * One page after the cursor, read in a window of days expected to hold about a page (from the days
 * the page before took), widened while it holds too few. The window keeps what a database sorts
 * for one page near the page size: without an end day, MariaDB sorts every row left in the period
 * for each page (and evaluates the subqueries for each). Returns the window for the next page.
 */
async function ledgerPage(db: Executor, scope: Scope, period: LedgerPeriod, after: Cursor | null, asOf: string, pageSize: number, windowDays: number) {
  const start = after?.date ?? period.from;
  const bills: LedgerBill[] = [];
  let cursor = after;
  for (let window = windowDays; ; window *= 2) {
    const end = addDays(start, window - 1) < period.to ? addDays(start, window - 1) : period.to;
    const rows = await ledgerRows(db, scope, { from: cursor?.date ?? period.from, to: end }, cursor, asOf, pageSize - bills.length);
    bills.push(...rows);
    if (rows.length) cursor = cursorOf(rows[rows.length - 1]);
    if (bills.length === pageSize || end === period.to) break;
  }
  const took = bills.length ? inclusiveDays(bills[0].issueDate, bills[bills.length - 1].issueDate) : windowDays;
  return { bills, nextWindow: Math.ceil(took * 1.25) + 1 };
}

/**
 * The period's issued bills and credits in (issue date, number) order, a keyset page at a time
 * (each page starts after the last row of the one before, never at an offset), with each
 * invoice's status as of `asOf`. The next page is already being read while the caller writes this one.
 */
export async function* invoiceLedgerPages(db: Executor, scope: Scope, period: LedgerPeriod, asOf: string, pageSize = LEDGER_PAGE): AsyncGenerator<LedgerBill[]> {
  // A page read ahead and then abandoned (the download closed) must not surface as an unhandled rejection.
  const ahead = (after: Cursor | null, windowDays: number) => {
    const page = ledgerPage(db, scope, period, after, asOf, pageSize, windowDays);
    page.catch(() => {});
    return page;
  };
  let pending = ahead(null, FIRST_WINDOW_DAYS);
  for (;;) {
    const { bills, nextWindow } = await pending;
    if (bills.length === 0) return;
    const more = bills.length === pageSize;
    if (more) pending = ahead(cursorOf(bills[bills.length - 1]), nextWindow);
    yield bills;
    if (!more) return;
  }
}

/** The 开票台账 screen's totals: the same rows, summed by the database. */
export async function invoiceLedgerTotals(db: Executor, scope: Scope, period: LedgerPeriod) {
  const row = await issuedIn(db, scope, period)
    .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.sum<number>("b.net_fen").as("net"), eb.fn.sum<number>("b.tax_fen").as("tax"), eb.fn.sum<number>("b.total_fen").as("total")])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), netFen: Number(row.net ?? 0), taxFen: Number(row.tax ?? 0), totalFen: Number(row.total ?? 0) };
}

export const INVOICE_LEDGER_COLUMNS: MoneyColumn[] = [
  text("账单号", 16, "@"), date("开具日期"), text("客户", 28), text("购买方税号", 21, "@"), text("发票种类", 8), text("数电发票号码", 22, "@"),
  money("不含税金额"), money("税额", 12), money("价税合计"), text("收款状态", 9), text("原账单号", 16, "@"),
];

/** Text a cell may lack: an empty cell rather than an empty string. */
export const optional = (text: string | null) => text || null;

/** One Date per calendar day for a whole export: a ledger has many rows a day. */
export function dayCells(): (ymd: string | null) => Date | null {
  const days = new Map<string, Date | null>();
  return (ymd) => {
    if (!ymd) return null;
    let day = days.get(ymd);
    if (day === undefined) days.set(ymd, (day = excelDate(ymd)));
    return day;
  };
}

export function invoiceLedgerRow(b: LedgerBill, day: (ymd: string | null) => Date | null = excelDate): ExcelJS.CellValue[] {
  return [
    b.number, day(b.issueDate), b.clientName, optional(b.buyerTaxId), INVOICE_KIND_WORDS[b.invoiceKind] ?? b.invoiceKind, optional(b.taxInvoiceNumber),
    yuan(b.netFen), yuan(b.taxFen), yuan(b.totalFen), b.status, optional(b.originalNumber),
  ];
}

// ---- 收款台账 ---------------------------------------------------------------------------------

export interface LedgerPayment {
  id: string;
  receivedOn: string;
  clientName: string;
  payer: string;
  method: PaymentMethod;
  reference: string;
  amountFen: number;
  /** −amount once reversed (on or before asOf), else 0. */
  reversalFen: number;
  allocatedFen: number;
  unallocatedFen: number;
  reversedOn: string | null;
  reversalReason: string;
}

const receivedIn = (db: Executor, scope: Scope, period: LedgerPeriod) =>
  db.selectFrom("payments as p").where("p.center_id", "=", scope.centerId).where("p.received_on", ">=", period.from).where("p.received_on", "<=", period.to);

/** One page of payments with what was allocated from each by `asOf`; the page starts at the cursor's day. */
async function paymentPage(db: Executor, scope: Scope, period: LedgerPeriod, after: { date: string; id: string } | null, asOf: string, pageSize: number) {
  let query = receivedIn(db, scope, { from: after && after.date > period.from ? after.date : period.from, to: period.to })
    .innerJoin("clients as c", "c.id", "p.client_id")
    .select(["p.id", "p.received_on", "c.name as client_name", "p.payer", "p.method", "p.reference", "p.amount_fen", "p.reversed_on", "p.reversal_reason"])
    .select((eb) =>
      eb.selectFrom("payment_allocations as a").select((e) => e.fn.sum<number>("a.amount_fen").as("fen")).whereRef("a.payment_id", "=", "p.id").where("a.allocated_on", "<=", asOf).as("allocated_fen"),
    );
  if (after) {
    const { date, id } = after;
    query = query.where((eb) => eb.or([eb("p.received_on", ">", date), eb.and([eb("p.received_on", "=", date), eb("p.id", ">", id)])]));
  }
  return query.orderBy("p.received_on").orderBy("p.id").limit(pageSize).execute();
}

/**
 * MONEY: the period's payments in (date, id) order, a keyset page at a time. As of `asOf`: a
 * reversed payment shows its amount and the same amount back as a negative reversal, and counts
 * nothing allocated or unallocated; so on every row amount + reversal = allocated + unallocated.
 */
export async function* receiptLedgerPages(db: Executor, scope: Scope, period: LedgerPeriod, asOf: string, pageSize = LEDGER_PAGE): AsyncGenerator<LedgerPayment[]> {
  let after: { date: string; id: string } | null = null;
  for (;;) {
    const rows = await paymentPage(db, scope, period, after, asOf, pageSize);
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const amountFen = Number(r.amount_fen);
      const reversed = r.reversed_on !== null && r.reversed_on <= asOf;
      const allocatedFen = reversed ? 0 : Number(r.allocated_fen ?? 0);
      return {
        id: r.id, receivedOn: r.received_on, clientName: r.client_name, payer: r.payer, method: r.method, reference: r.reference, amountFen,
        reversalFen: reversed ? -amountFen : 0, allocatedFen, unallocatedFen: reversed ? 0 : amountFen - allocatedFen,
        reversedOn: reversed ? r.reversed_on : null, reversalReason: reversed ? r.reversal_reason : "",
      };
    });
    if (rows.length < pageSize) return;
    after = { date: rows[rows.length - 1].received_on, id: rows[rows.length - 1].id };
  }
}

/** MONEY: the 收款台账 screen's totals as of `asOf`, summed by the database; unallocated = amount + reversal − allocated. */
export async function receiptLedgerTotals(db: Executor, scope: Scope, period: LedgerPeriod, asOf: string) {
  const sums = await receivedIn(db, scope, period)
    .select((eb) => [
      eb.fn.countAll<number>().as("count"),
      eb.fn.sum<number>("p.amount_fen").as("amount"),
      eb.fn.sum<number>(eb.case().when(eb.and([eb("p.reversed_on", "is not", null), eb("p.reversed_on", "<=", asOf)])).then(eb.ref("p.amount_fen")).else(0).end()).as("reversed"),
    ])
    .executeTakeFirstOrThrow();
  const allocated = await receivedIn(db, scope, period)
    .innerJoin("payment_allocations as a", "a.payment_id", "p.id")
    .select((eb) => eb.fn.sum<number>("a.amount_fen").as("fen"))
    .where("a.allocated_on", "<=", asOf)
    .where((eb) => eb.or([eb("p.reversed_on", "is", null), eb("p.reversed_on", ">", asOf)]))
    .executeTakeFirstOrThrow();
  const amountFen = Number(sums.amount ?? 0);
  const reversalFen = 0 - Number(sums.reversed ?? 0);
  const allocatedFen = Number(allocated.fen ?? 0);
  return { count: Number(sums.count), amountFen, reversalFen, allocatedFen, unallocatedFen: amountFen + reversalFen - allocatedFen };
}

export const RECEIPT_LEDGER_COLUMNS: MoneyColumn[] = [
  date("收款日期"), text("客户", 28), text("付款人", 24), text("收款方式", 10), text("参考号", 20, "@"), money("收款金额"), money("退票冲回", 13),
  money("已核销金额"), money("未核销金额"), date("退票日期"), text("退票原因", 24),
];

// ---- writing ----------------------------------------------------------------------------------

export function totalsRow(sheet: ExcelJS.Worksheet, values: ExcelJS.CellValue[]): void {
  const row = sheet.addRow(values);
  row.font = { bold: true };
  row.commit();
}

/** Starts writing and returns the stream at once; an error ends the stream with that error. */
export function streamWorkbook(scope: Scope, write: (workbook: ExcelJS.stream.xlsx.WorkbookWriter, pass: PassThrough) => Promise<void>): Readable {
  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const run = async () => {
    // SECURITY: routes check too; the export itself never serves a role without billing read.
    if (!readsAllBilling(scope)) throw new Error("没有查看账务的权限");
    await write(workbook, pass);
    await workbook.commit();
  };
  run().catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))));
  return pass;
}

export const factsOf = (meta: LedgerExportMeta, extra = "") => [`${meta.centerName}　导出时间 ${meta.exportedAt}`, extra].filter(Boolean).join("　");

export function exportInvoiceLedger(db: Executor, scope: Scope, period: LedgerPeriod, meta: LedgerExportMeta): Readable {
  return streamWorkbook(scope, async (workbook, pass) => {
    const sheet = addMoneySheet(workbook, "开票台账", `开票台账（${period.from} 至 ${period.to}）`, factsOf(meta, `收款状态截至 ${meta.asOf}`), INVOICE_LEDGER_COLUMNS);
    const sum = { net: 0, tax: 0, total: 0, count: 0 };
    const day = dayCells();
    for await (const bills of invoiceLedgerPages(db, scope, period, meta.asOf)) {
      for (const b of bills) {
        sheet.addRow(invoiceLedgerRow(b, day)).commit();
        sum.net += b.netFen;
        sum.tax += b.taxFen;
        sum.total += b.totalFen;
        // A turn of the event loop now and then lets the next page's queries go out and come back while this one is written.
        if (++sum.count % 250 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await sheetCaughtUp(sheet, pass);
    }
    totalsRow(sheet, [`合计（${sum.count} 张）`, null, null, null, null, null, yuan(sum.net), yuan(sum.tax), yuan(sum.total), null, null]);
    sheet.commit();
  });
}

export function exportReceiptLedger(db: Executor, scope: Scope, period: LedgerPeriod, meta: LedgerExportMeta): Readable {
  return streamWorkbook(scope, async (workbook, pass) => {
    const sheet = addMoneySheet(workbook, "收款台账", `收款台账（${period.from} 至 ${period.to}）`, factsOf(meta, `核销与退票截至 ${meta.asOf}`), RECEIPT_LEDGER_COLUMNS);
    const sum = { amount: 0, reversal: 0, allocated: 0, unallocated: 0, count: 0 };
    const day = dayCells();
    for await (const payments of receiptLedgerPages(db, scope, period, meta.asOf)) {
      for (const p of payments) {
        sheet
          .addRow([
            day(p.receivedOn), p.clientName, optional(p.payer), METHOD_WORDS[p.method] ?? p.method, optional(p.reference), yuan(p.amountFen),
            p.reversalFen ? yuan(p.reversalFen) : null, yuan(p.allocatedFen), yuan(p.unallocatedFen), day(p.reversedOn), optional(p.reversalReason),
          ])
          .commit();
        sum.amount += p.amountFen;
        sum.reversal += p.reversalFen;
        sum.allocated += p.allocatedFen;
        sum.unallocated += p.unallocatedFen;
        sum.count++;
      }
      await sheetCaughtUp(sheet, pass);
    }
    totalsRow(sheet, [`合计（${sum.count} 笔）`, null, null, null, null, yuan(sum.amount), yuan(sum.reversal), yuan(sum.allocated), yuan(sum.unallocated), null, null]);
    sheet.commit();
  });
}
