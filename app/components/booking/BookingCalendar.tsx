import { useNavigate, useNavigation } from "@remix-run/react";
import { useCallback, useMemo } from "react";
import { type AgendaTimeProps, Calendar, type Components, type View } from "react-big-calendar";
import { calendarMessages, localizer, ZH_FORMATS } from "~/components/calendar/zh-calendar";
import { t } from "~/i18n";
import {
  AGENDA_DAYS,
  type BookingEvent,
  type CalendarEvent,
  type CalendarView,
  CALENDAR_VIEWS,
  dateFromDay,
  dayFromDate,
  toAgendaEvent,
  toCalendarEvent,
} from "~/modules/booking/calendar-filter";

const MESSAGES = calendarMessages<CalendarEvent>(t("calendar.event"), t("calendar.noEvents"));

/** "3月1日 至 3月31日" for the agenda's period column. */
function periodLabel(first: string, last: string): string {
  const label = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
  return first === last ? label(first) : `${label(first)} 至 ${label(last)}`;
}

// The agenda's time column shows the booking's period instead of "全天".
function AgendaPeriod({ event }: AgendaTimeProps) {
  const booking = event as CalendarEvent;
  return <span className="bk-period">{periodLabel(booking.first, booking.last)}</span>;
}

const COMPONENTS: Components<CalendarEvent> = { agenda: { time: AgendaPeriod } };

const VIEWS = CALENDAR_VIEWS as View[];

function asView(view: View): CalendarView {
  return (CALENDAR_VIEWS as string[]).includes(view) ? (view as CalendarView) : "month";
}

function eventPropGetter(event: CalendarEvent) {
  return { className: `bk bk-${event.state}${event.paid ? "" : " bk-free"}` };
}

export interface BookingCalendarProps {
  events: BookingEvent[];
  /** 'YYYY-MM-DD' the view is on. */
  date: string;
  view: CalendarView;
  /** Today in Asia/Shanghai, from the server, so the server and the browser mark the same day. */
  today: string;
  /** Where a date or view change goes: the same page with new parameters. */
  hrefFor: (date: string, view: CalendarView) => string;
}

/**
 * Bookings as all-day events. Dates arrive as 'YYYY-MM-DD' and become local midnights here;
 * the date and the view live in the URL, so the loader fetches only what the view shows.
 */
export function BookingCalendar({ events, date, view, today, hrefFor }: BookingCalendarProps) {
  const navigate = useNavigate();
  const busy = useNavigation().state === "loading";
  const calendarEvents = useMemo(() => (view === "agenda" ? events.map((e) => toAgendaEvent(e, date)) : events.map(toCalendarEvent)), [events, view, date]);
  const current = useMemo(() => dateFromDay(date), [date]);
  const getNow = useCallback(() => dateFromDay(today), [today]);
  const onNavigate = useCallback((next: Date, nextView: View) => navigate(hrefFor(dayFromDate(next), asView(nextView)), { preventScrollReset: true }), [navigate, hrefFor]);
  const onView = useCallback((nextView: View) => navigate(hrefFor(date, asView(nextView)), { preventScrollReset: true }), [navigate, hrefFor, date]);
  const onSelectEvent = useCallback((event: CalendarEvent) => navigate(`/orders/${event.orderId}`), [navigate]);
  return (
    <div className={`bk-cal bk-view-${view}${busy ? " bk-busy" : ""}`}>
      <Calendar<CalendarEvent>
        localizer={localizer}
        culture="zh-cn"
        events={calendarEvents}
        views={VIEWS}
        view={view}
        date={current}
        getNow={getNow}
        onNavigate={onNavigate}
        onView={onView}
        onSelectEvent={onSelectEvent}
        eventPropGetter={eventPropGetter}
        messages={MESSAGES}
        formats={ZH_FORMATS}
        components={COMPONENTS}
        length={AGENDA_DAYS}
        popup
        drilldownView={null}
      />
    </div>
  );
}
