// How the import layout looks in a workbook: column widths and number formats, the header row,
// frozen pane and filter, and one unit (with its site) as a row of typed cells. Shared by the
// export (streamed), the template and the generated test and benchmark files, so that every file
// the product writes reads back through the import unchanged.
import ExcelJS from "exceljs";
import type { Site, Unit } from "~db/schema";
import { excelDate } from "./cells";
import { type ColumnKind, enumLabel, IMPORT_COLUMNS } from "./columns";

export type CellValue = string | number | Date | null;

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  code: "@", // codes like "001" stay text when someone types into the sheet
  integer: "0",
  date: "yyyy-mm-dd",
  metres: "0.00",
  degrees: "0.000000",
};

export function layoutColumns(): Partial<ExcelJS.Column>[] {
  return IMPORT_COLUMNS.map((c) => ({ key: c.key, width: c.width, style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {} }));
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE9EDF2" } };

export function styleHeader(row: ExcelJS.Row, required?: (index: number) => boolean): void {
  row.eachCell((cell, col) => {
    cell.font = { bold: true, color: { argb: required?.(col - 1) ? "FFB42318" : "FF1F2933" } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle" };
    cell.border = { bottom: { style: "thin", color: { argb: "FF98A2AD" } } };
  });
}

/** Row 1 stays in view while scrolling. Given at creation: a streaming sheet cannot change views later. */
export const FROZEN_HEADER: Partial<ExcelJS.AddWorksheetOptions> = {
  views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
};

/**
 * A sheet in the import layout: header in row 1, frozen, a filter over every column; no title
 * above it (it must re-import). Works on a workbook and on a streaming workbook writer.
 */
export function addLayoutSheet(workbook: ExcelJS.Workbook, name: string, options: { markRequired?: boolean } = {}): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, FROZEN_HEADER);
  sheet.columns = layoutColumns();
  const header = sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  styleHeader(header, options.markRequired ? (i) => IMPORT_COLUMNS[i].required : undefined);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: IMPORT_COLUMNS.length } };
  return sheet;
}

/** A row given by column key, in layout order. */
export function layoutRow(values: Record<string, CellValue | undefined>): CellValue[] {
  return IMPORT_COLUMNS.map((c) => values[c.key] ?? null);
}

/**
 * Stored integers (cm, micro-degrees) become the decimals people read. Dividing by a power of ten
 * gives the double nearest that decimal, which reads back as the same digits on import.
 */
export function unitCells(unit: Unit, site: Site | null, categoryText: string): CellValue[] {
  return layoutRow({
    code: unit.code,
    name: unit.name,
    medium: enumLabel("medium", unit.medium),
    category: categoryText,
    capacity: Number(unit.capacity),
    loop_seconds: Number(unit.loop_seconds),
    spot_seconds: Number(unit.spot_seconds),
    status: enumLabel("status", unit.status),
    maintenance_from: excelDate(unit.maintenance_from),
    maintenance_to: excelDate(unit.maintenance_to),
    notes: unit.notes,
    face: unit.face,
    ...(site
      ? {
          site_code: site.code,
          site_name: site.name,
          facility_type: enumLabel("facility", site.facility_type),
          address: site.address,
          district: site.district,
          latitude: site.latitude_e6 === null ? null : Number(site.latitude_e6) / 1_000_000,
          longitude: site.longitude_e6 === null ? null : Number(site.longitude_e6) / 1_000_000,
          width_m: Number(site.width_cm) / 100,
          height_m: Number(site.height_cm) / 100,
          illuminated: enumLabel("yesNo", String(Number(site.illuminated))),
          traffic_notes: site.traffic_notes,
        }
      : {}),
  });
}

/** An in-memory workbook in the import layout (the template, generated test and bench files). */
export async function layoutWorkbookBuffer(rows: CellValue[][], sheetName = "广告位清单"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addLayoutSheet(workbook, sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
