// 统计年报: a year's income under the national headings through the default mapping, an admin's
// changes (own row, inherited by leaves, cleared again; audited), and the refusals: others than
// the admin 403, an unknown heading or category 400 with nothing stored, subsidy kept apart.
import { beforeAll, expect, it } from "vitest";
import * as statisticsPage from "../../app/routes/reports.statistics";
import type { StatisticsReturn } from "../../app/modules/analytics/reports/statistics.server";
import { describeEachDb } from "../support/db";
import { categoriesOf, EXPECT, insertFacts, reportScenario, type ReportScenario } from "../support/report-facts";
import { call } from "../support/routes";

const TV_2025 = 282_000 + 999_999;

describeEachDb("reports: statistics return", ({ db }) => {
  let s: ReportScenario;
  beforeAll(async () => {
    s = await reportScenario(db());
    await insertFacts(db(), s.center.id, [{ month: "2025-08", categoryId: s.cat["traditional.newspaper"], amountFen: 10_000 }]);
  });
  const load = async (cookie = s.cookies.auditor) => {
    const out = await call(statisticsPage.loader, db(), { url: "/reports/statistics?year=2025", cookie });
    expect(out.status).toBe(200);
    return (out.body as { report: StatisticsReturn; canEdit: boolean });
  };
  const amounts = (r: StatisticsReturn) => Object.fromEntries(r.headings.map((h) => [h.heading, h.amount_fen]));
  const post = (form: Record<string, string>, cookie = s.cookies.admin) => call(statisticsPage.action, db(), { url: "/reports/statistics?year=2025", cookie, form });
  const stored = () => db().selectFrom("stat_mappings").selectAll().where("center_id", "=", s.center.id).orderBy("category_id").execute();

  it("totals the year under the default headings, newspaper as other advertising, subsidy apart", async () => {
    const { report, canEdit } = await load();
    expect(canEdit).toBe(false);
    expect(amounts(report)).toEqual({ broadcast_ads: TV_2025, new_media_ads: EXPECT.newMedia, other_ads: EXPECT.outdoor + 10_000, tech_and_other: EXPECT.tech, subsidy: EXPECT.subsidy, excluded: 0 });
    expect(report.earnedTotal).toBe(TV_2025 + EXPECT.newMedia + EXPECT.outdoor + 10_000 + EXPECT.tech);
    expect(report.subsidyTotal).toBe(EXPECT.subsidy);
    const other = report.headings.find((h) => h.heading === "other_ads")!;
    expect(other.categories.map((c) => [c.name, c.source, c.amount_fen])).toEqual([
      ["传统媒体广告/报纸", "default", 10_000],
      ["户外广告/静态户外", "default", EXPECT.outdoor],
    ]);
    expect(report.mapping.find((c) => c.id === s.cat["traditional.newspaper"])).toMatchObject({ heading: "other_ads", source: "default", own: null });
    const empty = (await call(statisticsPage.loader, db(), { url: "/reports/statistics?year=2023", cookie: s.cookies.finance })).body as { report: StatisticsReturn };
    expect(empty.report.earnedTotal).toBe(0);
  });

  it("lets the admin map a category; its leaves follow; clearing the row restores the default; every change audited", async () => {
    expect((await load(s.cookies.admin)).canEdit).toBe(true);
    const moved = await post({ category_id: s.cat.traditional, heading: "other_ads" });
    expect(moved.status).toBe(302);
    let r = (await load()).report;
    expect(amounts(r)).toMatchObject({ broadcast_ads: 0, other_ads: TV_2025 + EXPECT.outdoor + 10_000 });
    expect(r.mapping.find((c) => c.id === s.cat["traditional.tv"])).toMatchObject({ heading: "other_ads", source: "parent" });

    await post({ category_id: s.cat["traditional.tv"], heading: "excluded" });
    r = (await load()).report;
    expect(amounts(r)).toMatchObject({ other_ads: EXPECT.outdoor + 10_000, excluded: TV_2025 });
    expect(r.earnedTotal).toBe(EXPECT.newMedia + EXPECT.outdoor + 10_000 + EXPECT.tech);

    await post({ category_id: s.cat["traditional.tv"], heading: "" });
    await post({ category_id: s.cat.traditional, heading: "" });
    expect(await stored()).toEqual([]);
    expect(amounts((await load()).report).broadcast_ads).toBe(TV_2025);

    const trail = await db().selectFrom("audit_log").select(["entity", "entity_id", "action", "before_json", "after_json", "user_id"]).where("center_id", "=", s.center.id).where("action", "=", "stat_mapping").orderBy("at").orderBy("id").execute();
    expect(trail).toHaveLength(4);
    expect(trail[0]).toMatchObject({ entity: "category", entity_id: s.cat.traditional, user_id: s.center.users.admin.id });
    expect(JSON.parse(trail[0].after_json!)).toEqual({ stat_heading: "other_ads" });
    expect(JSON.parse(trail[3].before_json!)).toEqual({ stat_heading: "other_ads" });
  });

  it("refuses others than the admin, unknown headings and categories, and subsidy mixed with earned income", async () => {
    for (const role of ["manager", "finance", "auditor"] as const) expect((await post({ category_id: s.cat.tech, heading: "other_ads" }, s.cookies[role])).status).toBe(403);
    expect((await post({ category_id: s.cat.tech, heading: "other_ads" }, s.cookies.sales)).status).toBe(403);
    const badHeading = await post({ category_id: s.cat.tech, heading: "cinema" });
    expect(badHeading.status).toBe(400);
    expect((badHeading.body as { error: string }).error).toBe("统计项目无效，请从列表中选择");
    const unknown = await post({ category_id: "01NOTACATEGORY0000000000000", heading: "other_ads" });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: string }).error).toBe("收入类别不存在");
    const theirs = await categoriesOf(db(), s.other.id);
    expect((await post({ category_id: theirs.tech, heading: "other_ads" })).status).toBe(400);
    const subsidy = await post({ category_id: s.cat.subsidy, heading: "tech_and_other" });
    expect(subsidy.status).toBe(400);
    expect((subsidy.body as { error: string }).error).toBe("“财政补助”是财政补助类别，只能归入财政补助收入或不计入");
    expect((await post({ category_id: s.cat["tech.ops"], heading: "subsidy" })).status).toBe(400);
    expect(await stored()).toEqual([]);
    expect(await db().selectFrom("stat_mappings").selectAll().where("center_id", "=", s.other.id).execute()).toEqual([]);
  });

  it("refuses a year that is not one, and sales", async () => {
    const bad = await call(statisticsPage.loader, db(), { url: "/reports/statistics?year=25", cookie: s.cookies.manager });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: string }).error).toBe("年份无效，请填写 2000 至 2100 之间的四位年份");
    expect((await call(statisticsPage.loader, db(), { url: "/reports/statistics", cookie: s.cookies.sales })).status).toBe(403);
  });
});
