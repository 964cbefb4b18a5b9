// The orders export through its route, on both databases: two money sheets read back with
// exceljs, real numbers and dates, the period and filters, keyset paging, bad periods refused, and
// a center only ever seeing its own orders.
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import { newId } from "../../db/ids";
import * as exportRoute from "../../app/routes/orders.export[.xlsx]";
import { exportedOrders, parseExportParams } from "../../app/modules/booking/orders-export.server";
import { cancelOrder, createOrder, type CreateOrderInput } from "../../app/modules/booking/orders.server";
import type { Scope } from "../../app/modules/auth/scope";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { header, line, makeUnit } from "../support/booking";
import { call, contextFor } from "../support/routes";

const ORDER_HEADERS = ["订单号", "客户", "标题", "产品", "广告类别", "批准文号", "负责人", "状态", "开始", "结束", "刊例价", "折扣", "成交价", "创建时间"];
const LINE_HEADERS = ["订单号", "广告位代码", "广告位名称", "媒体", "开始", "结束", "天数", "每天数量", "时段/时长", "类型", "状态", "刊例价", "折扣率", "成交价", "内容"];
const utc = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);

async function download(db: AppDb, query: string, cookie: string) {
  const response = (await exportRoute.loader({ request: new Request(`http://localhost/orders/export.xlsx?${query}`, { headers: { Cookie: cookie } }), params: {}, context: contextFor(db) })) as Response;
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
  return { response, workbook };
}

/** Data rows (below the title, unit note and header rows) as arrays of cell values. */
function dataRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 3) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describeEachDb("orders export", ({ db }) => {
  let center: TestCenter;
  let sales: Scope;
  let cookie: string;
  let clientId: string;
  const ids: Record<string, string> = {};
  const numbers: Record<string, string> = {};

  const input = (lines: CreateOrderInput["lines"], over: Partial<CreateOrderInput> = {}): CreateOrderInput => ({
    header: header(clientId), lines, intent: "confirm", queueIfFull: false, idempotencyKey: newId(), ...over,
  });
  const make = async (key: string, data: CreateOrderInput) => {
    const result = await createOrder(db(), sales, data);
    if (!result.ok) throw new Error(result.message);
    ids[key] = result.id;
    numbers[key] = (await db().selectFrom("orders").select("number").where("id", "=", result.id).executeTakeFirstOrThrow()).number;
  };

  beforeAll(async () => {
    center = await makeCenter(db());
    sales = center.users.sales.scope;
    cookie = await cookieFor(db(), center.users.finance);
    clientId = await makeClient(db(), sales, { name: "县百货商场" });
    const face = await makeUnit(db(), sales, { dayPriceFen: 12_345 });
    const tv = await makeUnit(db(), sales, { medium: "tv", dayPriceFen: 50_000 });
    await make("confirmed", input([
      line(face, "2031-05-01", "2031-05-10", { deal: { discountBp: 1500 }, content: "五一促销" }),
      line(tv, "2031-05-05", "2031-05-06", { quantity: 2, daypart: "a", seconds: 15, position: "first" }),
    ], { header: header(clientId, { title: "五一档", product: "家电", adCategory: "health_food", approvalNumber: "食健广审第001号" }) }));
    await make("hold", input([line(face, "2031-06-01", "2031-06-05", { kind: "bonus" })], { intent: "hold" }));
    await make("cancelled", input([line(face, "2031-05-20", "2031-05-22")], { intent: "hold" }));
    expect(await cancelOrder(db(), sales, ids.cancelled, "客户撤单")).toMatchObject({ ok: true });
    await make("later", input([line(face, "2031-08-01", "2031-08-03")]));
    // Another center's order in the same period never shows.
    const other = await makeCenter(db());
    const otherUnit = await makeUnit(db(), other.users.sales.scope);
    const otherClient = await makeClient(db(), other.users.sales.scope);
    expect((await createOrder(db(), other.users.sales.scope, { ...input([line(otherUnit, "2031-05-01", "2031-05-02")]), header: header(otherClient) })).ok).toBe(true);
  });

  it("writes the orders sheet as a money sheet: title, 单位：元, frozen filtered headers, numbers and real dates", async () => {
    const { response, workbook } = await download(db(), "from=2031-05-01&to=2031-06-30", cookie);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="orders-2031-05-01-2031-06-30.xlsx"; filename*=UTF-8''${encodeURIComponent("订单明细-2031-05-01至2031-06-30.xlsx")}`,
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["订单", "投放明细"]);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell("A1").value).toBe("订单汇总表（2031-05-01 至 2031-06-30）");
    expect(sheet.getCell("A2").value).toBe("单位：元");
    expect(String(sheet.getCell("B2").value)).toContain(`测试中心${center.code}`);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(ORDER_HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.autoFilter).toBe("A3:N3");

    const rows = dataRows(sheet);
    // By start date: the confirmed order (05-01), the cancelled one (05-20), the hold (06-01); August is outside.
    expect(rows.map((r) => r[0])).toEqual([numbers.confirmed, numbers.cancelled, numbers.hold]);
    const [first, cancelled, hold] = rows;
    const tvList = 2 * 2 * 50_000; // 2 days × 2 spots, 15 s A-segment, no surcharge on the card
    expect(first.slice(0, 10)).toEqual([numbers.confirmed, "县百货商场", "五一档", "家电", "保健食品（须审查）", "食健广审第001号", "sales用户", "已确认", utc("2031-05-01"), utc("2031-05-10")]);
    expect(first.slice(10, 13)).toEqual([(123_450 + tvList) / 100, 18_517 / 100, (104_933 + tvList) / 100]);
    expect(first[13]).toBeInstanceOf(Date);
    const row4 = sheet.getRow(4);
    expect([row4.getCell(9).numFmt, row4.getCell(11).numFmt, row4.getCell(14).numFmt]).toEqual(["yyyy-mm-dd", "#,##0.00;[Red]-#,##0.00", "yyyy-mm-dd hh:mm"]);
    expect(typeof row4.getCell(13).value).toBe("number");
    expect([cancelled[7], cancelled[12]]).toEqual(["已取消", 370.35]);
    expect([hold[7], hold[10], hold[12]]).toEqual(["预留", 617.25, 0]);
  });

  it("writes one row per line, adding up to its order", async () => {
    const { workbook } = await download(db(), "from=2031-05-01&to=2031-06-30", cookie);
    const sheet = workbook.worksheets[1];
    expect(sheet.getCell("A1").value).toBe("投放明细表（2031-05-01 至 2031-06-30）");
    expect(sheet.getCell("A2").value).toBe("单位：元");
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(LINE_HEADERS);
    expect(sheet.autoFilter).toBe("A3:O3");
    const rows = dataRows(sheet);
    expect(rows.map((r) => r[0])).toEqual([numbers.confirmed, numbers.confirmed, numbers.cancelled, numbers.hold]);
    const face = rows[0];
    expect(face.slice(3)).toEqual(["户外静态", utc("2031-05-01"), utc("2031-05-10"), 10, 1, undefined, "付费", "已确认", 1234.5, 0.15, 1049.33, "五一促销"]);
    expect(rows[1].slice(3, 11)).toEqual(["电视", utc("2031-05-05"), utc("2031-05-06"), 2, 2, "A段 15秒 正一", "付费", "已确认"]);
    // A cancelled order's lines stay in its rows (released), so its totals still reconcile.
    expect([rows[2][10], rows[2][13]]).toEqual(["已释放", 370.35]);
    expect([rows[3][9], rows[3][13]]).toEqual(["配送", 0]);
    const row = sheet.getRow(4);
    expect([row.getCell(5).numFmt, row.getCell(12).numFmt, row.getCell(13).numFmt, row.getCell(7).numFmt]).toEqual(["yyyy-mm-dd", "#,##0.00;[Red]-#,##0.00", "0.00%", "0"]);
    const orderNet = dataRows(workbook.worksheets[0]).find((r) => r[0] === numbers.confirmed)![12] as number;
    expect(Math.round(((rows[0][13] as number) + (rows[1][13] as number)) * 100)).toBe(Math.round(orderNet * 100));
  });

  it("filters by period, stage and owner, and defaults to this month when no period is given", async () => {
    const numbersIn = async (query: string) => dataRows((await download(db(), query, cookie)).workbook.worksheets[0]).map((r) => r[0]);
    expect(await numbersIn("from=2031-05-11&to=2031-05-19")).toEqual([]);
    expect(await numbersIn("from=2031-05-10&to=2031-05-20")).toEqual([numbers.confirmed, numbers.cancelled]);
    expect(await numbersIn("from=2031-07-31&to=2031-08-01")).toEqual([numbers.later]);
    expect(await numbersIn("from=2031-01-01&to=2031-12-31&status=cancelled")).toEqual([numbers.cancelled]);
    expect(await numbersIn("from=2031-01-01&to=2031-12-31&stage=hold")).toEqual([numbers.hold]);
    expect(await numbersIn(`from=2031-01-01&to=2031-12-31&owner=${center.users.sales.id}`)).toHaveLength(4);
    expect(await numbersIn(`from=2031-01-01&to=2031-12-31&owner=${center.users.manager.id}`)).toEqual([]);
    const parsed = parseExportParams(new URLSearchParams("from=&to="), "2026-02-14");
    expect(parsed).toEqual({ ok: true, filter: { from: "2026-02-01", to: "2026-02-28" } });
  });

  it("pages through the orders by start date and number without losing or repeating one", async () => {
    const filter = { from: "2031-01-01", to: "2031-12-31" };
    const pages: string[][] = [];
    for await (const page of exportedOrders(db(), sales, filter, "2026-01-01", "2026-01-01T00:00:00.000Z", 1)) pages.push(page.map((o) => o.number));
    expect(pages).toEqual([[numbers.confirmed], [numbers.cancelled], [numbers.hold], [numbers.later]]);
  });

  it("refuses a bad period with a Chinese message, and lets only signed-in readers in", async () => {
    const refused = async (query: string) => {
      const outcome = await call(exportRoute.loader, db(), { url: `/orders/export.xlsx?${query}`, cookie });
      expect(outcome.status).toBe(400);
      return exportRoute.loader({ request: new Request(`http://localhost/orders/export.xlsx?${query}`, { headers: { Cookie: cookie } }), params: {}, context: contextFor(db()) }).then((r) => (r as Response).text());
    };
    expect(await refused("from=2031-02-30&to=2031-03-01")).toContain("年-月-日");
    expect(await refused("from=2031-05-01")).toContain("年-月-日");
    expect(await refused("from=2031-05-01&to=2031-04-30")).toBe("导出期间的结束日期不能早于开始日期");
    expect(await refused("from=2031-01-01&to=2032-01-02")).toContain("366");
    expect(await refused("from=2031-01-01&to=2031-12-31&status=bogus")).toContain("bogus");
    // 366 days is allowed (a leap year).
    expect((await call(exportRoute.loader, db(), { url: "/orders/export.xlsx?from=2032-01-01&to=2032-12-31", cookie })).status).toBe(200);
    expect((await call(exportRoute.loader, db(), { url: "/orders/export.xlsx?from=2031-05-01&to=2031-05-31" })).status).toBe(302);
    for (const role of ["sales", "admin", "manager", "auditor"] as const) {
      expect((await call(exportRoute.loader, db(), { url: "/orders/export.xlsx?from=2031-05-01&to=2031-05-31", cookie: await cookieFor(db(), center.users[role]) })).status).toBe(200);
    }
  });

  it("shows another center only its own orders", async () => {
    const other = await makeCenter(db());
    const { workbook } = await download(db(), "from=2031-05-01&to=2031-06-30", await cookieFor(db(), other.users.finance));
    expect(dataRows(workbook.worksheets[0])).toEqual([]);
    expect(dataRows(workbook.worksheets[1])).toEqual([]);
  });
});
