// The events (活动) vocabulary: what an event can be, how its status may move, and the pure date
// arithmetic the calendar needs. Start and end are wall-clock strings 'YYYY-MM-DDTHH:mm' in
// Asia/Shanghai: compared as text, never turned into instants, so no time zone can shift them.
import type { EventStatus, EventType } from "~db/schema";
import { addDays, daysInMonth, parseDate, weekdayFromMonday } from "~/modules/inventory/calendar-dates";
import { isCalendarDate } from "~/utils/time";

export const EVENT_TYPES = ["gala", "expo", "match", "live", "charity", "other"] as const satisfies readonly EventType[];
export const EVENT_STATUSES = ["planning", "confirmed", "done", "cancelled"] as const satisfies readonly EventStatus[];

/** Packages offered as suggestions; the field takes any text. */
export const SPONSOR_PACKAGES = ["冠名", "协办", "特约", "展位", "广告", "物资赞助"] as const;

/** The revenue category an event's income goes to unless another is chosen. */
export const EVENT_CATEGORY_CODE = "event";

/**
 * Where a status may go. 已完成 can be taken back to 已确定 and a cancelled event restored to
 * 筹备中, because both are clicks a person can get wrong; every move is audited.
 */
const TRANSITIONS: Record<EventStatus, readonly EventStatus[]> = {
  planning: ["confirmed", "cancelled"],
  confirmed: ["done", "planning", "cancelled"],
  done: ["confirmed"],
  cancelled: ["planning"],
};

export function nextStatuses(status: EventStatus): readonly EventStatus[] {
  return TRANSITIONS[status];
}

export function canMoveTo(from: EventStatus, to: EventStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

export function isEventStatus(value: string): value is EventStatus {
  return (EVENT_STATUSES as readonly string[]).includes(value);
}

const LOCAL_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/**
 * "2026-05-01T19:30", "2026-05-01 19:30" or a browser's "2026-05-01T19:30:00" → "2026-05-01T19:30";
 * null for anything that is not a real day and time.
 */
export function normaliseLocalDateTime(input: string): string | null {
  const m = LOCAL_RE.exec(input.trim());
  if (!m || !isCalendarDate(m[1])) return null;
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (hour > 23 || minute > 59) return null;
  return `${m[1]}T${m[2]}:${m[3]}`;
}

/** "2026-05-01T19:30" → "2026-05-01". */
export function localDate(localDateTime: string): string {
  return localDateTime.slice(0, 10);
}

/** The parts a browser needs to build `new Date(y, m - 1, d, hh, mm)`: the same wall clock everywhere. */
export function wallClockParts(localDateTime: string): [number, number, number, number, number] {
  const { year, month, day } = parseDate(localDate(localDateTime));
  return [year, month, day, Number(localDateTime.slice(11, 13)), Number(localDateTime.slice(14, 16))];
}

/** "2026-05-01T19:30" → "2026-05-01 19:30"; the end drops its date when it is the same day. */
export function formatSpan(startsAt: string, endsAt: string): string {
  const start = startsAt.replace("T", " ");
  if (localDate(startsAt) === localDate(endsAt)) return `${start} ~ ${endsAt.slice(11)}`;
  return `${start} ~ ${endsAt.replace("T", " ")}`;
}

export type CalendarView = "month" | "week" | "agenda";
export const CALENDAR_VIEWS: CalendarView[] = ["month", "week", "agenda"];

/** Days an agenda shows from its date on (react-big-calendar's default length). */
export const AGENDA_DAYS = 30;

export { weekdayFromMonday };

/** The days a calendar view shows around `date`, both ends included: what the loader must fetch. */
export function visibleRange(view: CalendarView, date: string): { from: string; to: string } {
  if (view === "agenda") return { from: date, to: addDays(date, AGENDA_DAYS) };
  if (view === "week") {
    const from = addDays(date, -weekdayFromMonday(date));
    return { from, to: addDays(from, 6) };
  }
  const { year, month } = parseDate(date);
  const first = `${date.slice(0, 7)}-01`;
  const last = `${date.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, "0")}`;
  return { from: addDays(first, -weekdayFromMonday(first)), to: addDays(last, 6 - weekdayFromMonday(last)) };
}

/** A month 'YYYY-MM' → its first and last day; null when malformed. */
export function monthRange(month: string): { from: string; to: string } | null {
  if (!/^\d{4}-\d{2}$/.test(month) || !isCalendarDate(`${month}-01`)) return null;
  const { year, month: m } = parseDate(`${month}-01`);
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(year, m)).padStart(2, "0")}` };
}
