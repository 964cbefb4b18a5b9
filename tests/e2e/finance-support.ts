// What the finance browser tests work out by hand (amounts read off the screen as fen, a valid
// unified social credit code, the tax platform's result file), how they read the desks' tables and
// workbooks, and the steps several cases take. Nothing here imports the app's money or tax code:
// the tests should notice when that code changes.
import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { assert, assertEqual, hydrated } from "./harness";

export const PHARMACY = "示范县惠民大药房有限公司";
export const BILL_PATH = /^\/finance\/bills\/[0-9A-Z]{26}$/;

/** "¥1,234.56", "-¥500.00", "1,234.56", "¥18,000.00 截至 …" → fen; a dash (an empty cell) is 0. */
export function fen(text: string): number {
  const t = text.trim();
  if (t === "—" || t === "") return 0;
  const m = /^(-?)¥?([\d,]+)\.(\d{2})/.exec(t);
  assert(m, `读不出金额：“${text}”`);
  const value = Number(m[2].replace(/,/g, "")) * 100 + Number(m[3]);
  return m[1] ? -value : value;
}

/** 1800000 → "¥18,000.00", -50000 → "-¥500.00" (the screens' way of writing money). */
export function yuan(f: number): string {
  const abs = Math.abs(f);
  return `${f < 0 ? "-" : ""}¥${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
}

/** Like yuan() without the sign of the currency: the bill's line cells. */
export function plain(f: number): string {
  return yuan(f).replace("¥", "");
}

/** A yuan amount from a workbook cell (a float) as fen. */
export function cellFen(value: unknown): number {
  assert(typeof value === "number", `单元格应为数字：${JSON.stringify(value)}`);
  return Math.round(value * 100);
}

/** fee × rate in basis points, half-up to the fen (positive amounts only). */
export function percentOf(f: number, bp: number): number {
  return Math.floor((2 * f * bp + 10000) / 20000);
}

/** The net part of a tax-inclusive amount at `bp`, half-up to the fen. */
export function netOfInclusive(f: number, bp: number): number {
  return Math.floor((2 * f * 10000 + 10000 + bp) / (2 * (10000 + bp)));
}

export function endOfMonth(day: string): string {
  const [y, m] = day.split("-").map(Number);
  return `${day.slice(0, 7)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

/** The last day of the month before `day`'s. */
export function endOfLastMonth(day: string): string {
  const [y, m] = day.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1, 0));
  return d.toISOString().slice(0, 10);
}

// GB 32100-2015: 31 characters (no I, O, S, V, Z); position i weighs 3^i mod 31.
const CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** The 18th character of a unified social credit code, from the first 17. */
export function creditCheckChar(body: string): string {
  assert(body.length === 17, "统一社会信用代码主体应为 17 位");
  let sum = 0;
  let weight = 1;
  for (const ch of body) {
    const value = CODE_CHARS.indexOf(ch);
    assert(value >= 0, `统一社会信用代码中不能有“${ch}”`);
    sum += value * weight;
    weight = (weight * 3) % 31;
  }
  return CODE_CHARS[(31 - (sum % 31)) % 31];
}

// ---- screens ------------------------------------------------------------------------------------

/** Each row of the definition panels (dl.deflist) as label → text. */
export async function facts(page: Page): Promise<Record<string, string>> {
  return page.locator("dl.deflist > div").evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [(r.querySelector("dt")?.textContent ?? "").trim(), (r.querySelector("dd")?.textContent ?? "").trim()])),
  );
}

/** Cell texts of every row of a table section ("tbody" or "tfoot"). */
export async function cells(table: Locator, section: "tbody" | "tfoot" = "tbody"): Promise<string[][]> {
  return table.locator(`${section} tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim())));
}

/** The innermost panel headed exactly `heading`. */
export function panel(page: Page, heading: string): Locator {
  return page.locator(".panel", { has: page.getByRole("heading", { name: heading, exact: true }) }).last();
}

/** A table's body rows as header → cell text (a header-less column, such as the tick boxes, is ""). */
export async function records(table: Locator): Promise<Record<string, string>[]> {
  return table.first().evaluate((el) => {
    const heads = Array.from(el.querySelectorAll("thead th")).map((th) => (th.textContent ?? "").trim());
    return Array.from(el.querySelectorAll("tbody tr")).map((tr) =>
      Object.fromEntries(Array.from(tr.querySelectorAll("td")).map((td, i) => [heads[i] ?? String(i), (td.textContent ?? "").trim()])),
    );
  });
}

/** The 合计 figures under the bill list: net, tax, total, open (all pages of the filter). */
export async function billListTotals(page: Page) {
  const [net, tax, total, open] = (await page.locator("table.bill-list tfoot td.num").allInnerTexts()).map(fen);
  const label = await page.locator("table.bill-list tfoot td").first().innerText();
  const count = Number(/合计（(\d+) 张/.exec(label)?.[1] ?? NaN);
  return { net, tax, total, open, count };
}

/** One of the tabs under 财务. */
export async function tab(page: Page, name: string, path: string) {
  await page.locator("nav.tabs").getByRole("link", { name, exact: true }).click();
  await page.waitForURL((url) => url.pathname === path);
}

/** 生成账单 on the bill list, up to `periodTo` (which must be the form's default). */
export async function generate(page: Page, periodTo: string) {
  await page.goto("/finance/bills");
  await page.locator("summary", { hasText: "生成账单" }).click();
  await hydrated(page, 'input[name="period_to"]');
  const input = page.locator('input[name="period_to"]');
  assertEqual(await input.inputValue(), periodTo, "到期截止日默认为本月最后一天");
  await input.fill(periodTo);
  await page.getByRole("button", { name: "生成草稿", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("done") === "generated");
}

/** The bill's money facts: 未收金额 "¥8,000.00 截至 …" → fen. */
export async function openOf(page: Page): Promise<number> {
  return fen((await facts(page))["未收金额"]);
}

// ---- workbooks ----------------------------------------------------------------------------------

/** Clicks something that downloads a file; its name and bytes. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  const where = await file.path();
  assert(where, `下载失败：${await file.failure()}`);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(where) };
}

export async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  assert(bytes.subarray(0, 4).toString("latin1") === "PK\u0003\u0004", "应为 .xlsx（ZIP）文件");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

export function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = book.getWorksheet(name);
  assert(found, `工作簿中没有工作表“${name}”（有：${book.worksheets.map((w) => w.name).join("、")}）`);
  return found;
}

/** A row's values, 0-based (column A first); rich text and formulas read as their text or result. */
export function rowValues(ws: ExcelJS.Worksheet, row: number): unknown[] {
  // Array.from, not map: empty cells are holes in exceljs's array, and map would keep them holes.
  return Array.from((ws.getRow(row).values as unknown[]).slice(1), (v) => {
    if (v && typeof v === "object" && "richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    if (v && typeof v === "object" && "result" in v) return (v as { result: unknown }).result;
    return v ?? null;
  });
}

/** The data rows under the header row (row 3 in the money sheets and the tax template), up to the first empty one. */
export function dataRows(ws: ExcelJS.Worksheet, headerRow = 3): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const values = rowValues(ws, r);
    if (!values.some((v) => v !== null && v !== "")) break;
    rows.push(values);
  }
  return rows;
}

/** Header text → its first column (0-based) in `row`. */
export function headerIndex(ws: ExcelJS.Worksheet, row = 3): Map<string, number> {
  const index = new Map<string, number>();
  rowValues(ws, row).forEach((v, i) => {
    const key = String(v ?? "").trim();
    if (key && !index.has(key)) index.set(key, i);
  });
  return index;
}

/** A tax template sheet's data rows (headers on row 3, data from row 4), each read by its column's header. */
export function templateRows(book: ExcelJS.Workbook, name: string): ((header: string) => unknown)[] {
  const ws = sheet(book, name);
  assertEqual(rowValues(ws, 3)[0], "发票流水号", `“${name}”第 3 行是表头`);
  const index = headerIndex(ws);
  return dataRows(ws).map((row) => (header: string) => {
    const i = index.get(header);
    assert(i !== undefined, `“${name}”缺少列“${header}”`);
    return row[i];
  });
}

/** The tax platform's result file as finance gets it back: one row per invoice issued. */
export async function resultFile(rows: { serial: string; number: string; date: string; buyer: string }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("开票结果");
  ws.addRow(["发票流水号", "数电发票号码", "开票日期", "购买方名称"]);
  for (const r of rows) ws.addRow([r.serial, r.number, r.date, r.buyer]);
  // Text, as the platform writes it: a 20-digit number would lose its last digits as a number.
  ws.getColumn(2).numFmt = "@";
  return Buffer.from(await book.xlsx.writeBuffer());
}

// ---- steps of particular screens ----------------------------------------------------------------

/** The label → fen figures of a ledger card. */
export async function figures(card: Locator): Promise<Record<string, number>> {
  const rows = await card.locator("dl.deflist > div").evaluateAll((divs) => divs.map((d) => [d.querySelector("dt")?.textContent ?? "", d.querySelector("dd")?.textContent ?? ""]));
  return Object.fromEntries(rows.map(([k, v]) => [k, fen(v)]));
}

/**
 * One aging table (按客户 or 按销售负责人) read off the screen and checked: each row's balance is the
 * sum of its buckets, and the 合计 row is the column sums. Its rows' names and the 合计 row in fen.
 */
export async function agingTable(page: Page, heading: string, buckets: number): Promise<{ names: string[]; foot: number[] }> {
  const table = panel(page, heading).locator("table.aging");
  const rows = (await cells(table)).map((r) => r.slice(1).map(fen));
  const tfoot = (await cells(table, "tfoot"))[0];
  assertEqual(tfoot[0], "合计", `${heading}的合计行`);
  const foot = tfoot.slice(1).map(fen);
  assertEqual(foot.length, buckets + 1, `${heading}的列数`);
  for (const r of rows) assertEqual(r[0], r.slice(1).reduce((a, b) => a + b, 0), `${heading}：每行应收余额等于各账龄段之和`);
  for (let c = 0; c < foot.length; c++) assertEqual(foot[c], rows.reduce((sum, r) => sum + r[c], 0), `${heading}：第 ${c + 1} 列合计等于各行之和`);
  const names = await table.locator("tbody tr td:first-child a:first-child").allInnerTexts();
  return { names, foot };
}

/** Types a credit code on the client form: first with a wrong check character, which the form's hint corrects to the one worked out here. */
export async function typeCreditCode(page: Page, body: string): Promise<string> {
  await hydrated(page, 'input[name="credit_code"]');
  const input = page.locator('input[name="credit_code"]');
  const check = creditCheckChar(body);
  await input.fill(body + (check === "0" ? "1" : "0"));
  await page.getByText(`按校验应为 ${check}`).waitFor();
  await input.fill(body + check);
  await page.getByText("校验位不符").waitFor({ state: "detached" });
  return body + check;
}

/** Posts the payment form; lands on the new payment. */
export async function submitPayment(page: Page) {
  await page.getByRole("button", { name: "登记收款", exact: true }).click();
  await page.waitForURL((url) => /^\/finance\/payments\/[0-9A-Z]{26}$/.test(url.pathname));
}

/** A red-letter credit of `amount` fen on a line, in the line's own terms: what it comes to (negative). */
export function creditMoney(amount: number, taxIncluded: boolean, bp: number): { net: number; tax: number; total: number } {
  const net = -(taxIncluded ? netOfInclusive(amount, bp) : amount);
  const total = -(taxIncluded ? amount : amount + percentOf(amount, bp));
  return { net, tax: total - net, total };
}

/** "已开具，账单号 ZD2026-000046" → the number, which must be of `year`. */
export function zdNumber(notice: string, year: string): string {
  const number = /ZD\d{4}-\d{6}/.exec(notice)?.[0] ?? "";
  assert(new RegExp(`^ZD${year}-\\d{6}$`).test(number), `账单号应为 ZD${year}-NNNNNN：${notice}`);
  return number;
}

/** Ticks every draft on the bill list (already showing them) and issues them today; none may be refused. */
export async function issueAllDrafts(page: Page, count: number) {
  await hydrated(page, 'input[aria-label="全选本页草稿"]');
  await page.getByRole("checkbox", { name: "全选本页草稿" }).check();
  assertEqual(await page.locator('input[name="bill_id"]:checked').count(), count, "勾选的草稿数");
  await page.getByRole("button", { name: "开具所选草稿", exact: true }).click();
  await page.locator('[role="status"], [role="alert"]').filter({ hasText: /已开具|未能开具/ }).first().waitFor();
  const refused = page.getByRole("alert");
  assert((await refused.count()) === 0, `批量开具有被拒的：${(await refused.allInnerTexts()).join("；")}`);
  await page.getByRole("status").filter({ hasText: `已开具 ${count} 张账单` }).waitFor();
}

/** The credit form on an issued bill: `amountFen` off line `seq` only, for `reason`; posts it. */
export async function creditPart(page: Page, c: { seq: string; amountFen: number; reason: string; notes: string }) {
  await hydrated(page, 'select[name="reason"]');
  await page.locator('select[name="reason"]').selectOption(c.reason);
  await page.getByRole("radio", { name: "部分冲红（按行填写金额）" }).check();
  const creditable = fen((await records(page.locator("table.credit-lines"))).find((r) => r["行"] === c.seq)?.["可冲红"] ?? "");
  assert(creditable >= c.amountFen, `第 ${c.seq} 行可冲红 ${yuan(creditable)}，不够冲 ${yuan(c.amountFen)}`);
  await page.getByRole("textbox", { name: `冲红金额（元） ${c.seq}`, exact: true }).fill(plain(c.amountFen).replace(/,/g, ""));
  await page.locator('#credit input[name="notes"]').fill(c.notes);
  await page.getByRole("button", { name: "开具红字发票", exact: true }).click();
}

/** The culture-fee page's month picker. */
export async function showMonth(page: Page, month: string) {
  await hydrated(page, 'input[type="month"]');
  await page.locator('input[type="month"]').fill(month);
  await page.getByRole("button", { name: "查看", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("month") === month);
  await page.locator("h2", { hasText: `文化事业建设费（${month}）` }).waitFor();
}

/** The advertising lines under the culture-fee computation (folded, but in the page). */
export async function cultureFeeLines(page: Page): Promise<{ number: string; description: string; netFen: number; totalFen: number }[]> {
  const rows = await page.locator("details table.grid tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("a")?.textContent?.trim() ?? "", ...Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim())]),
  );
  return rows.map(([number, , , , , description, net, total]) => ({ number, description, netFen: fen(net), totalFen: fen(total) }));
}

/** The stat boxes of a page as [label, value]. */
export async function stats(page: Page): Promise<string[][]> {
  return page.locator(".stat").evaluateAll((els) => els.map((el) => [el.querySelector(".stat-label")?.textContent ?? "", el.querySelector(".stat-value")?.textContent ?? ""]));
}
