// Reading the first worksheet of an .xlsx as rows of cell text. The whole workbook is loaded
// (uploads are at most 10 MB): exceljs 4.4's streaming reader failed now and then on the very same
// bytes (a worksheet parsed before workbook.xml, temp files removed under it) and split Chinese
// characters across chunks, so it is not used.
import ExcelJS from "exceljs";
import { cellText } from "./cells";

export interface RawRows {
  /** Non-blank rows: sheet row number and cell texts by column position from 0. */
  rows: { row: number; cells: string[] }[];
  /** More data rows than allowed were found (reading stopped there). */
  overflow: boolean;
}

function rowCells(values: unknown[]): string[] {
  const cells: string[] = [];
  for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
  return cells;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/** The first worksheet's rows, or null when the bytes are not a readable workbook. */
export async function readFirstSheet(bytes: Uint8Array, maxDataRows: number): Promise<RawRows | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return null;
  const result: RawRows = { rows: [], overflow: false };
  let data = 0;
  sheet.eachRow((row) => {
    if (result.overflow) return;
    const cells = rowCells(row.values as unknown[]);
    if (isBlank(cells)) return;
    if (result.rows.length > 0 && ++data > maxDataRows) {
      result.overflow = true;
      return;
    }
    result.rows.push({ row: row.number, cells });
  });
  return result;
}
