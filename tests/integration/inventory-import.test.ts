// The inventory import through its route, on both databases: upload → preview → commit, re-import
// without duplicates, every refused file leaving nothing behind, isolation and permissions.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import * as importRoute from "../../app/routes/inventory.import";
import * as templateRoute from "../../app/routes/inventory.template[.xlsx]";
import { updateCategory } from "../../app/modules/categories/categories.server";
import { IMPORT_COLUMNS } from "../../app/modules/inventory/excel/columns";
import { csvField } from "../../app/modules/inventory/excel/csv";
import { commitImport, previewImport } from "../../app/modules/inventory/excel/import.server";
import { type CellValue, layoutRow, layoutWorkbookBuffer } from "../../app/modules/inventory/excel/workbook";
import { inventoryRows, inventoryWorkbook } from "../../scripts/bench/inventory-import";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call, contextFor } from "../support/routes";

// why: uploads waiting for their commit go to a throw-away folder, not the repository's data/.
process.env.IMPORT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "rm-import-test-"));

type Body = { stage: string; message?: string; token?: string; counts?: Record<string, Record<string, number>>; problems?: { row: number | null; column: string | null; message: string }[]; units?: { code: string; action: string; changed: string[] }[]; sites?: { code: string; action: string; changed: string[] }[] };

/** Posts a file as the browser's multipart form does and reports status and data. */
async function upload(db: AppDb, cookie: string, bytes: Uint8Array | Buffer, name = "资源.xlsx"): Promise<{ status: number; body: Body }> {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name));
  const request = new Request("http://localhost/inventory/import", { method: "POST", body: form, headers: { Cookie: cookie } });
  try {
    return unwrap(await importRoute.action({ request, params: {}, context: contextFor(db) }));
  } catch (thrown) {
    return unwrap(thrown);
  }
}

function unwrap(value: unknown): { status: number; body: Body } {
  if (value instanceof Response) return { status: value.status, body: {} as Body };
  const v = value as { type?: string; data?: unknown; init?: { status?: number } };
  if (v?.type === "DataWithResponseInit") return { status: v.init?.status ?? 200, body: v.data as Body };
  throw value;
}

async function commit(db: AppDb, cookie: string, token: string) {
  const result = await call(importRoute.action, db, { url: "/inventory/import", cookie, form: { token } });
  return { status: result.status, body: result.body as Body };
}

function csvOf(rows: CellValue[][]): Uint8Array {
  const cell = (v: CellValue) => csvField(v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? "" : String(v));
  return new TextEncoder().encode([IMPORT_COLUMNS.map((c) => c.header), ...rows].map((r) => r.map(cell).join(",")).join("\r\n"));
}

async function stored(db: AppDb, centerId: string) {
  const count = async (table: "units" | "sites" | "audit_log") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", centerId).executeTakeFirstOrThrow()).n);
  const dir = path.join(process.env.IMPORT_DIR!, centerId);
  return { units: await count("units"), sites: await count("sites"), audit: await count("audit_log"), files: fs.existsSync(dir) ? fs.readdirSync(dir).length : 0 };
}

const ROWS = inventoryRows(30, 11);
const SITE_CODES = new Set(ROWS.map((r) => r[11]).filter(Boolean));

describeEachDb("inventory import", ({ db }) => {
  let center: TestCenter;
  let admin: string;
  let bytes: Buffer;
  beforeAll(async () => {
    center = await makeCenter(db());
    admin = await cookieFor(db(), center.users.admin);
    bytes = await inventoryWorkbook(ROWS);
  });

  it("previews, then creates every unit with its site in one commit, audited as one import", async () => {
    const before = await stored(db(), center.id);
    const preview = await upload(db(), admin, bytes);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ stage: "preview", counts: { rows: 30, units: { created: 30, updated: 0, unchanged: 0 }, sites: { created: SITE_CODES.size, updated: 0, unchanged: 0 } } });
    expect(preview.body.units).toHaveLength(30);
    expect({ ...(await stored(db(), center.id)), files: 0 }).toEqual({ ...before, files: 0 }); // a preview writes nothing

    const done = await commit(db(), admin, preview.body.token!);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ stage: "done", counts: { units: { created: 30 }, sites: { created: SITE_CODES.size } } });
    const units = await db().selectFrom("units").leftJoin("sites", "sites.id", "units.site_id").select(["units.code", "units.medium", "units.capacity", "sites.code as site_code"]).where("units.center_id", "=", center.id).orderBy("units.code").execute();
    expect(units.map((u) => u.code)).toEqual(ROWS.map((r) => r[0]).sort());
    for (const u of units) expect(u.site_code ?? null).toBe(ROWS.find((r) => r[0] === u.code)![11] ?? null);
    expect(units.filter((u) => u.medium === "led").every((u) => u.capacity === 4)).toBe(true); // 60 s loop of 15 s spots
    const audit = await db().selectFrom("audit_log").select(["entity", "action", "after_json"]).where("center_id", "=", center.id).where("entity", "in", ["import", "unit", "site"]).execute();
    const imports = audit.filter((a) => a.entity === "import" && a.action === "import");
    expect(imports).toHaveLength(1);
    expect(JSON.parse(imports[0].after_json!)).toEqual({ file_name: "资源.xlsx", format: "xlsx", rows: 30, units_created: 30, units_updated: 0, units_unchanged: 0, sites_created: SITE_CODES.size, sites_updated: 0, sites_unchanged: 0 });
    expect(audit.filter((a) => a.entity === "unit" && a.action === "create")).toHaveLength(30);
    expect(audit.filter((a) => a.entity === "site" && a.action === "create")).toHaveLength(SITE_CODES.size);
    expect((await stored(db(), center.id)).files).toBe(0); // the waiting upload is gone after its commit
  });

  it("imports the same file again without creating or changing anything", async () => {
    const before = await db().selectFrom("units").selectAll().where("center_id", "=", center.id).orderBy("code").execute();
    const preview = await upload(db(), admin, bytes);
    expect(preview.body.counts).toMatchObject({ units: { created: 0, updated: 0, unchanged: 30 }, sites: { created: 0, updated: 0, unchanged: SITE_CODES.size } });
    const done = await commit(db(), admin, preview.body.token!);
    expect(done.body.counts).toMatchObject({ units: { created: 0, updated: 0, unchanged: 30 } });
    expect(await db().selectFrom("units").selectAll().where("center_id", "=", center.id).orderBy("code").execute()).toEqual(before);
  });

  it("updates by code, naming the changed columns in the preview", async () => {
    const changed = ROWS.map((r) => [...r]);
    const outdoorRow = changed.find((r) => r[2] === "户外静态")!;
    outdoorRow[1] = "改名后的广告位";
    for (const r of changed.filter((x) => x[11] === outdoorRow[11])) r[18] = 12.5; // every row of that site
    const preview = await upload(db(), admin, await inventoryWorkbook(changed));
    expect(preview.body.counts).toMatchObject({ units: { created: 0, updated: 1, unchanged: 29 }, sites: { updated: 1 } });
    expect(preview.body.units).toEqual([expect.objectContaining({ code: outdoorRow[0], action: "update", changed: ["广告位名称"] })]);
    expect(preview.body.sites).toEqual([expect.objectContaining({ code: outdoorRow[11], action: "update", changed: ["宽(米)"] })]);
    await commit(db(), admin, preview.body.token!);
    const unit = await db().selectFrom("units").innerJoin("sites", "sites.id", "units.site_id").select(["units.name", "sites.width_cm"]).where("units.center_id", "=", center.id).where("units.code", "=", String(outdoorRow[0])).executeTakeFirstOrThrow();
    expect(unit).toEqual({ name: "改名后的广告位", width_cm: 1250 });
    expect(await stored(db(), center.id)).toMatchObject({ units: 30, sites: SITE_CODES.size });
  });

  it("imports a CSV like the workbook", async () => {
    const other = await makeCenter(db());
    const cookie = await cookieFor(db(), other.users.manager);
    const preview = await upload(db(), cookie, csvOf(ROWS), "资源.csv");
    expect(preview.body.counts).toMatchObject({ units: { created: 30 }, sites: { created: SITE_CODES.size } });
    expect((await commit(db(), cookie, preview.body.token!)).status).toBe(200);
    expect(await stored(db(), other.id)).toMatchObject({ units: 30, sites: SITE_CODES.size, files: 0 });
  });

  it("imports the template from the route as it comes, example row included", async () => {
    const other = await makeCenter(db());
    const cookie = await cookieFor(db(), other.users.admin);
    const response = (await templateRoute.loader({ request: new Request("http://localhost/inventory/template.xlsx", { headers: { Cookie: cookie } }), params: {}, context: contextFor(db()) })) as Response;
    expect(response.status).toBe(200);
    const preview = await upload(db(), cookie, Buffer.from(await response.arrayBuffer()), "广告位导入模板.xlsx");
    expect(preview.body.problems ?? []).toEqual([]);
    expect(preview.body.counts).toMatchObject({ units: { created: 1 }, sites: { created: 1 } });
    await commit(db(), cookie, preview.body.token!);
    const unit = await db().selectFrom("units").innerJoin("revenue_categories as c", "c.id", "units.category_id").select(["units.code", "units.medium", "c.code as category"]).where("units.center_id", "=", other.id).executeTakeFirstOrThrow();
    expect(unit).toEqual({ code: "HW-001", medium: "outdoor_static", category: "outdoor.static" });
  });

  const good = (o: Record<string, CellValue> = {}) => layoutRow({ code: "WX-1", name: "头条", medium: "公众号头条", category: "新媒体广告/公众号/视频号", capacity: 1, status: "可售", ...o });
  const site = { site_code: "DW-9", site_name: "点位", facility_type: "灯箱", district: "城关镇", width_m: 2, height_m: 1, medium: "户外静态", category: "户外广告/静态户外" };
  const header = IMPORT_COLUMNS.map((c) => c.header);
  const badFiles: [string, () => Promise<Uint8Array | Buffer>, number, string, { row: number; column: string; message: string }[]][] = [
    ["a picture", async () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 400, "该文件不是 Excel（.xlsx）或 CSV 表格，请使用导入模板填写后上传", []],
    ["an empty file", async () => new Uint8Array(), 400, "文件是空的，请重新选择", []],
    ["a sheet without data rows", () => layoutWorkbookBuffer([]), 400, "文件中没有数据行：第 1 行为列标题，从第 2 行起每行一个广告位", []],
    ["more than 10 MB", async () => new Uint8Array(10 * 1024 * 1024 + 10).fill(0x41), 413, "文件超过 10 MB，请拆分后分批导入", []],
    ["more than 20,000 rows", async () => csvOf(Array.from({ length: 20_001 }, (_, i) => good({ code: `W${i}` }))), 400, "数据超过 20000 行，请拆分为多个文件分批导入", []],
    ["a renamed header", async () => new TextEncoder().encode([header.map((h) => (h === "状态" ? "销售状态" : h)).join(","), "x"].join("\n")), 400, "缺少列：状态；无法识别的列：销售状态。请使用导入模板中的列标题，不要改名或删除列", []],
    ["a wrong type", () => layoutWorkbookBuffer([good(), good({ code: "WX-2", capacity: "五个" })]), 400, "文件未导入：1 行有问题，共 1 处，请改正后重新上传", [{ row: 3, column: "日容量", message: "日容量应为 0 到 100000 的整数" }]],
    ["a unit code twice", () => layoutWorkbookBuffer([good(), good()]), 400, "文件未导入：1 行有问题，共 1 处，请改正后重新上传", [{ row: 3, column: "广告位编号", message: "广告位编号“WX-1”与第 2 行重复，同一编号只能出现一次" }]],
    ["an unknown status", () => layoutWorkbookBuffer([good({ status: "在售" })]), 400, "文件未导入：1 行有问题，共 1 处，请改正后重新上传", [{ row: 2, column: "状态", message: "状态“在售”不在可选值中（可选：可售、维护中、停用）" }]],
    ["an impossible size", () => layoutWorkbookBuffer([good({ ...site, width_m: -3 })]), 400, "文件未导入：1 行有问题，共 1 处，请改正后重新上传", [{ row: 2, column: "宽(米)", message: "宽度应为大于 0 的米数，最多两位小数" }]],
    ["an impossible date", () => layoutWorkbookBuffer([good({ status: "维护中", maintenance_from: "2026-13-01", maintenance_to: "2026-12-31" })]), 400, "文件未导入：1 行有问题，共 1 处，请改正后重新上传", [{ row: 2, column: "维护开始", message: "日期格式应为 YYYY-MM-DD" }]],
    ["one site described two ways", () => layoutWorkbookBuffer([good({ ...site }), good({ ...site, code: "WX-2", district: "东坑镇" })]), 400, "文件未导入：1 行有问题，共 1 处，请改正后重新上传", [{ row: 3, column: "乡镇/街道", message: "点位“DW-9”的乡镇/街道与第 2 行不一致，同一点位的各行必须相同" }]],
    ["an unknown category", () => layoutWorkbookBuffer([good({ category: "户外广告/气球" })]), 400, "文件未导入：1 行有问题，共 1 处，请改正后重新上传", [{ row: 2, column: "收入类别", message: expect.stringMatching(/^收入类别“户外广告\/气球”不存在（可填：传统媒体广告\/电视、.*户外广告\/LED屏、.*财政补助）$/) }]],
  ];

  it.each(badFiles)("refuses %s with its message and stores nothing", async (_name, make, status, message, problems) => {
    const before = await stored(db(), center.id);
    const result = await upload(db(), admin, await make());
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ stage: "refused", message });
    expect(result.body.problems).toEqual(problems);
    expect(await stored(db(), center.id)).toEqual(before);
  });

  it("asks for a file when none was chosen", async () => {
    const form = new FormData();
    form.append("file", new File([], ""));
    const request = new Request("http://localhost/inventory/import", { method: "POST", body: form, headers: { Cookie: admin } });
    const result = unwrap(await importRoute.action({ request, params: {}, context: contextFor(db()) }));
    expect(result).toMatchObject({ status: 400, body: { message: "请选择要导入的文件" } });
  });

  it("checks again at commit: a category retired since the preview stops the whole import", async () => {
    const other = await makeCenter(db());
    const cookie = await cookieFor(db(), other.users.admin);
    const preview = await upload(db(), cookie, bytes);
    expect(preview.status).toBe(200);
    const led = await db().selectFrom("revenue_categories").select("id").where("center_id", "=", other.id).where("code", "=", "outdoor.led").executeTakeFirstOrThrow();
    expect((await updateCategory(db(), other.users.admin.scope, led.id, { retired: true })).ok).toBe(true);
    const before = await stored(db(), other.id);
    const done = await commit(db(), cookie, preview.body.token!);
    expect(done.status).toBe(400);
    expect(done.body.problems!.every((p) => p.column === "收入类别" && /已停用/.test(p.message))).toBe(true);
    expect(await stored(db(), other.id)).toEqual(before);
  });

  it("never commits one center's upload into another, nor another user's", async () => {
    const other = await makeCenter(db());
    const own = await cookieFor(db(), other.users.admin);
    const preview = await upload(db(), own, bytes);
    const stranger = await makeCenter(db());
    const before = { other: await stored(db(), other.id), stranger: await stored(db(), stranger.id) };
    for (const cookie of [await cookieFor(db(), stranger.users.admin), await cookieFor(db(), other.users.manager)]) {
      const attempt = await commit(db(), cookie, preview.body.token!);
      expect(attempt).toMatchObject({ status: 404, body: { message: "预览的文件已失效（已导入、已过期或不属于当前账号），请重新上传" } });
    }
    expect(await commit(db(), own, "../../etc/passwd")).toMatchObject({ status: 404 });
    expect({ other: await stored(db(), other.id), stranger: await stored(db(), stranger.id) }).toEqual(before);
    expect((await commit(db(), own, preview.body.token!)).status).toBe(200); // still there for its owner
  });

  it("lets admins and managers import; sales, finance and auditors get 403", async () => {
    for (const role of ["sales", "finance", "auditor"] as const) {
      const cookie = await cookieFor(db(), center.users[role]);
      expect((await call(importRoute.loader, db(), { url: "/inventory/import", cookie })).status).toBe(403);
      expect((await upload(db(), cookie, bytes)).status).toBe(403);
      expect((await call(importRoute.action, db(), { url: "/inventory/import", cookie, form: { token: "0".repeat(48) } })).status).toBe(403);
    }
    const manager = await cookieFor(db(), center.users.manager);
    expect((await call(importRoute.loader, db(), { url: "/inventory/import", cookie: manager })).status).toBe(200);
  });

  it("writes the same rows and audit trail batched as through the per-row domain functions", async () => {
    const snapshot = async (c: TestCenter) => {
      const units = await db()
        .selectFrom("units")
        .leftJoin("sites", "sites.id", "units.site_id")
        .innerJoin("revenue_categories as cat", "cat.id", "units.category_id")
        .select(["units.code", "units.name", "units.medium", "units.face", "units.capacity", "units.capacity_unit", "units.loop_seconds", "units.spot_seconds", "units.status", "units.maintenance_from", "units.maintenance_to", "units.notes", "units.archived", "cat.code as category", "sites.code as site", "sites.name as site_name", "sites.width_cm", "sites.latitude_e6", "sites.illuminated"])
        .where("units.center_id", "=", c.id)
        .orderBy("units.code")
        .execute();
      const audit = await db().selectFrom("audit_log").select(["entity", "action", "after_json", "user_id"]).where("center_id", "=", c.id).where("entity", "in", ["unit", "site"]).execute();
      const shape = audit.map((a) => `${a.entity}:${a.action}:${a.user_id === c.users.admin.id}:${Object.keys(JSON.parse(a.after_json!)).sort().join(",")}`).sort();
      return { units, shape };
    };
    const results = [];
    for (const mode of ["rows", "batched"] as const) {
      const c = await makeCenter(db());
      const scope = c.users.admin.scope;
      const preview = await previewImport(db(), scope, { bytes, fileName: "a.xlsx" });
      if (!preview.ok) throw new Error(preview.message);
      expect((await commitImport(db(), scope, preview.token, { mode })).ok).toBe(true);
      results.push(await snapshot(c));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0].units).toHaveLength(30);
  });
});
