// The import template: the layout's header row, drop-down lists for every enumeration (the
// center's own categories included), one example row that imports as it is, and a 说明 sheet.
import ExcelJS from "exceljs";
import type { Executor } from "~db/dialect";
import { t } from "~/i18n";
import type { Scope } from "~/modules/auth/scope";
import { MEDIA } from "../model";
import { ENUMS, type EnumName, IMPORT_COLUMNS, MAX_DATA_ROWS } from "./columns";
import { centerCategories } from "./lookups.server";
import { categoryIndex, type CategoryRef } from "./plan";
import { addLayoutSheet, type CellValue, layoutRow } from "./workbook";

function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function exampleRow(categoryText: string): CellValue[] {
  return layoutRow({
    code: "HW-001",
    name: t("excel.template.exampleName"),
    medium: ENUMS.medium.find((o) => o.code === "outdoor_static")!.label,
    category: categoryText,
    capacity: 1,
    status: ENUMS.status.find((o) => o.code === "available")!.label,
    site_code: "DW-001",
    site_name: t("excel.template.exampleSite"),
    facility_type: ENUMS.facility.find((o) => o.code === "unipole")!.label,
    address: t("excel.template.exampleAddress"),
    district: t("excel.template.exampleDistrict"),
    latitude: 30.274084,
    longitude: 120.15507,
    width_m: 6,
    height_m: 3,
    illuminated: "是",
    traffic_notes: t("excel.template.exampleTraffic"),
    face: t("excel.template.exampleFace"),
  });
}

/** The lists behind the drop-downs live on a hidden sheet: Excel caps an inline list at 255 characters. */
function addOptionsSheet(workbook: ExcelJS.Workbook, categories: string[]): Map<string, string> {
  const sheet = workbook.addWorksheet(t("excel.sheet.options"), { state: "hidden" });
  const lists: [string, string[]][] = [
    ...(["medium", "status", "facility", "yesNo"] as EnumName[]).map((name): [string, string[]] => [name, ENUMS[name].map((o) => o.label)]),
    ["category", categories],
  ];
  const ranges = new Map<string, string>();
  lists.forEach(([name, values], col) => {
    sheet.getCell(1, col + 1).value = name;
    values.forEach((v, i) => {
      sheet.getCell(i + 2, col + 1).value = v;
    });
    const letter = columnLetter(col);
    ranges.set(name, `'${t("excel.sheet.options")}'!$${letter}$2:$${letter}$${Math.max(values.length + 1, 2)}`);
  });
  return ranges;
}

function addNotesSheet(workbook: ExcelJS.Workbook, categories: string[]): void {
  const sheet = workbook.addWorksheet(t("excel.sheet.notes"));
  sheet.columns = [{ width: 16 }, { width: 6 }, { width: 60 }, { width: 60 }];
  sheet.addRow([t("excel.template.notesTitle")]).font = { bold: true, size: 14 };
  sheet.addRow([t("excel.template.rules")]);
  sheet.mergeCells(2, 1, 2, 4);
  sheet.getRow(2).alignment = { wrapText: true, vertical: "top" };
  sheet.getRow(2).height = 48;
  sheet.addRow([]);
  sheet.addRow([t("excel.template.column"), t("excel.template.required"), t("excel.template.note"), t("excel.template.allowed")]).font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    const allowed = c.kind === "category" ? categories.join("、") : c.enumName ? ENUMS[c.enumName].map((o) => o.label).join("、") : "";
    const row = sheet.addRow([c.header, c.required ? "是" : "", c.note, allowed]);
    row.alignment = { wrapText: true, vertical: "top" };
  }
}

function exampleCategory(refs: CategoryRef[], index: ReturnType<typeof categoryIndex>): string {
  const preferred = refs.find((r) => r.code === MEDIA.outdoor_static.categoryCode && r.assignable && !r.retired) ?? refs.find((r) => r.assignable && !r.retired);
  return preferred ? index.cellText(preferred.id) : "";
}

export async function buildTemplate(db: Executor, scope: Scope): Promise<Buffer> {
  const refs = await centerCategories(db, scope);
  const index = categoryIndex(refs);
  const categories = refs.filter((r) => r.assignable && !r.retired).map((r) => index.cellText(r.id));
  const workbook = new ExcelJS.Workbook();
  const sheet = addLayoutSheet(workbook, t("excel.sheet.units"), { markRequired: true });
  sheet.addRow(exampleRow(exampleCategory(refs, index)));
  addNotesSheet(workbook, categories);
  const ranges = addOptionsSheet(workbook, categories);
  // exceljs 4.4 has worksheet.dataValidations (ranges included) but its typings leave it out.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  IMPORT_COLUMNS.forEach((c, i) => {
    const list = c.kind === "category" ? ranges.get("category") : c.enumName ? ranges.get(c.enumName) : undefined;
    if (!list) return;
    const letter = columnLetter(i);
    validations.add(`${letter}2:${letter}${MAX_DATA_ROWS + 1}`, {
      type: "list",
      allowBlank: !c.required,
      formulae: [list],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: c.header,
      error: t("excel.template.pickFromList"),
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
