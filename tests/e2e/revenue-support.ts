// What the revenue browser tests work out by hand: months and days of the calendar, the crossover
// month from a table's own figures, shares and 万元 read off the screen, the rows of a report table
// (with the row's kind: a top-level category, a leaf under it, a muted subsidy row), a chart's text
// and where it sits, and a report's .xlsx download. Nothing here imports the app's analytics code:
// the tests should notice when that code changes.
import fs from "node:fs";
import type ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { fen, rowValues, workbook } from "./finance-support";
import { assert, assertEqual } from "./harness";

// ---- calendar ----------------------------------------------------------------------------------

/** "2026-03" + 2 → "2026-05"; -3 → "2025-12". */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Days from 1 January of `day`'s year through the last day of `day`'s month, and the days of that year. */
export function daysThroughMonthEnd(day: string): { elapsed: number; year: number } {
  const [y, m] = day.split("-").map(Number);
  const start = Date.UTC(y, 0, 1);
  const elapsed = Math.round((Date.UTC(y, m, 1) - start) / 86_400_000);
  const year = Math.round((Date.UTC(y + 1, 0, 1) - start) / 86_400_000);
  return { elapsed, year };
}

// ---- figures read off the screen -----------------------------------------------------------------

/** "1,234.56", "¥1,234.56", "-500.00" → fen; "—" → 0 (an empty cell). */
export const money = (text: string) => fen(text);

/** "47.02%" → 4702 basis points; "5%" → 500; "—" → null. */
export function percentBp(text: string): number | null {
  const t = text.trim();
  if (t === "—" || t === "") return null;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?%$/.exec(t);
  assert(m, `读不出百分比：“${text}”`);
  const value = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -value : value;
}

/** A 万元 figure with two decimals ("12.45", "1,234.00") → hundredths of 万元 (1245). */
export function wanHundredths(text: string): number {
  const m = /^(-?)([\d,]+)\.(\d{2})$/.exec(text.trim());
  assert(m, `读不出万元金额：“${text}”`);
  const value = Number(m[2].replace(/,/g, "")) * 100 + Number(m[3]);
  return m[1] ? -value : value;
}

/**
 * The first month, after the first, in which `tech` is ahead of `traditional` while the month
 * before it was not: the rule the dashboard and the report state. null when there is none.
 */
export function firstCrossover(months: string[], tech: number[], traditional: number[]): string | null {
  for (let i = 1; i < months.length; i++) {
    if (tech[i] > traditional[i] && !(tech[i - 1] > traditional[i - 1])) return months[i];
  }
  return null;
}

// ---- tables ---------------------------------------------------------------------------------------

export interface ScreenRow {
  /** The row's class: "" for a plain row, "mark-sub" for a leaf under its category, "mark-muted", "mark-highlight"… */
  kind: string;
  cells: string[];
}

/** A table's header texts, its body rows (with their class) and its footer rows. */
export async function screenTable(table: Locator): Promise<{ heads: string[]; rows: ScreenRow[]; foot: string[][] }> {
  // No named helper functions inside: the page would not know the bundler's __name().
  return table.first().evaluate((el) => ({
    heads: Array.from(el.querySelectorAll("thead th")).map((th) => (th.textContent ?? "").trim()),
    rows: Array.from(el.querySelectorAll("tbody tr")).map((tr) => ({
      kind: tr.getAttribute("class") ?? "",
      cells: Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim()),
    })),
    foot: Array.from(el.querySelectorAll("tfoot tr")).map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim())),
  }));
}

/** The column of `header` in `heads`; fails when the table has no such column. */
export function column(heads: string[], header: string): number {
  const i = heads.indexOf(header);
  assert(i >= 0, `表格没有“${header}”列（有：${heads.join("、")}）`);
  return i;
}

/** The footer row whose first cell is `label`. */
export function footRow(foot: string[][], label: string): string[] {
  const row = foot.find((r) => r[0] === label);
  assert(row, `合计行中没有“${label}”（有：${foot.map((r) => r[0]).join("、")}）`);
  return row;
}

/** The report's stat cards as label → value text. */
export async function statCards(scope: Page | Locator): Promise<Record<string, string>> {
  const pairs = await scope.locator(".stat").evaluateAll((els) =>
    els.map((el) => [(el.querySelector(".stat-label")?.textContent ?? "").trim(), (el.querySelector(".stat-value")?.textContent ?? "").trim()]),
  );
  return Object.fromEntries(pairs);
}

// ---- charts ---------------------------------------------------------------------------------------

export interface ChartText {
  text: string;
  /** The horizontal centre of the text as drawn on the page. */
  x: number;
}

/** Every <text> of a server-drawn chart, with where it is drawn. */
export async function chartTexts(svg: Locator): Promise<ChartText[]> {
  return svg.locator("text").evaluateAll((els) =>
    els.map((el) => {
      const box = el.getBoundingClientRect();
      return { text: (el.textContent ?? "").trim(), x: box.left + box.width / 2 };
    }),
  );
}

// ---- workbooks ------------------------------------------------------------------------------------

/** Clicks the report's “导出 Excel” link; its address, the file's name and the workbook. */
export async function exportReport(page: Page): Promise<{ href: string; name: string; book: ExcelJS.Workbook }> {
  const link = page.locator(".page-head").getByRole("link", { name: "导出 Excel", exact: true });
  const href = (await link.getAttribute("href")) ?? "";
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const where = await file.path();
  assert(where, `下载失败：${await file.failure()}`);
  const name = file.suggestedFilename();
  assert(name.endsWith(".xlsx"), `导出文件名应以 .xlsx 结尾：${name}`);
  return { href, name, book: await workbook(fs.readFileSync(where)) };
}

/** A money-sheet's title (row 1), its second row's first cell, its header row (row 3). */
export function sheetHead(ws: ExcelJS.Worksheet): { title: unknown; unit: unknown; headers: string[] } {
  const headers = rowValues(ws, 3).map((v) => String(v ?? "").trim());
  while (headers.length && headers[headers.length - 1] === "") headers.pop();
  return { title: rowValues(ws, 1)[0], unit: rowValues(ws, 2)[0], headers };
}

/** The sheet's row whose first cell is `label` (searching from row 4). */
export function sheetRow(ws: ExcelJS.Worksheet, label: string): unknown[] {
  for (let r = 4; r <= ws.rowCount; r++) {
    const values = rowValues(ws, r);
    if (values[0] === label) return values;
  }
  assert(false, `工作表“${ws.name}”中没有“${label}”行`);
}

/** Width and height of a PNG file, from its IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assertEqual(bytes.subarray(1, 4).toString("latin1"), "PNG", `${file} 应为 PNG 图片`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
