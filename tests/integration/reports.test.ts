// The income reports as the browser meets them, on facts inserted by hand: 收入明细表, 收入结构分析,
// 技术服务与传统广告对比 and 客户贡献 add up to the hand-computed sums with earned income and fiscal
// subsidy apart; every filter narrows; bad months are refused in Chinese; another center's ids
// answer 404; sales are kept out.
import { beforeAll, describe, expect, it } from "vitest";
import * as clientsPage from "../../app/routes/reports.clients";
import * as incomePage from "../../app/routes/reports.income";
import * as indexPage from "../../app/routes/reports._index";
import * as layout from "../../app/routes/reports";
import * as structurePage from "../../app/routes/reports.structure";
import * as tvaPage from "../../app/routes/reports.tech-vs-ads";
import type { IncomeDetail } from "../../app/modules/analytics/reports/income.server";
import type { StructureReport } from "../../app/modules/analytics/reports/structure.server";
import type { TechVsAdsReport } from "../../app/modules/analytics/reports/tech-vs-ads.server";
import type { ReportTable } from "../../app/modules/analytics/reports/table";
import { currentMonth } from "../../app/modules/analytics/reports/filters.server";
import { addMonths } from "../../app/modules/analytics/series";
import { describeEachDb } from "../support/db";
import { EXPECT, PERIOD, reportScenario, type ReportScenario } from "../support/report-facts";
import { call } from "../support/routes";

type Loader = Parameters<typeof call>[0];
type Shell = { error: string | null; closing: string };

describeEachDb("reports: income, structure, tech vs ads, clients", ({ db }) => {
  let s: ReportScenario;
  beforeAll(async () => {
    s = await reportScenario(db());
  });
  const get = (loader: Loader, url: string, cookie?: string) => call(loader, db(), { url, cookie: cookie ?? s.cookies.manager });
  const income = async (query: string) => {
    const out = await get(incomePage.loader, `/reports/income?${PERIOD}&${query}`);
    expect(out.status).toBe(200);
    return (out.body as { detail: IncomeDetail }).detail;
  };

  it("lists the income lines of the period with earned income and fiscal subsidy totalled apart", async () => {
    const d = await income("");
    expect(d.earnedFen).toBe(EXPECT.earned);
    expect(d.subsidyFen).toBe(EXPECT.subsidy);
    expect(d.lineCount).toBe(10);
    expect(d.lines.filter((l) => l.earned === 1).reduce((sum, l) => sum + l.amount_fen, 0)).toBe(EXPECT.earned);
    expect(d.lines.every((l) => l.month >= "2025-01" && l.month <= "2025-06")).toBe(true);
    const adjustment = d.lines.find((l) => l.for_month !== l.month)!;
    expect(adjustment).toMatchObject({ month: "2025-05", for_month: "2025-02", amount_fen: 12_000, client_name: `报表客户甲${s.center.code}`, category_name: "传统媒体广告/电视" });
    expect(d.lines.find((l) => l.origin === "credit")).toMatchObject({ month: "2025-05", amount_fen: -30_000 });
    const page = (await get(incomePage.loader, `/reports/income?${PERIOD}`)).body as { closing: string; future: string | null };
    expect(page.closing).toBe("尚无关账月份：各月数字会随订单、合同、红字发票的变更而调整");
    expect(page.future).toBeNull();
    const month = currentMonth();
    const ahead = (await get(incomePage.loader, `/reports/income?from=${month}&to=${addMonths(month, 2)}`)).body as { future: string | null };
    expect(ahead.future).toBe(`所选期间含 ${month} 以后尚未到来的月份：这些月份的数字是按当前订单与合同排期将会确认的收入，并非已实现。`);
  });

  it("marks a correction of a closed month as 调整（所属 YYYY-MM） and shows the closing note", async () => {
    await db().updateTable("revenue_closings").set({ closed_through: "2025-03", closed_at: "2025-04-02T01:00:00.000Z", closed_by: s.center.users.finance.id }).where("center_id", "=", s.center.id).execute();
    const { incomeTable } = await import("../../app/modules/analytics/reports/income-tables");
    const d = await income("");
    const table = incomeTable(d);
    expect(table.rows.find((r) => r.cells[1] === "调整（所属 2025-02）")?.cells[10]).toBe(12_000);
    expect(table.totals[0].cells.slice(10)).toEqual([EXPECT.earned, EXPECT.subsidy]);
    const page = (await get(incomePage.loader, `/reports/income?${PERIOD}`)).body as Shell;
    expect(page.closing).toBe("2025-03 及以前已关账，之后对这些月份的更正计入更正当月");
    await db().updateTable("revenue_closings").set({ closed_through: null, closed_at: null, closed_by: null }).where("center_id", "=", s.center.id).execute();
  });

  it("narrows by client, category (top or leaf), medium, sales rep and period", async () => {
    expect((await income(`client=${s.c1}`)).earnedFen).toBe(EXPECT.c1);
    expect((await income(`client=${s.c1}`)).subsidyFen).toBe(0);
    expect((await income(`client=${s.c2}`)).earnedFen).toBe(EXPECT.c2);
    expect((await income(`category=${s.cat.traditional}`)).earnedFen).toBe(EXPECT.traditional);
    expect((await income(`category=${s.cat["traditional.tv"]}`)).earnedFen).toBe(EXPECT.traditional);
    expect((await income(`category=${s.cat["traditional.radio"]}`)).lineCount).toBe(0);
    expect((await income(`category=${s.cat.subsidy}`)).subsidyFen).toBe(EXPECT.subsidy);
    expect((await income("medium=tv")).earnedFen).toBe(EXPECT.traditional);
    expect((await income("medium=outdoor_static")).lineCount).toBe(2);
    expect((await income(`rep=${s.center.users.manager.id}`)).earnedFen).toBe(EXPECT.manager);
    expect((await income(`rep=${s.center.users.sales.id}&medium=app_splash`)).earnedFen).toBe(EXPECT.newMedia);
    const march = (await get(incomePage.loader, "/reports/income?from=2025-03&to=2025-03")).body as { detail: IncomeDetail };
    expect(march.detail.earnedFen).toBe(400_000);
  });

  it("shows the structure by category with shares of earned income and the change on a year before", async () => {
    const out = await get(structurePage.loader, `/reports/structure?${PERIOD}`, s.cookies.finance);
    expect(out.status).toBe(200);
    const r = (out.body as { report: StructureReport }).report;
    const top = (code: string) => r.earned.find((c) => c.id === s.cat[code])!;
    expect(r.earnedTotal).toEqual({ current: EXPECT.earned, prior: EXPECT.priorTraditional + EXPECT.priorTech });
    expect(r.subsidyTotal).toEqual({ current: EXPECT.subsidy, prior: 0 });
    expect(top("traditional")).toMatchObject({ current: EXPECT.traditional, prior: EXPECT.priorTraditional });
    expect(top("traditional").children.find((c) => c.id === s.cat["traditional.tv"])).toMatchObject({ current: EXPECT.traditional });
    expect(top("tech")).toMatchObject({ current: EXPECT.tech, prior: EXPECT.priorTech });
    expect(top("outdoor").current).toBe(EXPECT.outdoor);
    expect(top("new_media").current).toBe(EXPECT.newMedia);
    expect(r.subsidy.map((c) => c.id)).toEqual([s.cat.subsidy]);
    expect(r.earned.some((c) => c.id === s.cat.subsidy)).toBe(false);
    expect(r.nonAds.current).toBe(EXPECT.tech);
    expect(r.months.map((m) => m.earned)).toEqual([200_000, 150_000, 400_000, 80_000, -18_000, 40_000]);
    expect(r.months.map((m) => m.subsidy)).toEqual([0, 500_000, 0, 0, 0, 0]);
    expect(r.months[2].byTop[s.cat.tech]).toBe(300_000);

    const { structureTables } = await import("../../app/modules/analytics/reports/structure-tables");
    const [byCategory] = structureTables(r, "2025-01 至 2025-06");
    const row = (name: string) => byCategory.rows.find((x) => x.cells[0] === name)!.cells.slice(1);
    // 450,000 of 852,000 = 52.82 %; +400,000 on 50,000 = +800 %.
    expect(row("技术服务")).toEqual([EXPECT.tech, 5282, EXPECT.priorTech, 400_000, 80_000]);
    expect(byCategory.rows.filter((x) => !x.mark).reduce((sum, x) => sum + (x.cells[2] as number), 0)).toBe(10_000);
    expect(byCategory.totals.map((x) => x.cells[0])).toEqual(["创收合计", "其中：非广告收入", "财政补助合计（不计入创收）"]);
    expect(byCategory.totals[2].cells[1]).toBe(EXPECT.subsidy);
  });

  it("narrows the structure by category and client", async () => {
    const tech = ((await get(structurePage.loader, `/reports/structure?${PERIOD}&category=${s.cat.tech}`)).body as { report: StructureReport }).report;
    expect(tech.earned.map((c) => c.id)).toEqual([s.cat.tech]);
    expect(tech.earnedTotal.current).toBe(EXPECT.tech);
    expect(tech.subsidyTotal.current).toBe(0);
    const c1 = ((await get(structurePage.loader, `/reports/structure?${PERIOD}&client=${s.c1}`)).body as { report: StructureReport }).report;
    expect(c1.earnedTotal).toEqual({ current: EXPECT.c1, prior: 100_000 });
  });

  it("compares technical services with traditional advertising month by month and finds the crossover", async () => {
    const out = await get(tvaPage.loader, `/reports/tech-vs-ads?${PERIOD}`, s.cookies.auditor);
    expect(out.status).toBe(200);
    const r = (out.body as { report: TechVsAdsReport }).report;
    expect(r.months.map((m) => m.month)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]);
    expect(r.months.map((m) => m.tech)).toEqual([0, 150_000, 300_000, 0, 0, 0]);
    expect(r.months.map((m) => m.traditional)).toEqual([200_000, 0, 100_000, 0, -18_000, 0]);
    expect(r.months.map((m) => m.allAds)).toEqual([200_000, 0, 100_000, 80_000, -18_000, 40_000]);
    // Over the whole history: 2024-03 (technical 50,000 against no traditional advertising) was the first.
    expect(r.crossover).toEqual({ month: "2024-03", aheadFromStart: false, historyFrom: "2024-02" });
    expect(r.months[1].techPrior).toBe(0);
    expect(r.months[2].techPrior).toBe(50_000);
    // Running 12 months to 2025-03: 2024-04 … 2025-03.
    expect(r.months[2].tech12).toBe(450_000);
    expect(r.months[0].traditional12).toBe(300_000);
    expect(r.totals).toMatchObject({ tech: EXPECT.tech, traditional: EXPECT.traditional, allAds: EXPECT.traditional + EXPECT.outdoor + EXPECT.newMedia });
    const later = ((await get(tvaPage.loader, "/reports/tech-vs-ads?from=2025-02&to=2025-04")).body as { report: TechVsAdsReport }).report;
    expect(later.crossover).toEqual({ month: "2024-03", aheadFromStart: false, historyFrom: "2024-02" });
    expect(later.months.map((m) => m.month)).toEqual(["2025-02", "2025-03", "2025-04"]);
  });

  it("ranks clients by earned income with their shares and a year before; subsidy apart", async () => {
    const out = await get(clientsPage.loader, `/reports/clients?${PERIOD}`);
    expect(out.status).toBe(200);
    const d = out.body as { table: ReportTable; earnedFen: number; subsidyFen: number; clientCount: number };
    expect(d.earnedFen).toBe(EXPECT.earned);
    expect(d.subsidyFen).toBe(EXPECT.subsidy);
    expect(d.clientCount).toBe(2);
    expect(d.table.rows.map((r) => r.cells.slice(0, 5))).toEqual([
      [1, `报表客户乙${s.center.code}`, EXPECT.c2, 5751, 50_000],
      [2, `报表客户甲${s.center.code}`, EXPECT.c1, 4249, 100_000],
    ]);
    expect(d.table.totals[0].cells[2]).toBe(EXPECT.earned);
    expect(d.table.totals[1].cells[2]).toBe(EXPECT.subsidy);
    const onlyTech = (await get(clientsPage.loader, `/reports/clients?${PERIOD}&category=${s.cat.tech}`)).body as { table: ReportTable };
    expect(onlyTech.table.rows.map((r) => r.cells[2])).toEqual([EXPECT.tech]);
  });

  describe("refusals", () => {
    const pages: [string, Loader][] = [
      ["income", incomePage.loader],
      ["structure", structurePage.loader],
      ["tech-vs-ads", tvaPage.loader],
      ["clients", clientsPage.loader],
    ];

    it("refuses months that are not months with 400 and a Chinese message", async () => {
      for (const [name, loader] of pages) {
        const bad = await get(loader, `/reports/${name}?from=2025-13&to=2025-06`);
        expect(bad.status).toBe(400);
        expect((bad.body as Shell).error).toBe("开始月份无效，请按 年-月 填写（如 2026-03）");
        const reversed = await get(loader, `/reports/${name}?from=2025-06&to=2025-01`);
        expect(reversed.status).toBe(400);
        expect((reversed.body as Shell).error).toBe("结束月份不能早于开始月份");
      }
      expect(((await get(incomePage.loader, "/reports/income?from=2025-01&to=2025")).body as Shell).error).toBe("结束月份无效，请按 年-月 填写（如 2026-03）");
      expect(((await get(incomePage.loader, "/reports/income?from=2000-01&to=2025-01")).body as Shell).error).toBe("期间最长 10 年，请缩短期间");
      expect(((await get(incomePage.loader, `/reports/income?${PERIOD}&medium=cinema`)).body as Shell).error).toBe("媒体类型无效");
    });

    it("answers another center's client, category or rep with 404", async () => {
      const theirs = await import("../support/report-facts").then((m) => m.categoriesOf(db(), s.other.id));
      for (const [name, loader] of pages) {
        expect((await get(loader, `/reports/${name}?${PERIOD}&client=${s.foreignClient}`)).status).toBe(404);
        expect((await get(loader, `/reports/${name}?${PERIOD}&category=${theirs.tech}`)).status).toBe(404);
        expect((await get(loader, `/reports/${name}?${PERIOD}&rep=${s.other.users.sales.id}`)).status).toBe(404);
        expect((await get(loader, `/reports/${name}?${PERIOD}&rep=nobody`)).status).toBe(404);
      }
    });

    it("keeps sales out of the section and every report", async () => {
      expect((await get(layout.loader, "/reports", s.cookies.sales)).status).toBe(403);
      expect((await get(indexPage.loader, "/reports", s.cookies.sales)).status).toBe(403);
      for (const [name, loader] of pages) expect((await get(loader, `/reports/${name}?${PERIOD}`, s.cookies.sales)).status).toBe(403);
      const index = await get(indexPage.loader, "/reports", s.cookies.finance);
      expect(index.status).toBe(302);
      expect(index.headers.get("Location")).toBe("/reports/income");
      const tabs = (await get(layout.loader, "/reports", s.cookies.finance)).body as { tabs: { href: string }[] };
      expect(tabs.tabs.map((x) => x.href)).toContain("/reports/statistics");
    });

    it("shows another center none of these figures", async () => {
      const theirs = (await get(incomePage.loader, `/reports/income?${PERIOD}`, s.cookies.otherManager)).body as { detail: IncomeDetail };
      expect(theirs.detail.earnedFen).toBe(7_777_700);
      expect(theirs.detail.lines.map((l) => l.client_name)).toEqual([`他人客户${s.other.code}`]);
    });
  });
});
