// The managers' dashboard as the browser meets it, on 首页 (managers) and 报表 › 经营看板: every
// figure equal to the sums of the facts, bills and payments put in here by hand; the month
// technical services first overtook traditional advertising; the Herfindahl index; another
// center's money never counted; who may see it.
import { beforeAll, describe, expect, it } from "vitest";
import * as home from "../../app/routes/_index";
import * as reportsDashboard from "../../app/routes/reports.dashboard";
import type { DashboardView } from "../../app/components/dashboard/dashboard-view.server";
import { recordPayment, reversePayment } from "../../app/modules/billing/payments.server";
import { overdueBills } from "../../app/modules/billing/receivables.server";
import { closeMonth } from "../../app/modules/revenue/closing.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { addDaysToInstant, nowIso, todayInShanghai } from "../../app/utils/time";
import { insertBill, insertCredit } from "../support/bills-direct";
import { categoryIds, type DashFact, insertDashFacts, insertHold, monthPlus } from "../support/dashboard-facts";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

const today = todayInShanghai();
const M = today.slice(0, 7);
const Y = Number(today.slice(0, 4));
const n = Number(today.slice(5, 7)); // months of this year so far
const daysAgo = (d: number) => addDays(today, -d);

// MONEY (fen, ex-VAT) per month for the 24 months up to M: traditional 1,000 元, new media 200 元,
// outdoor 300 元; technical services 500 元 until M−6 and 1,500 元 from M−5, so they first exceed
// traditional advertising in M−5. In M only: an event of 100 元 and a fiscal subsidy of 5,000 元.
const TRAD = 100_000;
const NEW_MEDIA = 20_000;
const OUTDOOR = 30_000;
const techIn = (month: string) => (month >= monthPlus(M, -5) ? 150_000 : 50_000);
const EVENT = 10_000;
const SUBSIDY = 500_000;

describeEachDb("managers' dashboard", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  const cookies: Record<string, string> = {};
  let clientTech: string;
  let clientTrad: string;
  let otherClient: string;
  const bills: { issue: string; net: number }[] = [];
  const payments: { on: string; amount: number; reversedOn?: string }[] = [];
  let overdueOpen = 0;
  const holds: Record<string, string> = {};

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    for (const role of ["admin", "sales", "finance", "manager", "auditor"] as const) cookies[role] = await cookieFor(db(), center.users[role]);
    cookies.otherManager = await cookieFor(db(), other.users.manager);
    const sales = center.users.sales;
    clientTech = await makeClient(db(), sales.scope, { name: `技术客户${center.code}` });
    clientTrad = await makeClient(db(), sales.scope, { name: `电视客户${center.code}` });
    otherClient = await makeClient(db(), other.users.sales.scope, { name: `外中心客户${other.code}` });

    const cat = await categoryIds(db(), center.id);
    const facts: DashFact[] = [];
    for (let i = -23; i <= 0; i++) {
      const month = monthPlus(M, i);
      facts.push(
        { month, categoryId: cat["traditional.tv"], amountFen: TRAD, clientId: clientTrad, ownerId: sales.id },
        { month, categoryId: cat["new_media.app"], amountFen: NEW_MEDIA },
        { month, categoryId: cat["outdoor.static"], amountFen: OUTDOOR, medium: "outdoor_static", lineKind: "paid", useDays: 10 },
        { month, categoryId: cat["tech.app_dev"], amountFen: techIn(month), clientId: clientTech, ownerId: sales.id },
      );
    }
    facts.push({ month: M, categoryId: cat.event, amountFen: EVENT }, { month: M, categoryId: cat.subsidy, amountFen: SUBSIDY, earned: false });
    // Occupancy without income: a bonus LED spot.
    facts.push({ month: M, categoryId: cat["outdoor.led"], amountFen: 0, medium: "led", lineKind: "bonus", useDays: 62 });
    await insertDashFacts(db(), center.id, facts);
    const otherCat = await categoryIds(db(), other.id);
    await insertDashFacts(db(), other.id, [
      { month: M, categoryId: otherCat["traditional.tv"], amountFen: 999_999_900, clientId: otherClient },
      { month: M, categoryId: otherCat.subsidy, amountFen: 777_777_700, earned: false },
    ]);

    // Bills: one today, its partial credit today, a draft (not counted), two older ones; another center's.
    const bill = await insertBill(db(), center.id, { clientId: clientTech, issueDate: today, totalFen: 106_000 });
    bills.push({ issue: today, net: bill.lines[0].net_fen });
    const credit = await insertCredit(db(), center.id, bill.id, { issueDate: today, amountFen: 10_600 });
    bills.push({ issue: today, net: credit.lines.reduce((s, l) => s + l.net_fen, 0) });
    await insertBill(db(), center.id, { clientId: clientTech, issueDate: today, totalFen: 55_555, status: "draft" });
    const old = await insertBill(db(), center.id, { clientId: clientTrad, issueDate: daysAgo(200), dueDate: daysAgo(150), totalFen: 80_000 });
    bills.push({ issue: daysAgo(200), net: old.lines[0].net_fen });
    const recent = await insertBill(db(), center.id, { clientId: clientTrad, issueDate: daysAgo(90), dueDate: daysAgo(60), totalFen: 40_000 });
    bills.push({ issue: daysAgo(90), net: recent.lines[0].net_fen });
    await insertBill(db(), other.id, { clientId: otherClient, issueDate: today, dueDate: daysAgo(200), totalFen: 9_999_900 });

    // Payments: 300 元 to the old bill 100 days ago, 500 元 unallocated today, 200 元 40 days ago reversed today.
    const finance = center.users.finance.scope;
    const pay = async (on: string, amount: number, allocate: Parameters<typeof recordPayment>[2]["allocate"]) => {
      const r = await recordPayment(db(), finance, { clientId: clientTrad, receivedOn: on, amountFen: amount, method: "transfer", payer: "", reference: "", notes: "", allocate }, today);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.id;
    };
    await pay(daysAgo(100), 30_000, [{ billId: old.id, amountFen: 30_000 }]);
    payments.push({ on: daysAgo(100), amount: 30_000 });
    await pay(today, 50_000, "none");
    payments.push({ on: today, amount: 50_000 });
    const bounced = await pay(daysAgo(40), 20_000, "none");
    const reversal = await reversePayment(db(), finance, bounced, { reversedOn: today, reason: "票据退回" }, today);
    if (!reversal.ok) throw new Error(JSON.stringify(reversal.errors));
    payments.push({ on: daysAgo(40), amount: 20_000, reversedOn: today });
    overdueOpen = 80_000 - 30_000;

    const now = nowIso();
    holds.soon = (await insertHold(db(), center.id, { clientId: clientTech, ownerId: sales.id, expiresAt: addDaysToInstant(now, 3), title: "三天后到期" })).id;
    holds.later = (await insertHold(db(), center.id, { clientId: clientTech, ownerId: sales.id, expiresAt: addDaysToInstant(now, 10) })).id;
    holds.lapsed = (await insertHold(db(), center.id, { clientId: clientTech, ownerId: sales.id, expiresAt: addDaysToInstant(now, -1) })).id;
    holds.other = (await insertHold(db(), other.id, { clientId: otherClient, ownerId: other.users.sales.id, expiresAt: addDaysToInstant(now, 2) })).id;
  });

  const load = async (cookie: string) => {
    const page = await call(home.loader, db(), { url: "/", cookie });
    expect(page.status).toBe(200);
    return (page.body as { dashboard: DashboardView | null }).dashboard;
  };

  /** Σ over the months from..to of this year's fixture, earned income only. */
  const earnedIn = (from: string, to: string) => {
    let sum = 0;
    for (let m = from; m <= to; m = monthPlus(m, 1)) sum += TRAD + NEW_MEDIA + OUTDOOR + techIn(m) + (m === M ? EVENT : 0);
    return sum;
  };

  it("shows a manager this month, quarter and year: recognised (earned and subsidy apart), invoiced, collected", async () => {
    const d = (await load(cookies.manager))!.data;
    expect(d.month).toBe(M);
    const quarterFrom = `${Y}-${String(n - ((n - 1) % 3)).padStart(2, "0")}`;
    const ranges = { month: [M, M], quarter: [quarterFrom, M], year: [`${Y}-01`, M] } as const;
    for (const p of d.periods) {
      const [from, to] = ranges[p.key];
      expect([p.from, p.to]).toEqual([from, to]);
      expect(p.earned_fen).toBe(earnedIn(from, to));
      expect(p.subsidy_fen).toBe(SUBSIDY);
      // Last year: technical services were 500 元 every month.
      const months = Number(to.slice(5)) - Number(from.slice(5)) + 1;
      expect(p.last_year_earned_fen).toBe((TRAD + NEW_MEDIA + OUTDOOR + 50_000) * months);
      const inPeriod = (date: string) => date.slice(0, 7) >= from && date.slice(0, 7) <= to;
      expect(p.invoiced_net_fen).toBe(bills.filter((b) => inPeriod(b.issue)).reduce((s, b) => s + b.net, 0));
      const received = payments.filter((x) => inPeriod(x.on)).reduce((s, x) => s + x.amount, 0);
      const reversed = payments.filter((x) => x.reversedOn && inPeriod(x.reversedOn)).reduce((s, x) => s + x.amount, 0);
      expect(p.collected_fen).toBe(received - reversed);
    }
    const month = d.periods.find((p) => p.key === "month")!;
    // Today's bill (1,060 元 incl. 6 % VAT → 1,000 元) less its credit (106 元 → 100 元); the draft is not invoiced.
    expect(month.invoiced_net_fen).toBe(100_000 - 10_000);
    // 500 元 received today, less the 200 元 payment reversed today (received 40 days ago, in an earlier month).
    expect(month.collected_fen).toBe(50_000 - 20_000);
  });

  it("names a first crossover older than the 24 months shown, without marking a later month as the first", async () => {
    const early = await makeCenter(db());
    const cat = await categoryIds(db(), early.id);
    // Technical services ahead in M−30 only, then behind until M−3, ahead again from M−3.
    const facts: DashFact[] = [];
    for (let i = -31; i <= 0; i++) {
      const month = monthPlus(M, i);
      facts.push({ month, categoryId: cat["traditional.tv"], amountFen: TRAD });
      facts.push({ month, categoryId: cat["tech.app_dev"], amountFen: i === -30 || i >= -3 ? 2 * TRAD : TRAD / 2 });
    }
    await insertDashFacts(db(), early.id, facts);
    const page = await call(home.loader, db(), { url: "/", cookie: await cookieFor(db(), early.users.manager) });
    const view = (page.body as { dashboard: DashboardView }).dashboard;
    expect(view.data.techVsAds.crossover).toEqual({ month: monthPlus(M, -30), aheadFromStart: false, historyFrom: monthPlus(M, -31) });
    // The chart marks nothing inside its 24 months: the first crossover came before them.
    expect(view.charts.techVsAds).not.toContain("首次超过");
  });

  it("marks the month technical services first exceeded traditional advertising, with the series and running totals", async () => {
    const { data: d, charts } = (await load(cookies.manager))!;
    const t = d.techVsAds;
    expect(t.months).toHaveLength(24);
    expect(t.months[23]).toBe(M);
    // The facts begin with the 24 months shown, so the whole history finds the same first month.
    expect(t.crossover).toEqual({ month: monthPlus(M, -5), aheadFromStart: false, historyFrom: monthPlus(M, -23) });
    expect(t.tech[23]).toBe(150_000);
    expect(t.traditional[0]).toBe(TRAD);
    expect(t.allAds[23]).toBe(TRAD + NEW_MEDIA + OUTDOOR);
    // Running 12 months at M: six months at 1,500 元 and six at 500 元.
    expect(t.rollingTech[23]).toBe(6 * 150_000 + 6 * 50_000);
    expect(t.rollingTraditional[23]).toBe(12 * TRAD);
    expect(t.rollingTech[10]).toBeNull();
    expect(t.yoy.techLast).toEqual(Array(12).fill(50_000));
    expect(t.yoy.techThis[n - 1]).toBe(150_000);
    if (n < 12) expect(t.yoy.techThis[n]).toBeNull();
    // The chart is an SVG drawn on the server, with the crossover marked and Chinese labels.
    expect(charts.techVsAds.startsWith("<svg")).toBe(true);
    expect(charts.techVsAds).toContain(`首次超过 ${monthPlus(M, -5)}`);
    expect(charts.techVsAds).toContain("传统媒体广告");
    expect(charts.techVsAds).toContain("Noto Sans CJK SC");
  });

  it("gives the income structure this year: shares, the non-advertising share and the Herfindahl index", async () => {
    const s = (await load(cookies.manager))!.data.structure;
    let tech = 0;
    for (let m = `${Y}-01`; m <= M; m = monthPlus(m, 1)) tech += techIn(m);
    const amounts = { 传统媒体广告: TRAD * n, 新媒体广告: NEW_MEDIA * n, 户外广告: OUTDOOR * n, 技术服务: tech, 活动策划执行: EVENT };
    const total = Object.values(amounts).reduce((a, b) => a + b, 0);
    expect(s.earned_fen).toBe(total);
    expect(s.subsidy_fen).toBe(SUBSIDY);
    for (const [name, amount] of Object.entries(amounts)) expect(s.rows.find((r) => r.name === name)!.amount_fen).toBe(amount);
    expect(s.rows.find((r) => r.name === "财政补助")).toBeUndefined();
    expect(s.rows.reduce((sum, r) => sum + r.share_bp, 0)).toBe(10_000);
    const hhi = Object.values(amounts).reduce((h, a) => h + (a / total) ** 2, 0);
    expect(s.hhi).toBeCloseTo(hhi, 12);
    // Last year's same months: 1,000 + 200 + 300 + 500 元 a month.
    const last = [TRAD, NEW_MEDIA, OUTDOOR, 50_000];
    expect(s.last_hhi).toBeCloseTo(last.reduce((h, a) => h + (a / 200_000) ** 2, 0), 12);
    expect(s.non_ad_bp).toBe(Math.round(((tech + EVENT) * 10_000) / total));
    expect(s.last_non_ad_bp).toBe(2_500);
  });

  it("lists the year's top clients, receivables over 90 days, holds lapsing this week and occupancy", async () => {
    const d = (await load(cookies.manager))!.data;
    let tech = 0;
    for (let m = `${Y}-01`; m <= M; m = monthPlus(m, 1)) tech += techIn(m);
    expect(d.topClients.map((c) => [c.id, c.amount_fen])).toEqual(
      [[clientTech, tech], [clientTrad, TRAD * n]].sort((a, b) => (b[1] as number) - (a[1] as number)),
    );
    expect(d.topClients.find((c) => c.id === clientTech)!.name).toBe(`技术客户${center.code}`);
    // Only the old bill is more than 90 days overdue; 300 元 of its 800 元 is paid.
    expect(d.overdue).toMatchObject({ count: 1, open_fen: overdueOpen, clientCount: 1, dueBefore: daysAgo(90) });
    expect(d.overdue.clients).toEqual([{ id: clientTrad, name: `电视客户${center.code}`, open_fen: overdueOpen, bills: 1, oldest_due: daysAgo(150) }]);
    // The same as the receivables module's overdue list cut at 90 days.
    const overdue = (await overdueBills(db(), center.users.finance.scope, today)).filter((b) => b.days_overdue > 90);
    expect(overdue.reduce((s, b) => s + b.open_fen, 0)).toBe(d.overdue.open_fen);
    expect(d.holds.rows.map((h) => h.id)).toEqual([holds.soon]);
    expect(d.holds.total).toBe(1);
    expect(d.holds.rows[0]).toMatchObject({ title: "三天后到期", client_name: `技术客户${center.code}`, owner_name: "sales用户" });
    expect(d.occupancy.months).toHaveLength(12);
    expect(d.occupancy.rows).toHaveLength(24);
    const led = d.occupancy.rows.find((r) => r.month === M && r.medium === "led")!;
    expect(led.byKind).toEqual({ paid: 0, bonus: 62, public_service: 0, internal: 0 });
    expect(d.occupancy.rows.find((r) => r.month === M && r.medium === "outdoor_static")!.byKind.paid).toBe(10);
  });

  it("never counts another center's facts, bills, clients or holds", async () => {
    const d = (await load(cookies.otherManager))!.data;
    expect(d.periods.find((p) => p.key === "month")).toMatchObject({ earned_fen: 999_999_900, subsidy_fen: 777_777_700, collected_fen: 0 });
    expect(d.topClients.map((c) => c.id)).toEqual([otherClient]);
    expect(d.holds.rows.map((h) => h.id)).toEqual([holds.other]);
    // The other center's own invoice is issued today and due 200 days ago: its only overdue bill.
    expect(d.overdue.count).toBe(1);
    const mine = (await load(cookies.manager))!.data;
    expect(mine.topClients.map((c) => c.id)).not.toContain(otherClient);
    expect(mine.holds.rows.map((h) => h.id)).not.toContain(holds.other);
  });

  describe("who sees it", () => {
    it("puts the dashboard on 首页 for managers only, above their other panels", async () => {
      expect(await load(cookies.manager)).not.toBeNull();
      for (const role of ["admin", "sales", "finance", "auditor"]) expect(await load(cookies[role])).toBeNull();
      const page = await call(home.loader, db(), { url: "/", cookie: cookies.manager });
      expect((page.body as { contracts: unknown }).contracts).toBeDefined();
    });

    it("shows 报表 › 经营看板 to admin, finance, manager and auditor, and refuses sales", async () => {
      for (const role of ["admin", "finance", "manager", "auditor"]) {
        const page = await call(reportsDashboard.loader, db(), { url: "/reports/dashboard", cookie: cookies[role] });
        expect(page.status).toBe(200);
        const body = page.body as { view: DashboardView; canEditTargets: boolean };
        expect(body.view.data.periods[0].earned_fen).toBe(earnedIn(M, M));
        expect(body.canEditTargets).toBe(role === "manager");
      }
      expect((await call(reportsDashboard.loader, db(), { url: "/reports/dashboard", cookie: cookies.sales })).status).toBe(403);
      expect((await call(reportsDashboard.loader, db(), { url: "/reports/dashboard" })).status).toBe(302);
    });
  });

  // Last: it adds a fact to this center.
  it("keeps the closed months' figures between views and still counts what changes in the open month", async () => {
    const before = (await load(cookies.manager))!.data;
    const closing = await closeMonth(db(), center.users.finance.scope, monthPlus(M, -2), null, today);
    expect(closing.ok).toBe(true);
    const closed = (await load(cookies.manager))!.data;
    expect(closed.closedThrough).toBe(monthPlus(M, -2));
    expect(closed.periods).toEqual(before.periods);
    expect(closed.techVsAds).toEqual(before.techVsAds);
    expect(closed.structure).toEqual(before.structure);
    expect(closed.topClients).toEqual(before.topClients);
    // A change in the open month (as a correction of a closed month is reported) shows at once.
    const cat = await categoryIds(db(), center.id);
    await insertDashFacts(db(), center.id, [{ month: M, forMonth: monthPlus(M, -3), categoryId: cat["tech.video"], amountFen: 7_000, clientId: clientTech }]);
    const after = (await load(cookies.manager))!.data;
    expect(after.periods.map((p) => p.earned_fen)).toEqual(before.periods.map((p) => p.earned_fen + 7_000));
    expect(after.techVsAds.tech[23]).toBe(before.techVsAds.tech[23] + 7_000);
    expect(after.topClients.find((c) => c.id === clientTech)!.amount_fen).toBe(before.topClients.find((c) => c.id === clientTech)!.amount_fen + 7_000);
  });
});
