import { describe, expect, it } from "vitest";
import { parseCancelForm, parseEventForm, parseSponsorForm } from "../../app/modules/events/event-form";
import { canMoveTo, formatSpan, monthRange, normaliseLocalDateTime, visibleRange, wallClockParts, weekdayFromMonday } from "../../app/modules/events/model";

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

const EVENT = {
  title: " 全县广场舞大赛 ",
  type: "match",
  venue: "人民广场",
  starts_at: "2026-05-01T08:30",
  ends_at: "2026-05-01T17:00",
  owner_id: "U1",
  category_id: "",
  budget: "60,000.5",
  notes: "",
};

describe("event form", () => {
  it("reads a filled form: trimmed title, budget in fen, wall-clock times as typed", () => {
    const r = parseEventForm(form(EVENT));
    expect(r.ok && r.value).toEqual({ ...EVENT, title: "全县广场舞大赛", budget: 6_000_050 });
  });

  it("accepts a space or seconds in the time and stores minutes only", () => {
    const r = parseEventForm(form({ ...EVENT, starts_at: "2026-05-01 08:30", ends_at: "2026-05-01T17:00:00" }));
    expect(r.ok && [r.value.starts_at, r.value.ends_at]).toEqual(["2026-05-01T08:30", "2026-05-01T17:00"]);
  });

  it("takes an empty budget as zero", () => {
    const r = parseEventForm(form({ ...EVENT, budget: "" }));
    expect(r.ok && r.value.budget).toBe(0);
  });

  it("reports every problem at once in Chinese", () => {
    const r = parseEventForm(form({ ...EVENT, title: "", type: "party", starts_at: "2026-02-30T10:00", ends_at: "2026-05-01T24:00", owner_id: "", budget: "-5" }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual({
      title: "请填写活动名称",
      type: "请选择活动类型",
      starts_at: "请填写正确的开始时间，如 2026-05-01 19:30",
      ends_at: "请填写正确的结束时间，如 2026-05-01 21:30",
      owner_id: "请选择负责人",
      budget: "预算不能为负数",
    });
  });

  it("refuses an end before the start, even when everything else is wrong too", () => {
    const alone = parseEventForm(form({ ...EVENT, ends_at: "2026-05-01T08:29" }));
    expect(!alone.ok && alone.errors).toEqual({ ends_at: "结束时间不能早于开始时间" });
    const withOthers = parseEventForm(form({ ...EVENT, title: "", ends_at: "2026-04-30T23:00" }));
    expect(!withOthers.ok && withOthers.errors).toEqual({ title: "请填写活动名称", ends_at: "结束时间不能早于开始时间" });
    const same = parseEventForm(form({ ...EVENT, ends_at: EVENT.starts_at }));
    expect(same.ok).toBe(true);
  });

  it("refuses a title over 100 characters and a budget that is not money", () => {
    const r = parseEventForm(form({ ...EVENT, title: "晚".repeat(101), budget: "1.234" }));
    expect(!r.ok && r.errors).toEqual({ title: "最多 100 个字", budget: "预算应为金额，如 50000 或 50000.00" });
  });
});

describe("sponsor form", () => {
  it("reads the amount in 元 as integer fen without float error", () => {
    const r = parseSponsorForm(form({ client: " 青山茶业有限公司 ", package: "冠名", amount: "1.15" }));
    expect(r.ok && r.value).toEqual({ client: "青山茶业有限公司", package: "冠名", amount: 115 });
  });

  it.each([
    ["0", "赞助金额须大于 0"],
    ["-100", "赞助金额须大于 0"],
    ["", "赞助金额应为金额，如 20000 或 20000.00"],
    ["两万", "赞助金额应为金额，如 20000 或 20000.00"],
  ])("refuses the amount %j", (amount, message) => {
    const r = parseSponsorForm(form({ client: "甲", package: "协办", amount }));
    expect(!r.ok && r.errors.amount).toBe(message);
  });

  it("needs a client and a package", () => {
    const r = parseSponsorForm(form({ client: "", package: " ", amount: "100" }));
    expect(!r.ok && r.errors).toEqual({ client: "请选择赞助客户", package: "请填写赞助方式，如 冠名、协办、展位" });
  });

  it("needs a cancellation reason", () => {
    const r = parseCancelForm(form({ reason: "  " }));
    expect(!r.ok && r.errors.reason).toBe("请填写取消原因");
  });
});

describe("event model", () => {
  it.each([
    ["2026-05-01T19:30", "2026-05-01T19:30"],
    ["2026-05-01 07:05", "2026-05-01T07:05"],
    ["2026-05-01T19:30:00.000", "2026-05-01T19:30"],
    ["2028-02-29T00:00", "2028-02-29T00:00"],
    ["2026-02-29T10:00", null],
    ["2026-05-01T19:60", null],
    ["2026-05-01", null],
    ["19:30", null],
  ])("normalises %j → %j", (input, expected) => {
    expect(normaliseLocalDateTime(input)).toBe(expected);
  });

  it("splits a wall clock into the parts a browser builds a local Date from", () => {
    expect(wallClockParts("2026-03-08T02:30")).toEqual([2026, 3, 8, 2, 30]);
  });

  it("shows a same-day span with one date", () => {
    expect(formatSpan("2026-05-01T19:30", "2026-05-01T21:45")).toBe("2026-05-01 19:30 ~ 21:45");
    expect(formatSpan("2026-05-01T09:00", "2026-05-03T17:00")).toBe("2026-05-01 09:00 ~ 2026-05-03 17:00");
  });

  it("lets statuses move only along the allowed paths", () => {
    expect(canMoveTo("planning", "confirmed")).toBe(true);
    expect(canMoveTo("planning", "done")).toBe(false);
    expect(canMoveTo("confirmed", "done")).toBe(true);
    expect(canMoveTo("done", "cancelled")).toBe(false);
    expect(canMoveTo("cancelled", "planning")).toBe(true);
    expect(canMoveTo("cancelled", "confirmed")).toBe(false);
  });

  it("counts weekdays from Monday", () => {
    expect(weekdayFromMonday("2026-06-01")).toBe(0); // a Monday
    expect(weekdayFromMonday("2026-05-31")).toBe(6); // a Sunday
    expect(weekdayFromMonday("1969-12-29")).toBe(0); // before day 0
  });

  it("fetches the weeks a month view draws, Monday to Sunday", () => {
    // May 2026: Friday the 1st to Sunday the 31st.
    expect(visibleRange("month", "2026-05-20")).toEqual({ from: "2026-04-27", to: "2026-05-31" });
    // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
    expect(visibleRange("month", "2027-02-10")).toEqual({ from: "2027-02-01", to: "2027-02-28" });
    expect(visibleRange("week", "2026-05-31")).toEqual({ from: "2026-05-25", to: "2026-05-31" });
    expect(visibleRange("agenda", "2026-05-20")).toEqual({ from: "2026-05-20", to: "2026-06-19" });
  });

  it("reads a month filter", () => {
    expect(monthRange("2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(monthRange("2026-13")).toBeNull();
    expect(monthRange("26-01")).toBeNull();
  });
});
