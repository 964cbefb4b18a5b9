// The inventory export, rate-card export and template through their routes, on both databases:
// export → re-import is the identity, the files carry real numbers and dates, frozen headers,
// filters and drop-downs, and a center only ever sees its own units.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import * as exportRoute from "../../app/routes/inventory.export[.xlsx]";
import * as importRoute from "../../app/routes/inventory.import";
import * as ratesRoute from "../../app/routes/inventory.rates[.xlsx]";
import * as templateRoute from "../../app/routes/inventory.template[.xlsx]";
import { updateCategory } from "../../app/modules/categories/categories.server";
import { IMPORT_COLUMNS } from "../../app/modules/inventory/excel/columns";
import { commitImport, previewImport } from "../../app/modules/inventory/excel/import.server";
import { type CellValue, layoutRow } from "../../app/modules/inventory/excel/workbook";
import { addRateCard } from "../../app/modules/inventory/rate-cards.server";
import { setUnitArchived } from "../../app/modules/inventory/units.server";
import { inventoryRows, inventoryWorkbook } from "../../scripts/bench/inventory-import";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call, contextFor } from "../support/routes";

// why: uploads waiting for their commit go to a throw-away folder, not the repository's data/.
process.env.IMPORT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "rm-export-test-"));

type Loader = (args: { request: Request; params: Record<string, string>; context: ReturnType<typeof contextFor> }) => Promise<unknown>;

async function download(db: AppDb, loader: Loader, url: string, cookie: string): Promise<{ response: Response; workbook: ExcelJS.Workbook; bytes: Buffer }> {
  const response = (await loader({ request: new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }), params: {}, context: contextFor(db) })) as Response;
  const bytes = Buffer.from(await response.arrayBuffer());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return { response, workbook, bytes };
}

function codesIn(sheet: ExcelJS.Worksheet): string[] {
  const codes: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) codes.push(String(row.getCell(1).value));
  });
  return codes;
}

/** Rows the fixture adds on top of the generated ones: the awkward cases of a round trip. */
const EXTRA: CellValue[][] = [
  layoutRow({ code: "EDGE-1", name: "维护中的屏, 带逗号", medium: "LED屏", category: "outdoor.led", loop_seconds: 90, spot_seconds: 10, status: "维护中", maintenance_from: "2026-12-01", maintenance_to: "2027-01-15", notes: '多行\n备注 "引号"', site_code: "DW-EDGE", site_name: "南半球测试点", facility_type: "LED大屏", address: "", district: "城关镇", latitude: -33.868820, longitude: -151.2093, width_m: 3.05, height_m: 0.01, illuminated: "否", face: "" }),
  layoutRow({ code: "EDGE-2", name: "报纸整版", medium: "报纸", category: "传统媒体广告/报纸", capacity: 2, status: "停用" }),
  layoutRow({ code: "001", name: "以零开头的编号", medium: "短视频", category: "新媒体广告/短视频", capacity: 3, status: "可售" }),
];

async function importInto(db: AppDb, c: TestCenter, rows: CellValue[][]) {
  const preview = await previewImport(db, c.users.admin.scope, { bytes: await inventoryWorkbook(rows), fileName: "seed.xlsx" });
  if (!preview.ok) throw new Error(`${preview.message} ${JSON.stringify(preview.problems)}`);
  const done = await commitImport(db, c.users.admin.scope, preview.token);
  if (!done.ok) throw new Error(done.message);
}

async function snapshot(db: AppDb, centerId: string) {
  return {
    units: await db.selectFrom("units").selectAll().where("center_id", "=", centerId).orderBy("code").execute(),
    sites: await db.selectFrom("sites").selectAll().where("center_id", "=", centerId).orderBy("code").execute(),
  };
}

describeEachDb("inventory export", ({ db }) => {
  let center: TestCenter;
  let admin: string;
  const rows = [...inventoryRows(40, 23), ...EXTRA];
  beforeAll(async () => {
    center = await makeCenter(db());
    admin = await cookieFor(db(), center.users.admin);
    await importInto(db(), center, rows);
  });

  it("exports exactly the import layout, and re-importing the export changes nothing at all", async () => {
    // A category retired after its units were mapped to it still round-trips (the units keep it).
    const tv = await db().selectFrom("revenue_categories").select("id").where("center_id", "=", center.id).where("code", "=", "traditional.newspaper").executeTakeFirstOrThrow();
    await updateCategory(db(), center.users.admin.scope, tv.id, { retired: true });
    const before = await snapshot(db(), center.id);
    const { response, bytes, workbook } = await download(db(), exportRoute.loader, "/inventory/export.xlsx", admin);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="inventory-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''%E5%B9%BF/);
    expect(codesIn(workbook.worksheets[0])).toEqual(before.units.map((u) => u.code));

    const form = new FormData();
    form.append("file", new File([new Uint8Array(bytes)], "export.xlsx"));
    const preview = (await importRoute.action({ request: new Request("http://localhost/inventory/import", { method: "POST", body: form, headers: { Cookie: admin } }), params: {}, context: contextFor(db()) })) as { data: { token: string; counts: unknown; units: unknown[] } };
    expect(preview.data.counts).toEqual({ rows: before.units.length, units: { created: 0, updated: 0, unchanged: before.units.length }, sites: { created: 0, updated: 0, unchanged: before.sites.length } });
    expect((await call(importRoute.action, db(), { url: "/inventory/import", cookie: admin, form: { token: preview.data.token } })).status).toBe(200);
    expect(await snapshot(db(), center.id)).toEqual(before);
  });

  it("writes numbers as numbers, dates as dates, a frozen header and filters, the title on a second sheet", async () => {
    const { workbook } = await download(db(), exportRoute.loader, "/inventory/export.xlsx?medium=led", admin);
    const [sheet, info] = workbook.worksheets;
    expect(sheet.name).toBe("广告位清单");
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:W1");
    const col = (header: string) => IMPORT_COLUMNS.findIndex((c) => c.header === header) + 1;
    let edge: ExcelJS.Row | undefined;
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === "EDGE-1") edge = row;
    });
    expect(edge).toBeDefined();
    const cell = (header: string) => edge!.getCell(col(header));
    expect([cell("日容量").value, cell("轮播时长(秒)").value, cell("单条时长(秒)").value]).toEqual([9, 90, 10]);
    expect([cell("宽(米)").value, cell("宽(米)").numFmt, cell("高(米)").value]).toEqual([3.05, "0.00", 0.01]);
    expect([cell("纬度").value, cell("经度").value, cell("纬度").numFmt]).toEqual([-33.86882, -151.2093, "0.000000"]);
    expect(cell("维护开始").value).toEqual(new Date(Date.UTC(2026, 11, 1)));
    expect(cell("维护开始").numFmt).toBe("yyyy-mm-dd");
    expect([cell("媒体类型").value, cell("状态").value, cell("设施类型").value, cell("是否照明").value, cell("收入类别").value]).toEqual(["LED屏", "维护中", "LED大屏", "否", "户外广告/LED屏"]);
    const leds = rows.filter((r) => r[2] === "LED屏").map((r) => String(r[0])).sort();
    expect(codesIn(sheet)).toEqual(leds);
    expect(info.name).toBe("导出说明");
    expect(info.getCell("A1").value).toBe(`测试中心${center.code} 广告位清单`);
    expect(info.getCell("B3").value).toBe("LED屏");
    expect(info.getCell("B4").value).toBe(leds.length);
  });

  it("takes the inventory list's parameters: keyword, district, status, size", async () => {
    const codes = async (query: string) => codesIn((await download(db(), exportRoute.loader, `/inventory/export.xlsx?${query}`, admin)).workbook.worksheets[0]);
    expect(await codes("q=edge")).toEqual(["EDGE-1", "EDGE-2"]);
    expect(await codes("q=南半球")).toEqual(["EDGE-1"]);
    expect(await codes("status=disabled")).toEqual(rows.filter((r) => r[7] === "停用").map((r) => String(r[0])).sort());
    const district = String(rows.find((r) => r[15] && r[15] !== "城关镇")![15]);
    expect(await codes(`district=${encodeURIComponent(district)}`)).toEqual(rows.filter((r) => r[15] === district).map((r) => String(r[0])).sort());
    expect(await codes("size=small")).toEqual(["EDGE-1"]); // 3.05 m × 0.01 m
    expect(await codes("medium=nonsense&status=")).toHaveLength(rows.length); // unknown values are ignored, as the list does
  });

  it("leaves archived units out, like the list", async () => {
    const unit = await db().selectFrom("units").select("id").where("center_id", "=", center.id).where("code", "=", "EDGE-2").executeTakeFirstOrThrow();
    await setUnitArchived(db(), center.users.admin.scope, unit.id, true);
    const { workbook } = await download(db(), exportRoute.loader, "/inventory/export.xlsx?q=edge", admin);
    expect(codesIn(workbook.worksheets[0])).toEqual(["EDGE-1"]);
    await setUnitArchived(db(), center.users.admin.scope, unit.id, false);
  });

  it("exports the rate cards as a money sheet: title, 单位：元, frozen header, filters, dates and amounts", async () => {
    const ids = await db().selectFrom("units").select(["id", "code"]).where("center_id", "=", center.id).where("code", "in", ["EDGE-1", "EDGE-2"]).execute();
    const id = (code: string) => ids.find((u) => u.code === code)!.id;
    const scope = center.users.admin.scope;
    const card = { min_days: 0, surcharge_first_bp: 0, surcharge_last_bp: 0, spot_prices: [] };
    expect((await addRateCard(db(), scope, id("EDGE-1"), { ...card, effective_from: "2025-01-01", basis: "day", price_fen: 123456 })).ok).toBe(true);
    expect((await addRateCard(db(), scope, id("EDGE-1"), { ...card, effective_from: "2099-01-01", basis: "day", price_fen: 150000 })).ok).toBe(true);
    const spot = { ...card, effective_from: "2025-06-01", basis: "spot" as const, price_fen: 0, min_days: 7, surcharge_first_bp: 2000, surcharge_last_bp: 1500, spot_prices: [{ daypart: "a" as const, seconds: 15, price_fen: 20000 }] };
    expect((await addRateCard(db(), scope, id("EDGE-2"), spot)).ok).toBe(true);

    const { workbook, response } = await download(db(), ratesRoute.loader, "/inventory/rates.xlsx?q=edge", await cookieFor(db(), center.users.sales));
    expect(response.headers.get("Content-Disposition")).toMatch(/filename="rate-cards-/);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell("A1").value).toBe("刊例价表");
    expect(sheet.getCell("A2").value).toBe("单位：元");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.autoFilter).toBe("A3:V3");
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(header.slice(0, 10)).toEqual(["广告位编号", "广告位名称", "媒体类型", "生效日期", "执行状态", "计价方式", "刊例价", "最少天数", "正一加价", "倒一加价"]);
    expect(header).toContain("A段15秒");
    const rowsOut = [4, 5, 6].map((n) => sheet.getRow(n));
    expect(rowsOut.map((r) => [r.getCell(1).value, r.getCell(4).value, r.getCell(5).value, r.getCell(6).value, r.getCell(7).value])).toEqual([
      ["EDGE-1", new Date(Date.UTC(2025, 0, 1)), "执行中", "按天", 1234.56],
      ["EDGE-1", new Date(Date.UTC(2099, 0, 1)), "待生效", "按天", 1500],
      ["EDGE-2", new Date(Date.UTC(2025, 5, 1)), "执行中", "按条（时段×时长）", null],
    ]);
    expect([rowsOut[0].getCell(4).numFmt, rowsOut[0].getCell(7).numFmt]).toEqual(["yyyy-mm-dd", "#,##0.00"]);
    const edge2 = rowsOut[2];
    expect([edge2.getCell(8).value, edge2.getCell(9).value, edge2.getCell(10).value, edge2.getCell(9).numFmt]).toEqual([7, 0.2, 0.15, "0.00%"]);
    expect(edge2.getCell(header.indexOf("A段15秒") + 1).value).toBe(200);
  });

  it("builds a template with drop-downs for every enumeration and the center's categories", async () => {
    const { workbook } = await download(db(), templateRoute.loader, "/inventory/template.xlsx", await cookieFor(db(), center.users.auditor));
    const [sheet, notes, options] = workbook.worksheets;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:W1");
    expect(notes.name).toBe("说明");
    expect(options.state).toBe("hidden");
    const validation = (header: string) => (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model[`${String.fromCharCode(64 + IMPORT_COLUMNS.findIndex((c) => c.header === header) + 1)}2`];
    for (const header of ["媒体类型", "收入类别", "状态", "设施类型", "是否照明"]) expect(validation(header)).toMatchObject({ type: "list" });
    const list = (formula: string) => {
      const [, col, from, to] = /\$([A-Z])\$(\d+):\$[A-Z]\$(\d+)$/.exec(formula)!;
      return Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => options.getCell(`${col}${Number(from) + i}`).value);
    };
    expect(list(validation("状态").formulae[0])).toEqual(["可售", "维护中", "停用"]);
    expect(list(validation("是否照明").formulae[0])).toEqual(["是", "否"]);
    const categories = list(validation("收入类别").formulae[0]);
    expect(categories).toContain("户外广告/LED屏");
    expect(categories).not.toContain("传统媒体广告/报纸"); // retired above
    expect(categories).not.toContain("户外广告"); // has sub-categories
  });

  it("lets every role read, shows only the caller's center, and sends strangers to the login", async () => {
    const other = await makeCenter(db());
    await importInto(db(), other, [layoutRow({ code: "OTHER-1", name: "别家的", medium: "电视", category: "传统媒体广告/电视", capacity: 600, status: "可售" })]);
    for (const role of ["sales", "finance", "auditor", "manager"] as const) {
      const { response, workbook } = await download(db(), exportRoute.loader, "/inventory/export.xlsx", await cookieFor(db(), other.users[role]));
      expect(response.status).toBe(200);
      expect(codesIn(workbook.worksheets[0])).toEqual(["OTHER-1"]);
    }
    const ownCodes = codesIn((await download(db(), exportRoute.loader, "/inventory/export.xlsx", admin)).workbook.worksheets[0]);
    expect(ownCodes).not.toContain("OTHER-1");
    for (const route of [exportRoute.loader, ratesRoute.loader, templateRoute.loader]) {
      const anonymous = await call(route as never, db(), { url: "/inventory/export.xlsx" });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toMatch(/^\/login\?next=/);
    }
  });
});
