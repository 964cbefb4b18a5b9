// A report's tables as a streamed .xlsx, one sheet per table, the way finance reads money sheets
// (DOMAIN.md): title row, "单位：元" with what was exported, Chinese headers frozen with filters,
// two-decimal amounts with negatives in red, shares as percentages, bold totals rows.
// MONEY: the cells come from the very rows the page shows; fen become yuan only here.
import { PassThrough, type Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import ExcelJS from "exceljs";
import { t } from "~/i18n";
import { addMoneySheet, type MoneyColumn, MONEY_FORMAT, sheetCaughtUp, yuan } from "~/modules/excel/money-sheet.server";
import { attachmentHeader, XLSX_CONTENT_TYPE } from "~/modules/inventory/excel/cells";
import type { ColumnKind, ReportCell, ReportRow, ReportTable } from "./table";

export const PERCENT_FORMAT = "0.00%;[Red]-0.00%";
const COUNT_FORMAT = "#,##0";

export interface ExportMeta {
  centerName: string;
  /** "YYYY-MM-DD HH:mm", Beijing time. */
  exportedAt: string;
  /** The filter in words (期间、类别…). */
  filterText: string;
  /** The month-closing note. */
  closing: string;
}

const FORMATS: Record<ColumnKind, string | undefined> = { text: undefined, money: MONEY_FORMAT, bp: PERCENT_FORMAT, count: COUNT_FORMAT };

function cellValue(kind: ColumnKind, value: ReportCell): string | number | null {
  if (value === null || typeof value === "string") return value;
  if (kind === "money") return yuan(value);
  if (kind === "bp") return value / 10000;
  return value;
}

/** Excel refuses some characters in sheet names and more than 31 of them. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31);
}

/** Starts writing the workbook and returns its stream at once. */
export function reportWorkbook(tables: ReportTable[], meta: ExportMeta): Readable {
  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const write = async () => {
    for (const table of tables) {
      const columns: MoneyColumn[] = table.columns.map((c) => ({ header: c.header, width: c.width ?? (c.kind === "text" ? 16 : 15), numFmt: FORMATS[c.kind] }));
      const facts = [meta.centerName, `导出时间 ${meta.exportedAt}`, meta.filterText, meta.closing].filter(Boolean).join("　");
      const money = table.columns.some((c) => c.kind === "money");
      const sheet = addMoneySheet(workbook, sheetName(table.sheet), table.title, facts, columns, money ? undefined : t("rpt.xlsx.unitNoMoney"));
      const cells = (row: ReportRow) => row.cells.map((v, i) => cellValue(table.columns[i]?.kind ?? "text", v));
      for (let i = 0; i < table.rows.length; i++) {
        sheet.addRow(cells(table.rows[i])).commit();
        if (i % 500 === 499) await sheetCaughtUp(sheet, pass);
      }
      for (const total of table.totals) {
        const row = sheet.addRow(cells(total));
        row.font = { bold: true };
        row.commit();
      }
      if (table.note) {
        sheet.addRow([]).commit();
        sheet.addRow([`说明：${table.note}`]).commit();
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))));
  return pass;
}

/** The download: content type, a Chinese file name with an ASCII fallback, never cached. */
export function xlsxResponse(stream: Readable, fileName: string, asciiName: string): Response {
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": attachmentHeader(fileName, asciiName),
      "Cache-Control": "no-store",
    },
  });
}

/** A refusal a download answers with: plain Chinese text. */
export function textResponse(message: string, status: number): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
