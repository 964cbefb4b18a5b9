import { afterEach, describe, expect, it } from "vitest";
import {
  type BookingEvent,
  bookingTitle,
  clientShortName,
  dateFromDay,
  dayFromDate,
  parseCalendarParams,
  toAgendaEvent,
  toCalendarEvent,
  visibleRange,
} from "../../app/modules/booking/calendar-filter";

const booking = (start: string, end: string): BookingEvent => ({ orderId: "o1", title: "LED-01 鸿运百货 · DD2026-000001", start, end, state: "hold", paid: true });
const parts = (d: Date) => [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()];

describe("booking lines as all-day calendar events", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("starts at local midnight of the first day and ends at local midnight after the last", () => {
    const event = toCalendarEvent(booking("2026-03-01", "2026-03-03"));
    expect(parts(event.start)).toEqual([2026, 3, 1, 0, 0]);
    expect(parts(event.end)).toEqual([2026, 3, 4, 0, 0]);
    expect(event.allDay).toBe(true);
    expect([event.first, event.last]).toEqual(["2026-03-01", "2026-03-03"]);
  });

  // Node reads TZ again when it changes, so one process can play browsers around the world.
  for (const tz of ["Asia/Shanghai", "UTC", "America/Los_Angeles", "Pacific/Kiritimati", "America/St_Johns"]) {
    it(`keeps the same calendar days in ${tz}, across month ends and daylight-saving changes`, () => {
      process.env.TZ = tz;
      for (const [start, end, exclusiveEnd] of [
        ["2026-03-01", "2026-03-03", "2026-03-04"],
        ["2026-03-07", "2026-03-09", "2026-03-10"],
        ["2026-10-31", "2026-11-02", "2026-11-03"],
        ["2026-12-31", "2026-12-31", "2027-01-01"],
        ["2028-02-28", "2028-02-29", "2028-03-01"],
      ]) {
        const event = toCalendarEvent(booking(start, end));
        expect(dayFromDate(event.start)).toBe(start);
        expect(dayFromDate(event.end)).toBe(exclusiveEnd);
        expect([event.start.getHours(), event.end.getHours()]).toEqual([0, 0]);
      }
      expect(dayFromDate(dateFromDay("2026-03-08"))).toBe("2026-03-08");
    });
  }

  it("lists a booking once in the agenda, on its first visible day", () => {
    const event = toAgendaEvent(booking("2026-02-20", "2026-03-31"), "2026-03-05");
    expect(dayFromDate(event.start)).toBe("2026-03-05");
    expect(dayFromDate(event.end)).toBe("2026-03-06");
    expect([event.first, event.last]).toEqual(["2026-02-20", "2026-03-31"]);
    expect(dayFromDate(toAgendaEvent(booking("2026-03-10", "2026-03-12"), "2026-03-05").start)).toBe("2026-03-10");
  });
});

describe("the calendar's visible days", () => {
  it("covers whole Monday-based weeks around a month", () => {
    // March 2026 starts on a Sunday and ends on a Tuesday.
    expect(visibleRange("2026-03-15", "month")).toEqual({ from: "2026-02-23", to: "2026-04-05" });
    // February 2027 starts on a Monday and ends on a Sunday.
    expect(visibleRange("2027-02-10", "month")).toEqual({ from: "2027-02-01", to: "2027-02-28" });
  });

  it("takes the Monday-to-Sunday week of the date, and the agenda's 31 days", () => {
    expect(visibleRange("2026-03-01", "week")).toEqual({ from: "2026-02-23", to: "2026-03-01" });
    expect(visibleRange("2026-03-02", "week")).toEqual({ from: "2026-03-02", to: "2026-03-08" });
    expect(visibleRange("2026-12-30", "agenda")).toEqual({ from: "2026-12-30", to: "2027-01-29" });
  });

  it("falls back to today and the month view on bad parameters, and drops unknown media", () => {
    const parsed = parseCalendarParams(new URLSearchParams("date=2026-02-30&view=day&medium=cinema&unit=%20LED%20&owner=u1"), "2026-05-06");
    expect(parsed.date).toBe("2026-05-06");
    expect(parsed.view).toBe("month");
    expect(parsed.filter).toEqual({ unit: "LED", medium: undefined, client: undefined, ownerId: "u1" });
  });
});

describe("event titles", () => {
  it("reads 单位代码 客户简称 · 订单号, without the client's legal form", () => {
    expect(bookingTitle("LED-01", "城关镇鸿运百货有限公司", "DD2026-000012")).toBe("LED-01 城关镇鸿运百货 · DD2026-000012");
    expect(clientShortName("某某科技股份有限公司")).toBe("某某科技");
    expect(clientShortName("县人民医院")).toBe("县人民医院");
    expect(clientShortName("公司")).toBe("公司");
    expect(clientShortName("一二三四五六七八九十十一有限公司")).toBe("一二三四五六七八九十…");
  });
});
