// Every row through the same parsers as the unit and site forms (parseUnitRecord; parseRecord with
// siteFormSchema), after turning the sheet's Chinese labels into codes; then the checks only a whole
// file can fail: a unit code twice, one site described two ways. Pure: no database. Categories are
// resolved later (plan.ts).
import { t } from "~/i18n";
import { parseRecord } from "~/utils/form";
import { siteFormSchema, type SiteFormValues } from "../site-form";
import { parseUnitRecord, type UnitFormValues } from "../unit-form";
import { normaliseDateText } from "./cells";
import { COLUMN_BY_KEY, enumCode, ENUMS, type EnumName, headerOfField, IMPORT_COLUMNS, type ImportColumn } from "./columns";
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

const UNIT_COLUMNS = IMPORT_COLUMNS.filter((c) => c.target === "unit");
const SITE_COLUMNS = IMPORT_COLUMNS.filter((c) => c.target === "site");
const COLUMN_ORDER = new Map(IMPORT_COLUMNS.map((c, i) => [c.header, i]));

function enumProblem(name: EnumName, header: string, value: string): string {
  return t("excel.error.unknownValue", { column: header, value: value.trim(), allowed: ENUMS[name].map((o) => o.label).join("、") });
}

type Messages = [header: string, message: string][];

/** A cell as the schemas read it: trimmed, dates normalised, enum labels turned into codes. */
function cellValue(column: ImportColumn, cells: Record<string, string>, messages: Messages): string {
  const text = (cells[column.key] ?? "").trim();
  if (text === "") return "";
  if (column.kind === "date") return normaliseDateText(text);
  if (column.enumName) {
    const code = enumCode(column.enumName, text);
    if (code === null) messages.push([column.header, enumProblem(column.enumName, column.header, text)]);
    return code ?? text;
  }
  return text;
}

interface ParsedSite {
  site: SiteFormValues | null;
  messages: Messages;
}

function parseSite(cells: Record<string, string>): ParsedSite {
  const messages: Messages = [];
  const raw: Record<string, string> = {};
  for (const column of SITE_COLUMNS) raw[column.field] = cellValue(column, cells, messages);
  raw.illuminated = raw.illuminated === "1" ? "1" : "0"; // the form's checkbox: an empty cell is "否"
  const result = parseRecord(siteFormSchema, raw);
  if (result.ok) return { site: result.value, messages };
  for (const [field, message] of Object.entries(result.errors)) if (message) messages.push([headerOfField("site", field), message]);
  return { site: null, messages };
}

/** The two faces of one billboard carry the same site cells: parse them once. */
type SiteCache = Map<string, ParsedSite>;

function siteOf(cells: Record<string, string>, cache: SiteCache): ParsedSite {
  const key = SITE_COLUMNS.map((c) => cells[c.key] ?? "").join("\u0001");
  let parsed = cache.get(key);
  if (!parsed) {
    parsed = parseSite(cells);
    cache.set(key, parsed);
  }
  return parsed;
}

function validateRow(sheetRow: SheetRow, siteCache: SiteCache): { ok: true; value: ImportRow } | { ok: false; problems: Problem[] } {
  const { cells } = sheetRow;
  const messages: Messages = [];
  const raw: Record<string, string> = {};
  for (const column of UNIT_COLUMNS) raw[column.field] = cellValue(column, cells, messages);
  const siteCode = (cells.site_code ?? "").trim();
  raw.site_id = siteCode; // the unit's site, by code until the commit knows its id
  const parsedUnit = parseUnitRecord(raw);
  if (!parsedUnit.ok) for (const [field, message] of Object.entries(parsedUnit.errors)) if (message) messages.push([headerOfField("unit", field), message]);
  let site: SiteFormValues | null = null;
  if (siteCode) {
    const parsed = siteOf(cells, siteCache);
    site = parsed.site;
    messages.push(...parsed.messages);
  } else {
    // Site details without a site code would be silently lost.
    const stray = SITE_COLUMNS.find((c) => c.key !== "site_code" && c.key !== "illuminated" && (cells[c.key] ?? "").trim() !== "");
    if (stray) messages.push(["点位编号", t("excel.error.siteWithoutCode", { column: stray.header })]);
  }
  if (messages.length || !parsedUnit.ok) {
    const first = new Map<string, string>(); // one message per cell: the first found
    for (const [header, message] of messages) if (!first.has(header)) first.set(header, message);
    return { ok: false, problems: [...first].map(([column, message]) => ({ row: sheetRow.row, column, message })) };
  }
  return { ok: true, value: { row: sheetRow.row, unit: parsedUnit.value, siteCode: siteCode || null, site } };
}

/** Site fields compared across rows, with the header each is reported under. */
const SITE_FIELDS = SITE_COLUMNS.filter((c) => c.key !== "site_code").map((c) => ({ field: c.field as keyof SiteFormValues, header: c.header }));

export function validateRows(rows: SheetRow[]): { rows: ImportRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const valid: ImportRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  const siteSeen = new Map<string, { row: number; site: SiteFormValues }>();
  const siteCache: SiteCache = new Map();
  const codeHeader = COLUMN_BY_KEY.get("code")!.header;
  for (const sheetRow of rows) {
    const result = validateRow(sheetRow, siteCache);
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
