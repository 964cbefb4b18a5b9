// Reading and checking import files without a database: formats told by content, encodings,
// headers, limits, cell types, and every row-level and cross-row problem with its Chinese message.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, MAX_DATA_ROWS } from "../../app/modules/inventory/excel/columns";
import { csvField } from "../../app/modules/inventory/excel/csv";
import { parseUpload, type SheetData } from "../../app/modules/inventory/excel/parse";
import { validateRows } from "../../app/modules/inventory/excel/validate";
import { addLayoutSheet, type CellValue, layoutRow, layoutWorkbookBuffer } from "../../app/modules/inventory/excel/workbook";
import { inventoryRows, inventoryWorkbook } from "../../scripts/bench/inventory-import";

const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

const outdoor = (overrides: Record<string, CellValue> = {}) =>
  layoutRow({
    code: "HW-001",
    name: "人民路单立柱A面",
    medium: "户外静态",
    category: "户外广告/静态户外",
    capacity: 1,
    status: "可售",
    site_code: "DW-001",
    site_name: "人民路单立柱",
    facility_type: "单立柱",
    address: "城关镇人民路 1 号",
    district: "城关镇",
    latitude: 30.274084,
    longitude: 120.15507,
    width_m: 6,
    height_m: 3.5,
    illuminated: "是",
    face: "A面",
    ...overrides,
  });

const wechat = (overrides: Record<string, CellValue> = {}) =>
  layoutRow({ code: "WX-001", name: "公众号头条", medium: "公众号头条", category: "新媒体广告/公众号/视频号", capacity: 1, status: "可售", ...overrides });

function csv(rows: CellValue[][], header = HEADERS): string {
  return [header, ...rows].map((r) => r.map((v) => csvField(v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? "" : String(v))).join(",")).join("\r\n");
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** GBK bytes for a text, from Node's GBK decoder run backwards (Node has no GBK encoder). */
function gbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("gbk");
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!));
  return new Uint8Array(out);
}

async function sheetOf(bytes: Uint8Array | Buffer): Promise<SheetData> {
  const parsed = await parseUpload(new Uint8Array(bytes));
  if (!parsed.ok) throw new Error(parsed.refusal.message);
  return parsed.sheet;
}

async function refusalOf(bytes: Uint8Array | Buffer) {
  const parsed = await parseUpload(new Uint8Array(bytes));
  if (parsed.ok) throw new Error("expected a refusal");
  return parsed.refusal;
}

describe("file formats", () => {
  it("reads an .xlsx by its ZIP signature and a CSV by its text, whatever the names", async () => {
    const xlsx = await sheetOf(await layoutWorkbookBuffer([outdoor()]));
    expect(xlsx.format).toBe("xlsx");
    expect(xlsx.rows).toEqual([{ row: 2, cells: expect.objectContaining({ code: "HW-001", width_m: "6", height_m: "3.5", latitude: "30.274084", illuminated: "是" }) }]);
    const text = await sheetOf(utf8(csv([outdoor()])));
    expect(text.format).toBe("csv");
    expect(text.rows[0].cells).toEqual(xlsx.rows[0].cells);
  });

  it("reads CSV in UTF-8 with and without a BOM, and in GBK", async () => {
    const body = csv([outdoor(), wechat()]);
    const plain = await sheetOf(utf8(body));
    const bom = await sheetOf(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(body)]));
    const chinese = await sheetOf(gbk(body));
    expect(bom.rows).toEqual(plain.rows);
    expect(chinese.rows).toEqual(plain.rows);
    expect(chinese.rows[0].cells.name).toBe("人民路单立柱A面");
  });

  it("keeps commas, quotes and line breaks inside quoted CSV fields", async () => {
    const sheet = await sheetOf(utf8(csv([outdoor({ notes: '临街,夜间"亮灯"\n含周末' })])));
    expect(sheet.rows[0].cells.notes).toBe('临街,夜间"亮灯"\n含周末');
  });

  it("reads Chinese text intact across the reader's chunk boundaries, inline and shared strings", async () => {
    const rows = inventoryRows(3000, 7);
    for (const bytes of [await inventoryWorkbook(rows), await layoutWorkbookBuffer(rows)]) {
      const sheet = await sheetOf(bytes);
      expect(sheet.rows).toHaveLength(3000);
      const garbled = sheet.rows.filter((r) => Object.values(r.cells).some((v) => v.includes("\ufffd")));
      expect(garbled).toEqual([]);
      expect(sheet.rows.map((r) => r.cells.name)).toEqual(rows.map((r) => r[1]));
      expect(sheet.rows.map((r) => r.cells.site_name)).toEqual(rows.map((r) => r[12] ?? ""));
    }
  });

  it("turns date cells, date text and General-formatted serials into YYYY-MM-DD", async () => {
    const rows = [
      outdoor({ code: "A", status: "维护中", maintenance_from: new Date(Date.UTC(2026, 0, 5)), maintenance_to: "2026/1/20" }),
      outdoor({ code: "B", status: "维护中", maintenance_from: 46027, maintenance_to: "2026年2月1日" }),
    ];
    const sheet = await sheetOf(await layoutWorkbookBuffer(rows));
    const { rows: valid, problems } = validateRows(sheet.rows);
    expect(problems).toEqual([]);
    expect(valid.map((r) => [r.unit.maintenance_from, r.unit.maintenance_to])).toEqual([
      ["2026-01-05", "2026-01-20"],
      ["2026-01-05", "2026-02-01"],
    ]);
  });
});

describe("refused files", () => {
  it.each([
    ["an empty file", new Uint8Array(), "文件是空的，请重新选择"],
    ["a PNG image", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "该文件不是 Excel（.xlsx）或 CSV 表格，请使用导入模板填写后上传"],
    ["an old .xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后再导入"],
    ["a damaged .xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]), "无法读取该 Excel 文件（文件可能已损坏，或不是 .xlsx 工作簿），请另存为 .xlsx 后重试"],
  ])("%s", async (_name, bytes, message) => {
    expect(await refusalOf(bytes)).toEqual({ status: 400, message });
  });

  it("refuses more than 10 MB with 413", async () => {
    expect(await refusalOf(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41))).toEqual({ status: 413, message: "文件超过 10 MB，请拆分后分批导入" });
  });

  it("names missing, renamed and repeated headers", async () => {
    const header = HEADERS.map((h) => (h === "面" ? "朝向" : h)).filter((h) => h !== "纬度");
    header.push("点位编号");
    const refusal = await refusalOf(utf8(csv([], header) + "\r\nX"));
    expect(refusal.message).toBe("缺少列：纬度、面；无法识别的列：朝向；重复的列：点位编号。请使用导入模板中的列标题，不要改名或删除列");
  });

  it("accepts headers retyped with full-width brackets", async () => {
    const header = HEADERS.map((h) => h.replace("(", "（").replace(")", "）"));
    expect((await sheetOf(utf8(csv([wechat()], header)))).rows).toHaveLength(1);
  });

  it("refuses a title row above the headers, and a sheet without data rows", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("x");
    sheet.addRow(["广告位清单"]);
    sheet.addRow(HEADERS);
    sheet.addRow(wechat());
    const titled = await refusalOf(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(titled.message).toMatch(/^缺少列：广告位编号、广告位名称.*无法识别的列：广告位清单/);
    expect((await refusalOf(await layoutWorkbookBuffer([]))).message).toBe("文件中没有数据行：第 1 行为列标题，从第 2 行起每行一个广告位");
    expect((await refusalOf(utf8(csv([])))).message).toBe("文件中没有数据行：第 1 行为列标题，从第 2 行起每行一个广告位");
  });

  it(`refuses more than ${MAX_DATA_ROWS} data rows, in CSV and in .xlsx`, async () => {
    const line = csv([wechat()]).split("\r\n")[1];
    const body = [HEADERS.join(","), ...Array.from({ length: MAX_DATA_ROWS + 1 }, () => line)].join("\n");
    const message = "数据超过 20000 行，请拆分为多个文件分批导入";
    expect((await refusalOf(utf8(body))).message).toBe(message);
    expect((await sheetOf(utf8(body.slice(0, body.lastIndexOf("\n"))))).rows).toHaveLength(MAX_DATA_ROWS);
    const workbook = new ExcelJS.Workbook();
    const sheet = addLayoutSheet(workbook, "x");
    for (let i = 0; i <= MAX_DATA_ROWS; i++) sheet.addRow(wechat({ code: `W${i}` }));
    expect((await refusalOf(Buffer.from(await workbook.xlsx.writeBuffer()))).message).toBe(message);
  });
});

describe("row checks", () => {
  async function problemsOf(rows: CellValue[][]) {
    return validateRows((await sheetOf(await layoutWorkbookBuffer(rows))).rows).problems;
  }

  it("accepts good rows and maps Chinese labels to codes", async () => {
    const { rows, problems } = validateRows((await sheetOf(await layoutWorkbookBuffer([outdoor(), wechat()]))).rows);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      row: 2,
      siteCode: "DW-001",
      unit: { code: "HW-001", medium: "outdoor_static", status: "available", capacity: 1, capacity_unit: "face", face: "A面", site_id: "DW-001" },
      site: { code: "DW-001", facility_type: "unipole", width_m: 600, height_m: 350, latitude: 30274084, longitude: 120155070, illuminated: 1 },
    });
    expect(rows[1]).toMatchObject({ siteCode: null, site: null, unit: { medium: "wechat_headline", face: "" } });
  });

  it("names an unknown value and the allowed ones", async () => {
    expect(await problemsOf([wechat({ medium: "电台" }), outdoor({ facility_type: "大灯箱", illuminated: "有" })])).toEqual([
      { row: 2, column: "媒体类型", message: "媒体类型“电台”不在可选值中（可选：户外静态、LED屏、客户端开屏、客户端banner、公众号头条、公众号次条、短视频、电视、广播、报纸）" },
      { row: 3, column: "设施类型", message: "设施类型“大灯箱”不在可选值中（可选：单立柱、墙体、灯箱、LED大屏、三面翻、公交候车亭、报刊亭、道旗、工地围挡、其他）" },
      { row: 3, column: "是否照明", message: "是否照明“有”不在可选值中（可选：是、否）" },
    ]);
  });

  it("reports wrong types, impossible sizes and dates with the form's messages", async () => {
    expect(
      await problemsOf([
        wechat({ capacity: "很多", code: "坏编号" }),
        outdoor({ code: "A", width_m: 0, height_m: "3.456", latitude: "北纬30" }),
        outdoor({ code: "B", status: "维护中", maintenance_from: "2026-02-30", maintenance_to: "2026-03-01" }),
        outdoor({ code: "C", status: "维护中", maintenance_from: "2026-03-10", maintenance_to: "2026-03-01" }),
        layoutRow({ code: "D", name: "LED", medium: "LED屏", category: "户外广告/LED屏", status: "可售" }),
      ]),
    ).toEqual([
      { row: 2, column: "广告位编号", message: "广告位编号为 1 到 32 位字母、数字、点、下划线或短横线" },
      { row: 2, column: "日容量", message: "日容量应为 0 到 100000 的整数" },
      { row: 3, column: "纬度", message: "纬度格式不正确（如 29.812345）" },
      { row: 3, column: "宽(米)", message: "宽度应为大于 0 的米数，最多两位小数" },
      { row: 3, column: "高(米)", message: "高度应为大于 0 的米数，最多两位小数" },
      { row: 4, column: "维护开始", message: "日期格式应为 YYYY-MM-DD" },
      { row: 5, column: "维护结束", message: "维护结束日期不能早于开始日期" },
      { row: 6, column: "轮播时长(秒)", message: "LED 屏须填写轮播时长和单条时长" },
      { row: 6, column: "点位编号", message: "户外广告位须属于一个点位" },
    ]);
  });

  it("refuses a unit code twice, site details without a site code, and a site on a non-outdoor unit", async () => {
    expect(
      await problemsOf([
        outdoor(),
        outdoor({ name: "另一面", face: "B面" }),
        wechat({ address: "人民路 1 号" }),
        wechat({ code: "WX-002", site_code: "DW-001", site_name: "人民路单立柱", facility_type: "单立柱", district: "城关镇", width_m: 6, height_m: 3.5 }),
      ]),
    ).toEqual([
      { row: 3, column: "广告位编号", message: "广告位编号“HW-001”与第 2 行重复，同一编号只能出现一次" },
      { row: 4, column: "点位编号", message: "填写了“地址”但没有点位编号：点位信息须有点位编号" },
      { row: 5, column: "点位编号", message: "只有户外和 LED 广告位属于点位" },
    ]);
  });

  it("refuses one site described two ways, naming the columns and the first row", async () => {
    expect(await problemsOf([outdoor(), outdoor({ code: "HW-002", face: "B面", width_m: "6.00" }), outdoor({ code: "HW-003", address: "别处", height_m: 4 })])).toEqual([
      { row: 4, column: "地址", message: "点位“DW-001”的地址与第 2 行不一致，同一点位的各行必须相同" },
      { row: 4, column: "高(米)", message: "点位“DW-001”的高(米)与第 2 行不一致，同一点位的各行必须相同" },
    ]);
  });
});
