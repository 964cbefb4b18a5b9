// Every row through the same parsers as the unit and site forms (parseUnitRecord; parseRecord with
// siteFormSchema), after turning the sheet's Chinese labels into codes; then the checks only a whole
// file can fail: a unit code twice, one site described two ways. Pure: no database. Categories are
// resolved later (plan.ts).
import { t } from "~/i18n";
import { parseRecord } from "~/utils/form";
import { siteFormSchema, type SiteFormValues } from "../site-form";
import { parseUnitRecord, type UnitFormValues } from "../unit-form";
import { normaliseDateText } from "./cells";
import { COLUMN_BY_KEY, enumCode, ENUMS, type EnumName, IMPORT_COLUMNS, headerOfField } from "./columns";
import type { SheetRow } from "./parse";

export interface Problem {
  /** Sheet row number; null for a problem of the whole file. */
  row: number | null;
  /** The column header as in the sheet; null when no single column is at fault. */
  column: string | null;
  message: string;
}

export interface ImportRow {
  row: number;
  /** Validated unit. `site_id` still holds the site *code* and `category_id` the category text. */
  unit: UnitFormValues;
  siteCode: string | null;
  site: SiteFormValues | null;
}

const SITE_COLUMNS = IMPORT_COLUMNS.filter((c) => c.target === "site");
const COLUMN_ORDER = new Map(IMPORT_COLUMNS.map((c, i) => [c.header, i]));

function enumProblem(name: EnumName, header: string, value: string): string {
  return t("excel.error.unknownValue", { column: header, value: value.trim(), allowed: ENUMS[name].map((o) => o.label).join("、") });
}

/** One row → the raw records the two schemas read, with enum labels mapped to codes. */
function rawRecords(cells: Record<string, string>, errors: Map<string, string>) {
  const mapped: Record<string, string> = {};
  for (const column of IMPORT_COLUMNS) {
    const text = (cells[column.key] ?? "").trim();
    let value = text;
    if (column.kind === "date") value = normaliseDateText(text);
    if (column.kind === "enum" && column.enumName && text !== "") {
      const code = enumCode(column.enumName, text);
      if (code === null) errors.set(column.header, enumProblem(column.enumName, column.header, text));
      else value = code;
    }
    mapped[column.key] = value;
  }
  const unit: Record<string, string> = {};
  const site: Record<string, string> = {};
  for (const column of IMPORT_COLUMNS) (column.target === "unit" ? unit : site)[column.field] = mapped[column.key];
  unit.site_id = mapped.site_code;
  // The site form's checkbox: "1" is lit; an empty cell is "否".
  site.illuminated = mapped.illuminated === "1" ? "1" : "0";
  return { unit, site, siteCode: mapped.site_code };
}

function validateRow(sheetRow: SheetRow): { ok: true; value: ImportRow } | { ok: false; problems: Problem[] } {
  const errors = new Map<string, string>(); // header → first message
  const { unit, site, siteCode } = rawRecords(sheetRow.cells, errors);
  const parsedUnit = parseUnitRecord(unit);
  if (!parsedUnit.ok) {
    for (const [field, message] of Object.entries(parsedUnit.errors)) {
      const header = headerOfField("unit", field);
      if (message && !errors.has(header)) errors.set(header, message);
    }
  }
  let parsedSite: SiteFormValues | null = null;
  if (siteCode) {
    const result = parseRecord(siteFormSchema, site);
    if (result.ok) parsedSite = result.value;
    else {
      for (const [field, message] of Object.entries(result.errors)) {
        const header = headerOfField("site", field);
        if (message && !errors.has(header)) errors.set(header, message);
      }
    }
  } else {
    // Site details without a site code would be silently lost.
    const stray = SITE_COLUMNS.find((c) => c.key !== "site_code" && c.key !== "illuminated" && (sheetRow.cells[c.key] ?? "").trim() !== "");
    if (stray && !errors.has("点位编号")) errors.set("点位编号", t("excel.error.siteWithoutCode", { column: stray.header }));
  }
  if (errors.size || !parsedUnit.ok) {
    return { ok: false, problems: [...errors].map(([column, message]) => ({ row: sheetRow.row, column, message })) };
  }
  return { ok: true, value: { row: sheetRow.row, unit: parsedUnit.value, siteCode: siteCode || null, site: parsedSite } };
}

/** Site fields compared across rows, with the header each is reported under. */
const SITE_FIELDS = SITE_COLUMNS.filter((c) => c.key !== "site_code").map((c) => ({ field: c.field as keyof SiteFormValues, header: c.header }));

export function validateRows(rows: SheetRow[]): { rows: ImportRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const valid: ImportRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  const siteSeen = new Map<string, { row: number; site: SiteFormValues }>();
  const codeHeader = COLUMN_BY_KEY.get("code")!.header;
  for (const sheetRow of rows) {
    const result = validateRow(sheetRow);
    const code = (sheetRow.cells.code ?? "").trim();
    const rowProblems = result.ok ? [] : [...result.problems];
    if (code) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) {
        const message = t("excel.error.duplicateCode", { code, row: first });
        const at = rowProblems.findIndex((p) => p.column === codeHeader);
        if (at >= 0) rowProblems[at] = { row: sheetRow.row, column: codeHeader, message };
        else rowProblems.push({ row: sheetRow.row, column: codeHeader, message });
      } else firstRowOfCode.set(code, sheetRow.row);
    }
    if (result.ok && result.value.site && result.value.siteCode) {
      const seen = siteSeen.get(result.value.siteCode);
      if (!seen) siteSeen.set(result.value.siteCode, { row: sheetRow.row, site: result.value.site });
      else {
        for (const { field, header } of SITE_FIELDS) {
          if (seen.site[field] !== result.value.site[field]) {
            rowProblems.push({ row: sheetRow.row, column: header, message: t("excel.error.siteConflict", { site: result.value.siteCode, column: header, row: seen.row }) });
          }
        }
      }
    }
    if (rowProblems.length) problems.push(...rowProblems);
    else if (result.ok) valid.push(result.value);
  }
  return { rows: valid, problems: sortProblems(problems) };
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (COLUMN_ORDER.get(a.column ?? "") ?? -1) - (COLUMN_ORDER.get(b.column ?? "") ?? -1));
}
