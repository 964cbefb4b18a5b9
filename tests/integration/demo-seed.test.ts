// The demo that `npm start` seeds is what people first see: it must hold every medium, in believable
// numbers, with rows the app itself would accept (categories, rate cards, permits), on both
// databases. seedDemo only fills an empty database, so each dialect gets a fresh one here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import type { Medium } from "../../db/schema";
import type { Scope } from "../../app/modules/auth/scope";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { MEDIA, MEDIUM_CODES } from "../../app/modules/inventory/model";
import { quote } from "../../app/modules/inventory/quote";
import { cardsForQuote } from "../../app/modules/inventory/rate-cards.server";
import { expiringLeases, expiringPermits } from "../../app/modules/inventory/sites.server";
import { listUnits } from "../../app/modules/inventory/units.server";
import { dailyUsage } from "../../app/modules/booking/capacity.server";
import { orderStage } from "../../app/modules/booking/model";
import { endingSoonContracts, lateMilestones } from "../../app/modules/contracts/views.server";
import { incomeEntries } from "../../app/modules/income/sources.server";
import { issueProblems } from "../../app/modules/billing/bills.server";
import { generateBills } from "../../app/modules/billing/generate.server";
import { aging, openAmounts } from "../../app/modules/billing/receivables.server";
import { factTotals } from "../../app/modules/analytics/facts-query.server";
import { addMonths, firstCrossover, monthRange } from "../../app/modules/analytics/series";
import { closedThrough } from "../../app/modules/revenue/closing.server";
import { checkRevenue } from "../../app/modules/revenue/facts.server";
import { nowIso, todayInShanghai } from "../../app/utils/time";
import { http, HttpResponse } from "msw";
import { REMINDER_KINDS } from "../../app/modules/notify/kinds";
import { runDaily } from "../../app/modules/notify/daily.server";
import { dingtalkSign } from "../../app/modules/notify/robots.server";
import { DEMO_ROBOTS } from "../../scripts/lib/demo-seed-robots";
import { mockServer } from "../mocks/server";
import { seedDemo } from "../../scripts/lib/demo-seed";
import { dialectsUnderTest, freshDatabase } from "../support/db";


async function adminScope(db: AppDb, code: string): Promise<Scope> {
  const row = await db
    .selectFrom("centers")
    .innerJoin("users", "users.center_id", "centers.id")
    .select(["centers.id as centerId", "users.id as userId"])
    .where("centers.code", "=", code)
    .where("users.role", "=", "admin")
    .executeTakeFirstOrThrow();
  return { centerId: row.centerId, userId: row.userId, role: "admin" };
}

const today = todayInShanghai();

for (const { dialect } of dialectsUnderTest()) {
  describe(`demo seed [${dialect}]`, () => {
    let db: AppDb;
    let drop: () => Promise<void>;
    let demo: Scope;
    let small: Scope;

    beforeAll(async () => {
      ({ db, drop } = await freshDatabase(dialect, "rm_seed"));
      expect(await seedDemo(db, { password: "Demo-pass-2026" })).not.toBeNull();
      demo = await adminScope(db, "demo");
      small = await adminScope(db, "xiaohe");
    });
    afterAll(async () => {
      await drop?.();
    });

    const unitsByMedium = async (scope: Scope) => {
      const rows = await db.selectFrom("units").select("medium").where("center_id", "=", scope.centerId).execute();
      const counts = Object.fromEntries(MEDIUM_CODES.map((m) => [m, 0])) as Record<Medium, number>;
      for (const r of rows) counts[r.medium]++;
      return counts;
    };

    it("seeds only an empty database", async () => {
      expect(await seedDemo(db, { password: "Demo-pass-2026" })).toBeNull();
    });

    it("gives the demo center outdoor sites with faces and LED screens, and every other medium", async () => {
      const sites = await db.selectFrom("sites").select(["facility_type", "district"]).where("center_id", "=", demo.centerId).execute();
      expect(sites.length).toBeGreaterThanOrEqual(30);
      expect(new Set(sites.map((s) => s.facility_type))).toEqual(new Set(["unipole", "wall", "lightbox", "trivision", "bus_shelter", "kiosk", "street_flag", "hoarding", "led_screen"]));
      expect(new Set(sites.map((s) => s.district)).size).toBeGreaterThanOrEqual(5);
      const counts = await unitsByMedium(demo);
      expect(counts.outdoor_static).toBeGreaterThanOrEqual(55);
      expect(counts.led).toBe(3);
      for (const medium of MEDIUM_CODES) expect(counts[medium], medium).toBeGreaterThan(0);
      const leds = await db.selectFrom("units").select(["loop_seconds", "spot_seconds", "capacity"]).where("center_id", "=", demo.centerId).where("medium", "=", "led").orderBy("spot_seconds").execute();
      expect(leds).toEqual([
        { loop_seconds: 60, spot_seconds: 5, capacity: 12 },
        { loop_seconds: 60, spot_seconds: 10, capacity: 6 },
        { loop_seconds: 60, spot_seconds: 15, capacity: 4 },
      ]);
    });

    it("maps every unit to its medium's category and gives it at least one rate card", async () => {
      const units = await db
        .selectFrom("units")
        .innerJoin("revenue_categories as cat", (join) => join.onRef("cat.id", "=", "units.category_id").onRef("cat.center_id", "=", "units.center_id"))
        .select(["units.id", "units.code", "units.medium", "cat.code as category_code"])
        .where("units.center_id", "=", demo.centerId)
        .execute();
      const total = await db.selectFrom("units").select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", demo.centerId).executeTakeFirstOrThrow();
      expect(units.length).toBe(Number(total.n));
      for (const u of units) expect(u.category_code, u.code).toBe(MEDIA[u.medium].categoryCode);
      const carded = await db.selectFrom("rate_cards").select("unit_id").distinct().where("center_id", "=", demo.centerId).execute();
      expect(new Set(carded.map((c) => c.unit_id))).toEqual(new Set(units.map((u) => u.id)));
    });

    it("has a permit for every outdoor site, some expiring within 30 days and one lapsed, and leases ending soon", async () => {
      const unpermitted = await db
        .selectFrom("sites")
        .select("code")
        .where("center_id", "=", demo.centerId)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom("permits").select("permits.id").whereRef("permits.site_id", "=", "sites.id"))))
        .execute();
      expect(unpermitted).toEqual([]);
      expect((await expiringPermits(db, demo, today, addDays(today, 30))).length).toBeGreaterThanOrEqual(1);
      expect((await expiringPermits(db, demo, today, addDays(today, 90))).length).toBeGreaterThanOrEqual(4);
      const lapsed = await listUnits(db, demo, { permit: "expired" }, { today, expiringBy: addDays(today, 30) });
      expect(lapsed.total).toBeGreaterThanOrEqual(1);
      const leases = await db.selectFrom("leases").select("annual_rent_fen").where("center_id", "=", demo.centerId).execute();
      expect(leases.length).toBeGreaterThanOrEqual(10);
      expect((await expiringLeases(db, demo, today, addDays(today, 90))).length).toBeGreaterThanOrEqual(2);
    });

    it("has units in maintenance and one disabled", async () => {
      const statuses = await db.selectFrom("units").select(["status", "maintenance_from", "maintenance_to"]).where("center_id", "=", demo.centerId).where("status", "<>", "available").execute();
      const maintenance = statuses.filter((s) => s.status === "maintenance");
      expect(maintenance.length).toBeGreaterThanOrEqual(1);
      expect(maintenance.length).toBeLessThanOrEqual(2);
      for (const m of maintenance) expect(m.maintenance_from! <= m.maintenance_to!).toBe(true);
      expect(statuses.filter((s) => s.status === "disabled")).toHaveLength(1);
    });

    it("quotes from the seeded rate cards: a unipole face by the month, a TV spot with 正一", async () => {
      const unitId = async (code: string) => (await db.selectFrom("units").select("id").where("center_id", "=", demo.centerId).where("code", "=", code).executeTakeFirstOrThrow()).id;
      const nextMonth = `${addDays(`${today.slice(0, 8)}01`, 31).slice(0, 8)}01`;
      const monthEnd = addDays(`${addDays(nextMonth, 31).slice(0, 8)}01`, -1);
      const face = quote({ cards: await cardsForQuote(db, demo, await unitId("CG-DLZ01-A")), from: nextMonth, to: monthEnd, quantity: 1 });
      expect(face).toMatchObject({ ok: true, totalFen: 1_800_000 }); // ¥18,000 for a whole month

      const tvCards = await cardsForQuote(db, demo, await unitId("TV-HJ"));
      expect(tvCards).toHaveLength(3); // 25 months ago, a year ago, last month
      const current = [...tvCards].sort((x, y) => (x.effectiveFrom < y.effectiveFrom ? 1 : -1))[0]; // all have begun; the newest applies
      expect(current.spotPrices).toHaveLength(12);
      expect(current).toMatchObject({ minDays: 7, surchargeFirstBp: 2000, surchargeLastBp: 1500 });
      const spot = current.spotPrices.find((p) => p.daypart === "special" && p.seconds === 15)!.priceFen;
      const tv = quote({ cards: tvCards, from: addDays(today, 1), to: addDays(today, 7), quantity: 2, daypart: "special", seconds: 15, position: "first" });
      expect(tv).toMatchObject({ ok: true, baseFen: spot * 14, totalFen: spot * 14 * 1.2 });
      const tooShort = quote({ cards: tvCards, from: addDays(today, 1), to: addDays(today, 3), quantity: 1, daypart: "a", seconds: 5 });
      expect(tooShort).toMatchObject({ ok: false, code: "min_days" });
    });

    it("books orders and events around today in every stage, through the booking service", async () => {
      const now = nowIso();
      const orders = await db.selectFrom("orders").selectAll().where("center_id", "=", demo.centerId).orderBy("number").execute();
      expect(orders.length).toBeGreaterThanOrEqual(12);
      const stages = orders.map((o) => orderStage(o, today, now));
      for (const stage of ["running", "confirmed", "hold", "cancelled", "completed", "draft"] as const) expect(stages, stage).toContain(stage);
      // Numbered by the app, gapless from the first of each year (two years of history before this one).
      const years = [...new Set(orders.map((o) => o.number.slice(2, 6)))];
      expect(years.length).toBe(3);
      for (const year of years) {
        const numbers = orders.filter((o) => o.number.startsWith(`DD${year}-`)).map((o) => o.number);
        expect(numbers).toEqual(numbers.map((_, i) => `DD${year}-${String(i + 1).padStart(6, "0")}`));
      }
      expect(orders.find((o) => o.status === "cancelled")!.cancel_reason).not.toBe("");
      const regulatedHold = orders.find((o) => o.status === "hold" && o.ad_category === "health_food");
      expect(regulatedHold?.approval_number).toBe("");
      expect(orders.filter((o) => o.status === "confirmed" && o.ad_category !== "general").every((o) => o.approval_number !== "")).toBe(true);

      const lines = await db
        .selectFrom("order_lines")
        .innerJoin("units", "units.id", "order_lines.unit_id")
        .select(["order_lines.state", "order_lines.kind", "order_lines.quantity", "order_lines.seconds", "order_lines.daypart", "order_lines.daily_use", "order_lines.net_fen", "units.medium", "units.code"])
        .where("order_lines.center_id", "=", demo.centerId)
        .execute();
      expect(lines.filter((l) => l.state === "queued")).toHaveLength(1);
      expect(lines.some((l) => l.kind === "bonus" && Number(l.net_fen) === 0)).toBe(true);
      expect(lines.some((l) => l.kind === "public_service")).toBe(true);
      const tv = lines.find((l) => l.medium === "tv")!;
      expect(tv.daypart).not.toBeNull();
      expect(Number(tv.daily_use)).toBe(tv.quantity * tv.seconds!);

      const capacity = new Map((await db.selectFrom("units").select(["id", "capacity"]).where("center_id", "=", demo.centerId).execute()).map((u) => [u.id, u.capacity]));
      const usage = await dailyUsage(db, demo.centerId, { from: addDays(today, -62), to: addDays(today, 62), now }, null);
      expect(usage.size).toBeGreaterThanOrEqual(10);
      for (const [unitId, days] of usage) expect(Math.max(...days), unitId).toBeLessThanOrEqual(capacity.get(unitId)!);
      expect(await db.selectFrom("orders").select("id").where("center_id", "=", small.centerId).execute()).toEqual([]);
      const events = await db.selectFrom("events").select(["id", "status"]).where("center_id", "=", demo.centerId).execute();
      expect(new Set(events.map((e) => e.status))).toEqual(new Set(["planning", "confirmed", "done", "cancelled"]));
      const sponsors = await db.selectFrom("event_sponsors").select("event_id").where("center_id", "=", demo.centerId).execute();
      expect(sponsors.length).toBeGreaterThan(0);
    });

    it("has technical-service contracts of every kind and two government purchases, in every status, earning month by month", async () => {
      const contracts = await db
        .selectFrom("contracts as k")
        .innerJoin("revenue_categories as c", "c.id", "k.category_id")
        .select(["k.id", "k.number", "k.status", "k.amount_fen", "k.approved_by", "k.pricing", "c.code"])
        .where("k.center_id", "=", demo.centerId)
        .execute();
      const tech = contracts.filter((k) => k.code.startsWith("tech."));
      expect(tech.length).toBeGreaterThanOrEqual(12);
      expect(new Set(tech.map((k) => k.code)).size).toBeGreaterThanOrEqual(5);
      expect(contracts.filter((k) => k.code === "gov_service")).toHaveLength(2);
      expect(new Set(contracts.map((k) => k.status))).toEqual(new Set(["draft", "pending", "signed", "active", "accepted", "completed", "terminated"]));
      expect(new Set(contracts.map((k) => k.pricing))).toEqual(new Set(["milestone", "monthly", "tm"]));
      expect(new Set(contracts.map((k) => k.number)).size).toBe(contracts.length);
      // Above the ¥50,000 threshold, signing waited for the manager.
      const manager = await db.selectFrom("users").select("id").where("center_id", "=", demo.centerId).where("role", "=", "manager").executeTakeFirstOrThrow();
      for (const k of contracts.filter((k) => !["draft", "pending"].includes(k.status) && Number(k.amount_fen) > 5_000_000)) expect(k.approved_by, k.number).toBe(manager.id);
      expect(contracts.find((k) => k.status === "pending")!.approved_by).toBeNull();

      expect((await endingSoonContracts(db, demo, today)).total).toBeGreaterThanOrEqual(2);
      expect((await lateMilestones(db, demo, today)).total).toBeGreaterThanOrEqual(1);
      const delivered = await db.selectFrom("contract_deliverables").select(["kind", "url"]).where("center_id", "=", demo.centerId).execute();
      for (const kind of ["app", "system", "live", "video", "account"]) expect(delivered.some((x) => x.kind === kind && x.url.startsWith("https://")), kind).toBe(true);

      // Technical-service income in (nearly) every month of the last two years.
      const from = `${addDays(today, -700).slice(0, 7)}-01`;
      const income = (await incomeEntries(db, demo, { period: { from, to: today } })).filter((e) => e.source.kind === "contract");
      const months = new Set(income.filter((e) => e.serviceFrom <= today).map((e) => e.serviceFrom.slice(0, 7)));
      expect(months.size).toBeGreaterThanOrEqual(22);
      expect(income.some((e) => e.key.includes(":milestone:")) && income.some((e) => e.key.includes(":month:")) && income.some((e) => e.key.includes(":log:"))).toBe(true);
      expect(income.some((e) => e.key.endsWith(":settlement"))).toBe(true);
      expect(await db.selectFrom("contracts").select("id").where("center_id", "=", small.centerId).execute()).toEqual([]);
    });

    it("has a year of bills issued, mostly paid, some overdue, and this month left to bill, with one client's tax id missing", async () => {
      const bills = await db.selectFrom("bills").select(["id", "number", "kind", "status", "issue_date"]).where("center_id", "=", demo.centerId).orderBy("number").execute();
      expect(bills.every((b) => b.status === "issued")).toBe(true);
      expect(bills.filter((b) => b.kind === "credit")).toHaveLength(1);
      // Gapless per year, in issue-date order.
      for (const year of new Set(bills.map((b) => b.number!.slice(2, 6)))) {
        const ofYear = bills.filter((b) => b.number!.startsWith(`ZD${year}-`));
        expect(ofYear.map((b) => Number(b.number!.slice(-6)))).toEqual(ofYear.map((_, i) => i + 1));
        expect(ofYear.map((b) => b.issue_date)).toEqual(ofYear.map((b) => b.issue_date).sort());
      }
      const finance = { ...demo, role: "finance" as const };
      const open = await openAmounts(db, finance, today, { openOnly: true });
      const result = await aging(db, finance, today);
      expect(result.totals.total_fen).toBe(open.reduce((s, b) => s + b.open_fen, 0));
      expect(open.some((b) => b.days_overdue > 30)).toBe(true);
      expect(open.some((b) => b.status === "部分收款")).toBe(true);
      expect((await db.selectFrom("payments").select("id").where("center_id", "=", demo.centerId).execute()).length).toBeGreaterThan(20);

      // Generating this month drafts the new pharmacy client's bill, which cannot be issued without its tax id.
      const nextMonth = `${addDays(`${today.slice(0, 7)}-01`, 40).slice(0, 7)}-01`;
      const generated = await generateBills(db, finance, { periodTo: addDays(nextMonth, -1) });
      expect(generated.ok && generated.summary.created.length).toBeGreaterThan(0);
      const pharmacy = await db.selectFrom("bills as b").innerJoin("clients as c", "c.id", "b.client_id").select("b.id").where("b.center_id", "=", demo.centerId).where("c.name", "=", "示范县惠民大药房有限公司").executeTakeFirstOrThrow();
      const problems = await issueProblems(db, finance, pharmacy.id);
      expect(problems.ok && problems.problems.join("")).toContain("纳税人识别号");
    });

    it("has two years of income in which technical services overtake traditional advertising, subsidies apart, months closed and the facts true", async () => {
      const thisMonth = today.slice(0, 7);
      const window = { from: addMonths(thisMonth, -24), to: addMonths(thisMonth, -1) };
      const rows = await factTotals(db, demo, window, ["month", "group"]);
      const months = monthRange(window.from, window.to);
      const series = (group: string) => months.map((m) => rows.filter((r) => r.month === m && r.report_group === group).reduce((x, r) => x + r.amount_fen, 0));
      const tech = series("tech_service");
      const traditional = series("traditional_media");
      expect(traditional.every((fen) => fen > 0)).toBe(true);
      expect(traditional[0]).toBeGreaterThan(2 * traditional[23]);
      const crossing = firstCrossover(months, tech, traditional);
      expect(crossing.month).not.toBeNull();
      expect(crossing.aheadFromStart).toBe(false);
      // Subsidies are facts of their own, never earned income.
      const subsidy = await factTotals(db, demo, window, ["earned"]);
      expect(subsidy.find((r) => Number(r.earned) === 0)?.amount_fen).toBe(8 * 450_000_00);
      expect(await closedThrough(db, demo)).toBe(addMonths(thisMonth, -2));
      expect(await checkRevenue(db, demo)).toEqual([]);
      // Occupancy has every kind of use on outdoor faces last month.
      const use = await factTotals(db, demo, { from: addMonths(thisMonth, -1), to: addMonths(thisMonth, -1), byDays: true, useDays: true, media: ["outdoor_static"] }, ["lineKind"]);
      expect(new Set(use.filter((u) => u.use_days > 0).map((u) => u.line_kind))).toEqual(new Set(["paid", "bonus", "public_service", "internal"]));
    });

    it("sends today's reminders to its two robots once: the sales group on DingTalk, the finance group on WeCom", async () => {
      const seen: { host: string; text: string }[] = [];
      mockServer.use(
        http.post("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", async ({ request }) => {
          seen.push({ host: "wecom", text: JSON.stringify(await request.json()) });
          return HttpResponse.json({ errcode: 0, errmsg: "ok" });
        }),
        http.post("https://oapi.dingtalk.com/robot/send", async ({ request }) => {
          const url = new URL(request.url);
          expect(url.searchParams.get("access_token")).toBe("demo0sales0group0token");
          expect(encodeURIComponent(url.searchParams.get("sign")!)).toBe(dingtalkSign(Number(url.searchParams.get("timestamp")), DEMO_ROBOTS.sales.secret));
          seen.push({ host: "dingtalk", text: JSON.stringify(await request.json()) });
          return HttpResponse.json({ errcode: 0, errmsg: "ok" });
        }),
      );
      const first = await runDaily(db, { centerIds: [demo.centerId] });
      expect(first.sent).toBe(seen.length);
      expect(first.failed).toBe(0);
      // Permits expiring within 30 days go to the sales group (operations); from the 6th of a month
      // last month is not closed yet, which goes to the finance group. Whatever is due went to its group only.
      expect(seen.some((s) => s.host === "dingtalk" && s.text.includes("设置许可"))).toBe(true);
      if (Number(today.slice(8, 10)) >= 6) expect(seen.some((s) => s.host === "wecom" && s.text.includes("上月未关账"))).toBe(true);
      const queued = await db.selectFrom("outbox").select(["kind", "robot_id", "status"]).where("center_id", "=", demo.centerId).execute();
      const robots = new Map((await db.selectFrom("robots").select(["id", "kind"]).where("center_id", "=", demo.centerId).execute()).map((r) => [r.id, r.kind]));
      for (const q of queued) {
        const audience = REMINDER_KINDS.find((k) => k.kind === q.kind)!.audience;
        expect(robots.get(q.robot_id), q.kind).toBe(audience === "sales" || audience === "operations" ? "dingtalk" : "wecom");
        expect(q.status).toBe("sent");
      }
      expect(await runDaily(db, { centerIds: [demo.centerId] })).toMatchObject({ queued: 0, sent: 0 });
      expect(seen.length).toBe(first.sent);
    });

    it("keeps the small center to its own two sites and three faces", async () => {
      const window = { today, expiringBy: addDays(today, 30) };
      const own = await listUnits(db, small, {}, window);
      expect(own.total).toBe(3);
      expect(own.rows.every((r) => r.code.startsWith("XH-"))).toBe(true);
      expect(await db.selectFrom("sites").select("code").where("center_id", "=", small.centerId).orderBy("code").execute()).toEqual([{ code: "XH-DLZ01" }, { code: "XH-QT01" }]);
      const demoTotal = (await listUnits(db, demo, {}, window)).total;
      expect(demoTotal).toBeGreaterThan(70);
    });
  });
}
