import { describe, expect, it } from "vitest";
import { parseContractForm } from "../../app/modules/contracts/contract-form";
import { feeMonths, feeTotal, formatContractNumber, isLate, isValidNumberPattern, needsApproval, nextTerm, serviceEnd, shiftDate, splitMilestones } from "../../app/modules/contracts/model";
import { amountWithin, dailyAmounts, monthlyTotals, type RevenueSpan } from "../../app/modules/income/seam";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { mulDivHalfUp } from "../../app/utils/money";

const shares = (...percents: number[]) => percents.map((p) => ({ percentBp: Math.round(p * 100) }));
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe("mulDivHalfUp", () => {
  it.each([
    [5, 1, 2, 3], // 2.5 → 3
    [3, 1, 2, 2], // 1.5 → 2
    [5, 1, 4, 1], // 1.25 → 1
    [3, 1, 4, 1], // 0.75 → 1
    [1, 1, 3, 0], // 0.33 → 0
    [0, 7, 9, 0],
    [8001, 15, 30, 4001], // 4000.5 → 4001
    [100_000, 3000, 10_000, 30_000],
  ])("%i × %i ÷ %i = %i", (a, b, c, out) => {
    expect(mulDivHalfUp(a, b, c)).toBe(out);
  });

  it("is exact beyond the float range of the product", () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(mulDivHalfUp(big, 10_000, 10_000)).toBe(big);
    expect(mulDivHalfUp(big, 1, 1)).toBe(big);
    expect(mulDivHalfUp(99_999_999_999, 9_999, 10_000)).toBe(99_989_999_999);
  });

  it("refuses negatives, fractions and a zero divisor", () => {
    expect(() => mulDivHalfUp(-1, 1, 2)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1, -1, 2)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1.5, 1, 2)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1, 1, 0)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1, 1, -3)).toThrow(RangeError);
  });
});

describe("splitMilestones", () => {
  it("splits 30/40/30 of a round total exactly", () => {
    expect(splitMilestones(10_000_000, shares(30, 40, 30))).toEqual([3_000_000, 4_000_000, 3_000_000]);
  });

  it.each([
    [100_001, [30_000, 40_000, 30_001]],
    [333, [100, 133, 100]],
    [12_345, [3_704, 4_938, 3_703]], // 3703.5 rounds half-up; the last takes the remainder
    [1, [0, 0, 1]],
  ])("gives an odd total of %i fen to the milestones with the last taking the remainder", (total, amounts) => {
    const split = splitMilestones(total, shares(30, 40, 30));
    expect(split).toEqual(amounts);
    expect(sum(split!)).toBe(total);
  });

  it("always sums to the total, whatever the total and the shares", () => {
    const sets = [shares(30, 40, 30), shares(33.33, 33.33, 33.34), shares(10, 20, 30, 40), shares(0.01, 99.99), shares(100)];
    for (const set of sets) {
      for (const total of [1_00, 99_99, 1_234_567, 7, 100_000_000_000]) {
        const split = splitMilestones(total, set);
        expect(split, `${total}`).not.toBeNull();
        expect(sum(split!), `${total}`).toBe(total);
        expect(split!.every((a) => Number.isSafeInteger(a) && a >= 0)).toBe(true);
      }
    }
    expect(splitMilestones(1_234_567, shares(33.33, 33.33, 33.34))).toEqual([411_481, 411_481, 411_605]);
  });

  it("refuses shares that do not sum to 100 %, zero or negative shares, fractions of a basis point, and no shares", () => {
    expect(splitMilestones(100_000, shares(30, 40, 29.99))).toBeNull();
    expect(splitMilestones(100_000, shares(30, 40, 30.01))).toBeNull();
    expect(splitMilestones(100_000, shares(50, 50, 0))).toBeNull();
    expect(splitMilestones(100_000, [{ percentBp: 12_000 }, { percentBp: -2_000 }])).toBeNull();
    expect(splitMilestones(100_000, [{ percentBp: 5_000.5 }, { percentBp: 4_999.5 }])).toBeNull();
    expect(splitMilestones(100_000, [])).toBeNull();
  });

  it("refuses a split whose last milestone would get nothing", () => {
    // 1 fen: 0.5 rounds up to the first milestone and leaves 0 for the last.
    expect(splitMilestones(1, shares(50, 50))).toBeNull();
  });
});

describe("feeMonths / feeTotal", () => {
  it("charges ¥8,000 for each of 12 whole months: ¥96,000", () => {
    const months = feeMonths(800_000, "2026-01-01", "2026-12-31");
    expect(months).toHaveLength(12);
    expect(months.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]);
    expect(months.every((m) => m.amountFen === 800_000 && m.days === m.monthDays)).toBe(true);
    expect(feeTotal(800_000, "2026-01-01", "2026-12-31")).toBe(9_600_000);
  });

  it("prorates part months by days served over days in that month, half-up", () => {
    const months = feeMonths(800_000, "2026-01-20", "2026-03-10");
    expect(months).toEqual([
      { month: "2026-01", from: "2026-01-20", to: "2026-01-31", days: 12, monthDays: 31, amountFen: 309_677 }, // 309,677.42
      { month: "2026-02", from: "2026-02-01", to: "2026-02-28", days: 28, monthDays: 28, amountFen: 800_000 },
      { month: "2026-03", from: "2026-03-01", to: "2026-03-10", days: 10, monthDays: 31, amountFen: 258_065 }, // 258,064.52
    ]);
    expect(feeTotal(800_000, "2026-01-20", "2026-03-10")).toBe(309_677 + 800_000 + 258_065);
    // An exact half fen rounds up: 8,001 × 15 / 30 = 4,000.5.
    expect(feeTotal(8_001, "2026-04-16", "2026-04-30")).toBe(4_001);
  });

  it("uses 29 days for February of a leap year and 28 otherwise", () => {
    expect(feeMonths(800_000, "2028-02-01", "2028-02-29")).toEqual([{ month: "2028-02", from: "2028-02-01", to: "2028-02-29", days: 29, monthDays: 29, amountFen: 800_000 }]);
    expect(feeTotal(800_000, "2028-02-01", "2028-02-28")).toBe(772_414); // 28/29: 772,413.79
    expect(feeTotal(800_000, "2028-02-15", "2028-02-29")).toBe(413_793); // 15/29: 413,793.10
    expect(feeTotal(800_000, "2026-02-01", "2026-02-28")).toBe(800_000);
    expect(feeTotal(800_000, "2026-02-15", "2026-02-28")).toBe(400_000); // 14/28
  });

  it("is empty for an end before the start", () => {
    expect(feeMonths(800_000, "2026-03-01", "2026-02-28")).toEqual([]);
    expect(feeTotal(800_000, "2026-03-01", "2026-02-28")).toBe(0);
  });
});

describe("terms, numbers and lateness", () => {
  it("renews a whole-year term as the next year", () => {
    expect(nextTerm("2026-01-01", "2026-12-31")).toEqual({ start: "2027-01-01", end: "2027-12-31" });
    expect(nextTerm("2027-03-01", "2028-02-29")).toEqual({ start: "2028-03-01", end: "2029-02-28" });
    expect(nextTerm("2026-07-15", "2027-07-14")).toEqual({ start: "2027-07-15", end: "2028-07-14" });
    expect(nextTerm("2026-01-15", "2026-04-14")).toEqual({ start: "2026-04-15", end: "2026-07-14" });
  });

  it("renews an odd-length term for the same number of days", () => {
    const next = nextTerm("2026-01-20", "2026-03-10"); // 50 days
    expect(next).toEqual({ start: "2026-03-11", end: "2026-04-29" });
    expect(addDays(next.start, 49)).toBe(next.end);
    // A start past the 28th is counted in days, since not every month has that day.
    expect(nextTerm("2026-01-31", "2026-02-27")).toEqual({ start: "2026-02-28", end: "2026-03-27" });
  });

  it("shifts a planned date with the term", () => {
    expect(shiftDate("2026-06-30", "2026-01-01", "2027-01-01")).toBe("2027-06-30");
    expect(shiftDate("2026-03-01", "2026-01-20", "2026-03-11")).toBe("2026-04-20");
  });

  it("formats contract numbers from the center's pattern", () => {
    expect(formatContractNumber("HT{YYYY}-{NNN}", 2026, 7)).toBe("HT2026-007");
    expect(formatContractNumber("HT{YYYY}-{NNN}", 2026, 1234)).toBe("HT2026-1234");
    expect(formatContractNumber("青融服{YYYY}第{NNNN}号", 2027, 12)).toBe("青融服2027第0012号");
    expect(formatContractNumber("{NN}", 2026, 3)).toBe("03");
    // Without a sequence placeholder the sequence is appended, so numbers stay unique.
    expect(formatContractNumber("HT{YYYY}", 2026, 5)).toBe("HT2026-5");
  });

  it.each([
    ["HT{YYYY}-{NNN}", true],
    ["青融服{YYYY}第{NNNN}号", true],
    ["合同", true],
    ["{N}", true],
    ["HT{X}", false],
    ["HT{YY}-{NNN}", false],
    ["HT{YYYY", false],
    ["HT}{NNN}", false],
    ["{{NNN}}", false],
    ["", false],
    ["   ", false],
    ["H".repeat(41), false],
  ])("pattern %j valid: %s", (pattern, valid) => {
    expect(isValidNumberPattern(pattern)).toBe(valid);
  });

  // A pattern the settings form accepts must give numbers that fit the 40-character contracts.number
  // column (MariaDB refuses longer ones): a pattern without {N…} gets "-<n>" appended, and the
  // sequence may outgrow its placeholder.
  it("gives every valid pattern numbers that fit the 40-character column, up to the 999th contract of a year", () => {
    for (const pattern of ["HT{YYYY}-{NNN}", "合".repeat(39), "H".repeat(40), `${"H".repeat(37)}{N}`, `${"H".repeat(34)}{YYYY}`]) {
      if (!isValidNumberPattern(pattern)) continue;
      expect(formatContractNumber(pattern, 2026, 999).length, pattern).toBeLessThanOrEqual(40);
    }
  });

  it("flags a milestone late only when not accepted and its planned day has passed", () => {
    expect(isLate({ planned_date: "2026-03-01", accepted_on: null }, "2026-03-02")).toBe(true);
    expect(isLate({ planned_date: "2026-03-01", accepted_on: null }, "2026-03-01")).toBe(false);
    expect(isLate({ planned_date: "2026-03-01", accepted_on: "2026-03-05" }, "2026-04-01")).toBe(false);
  });

  it("needs approval above the threshold, and always when the threshold is 0", () => {
    expect(needsApproval(5_000_000, 5_000_000)).toBe(false);
    expect(needsApproval(5_000_001, 5_000_000)).toBe(true);
    expect(needsApproval(1, 0)).toBe(true);
  });

  it("serves to the end, or to the termination day when that came first", () => {
    expect(serviceEnd({ end_date: "2026-12-31", terminated_on: null })).toBe("2026-12-31");
    expect(serviceEnd({ end_date: "2026-12-31", terminated_on: "2026-05-15" })).toBe("2026-05-15");
  });
});

describe("dailyAmounts / amountWithin", () => {
  it("spreads an amount over its days to the fen, the days summing to the amount", () => {
    expect(dailyAmounts({ amountFen: 100, from: "2026-01-01", to: "2026-01-03" })).toEqual([
      { date: "2026-01-01", amountFen: 33 },
      { date: "2026-01-02", amountFen: 34 },
      { date: "2026-01-03", amountFen: 33 },
    ]);
    expect(dailyAmounts({ amountFen: 5_00, from: "2026-03-01", to: "2026-03-01" })).toEqual([{ date: "2026-03-01", amountFen: 5_00 }]);
    for (const amountFen of [1, 2, 99, 100_00, 1_234_567, 309_677, 99_999_999_999]) {
      for (const [from, to] of [["2026-01-01", "2026-01-07"], ["2026-01-20", "2026-03-10"], ["2028-02-01", "2028-12-31"], ["2026-01-01", "2035-12-31"]]) {
        const days = dailyAmounts({ amountFen, from, to });
        expect(days[0].date).toBe(from);
        expect(days.at(-1)!.date).toBe(to);
        expect(sum(days.map((d) => d.amountFen)), `${amountFen} ${from}..${to}`).toBe(amountFen);
        expect(Math.max(...days.map((d) => d.amountFen)) - Math.min(...days.map((d) => d.amountFen))).toBeLessThanOrEqual(1);
      }
    }
  });

  it("gives any stretch of days the same amount, asked for alone or as part of the whole", () => {
    const span = { amountFen: 1_367_742, from: "2026-01-20", to: "2026-03-10" };
    const all = dailyAmounts(span);
    for (const [from, to] of [["2026-01-20", "2026-01-31"], ["2026-02-01", "2026-02-28"], ["2026-02-10", "2026-03-10"], ["2026-01-01", "2026-01-25"], ["2026-03-05", "2026-04-30"]]) {
      const part = dailyAmounts(span, { from, to });
      const expected = all.filter((d) => d.date >= from && d.date <= to);
      expect(part).toEqual(expected);
      expect(amountWithin(span, { from, to })).toBe(sum(expected.map((d) => d.amountFen)));
    }
    // The months of a period add up to the whole.
    const months = [["2026-01-01", "2026-01-31"], ["2026-02-01", "2026-02-28"], ["2026-03-01", "2026-03-31"]];
    expect(sum(months.map(([from, to]) => amountWithin(span, { from, to })))).toBe(span.amountFen);
  });

  it("gives nothing outside the span, and nothing for a span that ends before it starts", () => {
    const span = { amountFen: 1_000, from: "2026-05-01", to: "2026-05-10" };
    expect(dailyAmounts(span, { from: "2026-06-01", to: "2026-06-30" })).toEqual([]);
    expect(amountWithin(span, { from: "2026-04-01", to: "2026-04-30" })).toBe(0);
    expect(amountWithin(span, { from: "2026-01-01", to: "2026-12-31" })).toBe(1_000);
    expect(dailyAmounts({ amountFen: 1_000, from: "2026-05-10", to: "2026-05-01" })).toEqual([]);
    expect(amountWithin({ amountFen: 1_000, from: "2026-05-10", to: "2026-05-01" }, { from: "2026-01-01", to: "2026-12-31" })).toBe(0);
  });

  it("mirrors a negative amount (a credit) exactly", () => {
    const credit = { amountFen: -100, from: "2026-01-01", to: "2026-01-03" };
    expect(dailyAmounts(credit).map((d) => d.amountFen)).toEqual([-33, -34, -33]);
    expect(amountWithin(credit, { from: "2026-01-02", to: "2026-01-31" })).toBe(-67);
    const span = { amountFen: -1_234_567, from: "2026-02-10", to: "2026-05-20" };
    expect(sum(dailyAmounts(span).map((d) => d.amountFen))).toBe(-1_234_567);
    expect(amountWithin(span, { from: "2026-03-01", to: "2026-03-31" })).toBe(-amountWithin({ ...span, amountFen: 1_234_567 }, { from: "2026-03-01", to: "2026-03-31" }));
  });
});

describe("monthlyTotals", () => {
  const span = (key: string, amountFen: number, from: string, to: string): RevenueSpan => ({
    key, source: { kind: "contract", id: key, label: key }, clientId: "C", categoryId: "K", ownerId: "U", earned: true, taxIncluded: true, amountFen, from, to,
  });

  it("adds each span's days per month inside the period", () => {
    const spans = [span("a", 3_100, "2026-01-20", "2026-02-10"), span("b", 500, "2026-02-15", "2026-02-15"), span("c", -200, "2026-02-01", "2026-02-28")];
    const totals = monthlyTotals(spans, { from: "2026-01-01", to: "2026-12-31" });
    // Span a: 22 days, 12 in January: 3,100 × 12 / 22 = 1,690.9 → 1,691; February the rest.
    expect([...totals.entries()]).toEqual([
      ["2026-01", 1_691],
      ["2026-02", 1_409 + 500 - 200],
    ]);
    expect(sum([...totals.values()])).toBe(3_100 + 500 - 200);
  });

  it("counts only the days inside the period", () => {
    const a = span("a", 3_100, "2026-01-20", "2026-02-10");
    const totals = monthlyTotals([a], { from: "2026-02-01", to: "2026-02-05" });
    expect([...totals.entries()]).toEqual([["2026-02", amountWithin(a, { from: "2026-02-01", to: "2026-02-05" })]]);
    expect(monthlyTotals([a], { from: "2026-03-01", to: "2026-03-31" }).size).toBe(0);
  });
});

function contractForm(values: Record<string, string>, rows: Record<string, string[]> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  for (const [k, list] of Object.entries(rows)) for (const v of list) f.append(k, v);
  return f;
}

const HEADER = {
  number: "",
  title: "智慧党建平台开发",
  client: "县委组织部",
  category_id: "CAT1",
  pricing: "milestone",
  signed_on: "2026-01-10",
  start_date: "2026-01-10",
  end_date: "2026-06-30",
  amount: "120,000.01",
  monthly_fee: "",
  tax_included: "1",
  notes: "",
};

describe("parseContractForm", () => {
  it("reads milestone rows, computes their amounts in fen and ignores wholly blank rows", () => {
    const r = parseContractForm(
      contractForm(HEADER, {
        ms_name: ["签约", "", "上线", "验收"],
        ms_percent: ["30", "", "40%", "30"],
        ms_date: ["2026-01-10", "", "2026-04-30", "2026-06-30"],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ title: "智慧党建平台开发", pricing: "milestone", amount_fen: 12_000_001, monthly_fee_fen: 0, tax_included: 1, signed_on: "2026-01-10", rates: [] });
    expect(r.value.milestones).toEqual([
      { name: "签约", percentBp: 3000, amountFen: 3_600_000, plannedDate: "2026-01-10" },
      { name: "上线", percentBp: 4000, amountFen: 4_800_000, plannedDate: "2026-04-30" },
      { name: "验收", percentBp: 3000, amountFen: 3_600_001, plannedDate: "2026-06-30" },
    ]);
  });

  it("says what the percentages add up to when it is not 100 %", () => {
    const r = parseContractForm(contractForm(HEADER, { ms_name: ["签约", "验收"], ms_percent: ["30", "60.5"], ms_date: ["2026-01-10", "2026-06-30"] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.milestones).toBe("里程碑比例合计应为 100%，现为 90.5%");
  });

  it("asks for at least one milestone, and names the bad row", () => {
    const none = parseContractForm(contractForm(HEADER));
    expect(!none.ok && none.errors.milestones).toBe("请至少填写一个里程碑（名称、比例、计划日期）");
    const bad = parseContractForm(contractForm(HEADER, { ms_name: ["签约", ""], ms_percent: ["50", "50"], ms_date: ["2026-01-10", "2026-13-01"] }));
    expect(!bad.ok && bad.errors["ms.1"]).toBe("第 2 个里程碑：请填写名称");
  });

  it("computes a monthly contract's amount from the fee and the term", () => {
    const r = parseContractForm(contractForm({ ...HEADER, pricing: "monthly", amount: "", monthly_fee: "8000", start_date: "2026-01-20", end_date: "2026-03-10", tax_included: "0" }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ pricing: "monthly", monthly_fee_fen: 800_000, amount_fen: 1_367_742, tax_included: 0, milestones: [], rates: [] });
    const noFee = parseContractForm(contractForm({ ...HEADER, pricing: "monthly", monthly_fee: "" }));
    expect(!noFee.ok && noFee.errors.monthly_fee).toBe("月服务费“”不是有效金额");
  });

  it("requires agreed rates for time and materials, ignoring blank rows", () => {
    const tm = { ...HEADER, pricing: "tm", amount: "50000" };
    const none = parseContractForm(contractForm(tm, { rate_name: [""], rate_unit: [""], rate_price: [""] }));
    expect(!none.ok && none.errors.rates).toBe("请至少填写一项单价（项目、单位、单价）");
    const r = parseContractForm(contractForm(tm, { rate_name: ["直播", "", "视频制作"], rate_unit: ["场", "", "分钟"], rate_price: ["3,000", "", "800.5"] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.amount_fen).toBe(5_000_000);
    expect(r.value.rates).toEqual([
      { name: "直播", unit: "场", priceFen: 300_000 },
      { name: "视频制作", unit: "分钟", priceFen: 80_050 },
    ]);
    const noUnit = parseContractForm(contractForm(tm, { rate_name: ["直播"], rate_unit: [""], rate_price: ["3000"] }));
    expect(!noUnit.ok && noUnit.errors["rate.0"]).toBe("第 1 项单价：请填写计量单位（如 场、分钟）");
  });

  it("refuses an end before the start", () => {
    const r = parseContractForm(contractForm({ ...HEADER, start_date: "2026-06-30", end_date: "2026-01-10" }, { ms_name: ["全款"], ms_percent: ["100"], ms_date: ["2026-06-30"] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.end_date).toBe("结束日期早于开始日期");
  });

  it("reports missing header fields in Chinese", () => {
    const r = parseContractForm(contractForm({ ...HEADER, title: "", client: "", category_id: "", pricing: "free", amount: "" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject({ title: "请填写合同名称", client: "请填写客户", category_id: "请选择收入类别", pricing: "请选择计价方式" });
  });
});
