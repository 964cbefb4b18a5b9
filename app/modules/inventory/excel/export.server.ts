// The inventory export: the units the /inventory list shows for the same filter, in exactly the
// import layout (export → edit → re-import updates by code), streamed page by page so that a
// large center never sits in memory as a whole workbook.
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Executor } from "~db/dialect";
import type { Site, Unit } from "~db/schema";
import { t } from "~/i18n";
import type { Scope } from "~/modules/auth/scope";
import { listUnits, type PermitWindow, type UnitFilter } from "../units.server";
import { centerCategories } from "./lookups.server";
import { categoryIndex } from "./plan";
import { addLayoutSheet, unitCells } from "./workbook";

const PAGE = 500;

/**
 * The filtered units with their sites, a page at a time, in the list's order (by code). The list
 * query decides which units belong (one definition of the filter); the rows are then read whole.
 */
export async function* filteredUnits(db: Executor, scope: Scope, filter: UnitFilter, window: PermitWindow): AsyncGenerator<{ unit: Unit; site: Site | null }[]> {
  for (let page = 1; ; page++) {
    const { rows } = await listUnits(db, scope, { ...filter, page, pageSize: PAGE }, window);
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const units = await db.selectFrom("units").selectAll().where("center_id", "=", scope.centerId).where("id", "in", ids).execute();
    const siteIds = [...new Set(units.map((u) => u.site_id).filter((id): id is string => id !== null))];
    const sites = siteIds.length ? await db.selectFrom("sites").selectAll().where("center_id", "=", scope.centerId).where("id", "in", siteIds).execute() : [];
    const unitById = new Map(units.map((u) => [u.id, u]));
    const siteById = new Map(sites.map((s) => [s.id, s]));
    yield ids.map((id) => {
      const unit = unitById.get(id)!;
      return { unit, site: unit.site_id ? (siteById.get(unit.site_id) ?? null) : null };
    });
    if (rows.length < PAGE) return;
  }
}

export interface ExportMeta {
  centerName: string;
  /** "YYYY-MM-DD HH:mm" in Beijing time. */
  exportedAt: string;
  filterText: string;
}

/**
 * Starts writing and returns the stream at once (the response begins while rows are still being
 * read). A failure midway ends the stream with an error, which aborts the download.
 */
export function exportInventory(db: Executor, scope: Scope, filter: UnitFilter, window: PermitWindow, meta: ExportMeta): Readable {
  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const categories = categoryIndex(await centerCategories(db, scope));
    // The title lives in the sheet name and on the second sheet: a row above the headers would
    // stop the file from importing again.
    const sheet = addLayoutSheet(workbook, t("excel.sheet.units"));
    sheet.getRow(1).commit();
    let count = 0;
    for await (const page of filteredUnits(db, scope, filter, window)) {
      for (const { unit, site } of page) sheet.addRow(unitCells(unit, site, categories.cellText(unit.category_id))).commit();
      count += page.length;
    }
    sheet.commit();
    const info = workbook.addWorksheet(t("excel.sheet.info"));
    info.columns = [{ width: 14 }, { width: 60 }];
    info.addRow([t("excel.export.title", { center: meta.centerName })]).font = { bold: true, size: 14 };
    const facts: [string, string | number][] = [
      [t("excel.export.exportedAt"), meta.exportedAt],
      [t("excel.export.filters"), meta.filterText],
      [t("excel.export.count"), count],
    ];
    for (const fact of facts) info.addRow(fact).getCell(1).font = { bold: true };
    info.addRow([t("excel.export.reimport")]);
    info.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))));
  return pass;
}
