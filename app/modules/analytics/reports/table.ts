// The one shape every report's tables take, so the page and the .xlsx show the same figures from
// the same rows: typed columns (text, money in fen, a share or change in basis points, a count),
// body rows, and totals rows. Pure: built on the server and in the browser alike.
import { formatFenPlain } from "~/utils/money";

export type ColumnKind = "text" | "money" | "bp" | "count";

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
  /** Excel column width in characters. */
  width?: number;
  /** Long text (names) that may wrap on the page; every other column stays on one line. */
  wrap?: boolean;
}

/** Money in fen, basis points, counts: integers; null for an empty cell. */
export type ReportCell = string | number | null;

export interface ReportRow {
  cells: ReportCell[];
  /** A row the reader should notice (the crossover month, an adjustment). */
  mark?: "highlight" | "muted" | "sub";
  /** Links on the page (never in the file), by column index. */
  links?: Record<number, string>;
}

export interface ReportTable {
  /** The sheet's name in the workbook (≤ 31 characters, no []:*?/\). */
  sheet: string;
  /** The heading on the page and the title row of the sheet. */
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Totals rows, bold, after the body. Earned income and fiscal subsidy are separate rows or columns. */
  totals: ReportRow[];
  /** Shown under the table on the page and in the sheet's second row. */
  note?: string;
}

export const text = (header: string, width = 16): ReportColumn => ({ header, kind: "text", width });
/** A text column of names that may wrap on the page. */
export const names = (header: string, width = 28): ReportColumn => ({ header, kind: "text", width, wrap: true });
export const money = (header: string, width = 15): ReportColumn => ({ header, kind: "money", width });
export const bp = (header: string, width = 10): ReportColumn => ({ header, kind: "bp", width });
export const count = (header: string, width = 12): ReportColumn => ({ header, kind: "count", width });

/** 1234 bp → "12.34%". */
export function formatBp(value: number): string {
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}%`;
}

/** How a cell reads on the page; money without ¥ (the page says 单位：元). */
export function formatCell(kind: ColumnKind, value: ReportCell): string {
  if (value === null || value === "") return "—";
  if (typeof value === "string") return value;
  if (kind === "money") return formatFenPlain(value);
  if (kind === "bp") return formatBp(value);
  if (kind === "count") return value.toLocaleString("en-US");
  return String(value);
}
