import { describe, expect, it } from "vitest";
import {
  addDays,
  dayNumber,
  daysInMonth,
  fromDayNumber,
  inclusiveDays,
  isLeapYear,
  monthSlices,
} from "../../app/modules/inventory/calendar-dates";

const MS_PER_DAY = 86_400_000;

describe("day numbers", () => {
  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    ["2000-03-01", 11017],
    ["2026-01-01", 20454],
    ["0000-03-01", -719468],
  ])("%s ↔ %i", (date, n) => {
    expect(dayNumber(date)).toBe(n);
    expect(fromDayNumber(n)).toBe(date);
  });

  it("agrees with Date.UTC and round-trips on every day from 1900 to 2100", () => {
    const start = Date.UTC(1900, 0, 1) / MS_PER_DAY;
    const end = Date.UTC(2100, 11, 31) / MS_PER_DAY;
    const mismatches: string[] = [];
    for (let n = start; n <= end; n++) {
      const iso = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
      if (fromDayNumber(n) !== iso || dayNumber(iso) !== n) mismatches.push(iso);
    }
    expect(end - start).toBe(73413); // 201 years, 49 of them leap
    expect(mismatches).toEqual([]);
  });

  it("covers years 0000 to 9999 and refuses beyond", () => {
    expect(fromDayNumber(dayNumber("0000-01-01"))).toBe("0000-01-01");
    expect(fromDayNumber(dayNumber("9999-12-31"))).toBe("9999-12-31");
    expect(() => fromDayNumber(dayNumber("9999-12-31") + 1)).toThrow(RangeError);
    expect(() => fromDayNumber(dayNumber("0000-01-01") - 1)).toThrow(RangeError);
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
  });

  it("refuses invalid dates", () => {
    for (const bad of ["2026-02-29", "2026-13-01", "2026-1-1", "2026/01/01", "", "2026-04-31"]) {
      expect(() => dayNumber(bad)).toThrow(RangeError);
    }
  });
});

describe("month lengths", () => {
  it("knows the Gregorian leap rule", () => {
    expect([1900, 2000, 2024, 2026, 2028, 2100].map(isLeapYear)).toEqual([false, true, true, false, true, false]);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });
});

describe("addDays and inclusiveDays", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-16", 0)).toBe("2026-03-16");
  });

  it("counts both ends", () => {
    expect(inclusiveDays("2026-01-01", "2026-01-01")).toBe(1);
    expect(inclusiveDays("2026-01-01", "2026-12-31")).toBe(365);
    expect(inclusiveDays("2028-01-01", "2028-12-31")).toBe(366);
    expect(inclusiveDays("2026-01-20", "2026-02-10")).toBe(22);
    expect(inclusiveDays("2026-01-02", "2026-01-01")).toBe(0);
  });
});

describe("monthSlices", () => {
  it("cuts a range at month boundaries with each month's own length", () => {
    expect(monthSlices("2026-01-20", "2026-02-10")).toEqual([
      { year: 2026, month: 1, from: "2026-01-20", to: "2026-01-31", days: 12, monthDays: 31 },
      { year: 2026, month: 2, from: "2026-02-01", to: "2026-02-10", days: 10, monthDays: 28 },
    ]);
  });

  it("handles one day, a whole leap February and a year end", () => {
    expect(monthSlices("2026-05-05", "2026-05-05")).toEqual([{ year: 2026, month: 5, from: "2026-05-05", to: "2026-05-05", days: 1, monthDays: 31 }]);
    expect(monthSlices("2028-02-01", "2028-02-29")).toEqual([{ year: 2028, month: 2, from: "2028-02-01", to: "2028-02-29", days: 29, monthDays: 29 }]);
    const s = monthSlices("2026-12-15", "2027-03-01");
    expect(s.map((x) => `${x.from}..${x.to} ${x.days}/${x.monthDays}`)).toEqual([
      "2026-12-15..2026-12-31 17/31",
      "2027-01-01..2027-01-31 31/31",
      "2027-02-01..2027-02-28 28/28",
      "2027-03-01..2027-03-01 1/31",
    ]);
  });

  it("is empty for a reversed range and its days always add up", () => {
    expect(monthSlices("2026-02-01", "2026-01-31")).toEqual([]);
    const s = monthSlices("2025-11-07", "2028-03-03");
    expect(s.reduce((a, x) => a + x.days, 0)).toBe(inclusiveDays("2025-11-07", "2028-03-03"));
  });
});
