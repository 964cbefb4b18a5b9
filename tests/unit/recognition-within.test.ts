// scheduleWithin: an entry's ex-VAT income on exact days agrees with its month facts to the fen.
import { describe, expect, it } from "vitest";
import type { BillingSchedule } from "../../db/schema";
import { scheduleFacts, scheduleWithin } from "../../app/modules/revenue/recognition";
import type { IncomeEntry } from "../../app/modules/income/seam";
import { addDays, monthSlices } from "../../app/modules/inventory/calendar-dates";
import { addMonths } from "../../app/modules/analytics/series";

const entry = (over: Partial<IncomeEntry> = {}): IncomeEntry => ({
  key: "order:o1:l1", source: { kind: "order", id: "o1", label: "DD-1" }, clientId: "c1", categoryId: "cat", vatItemCode: "", taxIncluded: true,
  description: "测试", amountFen: 12_345_67, serviceFrom: "2026-01-17", serviceTo: "2026-05-09", billableOn: "2026-01-17", ownerId: "u1", earned: true, ...over,
});
// A relief rate from April on, so slices starting on different days are netted differently.
const rateOn = (date: string) => (date >= "2026-04-01" ? 100 : 600);
const detail = { medium: "" as const, lineKind: "" as const };
const schedules: BillingSchedule[] = ["once_start", "monthly_advance"];

describe("scheduleWithin", () => {
  for (const schedule of schedules) {
    it(`over each calendar month equals the month's fact, and its days add up to it (${schedule})`, () => {
      const e = entry();
      const facts = scheduleFacts(e, detail, schedule, rateOn);
      const byMonth = new Map<string, number>();
      for (const f of facts) byMonth.set(f.forMonth, (byMonth.get(f.forMonth) ?? 0) + f.amountFen);
      for (const m of monthSlices(e.serviceFrom, e.serviceTo)) {
        const month = m.from.slice(0, 7);
        const wholeMonth = { from: `${month}-01`, to: addDays(`${addMonths(month, 1)}-01`, -1) };
        expect(scheduleWithin(e, schedule, rateOn, wholeMonth)).toBe(byMonth.get(month));
        let days = 0;
        for (let d = m.from; d <= m.to; d = addDays(d, 1)) days += scheduleWithin(e, schedule, rateOn, { from: d, to: d });
        expect(days).toBe(byMonth.get(month));
      }
    });
  }

  it("adjacent weeks add up to the stretch they cover, and days outside the service count nothing", () => {
    const e = entry({ amountFen: 77_777_77 });
    const a = scheduleWithin(e, "monthly_advance", rateOn, { from: "2026-03-23", to: "2026-03-29" });
    const b = scheduleWithin(e, "monthly_advance", rateOn, { from: "2026-03-30", to: "2026-04-05" });
    expect(a + b).toBe(scheduleWithin(e, "monthly_advance", rateOn, { from: "2026-03-23", to: "2026-04-05" }));
    expect(scheduleWithin(e, "once_start", rateOn, { from: "2025-12-01", to: "2026-01-16" })).toBe(0);
    expect(scheduleWithin(e, "once_start", rateOn, { from: "2026-05-10", to: "2026-06-30" })).toBe(0);
  });

  it("takes the whole net of a one-day entry on its day, and an amount without VAT as it is", () => {
    const milestone = entry({ amountFen: 30_000_00, serviceFrom: "2026-04-02", serviceTo: "2026-04-02", billableOn: "2026-04-02", taxIncluded: false });
    expect(scheduleWithin(milestone, "milestone", rateOn, { from: "2026-03-30", to: "2026-04-05" })).toBe(30_000_00);
    expect(scheduleWithin(milestone, "milestone", rateOn, { from: "2026-04-03", to: "2026-04-09" })).toBe(0);
  });
});

