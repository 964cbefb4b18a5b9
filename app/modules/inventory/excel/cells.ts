// Spreadsheet cells to the text the form schemas read, and calendar dates to Excel dates. A
// workbook gives numbers, dates, rich text and formula results; a CSV gives text. Both end as
// the same strings, so one validator serves both formats.
import { isCalendarDate } from "~/utils/time";

/** 1900-based serial of 1970-01-01 (Excel's serials count days from 1899-12-30). */
const EXCEL_EPOCH_OFFSET = 25569;
const DAY_MS = 86_400_000;

function ymdFromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A number as people typed it: integers plain, decimals without binary noise (0.1+0.2). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return "";
  const text = String(n);
  // Binary noise only shows in 17 significant digits; shorter texts are what was typed.
  return text.length < 17 ? text : String(Number(n.toPrecision(15)));
}

/** Any value exceljs can hand back for a cell, as text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  // exceljs gives dates at UTC midnight for date-formatted cells.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : ymdFromUtc(value);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error !== undefined) return String(v.error);
  }
  return String(value);
}

/**
 * Text of a date column → 'YYYY-MM-DD' when it is recognisably a date ("2026/1/5", "2026.01.05",
 * or an Excel serial left in a General-formatted cell); anything else is returned unchanged so the
 * schema reports it.
 */
export function normaliseDateText(text: string): string {
  const s = text.trim();
  if (s === "") return "";
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
    return isCalendarDate(iso) ? iso : s;
  }
  // A General-formatted cell holding a date gives its serial, e.g. 46027 for 2026-01-05.
  if (/^\d{5}$/.test(s)) {
    const serial = Number(s);
    if (serial >= 36526 && serial <= 73050) return ymdFromUtc(new Date((serial - EXCEL_EPOCH_OFFSET) * DAY_MS)); // 2000..2099
  }
  return s;
}

/** 'YYYY-MM-DD' → a Date exceljs writes as that calendar day (UTC midnight: no zone can shift it). */
export function excelDate(ymd: string | null): Date | null {
  if (!ymd) return null;
  const [y, m, d] = ymd.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** RFC 5987 Content-Disposition for a download with a Chinese name and an ASCII fallback. */
export function attachmentHeader(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
