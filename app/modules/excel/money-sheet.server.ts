// The shape every streamed money export shares (订单台账, 服务合同台账 …), as finance reads Excel:
// a title in row 1, "单位：元" and what was exported in row 2, Chinese headers in row 3 (frozen,
// with filters), real dates, and amounts with two decimals and negatives in red.
import { once } from "node:events";
import type { PassThrough } from "node:stream";
import type ExcelJS from "exceljs";
import { t } from "~/i18n";
import { styleHeader } from "~/modules/inventory/excel/workbook";

export const MONEY_FORMAT = "#,##0.00;[Red]-#,##0.00";
export const DATE_FORMAT = "yyyy-mm-dd";
export const HEADER_ROW = 3;

export interface MoneyColumn {
  header: string;
  width: number;
  numFmt?: string;
}

/** MONEY: fen → yuan only here, for the cell; the file shows two decimals of an exact fen amount. */
export const yuan = (fen: number) => Number(fen) / 100;

/** `unitNote` is row 2's first cell: "单位：元" unless the sheet holds no money (then say what it holds). */
export function addMoneySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, title: string, facts: string, columns: MoneyColumn[], unitNote: string = t("orderdocs.export.unitNote")): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", xSplit: 1, ySplit: HEADER_ROW, topLeftCell: "B4", activeCell: "B4" }] });
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  const titleRow = sheet.addRow([title]);
  titleRow.font = { bold: true, size: 16 };
  sheet.mergeCells(1, 1, 1, Math.min(columns.length, 8));
  sheet.addRow([unitNote, facts]);
  styleHeader(sheet.addRow(columns.map((c) => c.header)));
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: columns.length } };
  return sheet;
}

/** Waits while the reader is behind, so a slow download does not pile the workbook up in memory. */
export async function readerCaughtUp(pass: PassThrough): Promise<void> {
  if (pass.destroyed) throw new Error("export download closed");
  if (!pass.writableNeedDrain) return;
  const stop = new AbortController();
  try {
    await Promise.race([once(pass, "drain", { signal: stop.signal }), once(pass, "close", { signal: stop.signal })]);
  } finally {
    stop.abort();
  }
}

/** Sheet XML (about two pages of rows) that may wait for compression before more rows are read. */
const ZIP_BACKLOG_BYTES = 512 * 1024;

/**
 * Waits until the zip has taken the rows written so far and the reader has taken the zip's output.
 * exceljs hands a sheet's XML to the zip without waiting for it, and compression finishes on later
 * turns of the event loop, which pages read from SQLite never give it; without this wait the
 * whole sheet would queue in memory in front of the compressor, whatever the reader's pace.
 */
export async function sheetCaughtUp(sheet: ExcelJS.Worksheet, pass: PassThrough): Promise<void> {
  // The stream exceljs pipes the sheet's XML into (archiver's readable-stream PassThrough, whose
  // buffered bytes are only visible through its stream state).
  type Buffered = { _readableState?: { length: number }; _writableState?: { length: number } };
  const zipInput = (sheet as unknown as { stream?: { pipes?: Buffered[] } }).stream?.pipes?.[0];
  for (;;) {
    await readerCaughtUp(pass);
    const backlog = (zipInput?._readableState?.length ?? 0) + (zipInput?._writableState?.length ?? 0);
    if (backlog <= ZIP_BACKLOG_BYTES) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
