// What the inventory browser tests build by hand: dates in the center's time zone, the import
// sheet's header row, CSV files with planted mistakes, and the file-upload step of /inventory/import.
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { assert, hydrated } from "./harness";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Today as the app sees it (Asia/Shanghai), "YYYY-MM-DD". */
export function shanghaiToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** The whole calendar month after `today`: the quote form's own default range. */
export function nextMonth(today: string): { from: string; to: string; days: number } {
  const [y, m] = today.split("-").map(Number);
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, "0");
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(days).padStart(2, "0")}`, days };
}

/**
 * The import sheet's headers in template order. Written out here on purpose (not imported from the
 * app): a renamed column is a change users notice, so the test should notice it too.
 */
export const IMPORT_HEADERS = [
  "广告位编号", "广告位名称", "媒体类型", "收入类别", "日容量", "轮播时长(秒)", "单条时长(秒)", "状态", "维护开始", "维护结束", "备注",
  "点位编号", "点位名称", "设施类型", "地址", "乡镇/街道", "纬度", "经度", "宽(米)", "高(米)", "是否照明", "客流/曝光说明", "面",
];

export interface CsvUnit {
  code: string;
  name: string;
  medium: string;
  siteCode: string;
}

/** One row per unit, each on a new site of its own; every other column filled with a valid value. */
export function importCsv(units: CsvUnit[], headers: string[] = IMPORT_HEADERS): Buffer {
  const row = (u: CsvUnit) => {
    const cells: Record<string, string> = {
      广告位编号: u.code, 广告位名称: u.name, 媒体类型: u.medium, 收入类别: "outdoor.static", 日容量: "1", 状态: "可售",
      点位编号: u.siteCode, 点位名称: `导入测试点位 ${u.siteCode}`, 设施类型: "墙体", 地址: "城关镇导入路 1 号", "乡镇/街道": "城关镇",
      "宽(米)": "4", "高(米)": "2.5", 是否照明: "否", 面: "A面",
    };
    return IMPORT_HEADERS.map((h) => cells[h] ?? "");
  };
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [headers, ...units.map(row)].map((cells) => cells.map(quote).join(","));
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

/** Chooses a file on /inventory/import and posts it; the caller waits for the preview or the refusal. */
export async function uploadForImport(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto("/inventory/import");
  // A file chosen before React takes the form over can be lost when it does.
  await hydrated(page, 'input[type="file"][name="file"]');
  await page.locator('input[type="file"][name="file"]').setInputFiles(file);
  await page.getByRole("button", { name: "上传并预览" }).click();
}

/** The problem table under a refused import: [row, column, message] per line. */
export async function problemRows(page: Page): Promise<string[][]> {
  return page.locator("table.grid tbody tr").evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim())),
  );
}

/** Every cell text of a workbook's first sheet, to look codes up in an export. */
export async function firstSheetTexts(bytes: Buffer): Promise<Set<string>> {
  assert(bytes.subarray(0, 4).toString("latin1") === "PK\u0003\u0004", "应为 .xlsx（ZIP）文件");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  assert(sheet, "工作簿里没有工作表");
  const texts = new Set<string>();
  sheet.eachRow((row) => row.eachCell((cell) => texts.add(String(cell.text ?? "").trim())));
  return texts;
}
