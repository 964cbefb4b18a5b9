// What the bookings calendar and the events calendar share: one dayjs localizer in zh-cn, the
// Chinese toolbar words and the Chinese date formats.
import dayjs from "dayjs";
// With the extension: the server loads this file through Node's ESM resolver, which adds none.
import "dayjs/locale/zh-cn.js";
import { type DateLocalizer, dayjsLocalizer, type Formats, type Messages } from "react-big-calendar";
import { t } from "~/i18n";

// The localizer reads the week start from dayjs's global locale (zh-cn: Monday), the same on the
// server and in the browser, so both draw the weeks the loader fetched.
dayjs.locale("zh-cn");
export const localizer = dayjsLocalizer(dayjs);

/** The toolbar and view words; `event` and `noEvents` name what this calendar shows. */
export function calendarMessages<E extends object>(event: string, noEvents: string): Messages<E> {
  return {
    today: t("calendar.today"),
    previous: t("calendar.previous"),
    next: t("calendar.next"),
    month: t("calendar.month"),
    week: t("calendar.week"),
    work_week: t("calendar.workWeek"),
    day: t("calendar.day"),
    yesterday: t("calendar.yesterday"),
    tomorrow: t("calendar.tomorrow"),
    agenda: t("calendar.agenda"),
    date: t("calendar.date"),
    time: t("calendar.time"),
    allDay: t("calendar.allDay"),
    event,
    noEventsInRange: noEvents,
    showMore: (n: number) => t("calendar.showMore", { n }),
  };
}

const sameMonth = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth();
const fmt = (loc: unknown, date: Date, format: string, culture?: string) => (loc as DateLocalizer).format(date, format, culture);

export const ZH_FORMATS: Formats = {
  monthHeaderFormat: "YYYY年M月",
  dayHeaderFormat: "YYYY年M月D日 dddd",
  dayRangeHeaderFormat: ({ start, end }, culture, loc) => `${fmt(loc, start, "YYYY年M月D日", culture)} – ${fmt(loc, end, sameMonth(start, end) ? "D日" : "M月D日", culture)}`,
  agendaHeaderFormat: ({ start, end }, culture, loc) => `${fmt(loc, start, "YYYY年M月D日", culture)} – ${fmt(loc, end, "M月D日", culture)}`,
  agendaDateFormat: "M月D日 ddd",
  dayFormat: "D日 ddd",
  weekdayFormat: "ddd",
  dateFormat: "D",
};
