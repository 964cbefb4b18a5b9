// The money rules of billing without a database: line amounts and their rounding, bill totals as
// the sums of their lines (a seeded property test), dated VAT rates, schedule slices, credit
// mirrors and the problems listed before issue.
import { describe, expect, it } from "vitest";
import type { BillLine } from "../../db/schema";
import { problemsOf } from "../../app/modules/billing/bills.server";
import { type CreditableLine, creditMoney } from "../../app/modules/billing/credits.server";
import { dueSlices, scheduleSlices } from "../../app/modules/billing/schedule";
import { billTotals, type DatedRate, lineMoney, printedItemName, vatRateOn } from "../../app/modules/billing/tax";
import { VAT_DEFAULTS } from "../../app/modules/billing/settings-seed";
import { addDays } from "../../app/modules/inventory/calendar-dates";

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

const RATES = [0, 100, 300, 600, 900, 1300];
/** Negation without -0 (money never shows a negative zero). */
const neg = (x: number) => -x + 0;

describe("lineMoney", () => {
  it.each([
    // [amount, tax included, rate, net, tax, total]
    [10_600, true, 600, 10_000, 600, 10_600],
    [10_000, false, 600, 10_000, 600, 10_600],
    [25, false, 600, 25, 2, 27], // 1.5 fen of tax rounds half-up to 2
    [100_000_01, true, 600, 94_339_63, 5_660_38, 100_000_01],
    [1_01, true, 100, 1_00, 1, 1_01],
    [5_000_00, false, 300, 5_000_00, 150_00, 5_150_00],
    [0, true, 600, 0, 0, 0],
  ] as const)("%i (tax included: %s) at %i bp → %i + %i = %i", (amount, included, rate, net, tax, total) => {
    expect(lineMoney(amount, included, rate)).toEqual({ net_fen: net, tax_fen: tax, total_fen: total });
  });

  it("computes a credit on the absolute amount and negates it, so it mirrors the line exactly", () => {
    const r = random(20261128);
    for (let i = 0; i < 2000; i++) {
      const amount = r.int(1, 1_000_000_00);
      const included = r.next() < 0.5;
      const rate = r.pick(RATES);
      const line = lineMoney(amount, included, rate);
      expect(lineMoney(-amount, included, rate)).toEqual({ net_fen: neg(line.net_fen), tax_fen: neg(line.tax_fen), total_fen: neg(line.total_fen) });
      expect(line.net_fen + line.tax_fen).toBe(line.total_fen);
      if (included) expect(line.total_fen).toBe(amount);
      else expect(line.net_fen).toBe(amount);
    }
  });

  it("refuses fractions and negative rates", () => {
    expect(() => lineMoney(1.5, true, 600)).toThrow(RangeError);
    expect(() => lineMoney(100, true, -1)).toThrow(RangeError);
  });
});

describe("billTotals", () => {
  it("always equals the sum of its lines, field by field (seeded property test)", () => {
    const r = random(6);
    for (let bill = 0; bill < 500; bill++) {
      const lines = Array.from({ length: r.int(1, 20) }, () => lineMoney(r.int(-50_000_00, 200_000_00), r.next() < 0.5, r.pick(RATES)));
      const totals = billTotals(lines);
      expect(totals.net_fen).toBe(lines.reduce((s, l) => s + l.net_fen, 0));
      expect(totals.tax_fen).toBe(lines.reduce((s, l) => s + l.tax_fen, 0));
      expect(totals.total_fen).toBe(lines.reduce((s, l) => s + l.total_fen, 0));
      expect(totals.net_fen + totals.tax_fen).toBe(totals.total_fen);
    }
  });

  it("is zero for no lines", () => {
    expect(billTotals([])).toEqual({ net_fen: 0, tax_fen: 0, total_fen: 0 });
  });
});

describe("vatRateOn with the default settings", () => {
  const rates: DatedRate[] = VAT_DEFAULTS.map((r) => ({ ...r, report_group: null }));

  it.each([
    ["general", "2025-06-30", 600],
    ["general", "2026-06-30", 600],
    ["small", "2025-12-31", 300],
    ["small", "2026-01-01", 100],
    ["small", "2027-12-31", 100],
    ["small", "2028-01-01", 300],
  ] as const)("%s taxpayer on %s → %i bp", (status, date, rate) => {
    expect(vatRateOn(rates, status, "outdoor", date)).toBe(rate);
  });

  it("prefers a rate set for the report group, and answers null when none applies", () => {
    const withGroup: DatedRate[] = [...rates, { taxpayer_status: "general", report_group: "gov_service", rate_bp: 0, valid_from: "2026-01-01", valid_to: null }];
    expect(vatRateOn(withGroup, "general", "gov_service", "2026-03-01")).toBe(0);
    expect(vatRateOn(withGroup, "general", "gov_service", "2025-03-01")).toBe(600);
    expect(vatRateOn(withGroup, "general", "outdoor", "2026-03-01")).toBe(600);
    expect(vatRateOn(rates.filter((x) => x.taxpayer_status === "small"), "general", null, "2026-03-01")).toBeNull();
  });

  it("prints the item name as *简称*品名", () => {
    expect(printedItemName("广告服务", "广告发布费")).toBe("*广告服务*广告发布费");
  });
});

describe("schedule slices", () => {
  const item = { amountFen: 100_001, serviceFrom: "2026-01-20", serviceTo: "2026-03-10", billableOn: "2026-01-20" };

  it("bills once on confirmation, on start or on the billable day", () => {
    const whole = { slice: "all", amountFen: 100_001, serviceFrom: "2026-01-20", serviceTo: "2026-03-10" };
    expect(scheduleSlices(item, "once_confirm", "2026-01-02")).toEqual([{ ...whole, dueOn: "2026-01-02" }]);
    expect(scheduleSlices(item, "once_confirm", null)).toEqual([{ ...whole, dueOn: null }]);
    expect(scheduleSlices(item, "once_start")).toEqual([{ ...whole, dueOn: "2026-01-20" }]);
    expect(scheduleSlices({ ...item, billableOn: "2026-02-14" }, "milestone")).toEqual([{ ...whole, dueOn: "2026-02-14" }]);
    expect(dueSlices(item, "once_confirm", { to: "2026-12-31" }, null)).toEqual([]);
  });

  it("cuts months prorated by days: due on the first of the month in advance, at its end in arrears", () => {
    const months = [
      { slice: "2026-01", amountFen: 24_000, serviceFrom: "2026-01-20", serviceTo: "2026-01-31" },
      { slice: "2026-02", amountFen: 56_001, serviceFrom: "2026-02-01", serviceTo: "2026-02-28" },
      { slice: "2026-03", amountFen: 20_000, serviceFrom: "2026-03-01", serviceTo: "2026-03-10" },
    ];
    expect(scheduleSlices(item, "monthly_advance")).toEqual(months.map((m) => ({ ...m, dueOn: `${m.slice}-01` })));
    expect(scheduleSlices(item, "monthly_arrears")).toEqual(months.map((m) => ({ ...m, dueOn: m.serviceTo })));
    expect(dueSlices(item, "monthly_arrears", { to: "2026-02-27" }).map((s) => s.slice)).toEqual(["2026-01"]);
    expect(dueSlices(item, "monthly_arrears", { to: "2026-03-10" }).map((s) => s.slice)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(dueSlices(item, "monthly_advance", { from: "2026-02-01", to: "2026-03-01" }).map((s) => s.slice)).toEqual(["2026-02", "2026-03"]);
  });

  it("always sums the slices of an item to its amount exactly (seeded property test)", () => {
    const r = random(42);
    for (let i = 0; i < 1000; i++) {
      const from = addDays("2025-01-01", r.int(0, 900));
      const spec = { amountFen: r.int(1, 10_000_000_00), serviceFrom: from, serviceTo: addDays(from, r.int(0, 500)), billableOn: from };
      for (const schedule of ["monthly_advance", "monthly_arrears", "once_start"] as const) {
        const slices = scheduleSlices(spec, schedule);
        expect(slices.reduce((s, x) => s + x.amountFen, 0)).toBe(spec.amountFen);
        expect(slices.every((s) => s.amountFen >= 0)).toBe(true);
        expect(new Set(slices.map((s) => s.slice)).size).toBe(slices.length);
      }
    }
  });
});

function billLine(amountFen: number, taxIncluded: boolean, rateBp: number): BillLine {
  return {
    id: "L1", center_id: "C", bill_id: "B", seq: 1, source_kind: null, source_id: null, source_key: null, slice: "all", category_id: null, tax_code: "3040303000000000000",
    short_name: "广告服务", item_name: "广告发布费", description: "投放", quantity: 1, tax_included: taxIncluded ? 1 : 0, amount_fen: amountFen, rate_bp: rateBp,
    ...lineMoney(amountFen, taxIncluded, rateBp), bears_culture_fee: 1, service_from: null, service_to: null, original_line_id: null, created_at: "2026-01-01T00:00:00.000Z",
  };
}

function untouched(line: BillLine): CreditableLine {
  return { line, creditedFen: 0, creditedMoney: { net_fen: 0, tax_fen: 0, total_fen: 0 }, creditableFen: line.amount_fen };
}

describe("credit lines", () => {
  it("mirrors an untouched line exactly on a full credit", () => {
    const line = billLine(100_000_01, true, 600);
    expect(creditMoney(untouched(line), line.amount_fen)).toEqual({ net_fen: -line.net_fen, tax_fen: -line.tax_fen, total_fen: -line.total_fen });
  });

  it("nets a line to zero however it was credited in parts (seeded property test)", () => {
    const r = random(7);
    for (let i = 0; i < 500; i++) {
      const line = billLine(r.int(100, 5_000_000_00), r.next() < 0.5, r.pick(RATES));
      let state = untouched(line);
      while (state.creditableFen > 0) {
        const amount = r.next() < 0.3 ? state.creditableFen : r.int(1, state.creditableFen);
        const m = creditMoney(state, amount);
        expect(m.total_fen).toBeLessThanOrEqual(0);
        const creditedMoney = { net_fen: state.creditedMoney.net_fen - m.net_fen, tax_fen: state.creditedMoney.tax_fen - m.tax_fen, total_fen: state.creditedMoney.total_fen - m.total_fen };
        state = { line, creditedFen: state.creditedFen + amount, creditedMoney, creditableFen: state.creditableFen - amount };
      }
      expect(state.creditedMoney).toEqual({ net_fen: line.net_fen, tax_fen: line.tax_fen, total_fen: line.total_fen });
    }
  });
});

describe("problems before issue", () => {
  const complete = { name: "县文旅集团", kind: "enterprise" as const, credit_code: "91350100M000100Y43", address: "人民路 1 号", phone: "0591-1", bank_name: "工行", bank_account: "1402" };
  const lines = [{ seq: 1, description: "投放", tax_code: "3040303000000000000", rate_bp: 600, total_fen: 100 }];

  it("lists what a 专票 needs from the buyer", () => {
    expect(problemsOf({ invoice_kind: "special" }, complete, lines)).toEqual([]);
    const problems = problemsOf({ invoice_kind: "special" }, { ...complete, credit_code: "", phone: "", bank_account: "" }, lines);
    expect(problems).toHaveLength(3);
    expect(problems.join()).toMatch(/纳税人识别号.*地址和电话.*开户银行和账号/);
  });

  it("asks a 普票 for the tax id of organisations only", () => {
    expect(problemsOf({ invoice_kind: "ordinary" }, { ...complete, credit_code: "", bank_name: "", address: "" }, lines)).toEqual([expect.stringContaining("纳税人识别号")]);
    expect(problemsOf({ invoice_kind: "ordinary" }, { ...complete, kind: "individual", credit_code: "" }, lines)).toEqual([]);
  });

  it("lists lines without a tax code or rate, an empty bill and a zero total", () => {
    expect(problemsOf({ invoice_kind: "ordinary" }, complete, [{ ...lines[0], tax_code: "", rate_bp: -1 }])).toEqual([expect.stringContaining("没有税收分类编码"), expect.stringContaining("没有适用的增值税税率")]);
    expect(problemsOf({ invoice_kind: "ordinary" }, complete, [])).toEqual(["账单没有明细行"]);
    expect(problemsOf({ invoice_kind: "ordinary" }, complete, [{ ...lines[0], total_fen: 0 }])).toEqual(["账单价税合计应大于零"]);
  });
});
