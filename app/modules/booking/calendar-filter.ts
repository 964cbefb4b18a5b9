// The bookings calendar's parameters and events, pure so the loader, the browser and the tests
// agree. Bookings are all-day events on calendar dates: the loader sends 'YYYY-MM-DD' and the
// browser builds local midnights from the parts, so no time zone can move a booking by a day.
import type { Medium } from "~db/schema";
import { addDays, weekdayFromMonday } from "~/modules/inventory/calendar-dates";
import { MEDIUM_CODES } from "~/modules/inventory/model";
import { isCalendarDate } from "~/utils/time";

export type CalendarView = "month" | "week" | "agenda";
export const CALENDAR_VIEWS: CalendarView[] = ["month", "week", "agenda"];
/** The agenda's `length`: it lists its date and the next 30 days, and pages by 30. */
export const AGENDA_DAYS = 30;
/** Above this many events the calendar stops drawing more and asks for a narrower filter. */
export const CALENDAR_EVENT_CAP = 1500;

export interface CalendarFilter {
  /** Part of a unit code. */
  unit?: string;
  medium?: Medium;
  /** Part of a client name. */
  client?: string;
  ownerId?: string;
}

export interface CalendarParams {
  date: string;
  view: CalendarView;
  filter: CalendarFilter;
  echo: { date: string; view: CalendarView; unit: string; medium: string; client: string; owner: string };
}

export function parseCalendarParams(params: URLSearchParams, today: string): CalendarParams {
  const rawDate = params.get("date") ?? "";
  const date = isCalendarDate(rawDate) ? rawDate : today;
  const rawView = params.get("view") ?? "";
  const view = (CALENDAR_VIEWS as string[]).includes(rawView) ? (rawView as CalendarView) : "month";
  const text = (name: string) => (params.get(name) ?? "").trim();
  const rawMedium = text("medium");
  const medium = (MEDIUM_CODES as string[]).includes(rawMedium) ? (rawMedium as Medium) : undefined;
  const filter: CalendarFilter = { unit: text("unit") || undefined, medium, client: text("client") || undefined, ownerId: text("owner") || undefined };
  return { date, view, filter, echo: { date, view, unit: text("unit"), medium: medium ?? "", client: text("client"), owner: text("owner") } };
}


function lastOfMonth(date: string): string {
  const next = date.slice(5, 7) === "12" ? `${Number(date.slice(0, 4)) + 1}-01-01` : `${date.slice(0, 5)}${String(Number(date.slice(5, 7)) + 1).padStart(2, "0")}-01`;
  return addDays(next, -1);
}

/** The days a view shows for its date, as react-big-calendar lays them out with weeks starting on Monday. */
export function visibleRange(date: string, view: CalendarView): { from: string; to: string } {
  if (view === "agenda") return { from: date, to: addDays(date, AGENDA_DAYS) };
  if (view === "week") {
    const from = addDays(date, -weekdayFromMonday(date));
    return { from, to: addDays(from, 6) };
  }
  const first = `${date.slice(0, 8)}01`;
  const last = lastOfMonth(date);
  return { from: addDays(first, -weekdayFromMonday(first)), to: addDays(last, 6 - weekdayFromMonday(last)) };
}

/** A booking line as the loader sends it: dates are calendar days, `end` is the last day booked. */
export interface BookingEvent {
  orderId: string;
  title: string;
  start: string;
  end: string;
  state: "hold" | "confirmed";
  paid: boolean;
}

export interface CalendarEvent {
  title: string;
  /** The booking's own first and last day, whatever part of it the view draws. */
  first: string;
  last: string;
  start: Date;
  /** Exclusive: midnight after the last day, as all-day events end in react-big-calendar. */
  end: Date;
  allDay: true;
  orderId: string;
  state: BookingEvent["state"];
  paid: boolean;
}

/** Local midnight of a calendar date, built from its parts (never parsed, which would read it as UTC). */
export function dateFromDay(day: string): Date {
  return new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** The calendar date a local Date falls on. */
export function dayFromDate(date: Date): string {
  return `${String(date.getFullYear()).padStart(4, "0")}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

export function toCalendarEvent(event: BookingEvent): CalendarEvent {
  return {
    title: event.title,
    first: event.start,
    last: event.end,
    start: dateFromDay(event.start),
    end: dateFromDay(addDays(event.end, 1)),
    allDay: true,
    orderId: event.orderId,
    state: event.state,
    paid: event.paid,
  };
}

/**
 * The agenda lists an event on every day it spans, so a month-long booking would fill 31 rows.
 * There each booking is one row on its first visible day, and the row shows its whole period.
 */
export function toAgendaEvent(event: BookingEvent, from: string): CalendarEvent {
  const day = event.start < from ? from : event.start;
  return { ...toCalendarEvent(event), start: dateFromDay(day), end: dateFromDay(addDays(day, 1)) };
}

// Longest first, so "股份有限公司" goes before "有限公司" can leave "股份" behind.
const LEGAL_SUFFIXES = ["股份有限公司", "有限责任公司", "有限公司", "分公司", "公司"];
const SHORT_NAME_LENGTH = 10;

/** A client name without its legal form, cut to fit an event bar: "城关镇鸿运百货有限公司" → "城关镇鸿运百货". */
export function clientShortName(name: string): string {
  let short = name.trim();
  for (const suffix of LEGAL_SUFFIXES) {
    if (short.endsWith(suffix) && short.length > suffix.length) {
      short = short.slice(0, -suffix.length);
      break;
    }
  }
  return short.length > SHORT_NAME_LENGTH ? `${short.slice(0, SHORT_NAME_LENGTH)}…` : short;
}

/** "单位代码 客户简称 · 订单号". */
export function bookingTitle(unitCode: string, clientName: string, orderNumber: string): string {
  return `${unitCode} ${clientShortName(clientName)} · ${orderNumber}`;
}
