// The tax platform's result file as it comes back: a title row above the headers, then one row per
// invoice (序号, 发票流水号, 数电发票号码, 开票日期, 购买方名称).
import ExcelJS from "exceljs";

export async function taxResultXlsx(rows: (string | number | Date | null)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("开具结果");
  sheet.addRow(["批量开具结果"]);
  sheet.addRow(["序号", "发票流水号", "数电发票号码", "开票日期", "购买方名称"]);
  rows.forEach((r, i) => sheet.addRow([i + 1, ...r]));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
