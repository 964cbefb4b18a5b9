// 报表 › 收入目标: managers set a year's targets (total, each top-level category, each sales rep);
// a bad amount is a 400 in Chinese with nothing stored; another center's category or a non-rep is a
// 404; finance and sales neither read nor write; admin and auditor read only. Progress and the
// run-rate forecast come from the facts of the year.
import { beforeAll, describe, expect, it } from "vitest";
import * as targetsPage from "../../app/routes/reports.targets";
import { runRateForecast, type TargetBoard, yearSpan } from "../../app/modules/analytics/targets.server";
import { todayInShanghai } from "../../app/utils/time";
import { categoryIds, insertDashFacts } from "../support/dashboard-facts";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

const today = todayInShanghai();
const Y = Number(today.slice(0, 4));

type PageBody = { year: number; canEdit: boolean; page: { board: TargetBoard; stored: { subject: string; subject_id: string; amount_fen: number }[] } | null; error: string | null };

describe("run-rate forecast", () => {
  it("extends the year so far to the whole year, counting the current month to its end", () => {
    expect(yearSpan(2026, "2026-03-10")).toEqual({ year: 2026, through: "2026-03", daysCounted: 90, daysInYear: 365 });
    expect(runRateForecast(900_000, yearSpan(2026, "2026-03-10"))).toBe(3_650_000);
    // A past year is complete; a year not begun has no forecast; a leap year has 366 days.
    expect(runRateForecast(1_234_567, yearSpan(2025, "2026-03-10"))).toBe(1_234_567);
    expect(runRateForecast(5, yearSpan(2027, "2026-03-10"))).toBeNull();
    expect(yearSpan(2028, "2028-02-01")).toMatchObject({ daysCounted: 60, daysInYear: 366 });
    // MONEY: rounded half-up once: 100 × 365 / 31 = 1177.4…
    expect(runRateForecast(100, yearSpan(2026, "2026-01-31"))).toBe(1177);
  });
});

describeEachDb("income targets", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let cat: Record<string, string>;
  let otherCat: Record<string, string>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    for (const role of ["admin", "sales", "finance", "manager", "auditor"] as const) cookies[role] = await cookieFor(db(), center.users[role]);
    cat = await categoryIds(db(), center.id);
    otherCat = await categoryIds(db(), other.id);
  });

  const page = async (cookie: string, year = Y) => call(targetsPage.loader, db(), { url: `/reports/targets?year=${year}`, cookie });
  const post = (cookie: string, form: Record<string, string>) => call(targetsPage.action, db(), { url: "/reports/targets", cookie, form });
  const stored = async (centerId = center.id) =>
    (await db().selectFrom("revenue_targets").select(["year", "subject", "subject_id", "amount_fen"]).where("center_id", "=", centerId).orderBy("subject").orderBy("subject_id").execute()).map((r) => ({
      ...r, amount_fen: Number(r.amount_fen),
    }));

  /** The trail of target changes, oldest first (they are the audit rows that carry a subject). */
  const targetAudit = async () =>
    (await db().selectFrom("audit_log").select(["action", "before_json", "after_json"]).where("center_id", "=", center.id).orderBy("id").execute()).filter((a) =>
      (a.after_json ?? a.before_json ?? "").includes('"subject"'),
    );

  it("lists the year's subjects: the total, the earned top-level categories and the active sales reps", async () => {
    const res = await page(cookies.manager);
    expect(res.status).toBe(200);
    const body = res.body as PageBody;
    expect(body.canEdit).toBe(true);
    expect(body.page!.board.categories.map((c) => c.name)).toEqual(["传统媒体广告", "新媒体广告", "户外广告", "技术服务", "活动策划执行", "政府购买服务", "文创电商/其他"]);
    expect(body.page!.board.reps.map((r) => r.subject_id)).toEqual([center.users.sales.id]);
  });

  it("stores a manager's targets in fen, audited, and shows progress against the year's facts", async () => {
    const year = Y - 1; // a finished year: its forecast is what it earned
    await insertDashFacts(db(), center.id, [
      { month: `${year}-02`, categoryId: cat["tech.ops"], amountFen: 3_000_000, ownerId: center.users.sales.id },
      { month: `${year}-07`, categoryId: cat["traditional.radio"], amountFen: 1_000_000, ownerId: center.users.sales.id },
      { month: `${year}-07`, categoryId: cat.subsidy, amountFen: 9_000_000, earned: false },
      { month: `${year - 1}-12`, categoryId: cat["tech.ops"], amountFen: 55_500 },
    ]);
    const res = await post(cookies.manager, { year: String(year), total: "80,000.00", [`category.${cat.tech}`]: "50000.5", [`rep.${center.users.sales.id}`]: "20000", [`category.${cat.event}`]: "" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/reports/targets?year=${year}&saved=3`);
    expect(await stored()).toEqual([
      { year, subject: "category", subject_id: cat.tech, amount_fen: 5_000_050 },
      { year, subject: "rep", subject_id: center.users.sales.id, amount_fen: 2_000_000 },
      { year, subject: "total", subject_id: "", amount_fen: 8_000_000 },
    ]);
    expect((await targetAudit()).map((a) => [a.action, JSON.parse(a.after_json!).amount_fen])).toEqual([["create", 8_000_000], ["create", 5_000_050], ["create", 2_000_000]]);

    const board = ((await page(cookies.auditor, year)).body as PageBody).page!.board;
    // Earned income only: the subsidy is not progress.
    expect(board.total).toMatchObject({ target_fen: 8_000_000, actual_fen: 4_000_000, forecast_fen: 4_000_000, progress_bp: 5_000 });
    expect(board.categories.find((c) => c.subject_id === cat.tech)).toMatchObject({ target_fen: 5_000_050, actual_fen: 3_000_000 });
    expect(board.categories.find((c) => c.subject_id === cat.traditional)).toMatchObject({ target_fen: null, actual_fen: 1_000_000 });
    expect(board.reps[0]).toMatchObject({ target_fen: 2_000_000, actual_fen: 4_000_000, progress_bp: 20_000 });
    expect(board.elapsed_bp).toBe(10_000);
  });

  it("updates a changed target, removes a cleared one and leaves the rest", async () => {
    const year = Y - 1;
    const res = await post(cookies.manager, { year: String(year), total: "90000", [`category.${cat.tech}`]: "", [`rep.${center.users.sales.id}`]: "20,000.00" });
    expect(res.headers.get("Location")).toBe(`/reports/targets?year=${year}&saved=2`);
    expect(await stored()).toEqual([
      { year, subject: "rep", subject_id: center.users.sales.id, amount_fen: 2_000_000 },
      { year, subject: "total", subject_id: "", amount_fen: 9_000_000 },
    ]);
    expect((await targetAudit()).slice(3).map((a) => [a.action, JSON.parse((a.after_json ?? a.before_json)!).subject])).toEqual([["update", "total"], ["delete", "category"]]);
  });

  it("refuses a bad amount with a Chinese message and stores nothing", async () => {
    const before = await stored();
    for (const [value, message] of [
      ["12abc", "金额格式不正确：请填写元，最多两位小数"],
      ["-5", "目标金额须大于 0（不设目标请留空）"],
      ["0", "目标金额须大于 0（不设目标请留空）"],
      ["1.234", "金额格式不正确：请填写元，最多两位小数"],
      ["20000000000", "目标金额过大：最多 100 亿元"],
    ]) {
      const res = await post(cookies.manager, { year: String(Y), total: "100000", [`category.${cat.tech}`]: value });
      expect(res.status).toBe(400);
      const body = res.body as { errors: Record<string, string> };
      expect(body.errors[`category.${cat.tech}`]).toBe(message);
      expect(body.errors.form).toBe("有 1 项金额填写有误，未保存任何目标。");
    }
    expect((await post(cookies.manager, { year: "20x6", total: "100" })).status).toBe(400);
    expect((await page(cookies.manager, 1999)).status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it("answers 404 for another center's category or someone who is not a sales rep, storing nothing", async () => {
    const before = await stored();
    expect((await post(cookies.manager, { year: String(Y), total: "1000", [`category.${otherCat.tech}`]: "100" })).status).toBe(404);
    expect((await post(cookies.manager, { year: String(Y), [`rep.${other.users.sales.id}`]: "100" })).status).toBe(404);
    expect((await post(cookies.manager, { year: String(Y), [`rep.${center.users.finance.id}`]: "100" })).status).toBe(404);
    expect((await post(cookies.manager, { year: String(Y), [`category.${cat["tech.ops"]}`]: "100" })).status).toBe(404);
    expect(await stored()).toEqual(before);
    expect(await stored(other.id)).toEqual([]);
  });

  it("lets admin and auditor read, and keeps finance and sales out", async () => {
    for (const role of ["admin", "auditor"]) {
      const res = await page(cookies[role]);
      expect(res.status).toBe(200);
      expect((res.body as PageBody).canEdit).toBe(false);
      expect((await post(cookies[role], { year: String(Y), total: "1" })).status).toBe(403);
    }
    for (const role of ["finance", "sales"]) {
      expect((await page(cookies[role])).status).toBe(403);
      expect((await post(cookies[role], { year: String(Y), total: "1" })).status).toBe(403);
    }
    expect((await stored()).some((r) => r.year === Y)).toBe(false);
  });
});
