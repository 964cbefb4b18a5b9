// The contracts export through its route, on both databases: the 合同 and 里程碑 sheets read back
// with exceljs (headers, money as numbers in 元 with the red-negative format, real dates, what each
// contract has earned), the list's filters applied, and a center only ever seeing its own contracts.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import type { ContractPricing } from "../../db/schema";
import * as exportRoute from "../../app/routes/contracts.export[.xlsx]";
import type { Scope } from "../../app/modules/auth/scope";
import { contractFilterFromUrl } from "../../app/modules/contracts/contract-filter";
import type { ContractInput } from "../../app/modules/contracts/contract-form";
import { contractCategories, createContract } from "../../app/modules/contracts/contracts.server";
import { acceptMilestone, addWorkLog } from "../../app/modules/contracts/delivery.server";
import { approveContract, finishContract, startContract, submitForSigning, terminateContract } from "../../app/modules/contracts/lifecycle.server";
import { feeTotal, splitMilestones } from "../../app/modules/contracts/model";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { todayInShanghai } from "../../app/utils/time";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { call, contextFor } from "../support/routes";

const CONTRACT_HEADERS = ["编号", "名称", "客户", "收入类别", "计价方式", "负责人", "签订日期", "开始日期", "结束日期", "含税", "合同金额", "月服务费", "已验收/已实现金额", "状态"];
const MILESTONE_HEADERS = ["合同编号", "序号", "名称", "比例", "金额", "计划日期", "交付日期", "验收日期", "验收人", "是否逾期"];
const MONEY = "#,##0.00;[Red]-#,##0.00";
const utc = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);
const today = todayInShanghai();

async function download(db: AppDb, query: string, cookie: string) {
  const response = (await exportRoute.loader({ request: new Request(`http://localhost/contracts/export.xlsx?${query}`, { headers: { Cookie: cookie } }), params: {}, context: contextFor(db) })) as Response;
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
  return { response, workbook };
}

function dataRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 3) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

function input(over: Partial<ContractInput> & { pricing: ContractPricing; category_id: string; client: string; title: string }): ContractInput {
  return { number: "", signed_on: "2025-01-05", start_date: "2025-01-01", end_date: "2025-12-31", amount_fen: 0, monthly_fee_fen: 0, tax_included: 1, notes: "", idempotency_key: "", milestones: [], rates: [], ...over };
}

const ok = (result: { ok: boolean }) => expect(result).toMatchObject({ ok: true });

describe("contract filter from the URL", () => {
  it("reads the list's query parameters and drops what it does not know", () => {
    expect(contractFilterFromUrl(new URL("http://x/contracts?category=C1&status=active&owner=U1&client=%20医院%20&ending=1&q=App&page=3"))).toEqual({
      categoryId: "C1", status: "active", ownerId: "U1", client: "医院", endingSoon: true, q: "App", page: 3,
    });
    expect(contractFilterFromUrl(new URL("http://x/contracts?status=bogus&ending=0&page=-2&q="))).toEqual({});
  });
});

describeEachDb("contracts export", ({ db }) => {
  let center: TestCenter;
  let sales: Scope;
  let cookie: string;
  const ids: Record<string, string> = {};
  const numbers: Record<string, string> = {};
  const cat: Record<string, string> = {};

  const make = async (key: string, data: ContractInput) => {
    const result = await createContract(db(), sales, data);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    ids[key] = result.id;
    numbers[key] = (await db().selectFrom("contracts").select("number").where("id", "=", result.id).executeTakeFirstOrThrow()).number;
    return result.id;
  };
  const sign = async (id: string) => {
    ok(await submitForSigning(db(), sales, id, {}));
    const { status } = await db().selectFrom("contracts").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    if (status === "pending") ok(await approveContract(db(), center.users.manager.scope, id, {}));
    ok(await startContract(db(), sales, id, {}));
  };

  beforeAll(async () => {
    center = await makeCenter(db());
    sales = center.users.sales.scope;
    cookie = await cookieFor(db(), center.users.finance);
    for (const c of await contractCategories(db(), sales)) cat[c.code] = c.id;
    await makeClient(db(), sales, { name: "县人民医院" });
    await makeClient(db(), sales, { name: "县自来水公司" });
    const tech = (await db().selectFrom("revenue_categories").select("id").where("center_id", "=", center.id).where("code", "=", "tech").executeTakeFirstOrThrow()).id;
    cat.tech = tech;

    const total = 28_000_000;
    const shares = [3000, 4000, 3000].map((percentBp) => ({ percentBp }));
    const amounts = splitMilestones(total, shares)!;
    const dates = ["2025-02-01", "2025-06-30", "2031-06-30"];
    const app = await make("app", input({
      title: "掌上医院App开发", client: "县人民医院", category_id: cat["tech.app_dev"], pricing: "milestone", amount_fen: total, end_date: "2031-12-31",
      milestones: ["签约", "上线", "终验"].map((name, i) => ({ name, percentBp: shares[i].percentBp, amountFen: amounts[i], plannedDate: dates[i] })),
    }));
    await sign(app);
    const ms = await db().selectFrom("contract_milestones").select("id").where("contract_id", "=", app).orderBy("seq").execute();
    ok(await acceptMilestone(db(), sales, app, ms[0].id, { date: "2025-02-10", note: "验收单" }, today));

    const ops = await make("ops", input({ title: "营业收费系统运维", client: "县自来水公司", category_id: cat["tech.ops"], pricing: "monthly", monthly_fee_fen: 800_000, amount_fen: feeTotal(800_000, "2025-01-01", "2025-12-31") }));
    await sign(ops);
    ok(await finishContract(db(), sales, ops, { today }));

    const live = await make("live", input({ title: "政务直播服务", client: "县自来水公司", category_id: cat.gov_service, pricing: "tm", amount_fen: 3_000_000, rates: [{ name: "直播", unit: "场", priceFen: 600_000 }] }));
    await sign(live);
    const rate = await db().selectFrom("contract_rates").select("id").where("contract_id", "=", live).executeTakeFirstOrThrow();
    ok(await addWorkLog(db(), sales, live, { rateId: rate.id, date: "2025-03-01", quantity: 2, note: "两会直播" }, today));

    const halves = splitMilestones(1_000_000, [{ percentBp: 5000 }, { percentBp: 5000 }])!;
    const shop = await make("shop", input({
      title: "文创商城代运营", client: "县人民医院", category_id: cat.other, pricing: "milestone", amount_fen: 1_000_000,
      milestones: [{ name: "上线", percentBp: 5000, amountFen: halves[0], plannedDate: "2025-03-01" }, { name: "结项", percentBp: 5000, amountFen: halves[1], plannedDate: "2025-06-01" }],
    }));
    await sign(shop);
    const shopMs = await db().selectFrom("contract_milestones").select("id").where("contract_id", "=", shop).orderBy("seq").execute();
    ok(await acceptMilestone(db(), sales, shop, shopMs[0].id, { date: "2025-03-02", note: "" }, today));
    ok(await terminateContract(db(), sales, shop, { date: "2025-08-01", reason: "客户停办商城", earned: "7000" }, {}));

    const soonEnd = addDays(today, 30);
    const soon = await make("soon", input({ title: "校园平台运维", client: "县自来水公司", category_id: cat["tech.ops"], pricing: "monthly", signed_on: addDays(today, -200), start_date: addDays(today, -180), end_date: soonEnd, monthly_fee_fen: 300_000, amount_fen: feeTotal(300_000, addDays(today, -180), soonEnd) }));
    ok(await submitForSigning(db(), sales, soon, {}));
    await make("draft", input({ title: "公众号代运营", client: "县人民医院", category_id: cat["tech.operation"], pricing: "monthly", signed_on: null, start_date: "2032-01-01", end_date: "2032-12-31", monthly_fee_fen: 1_500_000, amount_fen: feeTotal(1_500_000, "2032-01-01", "2032-12-31") }));

    // Another center's contract, for the same client name, never shows.
    const other = await makeCenter(db());
    await makeClient(db(), other.users.sales.scope, { name: "县人民医院" });
    const otherCats = await contractCategories(db(), other.users.sales.scope);
    ok(await createContract(db(), other.users.sales.scope, input({ title: "别家合同", client: "县人民医院", category_id: otherCats[0].id, pricing: "tm", amount_fen: 100_000, rates: [{ name: "直播", unit: "场", priceFen: 50_000 }] })));
  });

  it("writes the 合同 sheet as a money sheet: title, 单位：元, frozen filtered headers, numbers in 元 and real dates", async () => {
    const { response, workbook } = await download(db(), "", cookie);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toContain(`filename="contracts-${today}.xlsx"`);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["合同", "里程碑"]);
    const sheet = workbook.worksheets[0];
    expect(String(sheet.getCell("A1").value)).toContain("服务合同台账");
    expect(sheet.getCell("A2").value).toBe("单位：元");
    expect(String(sheet.getCell("B2").value)).toContain(`测试中心${center.code}`);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(CONTRACT_HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.autoFilter).toBe("A3:N3");

    const rows = dataRows(sheet);
    // The list's order: latest end first.
    expect(rows.map((r) => r[0])).toEqual([numbers.draft, numbers.app, numbers.soon, numbers.shop, numbers.live, numbers.ops]);
    const byNumber = new Map(rows.map((r) => [r[0], r]));
    expect(byNumber.get(numbers.app)).toEqual([
      numbers.app, "掌上医院App开发", "县人民医院", "技术服务/客户端开发", "按里程碑", "sales用户", utc("2025-01-05"), utc("2025-01-01"), utc("2031-12-31"), "是", 280_000, undefined, 84_000, "履行中",
    ]);
    expect(byNumber.get(numbers.ops)!.slice(3, 14)).toEqual(["技术服务/系统运维", "按月服务费", "sales用户", utc("2025-01-05"), utc("2025-01-01"), utc("2025-12-31"), "是", 96_000, 8_000, 96_000, "已完成"]);
    expect(byNumber.get(numbers.live)!.slice(3, 5)).toEqual(["政府购买服务", "按工作量"]);
    expect(byNumber.get(numbers.live)!.slice(10, 14)).toEqual([30_000, undefined, 12_000, "履行中"]);
    // A terminated contract shows what it earned, settlement included.
    expect(byNumber.get(numbers.shop)!.slice(10, 14)).toEqual([10_000, undefined, 7_000, "已终止"]);
    expect(byNumber.get(numbers.soon)![13]).toBe("已签订");
    expect(byNumber.get(numbers.draft)!.slice(6, 14)).toEqual([undefined, utc("2032-01-01"), utc("2032-12-31"), "是", 180_000, 15_000, 0, "草拟"]);

    const row = sheet.getRow(5); // the milestone contract
    expect(row.getCell(1).value).toBe(numbers.app);
    expect([row.getCell(11).numFmt, row.getCell(13).numFmt, row.getCell(7).numFmt]).toEqual([MONEY, MONEY, "yyyy-mm-dd"]);
    expect(typeof row.getCell(11).value).toBe("number");
    expect(row.getCell(9).value).toBeInstanceOf(Date);
  });

  it("writes one row per milestone, with who accepted it and which are overdue", async () => {
    const { workbook } = await download(db(), "", cookie);
    const sheet = workbook.worksheets[1];
    expect(String(sheet.getCell("A1").value)).toContain("里程碑");
    expect(sheet.getCell("A2").value).toBe("单位：元");
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(MILESTONE_HEADERS);
    expect(sheet.autoFilter).toBe("A3:J3");
    const rows = dataRows(sheet);
    expect(rows.map((r) => r[0])).toEqual([numbers.app, numbers.app, numbers.app, numbers.shop, numbers.shop]);
    expect(rows[0]).toEqual([numbers.app, 1, "签约", 0.3, 84_000, utc("2025-02-01"), utc("2025-02-10"), utc("2025-02-10"), "sales用户", "否"]);
    expect(rows[1]).toEqual([numbers.app, 2, "上线", 0.4, 112_000, utc("2025-06-30"), undefined, undefined, undefined, "是"]);
    expect(rows[2].slice(4, 10)).toEqual([84_000, utc("2031-06-30"), undefined, undefined, undefined, "否"]);
    // A terminated contract's open milestone is no longer overdue.
    expect(rows[4].slice(2, 10)).toEqual(["结项", 0.5, 5_000, utc("2025-06-01"), undefined, undefined, undefined, "否"]);
    const row = sheet.getRow(4);
    expect([row.getCell(4).numFmt, row.getCell(5).numFmt, row.getCell(6).numFmt]).toEqual(["0.00%", MONEY, "yyyy-mm-dd"]);
    const sum = rows.filter((r) => r[0] === numbers.app).reduce((s, r) => s + Math.round((r[4] as number) * 100), 0);
    expect(sum).toBe(28_000_000);
  });

  it("applies the list's filters: category (a parent takes its children), status, owner, client, ending soon, keyword", async () => {
    const numbersIn = async (query: string) => dataRows((await download(db(), query, cookie)).workbook.worksheets[0]).map((r) => r[0]);
    expect(await numbersIn(`category=${cat.tech}`)).toEqual([numbers.draft, numbers.app, numbers.soon, numbers.ops]);
    expect(await numbersIn(`category=${cat.gov_service}`)).toEqual([numbers.live]);
    expect(await numbersIn("status=completed")).toEqual([numbers.ops]);
    expect(await numbersIn(`owner=${center.users.manager.id}`)).toEqual([]);
    expect(await numbersIn(`owner=${center.users.sales.id}`)).toHaveLength(6);
    expect(await numbersIn(`client=${encodeURIComponent("自来水")}`)).toEqual([numbers.soon, numbers.live, numbers.ops]);
    expect(await numbersIn("ending=1")).toEqual([numbers.soon]);
    expect(await numbersIn(`q=${encodeURIComponent("app")}`)).toEqual([numbers.app]);
    expect(await numbersIn("status=bogus")).toHaveLength(6);
    const { workbook } = await download(db(), `category=${cat.gov_service}&status=active`, cookie);
    expect(String(workbook.worksheets[0].getCell("B2").value)).toContain("收入类别：政府购买服务；状态：履行中");
    expect(dataRows(workbook.worksheets[1])).toEqual([]);
  });

  it("lets every signed-in role read it, sends the signed-out to log in, and shows another center only its own", async () => {
    expect((await call(exportRoute.loader, db(), { url: "/contracts/export.xlsx" })).status).toBe(302);
    for (const role of ["sales", "admin", "manager", "auditor"] as const) {
      expect((await call(exportRoute.loader, db(), { url: "/contracts/export.xlsx", cookie: await cookieFor(db(), center.users[role]) })).status).toBe(200);
    }
    const stranger = await makeCenter(db());
    const { workbook } = await download(db(), "", await cookieFor(db(), stranger.users.finance));
    expect(dataRows(workbook.worksheets[0])).toEqual([]);
    expect(dataRows(workbook.worksheets[1])).toEqual([]);
  });
});
