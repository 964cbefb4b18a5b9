// 销售业绩 and 上刊率 as the browser meets them: booked (orders confirmed, events starting and
// contracts signed in the period, ex-VAT), recognised and collected per rep against targets pro
// rata; occupancy of outdoor and LED by month from capacity and the facts' use-days.
import { beforeAll, expect, it } from "vitest";
import * as occupancyPage from "../../app/routes/reports.occupancy";
import * as salesPage from "../../app/routes/reports.sales";
import { occupancyByMonth, type OccupancyRow } from "../../app/modules/analytics/reports/occupancy.server";
import type { SalesReport } from "../../app/modules/analytics/reports/sales.server";
import { type PaymentInput, recordPayment } from "../../app/modules/billing/payments.server";
import { insertBill } from "../support/bills-direct";
import { makeUnit } from "../support/booking";
import { describeEachDb } from "../support/db";
import { EXPECT, insertContract, insertFacts, insertOrder, insertTarget, PERIOD, reportScenario, type ReportScenario } from "../support/report-facts";
import { call } from "../support/routes";

type Loader = Parameters<typeof call>[0];

describeEachDb("reports: sales performance and occupancy", ({ db }) => {
  let s: ReportScenario;
  let units: { a: string; b: string; led: string };

  beforeAll(async () => {
    s = await reportScenario(db());
    const { sales, manager, finance } = s.center.users;
    const tv = await makeUnit(db(), sales.scope, { medium: "tv" });
    units = {
      a: await makeUnit(db(), sales.scope, { medium: "outdoor_static" }),
      b: await makeUnit(db(), sales.scope, { medium: "outdoor_static" }),
      led: await makeUnit(db(), sales.scope, { medium: "led" }),
    };
    await makeUnit(db(), sales.scope, { medium: "outdoor_static", status: "disabled" });
    // Booked: small-scale taxpayer, 3 % in 2025. 103,000 with VAT → 100,000; bonus and released lines count nothing.
    await insertOrder(db(), s.center.id, {
      clientId: s.c1, ownerId: sales.id, confirmedAt: "2025-03-10T02:00:00.000Z",
      lines: [{ unitId: tv, netFen: 103_000 }, { unitId: tv, netFen: 50_000, kind: "bonus" }, { unitId: tv, netFen: 70_000, state: "released" }],
    });
    // 2025-01-01 00:30 in Beijing: inside; 2025-07-01 00:00 in Beijing: outside.
    await insertOrder(db(), s.center.id, { clientId: s.c1, ownerId: sales.id, confirmedAt: "2024-12-31T16:30:00.000Z", lines: [{ unitId: units.a, netFen: 20_600 }] });
    await insertOrder(db(), s.center.id, { clientId: s.c1, ownerId: sales.id, confirmedAt: "2025-06-30T16:00:00.000Z", lines: [{ unitId: units.a, netFen: 999_000 }] });
    await insertContract(db(), s.center.id, { clientId: s.c2, ownerId: manager.id, categoryId: s.cat["tech.app_dev"], signedOn: "2025-02-01", amountFen: 206_000 });
    await insertContract(db(), s.center.id, { clientId: s.c2, ownerId: manager.id, categoryId: s.cat["tech.ops"], signedOn: "2025-06-30", amountFen: 50_000, taxIncluded: false });
    await insertContract(db(), s.center.id, { clientId: s.c2, ownerId: manager.id, categoryId: s.cat["tech.ops"], signedOn: null, amountFen: 880_000 });
    await insertContract(db(), s.center.id, { clientId: s.c2, ownerId: manager.id, categoryId: s.cat["tech.ops"], signedOn: "2025-07-01", amountFen: 880_000 });
    // Collected: 60,000 of a payment received in March on the rep's bill; a payment received in December counts elsewhere.
    const bill = await insertBill(db(), s.center.id, { clientId: s.c1, ownerId: sales.id, issueDate: "2024-11-01", totalFen: 106_000 });
    const billOfClient = await insertBill(db(), s.center.id, { clientId: s.c2, ownerId: null, issueDate: "2024-11-01", totalFen: 30_000 });
    const pay = async (over: Partial<PaymentInput>) => {
      const input: PaymentInput = { clientId: s.c1, receivedOn: "2025-03-05", amountFen: 1, method: "transfer", payer: "", reference: "", notes: "", allocate: "none", ...over };
      const result = await recordPayment(db(), finance.scope, input, "2025-07-15");
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
    };
    await pay({ amountFen: 60_000, allocate: [{ billId: bill.id, amountFen: 60_000 }] });
    await pay({ amountFen: 10_000, receivedOn: "2024-12-20", allocate: [{ billId: bill.id, amountFen: 10_000 }] });
    await pay({ clientId: s.c2, amountFen: 30_000, receivedOn: "2025-06-30", allocate: [{ billId: billOfClient.id, amountFen: 30_000 }] });
    await pay({ amountFen: 5_000, receivedOn: "2025-04-01", allocate: "none" });
    await insertTarget(db(), s.center.id, { year: 2025, subject: "rep", subjectId: sales.id, amountFen: 1_200_000, by: manager.id });
    await insertTarget(db(), s.center.id, { year: 2025, subject: "total", amountFen: 9_000_000, by: manager.id });
    // LED use in April: 12 spots × 10 days public service.
    await insertFacts(db(), s.center.id, [{ month: "2025-04", categoryId: s.cat["outdoor.led"], medium: "led", lineKind: "public_service", amountFen: 0, useDays: 120 }]);
    // A correction reported in May for April's days: occupancy counts it in April.
    await insertFacts(db(), s.center.id, [{ month: "2025-05", forMonth: "2025-04", categoryId: s.cat["outdoor.static"], medium: "outdoor_static", lineKind: "internal", amountFen: 0, useDays: 3 }]);
  });

  const get = (loader: Loader, url: string, cookie?: string) => call(loader, db(), { url, cookie: cookie ?? s.cookies.manager });
  const sales = async (query = "") => {
    const out = await get(salesPage.loader, `/reports/sales?${PERIOD}${query}`);
    expect(out.status).toBe(200);
    return (out.body as { report: SalesReport }).report;
  };

  it("adds up booked, recognised and collected per rep, with targets pro rata and subsidy apart", async () => {
    const r = await sales();
    const rep = (id: string) => r.rows.find((x) => x.owner_id === id)!;
    // 100,000 (March order) + 20,000 (New Year's order, 20,600 with VAT).
    expect(rep(s.center.users.sales.id)).toMatchObject({ booked: 120_000, recognised: EXPECT.sales, collected: 60_000, target: 600_000 });
    // 206,000 with VAT → 200,000, plus 50,000 without VAT; the client's owner takes the bill without one.
    expect(rep(s.center.users.manager.id)).toMatchObject({ booked: 250_000, recognised: EXPECT.manager, collected: 30_000, target: null });
    expect(r.totals).toEqual({ booked: 370_000, recognised: EXPECT.earned, collected: 90_000, target: 600_000 });
    expect(r.subsidy).toBe(EXPECT.subsidy);
    expect(r.rows.map((x) => x.owner_id)).toEqual([s.center.users.manager.id, s.center.users.sales.id]);
  });

  it("narrows sales performance by rep, client, medium and category", async () => {
    const mine = await sales(`&rep=${s.center.users.sales.id}`);
    expect(mine.rows.map((x) => x.owner_id)).toEqual([s.center.users.sales.id]);
    expect(mine.totals.recognised).toBe(EXPECT.sales);
    const c2 = await sales(`&client=${s.c2}`);
    expect(c2.totals).toMatchObject({ booked: 250_000, recognised: EXPECT.c2, collected: 30_000 });
    const tv = await sales("&medium=tv");
    expect(tv.totals).toMatchObject({ booked: 100_000, recognised: EXPECT.traditional });
    const tech = await sales(`&category=${s.cat.tech}`);
    expect(tech.totals).toMatchObject({ booked: 250_000, recognised: EXPECT.tech });
    const { salesTable } = await import("../../app/modules/analytics/reports/sales-tables");
    const table = salesTable(await sales(), "2025-01 至 2025-06");
    expect(table.rows[1].cells).toEqual(["sales用户", 120_000, EXPECT.sales, 60_000, 600_000, 6700]);
    expect(table.totals[1].cells[2]).toBe(EXPECT.subsidy);
  });

  it("shows occupancy of outdoor and LED by month from capacity and use", async () => {
    const out = await get(occupancyPage.loader, `/reports/occupancy?from=2025-03&to=2025-04`, s.cookies.auditor);
    expect(out.status).toBe(200);
    const rows = (out.body as { rows: OccupancyRow[] }).rows;
    expect(rows.map((r) => `${r.month} ${r.medium}`)).toEqual(["2025-03 outdoor_static", "2025-03 led", "2025-04 outdoor_static", "2025-04 led"]);
    // Two faces on sale (the disabled one not counted), 30 days: 60; paid 20, bonus 5, internal 3.
    expect(rows[2]).toEqual({ month: "2025-04", medium: "outdoor_static", capacityDays: 60, byKind: { paid: 20, bonus: 5, public_service: 0, internal: 3 }, free: 32 });
    expect(rows[3]).toEqual({ month: "2025-04", medium: "led", capacityDays: 360, byKind: { paid: 0, bonus: 0, public_service: 120, internal: 0 }, free: 240 });
    expect(rows[0]).toMatchObject({ capacityDays: 62, free: 62 });
    const led = await occupancyByMonth(db(), { centerId: s.center.id }, { from: "2025-04", to: "2025-04", media: ["led"] });
    expect(led).toEqual([rows[3]]);
    const byCategory = (await get(occupancyPage.loader, `/reports/occupancy?from=2025-04&to=2025-04&category=${s.cat["outdoor.led"]}`)).body as { rows: OccupancyRow[] };
    expect(byCategory.rows.map((r) => [r.medium, r.capacityDays])).toEqual([["outdoor_static", 0], ["led", 360]]);
    const onlyLed = (await get(occupancyPage.loader, "/reports/occupancy?from=2025-04&to=2025-04&medium=led")).body as { rows: OccupancyRow[] };
    expect(onlyLed.rows).toEqual([rows[3]]);
  });

  it("refuses a medium without occupancy, bad months, foreign ids and sales", async () => {
    const tv = await get(occupancyPage.loader, "/reports/occupancy?from=2025-04&to=2025-04&medium=tv");
    expect(tv.status).toBe(400);
    expect((tv.body as { error: string }).error).toBe("上刊率只统计户外静态和LED屏，请选择其中之一");
    expect((await get(occupancyPage.loader, "/reports/occupancy?from=2025-4&to=2025-04")).status).toBe(400);
    expect((await get(salesPage.loader, "/reports/sales?from=2025-01&to=2024-12")).status).toBe(400);
    expect((await get(salesPage.loader, `/reports/sales?${PERIOD}&client=${s.foreignClient}`)).status).toBe(404);
    expect((await get(occupancyPage.loader, `/reports/occupancy?${PERIOD}&rep=${s.other.users.manager.id}`)).status).toBe(404);
    expect((await get(salesPage.loader, `/reports/sales?${PERIOD}`, s.cookies.sales)).status).toBe(403);
    expect((await get(occupancyPage.loader, `/reports/occupancy?${PERIOD}`, s.cookies.sales)).status).toBe(403);
  });
});
