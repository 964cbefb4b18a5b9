import { describe, it, expect } from "vitest";
import { nowIso, formatInstant, todayInShanghai, isCalendarDate, addMinutes } from "../../app/utils/time";

describe("nowIso", () => {
  it("is UTC ISO with milliseconds", () => {
    const s = nowIso();
    expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Math.abs(Date.parse(s) - Date.now())).toBeLessThan(5000);
  });
});

describe("formatInstant", () => {
  it.each([
    ["2026-03-01T02:30:00.000Z", "2026-03-01 10:30"],
    ["2026-03-01T16:00:00.000Z", "2026-03-02 00:00"], // midnight is 00, not 24
    ["2025-12-31T15:59:59.999Z", "2025-12-31 23:59"],
    ["2025-12-31T16:00:00.000Z", "2026-01-01 00:00"],
    ["2026-07-15T04:05:00.000Z", "2026-07-15 12:05"], // China has no DST
    ["2026-03-01T10:30:00+08:00", "2026-03-01 10:30"],
  ])("%s → %s", (iso, text) => {
    expect(formatInstant(iso)).toBe(text);
  });

  it("throws on garbage", () => {
    expect(() => formatInstant("not a date")).toThrow(RangeError);
  });
});

describe("todayInShanghai", () => {
  it("uses Beijing date, not UTC date", () => {
    expect(todayInShanghai(new Date("2026-03-01T15:59:00.000Z"))).toBe("2026-03-01");
    expect(todayInShanghai(new Date("2026-03-01T16:00:00.000Z"))).toBe("2026-03-02");
    expect(todayInShanghai(new Date("2025-12-31T16:30:00.000Z"))).toBe("2026-01-01");
  });
  it("defaults to now", () => {
    expect(isCalendarDate(todayInShanghai())).toBe(true);
  });
});

describe("isCalendarDate", () => {
  it.each(["2026-01-01", "2026-02-28", "2028-02-29", "2000-02-29", "2026-12-31", "2026-04-30"])(
    "accepts %s",
    (s) => expect(isCalendarDate(s)).toBe(true),
  );
  it.each([
    "2026-02-29",
    "1900-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-1-1",
    "26-01-01",
    "2026/01/01",
    "2026-01-01T00:00",
    " 2026-01-01",
    "",
  ])("rejects %j", (s) => expect(isCalendarDate(s)).toBe(false));
});

describe("addMinutes", () => {
  it("adds and subtracts, across day and month boundaries", () => {
    expect(addMinutes("2026-03-01T02:30:00.000Z", 30)).toBe("2026-03-01T03:00:00.000Z");
    expect(addMinutes("2026-02-28T23:50:00.000Z", 15)).toBe("2026-03-01T00:05:00.000Z");
    expect(addMinutes("2026-03-01T00:00:00.000Z", -1)).toBe("2026-02-28T23:59:00.000Z");
    expect(addMinutes("2026-03-01T00:00:00.000Z", 0)).toBe("2026-03-01T00:00:00.000Z");
  });
  it("throws on bad input", () => {
    expect(() => addMinutes("nope", 1)).toThrow(RangeError);
    expect(() => addMinutes("2026-03-01T00:00:00.000Z", NaN)).toThrow(RangeError);
  });
});

describe("nextStamp", () => {
  it("is now when now is later, and one millisecond past the old stamp otherwise", async () => {
    const { nextStamp } = await import("../../app/utils/time");
    expect(nextStamp("2026-11-27T01:00:00.000Z", "2026-11-27T01:00:00.005Z")).toBe("2026-11-27T01:00:00.005Z");
    expect(nextStamp("2026-11-27T01:00:00.005Z", "2026-11-27T01:00:00.005Z")).toBe("2026-11-27T01:00:00.006Z");
    expect(nextStamp("2026-11-27T01:00:00.999Z", "2026-11-27T01:00:00.100Z")).toBe("2026-11-27T01:00:01.000Z");
  });
});
