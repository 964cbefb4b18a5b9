// Every report's .xlsx as the browser downloads it: the xlsx content type and a Chinese file name,
// a workbook that opens, the title row, "单位：元", numbers (not text) in yuan with two decimals,
// and totals rows that are the page's; the same filter as the page (narrowed, refused, 404, 403).
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import * as clientsXlsx from "../../app/routes/reports.clients[.xlsx]";
import * as incomeXlsx from "../../app/routes/reports.income[.xlsx]";
import * as occupancyXlsx from "../../app/routes/reports.occupancy[.xlsx]";
import * as salesXlsx from "../../app/routes/reports.sales[.xlsx]";
import * as statisticsXlsx from "../../app/routes/reports.statistics[.xlsx]";
import * as structureXlsx from "../../app/routes/reports.structure[.xlsx]";
import * as tvaXlsx from "../../app/routes/reports.tech-vs-ads[.xlsx]";
import { MONEY_FORMAT } from "../../app/modules/excel/money-sheet.server";
import { XLSX_CONTENT_TYPE } from "../../app/modules/inventory/excel/cells";
import { describeEachDb } from "../support/db";
import { EXPECT, PERIOD, reportScenario, type ReportScenario } from "../support/report-facts";
import { fetchRaw as fetchRawResponse } from "../support/routes";

type Loader = typeof incomeXlsx.loader;

describeEachDb("reports: .xlsx downloads", ({ db }) => {
  let s: ReportScenario;
  beforeAll(async () => {
    s = await reportScenario(db());
  });

  const fetchRaw = (loader: Loader, url: string, cookie = s.cookies.finance) => fetchRawResponse(loader as never, db(), url, cookie);
  async function workbook(loader: Loader, url: string, fileName: string) {
    const response = await fetchRaw(loader, url);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(XLSX_CONTENT_TYPE);
    expect(response.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    return book;
  }
  /** The row whose cell in `column` reads `label` (a totals row), as values from column 1. */
  function rowOf(sheet: ExcelJS.Worksheet, label: string, column = 1): unknown[] {
    for (let i = 4; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(column).value === label) return (sheet.getRow(i).values as unknown[]).slice(1);
    throw new Error(`no row ${label} in ${sheet.name}`);
  }
  const yuan = (fen: number) => fen / 100;

  it("downloads 收入明细表 with the page's lines, yuan amounts and the totals apart", async () => {
    const book = await workbook(incomeXlsx.loader, `/reports/income.xlsx?${PERIOD}`, "收入明细表-2025-01至2025-06.xlsx");
    const sheet = book.getWorksheet("收入明细表")!;
    expect(sheet.getCell("A1").value).toBe("收入明细表");
    expect(sheet.getCell("A2").value).toBe("单位：元");
    expect(String(sheet.getCell("B2").value)).toContain("期间 2025-01 至 2025-06");
    expect(sheet.getRow(3).values).toContain("创收（不含税）");
    const totals = rowOf(sheet, "合计");
    expect(totals.slice(10, 12)).toEqual([yuan(EXPECT.earned), yuan(EXPECT.subsidy)]);
    const adjustment = rowOf(sheet, "调整（所属 2025-02）", 2);
    expect(adjustment[10]).toBe(120);
    expect(typeof adjustment[10]).toBe("number");
    expect(sheet.getRow(4).getCell(11).numFmt).toBe(MONEY_FORMAT);
    // 10 lines, from row 4.
    expect(rowOf(sheet, "合计")).toBeDefined();
    expect(sheet.getRow(14).getCell(1).value).toBe("合计");
  });

  it("downloads the same filter as the page: narrowed by client", async () => {
    const book = await workbook(incomeXlsx.loader, `/reports/income.xlsx?${PERIOD}&client=${s.c1}`, "收入明细表-2025-01至2025-06.xlsx");
    const sheet = book.getWorksheet("收入明细表")!;
    expect(rowOf(sheet, "合计").slice(10, 12)).toEqual([yuan(EXPECT.c1), 0]);
    expect(String(sheet.getCell("B2").value)).toContain(`客户 报表客户甲${s.center.code}`);
  });

  it("downloads 收入结构分析 with a sheet by category (shares as percentages) and one by month", async () => {
    const book = await workbook(structureXlsx.loader, `/reports/structure.xlsx?${PERIOD}`, "收入结构分析-2025-01至2025-06.xlsx");
    const byCategory = book.getWorksheet("按类别")!;
    expect(byCategory.getCell("A1").value).toBe("按收入类别（2025-01 至 2025-06）");
    expect(rowOf(byCategory, "技术服务").slice(1, 6)).toEqual([yuan(EXPECT.tech), 0.5282, yuan(EXPECT.priorTech), 4000, 8]);
    expect(rowOf(byCategory, "创收合计")[1]).toBe(yuan(EXPECT.earned));
    expect(rowOf(byCategory, "财政补助合计（不计入创收）")[1]).toBe(yuan(EXPECT.subsidy));
    const byMonth = book.getWorksheet("按月")!;
    expect(rowOf(byMonth, "2025-05").at(-2)).toBe(-180);
    expect(byMonth.getRow(3).values).toContain("财政补助");
  });

  it("downloads 技术服务与传统广告对比, 客户贡献, 销售业绩 and 上刊率", async () => {
    const tva = (await workbook(tvaXlsx.loader, `/reports/tech-vs-ads.xlsx?${PERIOD}`, "技术服务与传统广告对比-2025-01至2025-06.xlsx")).getWorksheet("按月对比")!;
    expect(rowOf(tva, "2025-02").at(-1)).toBe("超过");
    expect(rowOf(tva, "2025-01").at(-1)).not.toBe("超过");
    expect(rowOf(tva, "合计").slice(1, 3)).toEqual([yuan(EXPECT.tech), yuan(EXPECT.traditional)]);

    const clients = (await workbook(clientsXlsx.loader, `/reports/clients.xlsx?${PERIOD}`, "客户贡献-2025-01至2025-06.xlsx")).getWorksheet("客户贡献")!;
    expect(clients.getRow(4).values).toEqual([undefined, 1, `报表客户乙${s.center.code}`, yuan(EXPECT.c2), 0.5751, 500, 4400, 8.8]);
    expect(rowOf(clients, "财政补助（另列，不计入创收）", 2)[2]).toBe(yuan(EXPECT.subsidy));

    const sales = (await workbook(salesXlsx.loader, `/reports/sales.xlsx?${PERIOD}`, "销售业绩-2025-01至2025-06.xlsx")).getWorksheet("销售业绩")!;
    expect(rowOf(sales, "合计")[2]).toBe(yuan(EXPECT.earned));

    const occupancy = (await workbook(occupancyXlsx.loader, "/reports/occupancy.xlsx?from=2025-04&to=2025-04", "上刊率-2025-04.xlsx")).getWorksheet("上刊率")!;
    expect(occupancy.getCell("A1").value).toBe("户外与LED上刊率（2025-04）");
    expect(occupancy.getCell("A2").value).toBe("单位：容量·天、%");
    expect(occupancy.getRow(3).values).toEqual([undefined, "月份", "媒体", "可售量（容量·天）", "付费", "配送", "公益", "自用", "空闲", "付费上刊率", "总使用率"]);
  });

  it("downloads 统计年报 of a year with the headings, the totals apart and the category breakdown", async () => {
    const book = await workbook(statisticsXlsx.loader, "/reports/statistics.xlsx?year=2025", "统计年报-2025.xlsx");
    const sheet = book.getWorksheet("统计年报")!;
    expect(sheet.getCell("A1").value).toBe("2025 年广播电视收入统计");
    expect(rowOf(sheet, "传统广播电视广告收入", 2)[2]).toBe(yuan(282_000 + 999_999));
    expect(rowOf(sheet, "技术服务等其他创收收入", 2)[2]).toBe(yuan(EXPECT.tech));
    expect(rowOf(sheet, "财政补助收入合计", 2)[2]).toBe(yuan(EXPECT.subsidy));
    const breakdown = book.getWorksheet("类别归口")!;
    expect(rowOf(breakdown, "财政补助收入").slice(0, 4)).toEqual(["财政补助收入", "财政补助", "默认口径", yuan(EXPECT.subsidy)]);
  });

  it("refuses bad filters in plain Chinese, foreign ids with 404 and sales with 403", async () => {
    const bad = await fetchRaw(incomeXlsx.loader, "/reports/income.xlsx?from=2025-00&to=2025-06");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("开始月份无效，请按 年-月 填写（如 2026-03）");
    const tv = await fetchRaw(occupancyXlsx.loader, "/reports/occupancy.xlsx?from=2025-04&to=2025-04&medium=tv");
    expect(tv.status).toBe(400);
    expect(await tv.text()).toBe("上刊率只统计户外静态和LED屏，请选择其中之一");
    const year = await fetchRaw(statisticsXlsx.loader, "/reports/statistics.xlsx?year=abc");
    expect(year.status).toBe(400);
    expect((await fetchRaw(structureXlsx.loader, `/reports/structure.xlsx?${PERIOD}&client=${s.foreignClient}`)).status).toBe(404);
    for (const loader of [incomeXlsx.loader, structureXlsx.loader, tvaXlsx.loader, salesXlsx.loader, occupancyXlsx.loader, clientsXlsx.loader, statisticsXlsx.loader]) {
      expect((await fetchRaw(loader, `/reports/x.xlsx?${PERIOD}`, s.cookies.sales)).status).toBe(403);
    }
  });
});
