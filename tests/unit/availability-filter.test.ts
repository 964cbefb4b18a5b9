import { describe, expect, it } from "vitest";
import { parseAvailabilityFilter } from "../../app/modules/booking/availability-filter";

const TODAY = "2026-12-01";
const parse = (query: string) => parseAvailabilityFilter(new URLSearchParams(query), TODAY);

describe("availability filter", () => {
  it("defaults to today and the next 29 days, one free day, one spot, page 1", () => {
    const result = parse("");
    expect(result).toMatchObject({ ok: true, filter: { from: "2026-12-01", to: "2026-12-30", minFreeDays: 1, minSpots: 1, page: 1 } });
    if (!result.ok) return;
    expect(result.filter.medium).toBeUndefined();
    expect(result.filter.priceMinFen).toBeUndefined();
    // The form shows the dates it used.
    expect(result.echo).toMatchObject({ from: "2026-12-01", to: "2026-12-30" });
  });

  it("counts a default end from a given start", () => {
    expect(parse("from=2027-02-15")).toMatchObject({ ok: true, filter: { from: "2027-02-15", to: "2027-03-16" } });
  });

  it("reads every choice, prices in yuan as fen, and drops unknown choices", () => {
    const result = parse("medium=led&facility=unipole&district=%E5%9F%8E%E5%85%B3%E9%95%87&size=large&priceMin=1500.5&priceMax=3,000&from=2027-01-01&to=2027-03-31&minDays=10&minSpots=3&page=2");
    expect(result).toMatchObject({
      ok: true,
      filter: { medium: "led", facilityType: "unipole", district: "城关镇", sizeClass: "large", priceMinFen: 150_050, priceMaxFen: 300_000, from: "2027-01-01", to: "2027-03-31", minFreeDays: 10, minSpots: 3, page: 2 },
    });
    const stale = parse("medium=billboard&facility=tower&size=huge&page=-3");
    expect(stale).toMatchObject({ ok: true, filter: { page: 1 } });
    if (!stale.ok) return;
    expect([stale.filter.medium, stale.filter.facilityType, stale.filter.sizeClass]).toEqual([undefined, undefined, undefined]);
  });

  it("takes a range of exactly a year (to = from + 365) and refuses one day more, naming the last allowed day", () => {
    expect(parse("from=2027-01-01&to=2028-01-01")).toMatchObject({ ok: true });
    const tooLong = parse("from=2027-01-01&to=2028-01-02");
    expect(tooLong.ok).toBe(false);
    if (tooLong.ok) return;
    expect(tooLong.errors).toHaveLength(1);
    expect(tooLong.errors[0]).toContain("2028-01-01");
    expect(tooLong.errors[0]).toContain("最长一年");
  });

  it("refuses impossible and misspelt dates and a reversed range, keeping what was typed", () => {
    const bad = parse("from=2027-02-29&to=2027-13-01");
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.join("\n")).toContain("开始日期“2027-02-29”无法识别");
    expect(bad.echo.from).toBe("2027-02-29");
    const slash = parse("to=2027/01/05");
    expect(slash.ok).toBe(false);
    if (!slash.ok) expect(slash.errors[0]).toContain("结束日期“2027/01/05”无法识别");
    const reversed = parse("from=2027-03-10&to=2027-03-01");
    expect(reversed.ok).toBe(false);
    if (!reversed.ok) expect(reversed.errors).toEqual(["结束日期不能早于开始日期"]);
  });

  it("refuses counts that are not whole numbers of at least 1, and more free days than the range has", () => {
    for (const q of ["minDays=0", "minDays=1.5", "minDays=abc", "minSpots=0", "minSpots=-2"]) {
      expect(parse(q).ok, q).toBe(false);
    }
    const many = parse("from=2027-01-01&to=2027-01-10&minDays=11");
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.errors[0]).toContain("10 天");
    expect(parse("from=2027-01-01&to=2027-01-10&minDays=10")).toMatchObject({ ok: true, filter: { minFreeDays: 10 } });
  });

  it("refuses negative, malformed or reversed prices", () => {
    for (const q of ["priceMin=-5", "priceMax=12.345", "priceMin=abc"]) {
      const result = parse(q);
      expect(result.ok, q).toBe(false);
      if (!result.ok) expect(result.errors[0]).toContain("价格");
    }
    const reversed = parse("priceMin=500&priceMax=100");
    expect(reversed.ok).toBe(false);
    if (!reversed.ok) expect(reversed.errors).toEqual(["最低价不能高于最高价"]);
    expect(parse("priceMin=0&priceMax=0")).toMatchObject({ ok: true, filter: { priceMinFen: 0, priceMaxFen: 0 } });
  });

  it("reports every problem at once", () => {
    const result = parse("from=x&minSpots=0&priceMin=-1");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(3);
  });
});
