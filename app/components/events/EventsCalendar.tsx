import { useNavigate } from "@remix-run/react";
import { useCallback, useMemo } from "react";
import { Calendar, type Components, type DateLocalizer, type Formats, type View } from "react-big-calendar";
import { calendarMessages, localizer, ZH_FORMATS } from "~/components/calendar/zh-calendar";
import type { EventStatus, EventType } from "~db/schema";
import { t, tKey } from "~/i18n";
import { type CalendarView, CALENDAR_VIEWS, wallClockParts } from "~/modules/events/model";

export interface CalendarEventRow {
  id: string;
  title: string;
  type: EventType;
  status: EventStatus;
  venue: string;
  starts_at: string;
  ends_at: string;
}

interface CalendarItem {
  id: string;
  title: string;
  start: Date;
  end: Date;
  status: EventStatus;
  tooltip: string;
  /** "19:30": shown before the title in the month view, which has no time column. */
  startLabel: string;
}

function MonthEvent({ event }: { event: CalendarItem }) {
  return (
    <span>
      <span className="ev-time">{event.startLabel}</span>
      {event.title}
    </span>
  );
}

const COMPONENTS: Components<CalendarItem> = { month: { event: MonthEvent } };

/** A wall-clock string as a local Date: the same hands on the clock in every browser time zone. */
function wallClock(local: string): Date {
  const [y, m, d, hh, mm] = wallClockParts(local);
  return new Date(y, m - 1, d, hh, mm);
}

function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const MESSAGES = calendarMessages<CalendarItem>(t("events.cal.event"), t("events.cal.noEvents"));
const hm = (loc: DateLocalizer, d: Date, culture?: string) => loc.format(d, "HH:mm", culture);

const FORMATS: Formats = {
  ...ZH_FORMATS,
  agendaTimeFormat: "HH:mm",
  agendaTimeRangeFormat: ({ start, end }, culture, loc) => `${hm(loc as DateLocalizer, start, culture)} – ${hm(loc as DateLocalizer, end, culture)}`,
  eventTimeRangeFormat: ({ start, end }, culture, loc) => `${hm(loc as DateLocalizer, start, culture)} – ${hm(loc as DateLocalizer, end, culture)}`,
  timeGutterFormat: "HH:mm",
};

const VIEWS: View[] = CALENDAR_VIEWS;

export function EventsCalendar({
  rows,
  view,
  date,
  now,
  canCreate,
}: {
  rows: CalendarEventRow[];
  view: CalendarView;
  /** 'YYYY-MM-DD': the day the view is on. */
  date: string;
  /** 'YYYY-MM-DDTHH:mm' in Asia/Shanghai, from the server: "today" is the same on both sides. */
  now: string;
  canCreate: boolean;
}) {
  const navigate = useNavigate();
  const items = useMemo<CalendarItem[]>(
    () =>
      rows.map((r) => ({
        id: r.id,
        title: r.title,
        start: wallClock(r.starts_at),
        end: wallClock(r.ends_at),
        status: r.status,
        startLabel: r.starts_at.slice(11, 16),
        tooltip: [r.title, tKey("events.type", r.type), r.venue, tKey("events.status", r.status)].filter(Boolean).join(" · "),
      })),
    [rows],
  );
  const current = useMemo(() => wallClock(`${date}T00:00`), [date]);
  const getNow = useCallback(() => wallClock(now), [now]);
  const go = useCallback((nextView: string, nextDate: Date) => navigate(`?view=${nextView}&date=${dayOf(nextDate)}`, { preventScrollReset: true }), [navigate]);
  const eventPropGetter = useCallback((item: CalendarItem) => ({ className: `ev-${item.status}` }), []);
  const tooltipAccessor = useCallback((item: CalendarItem) => item.tooltip, []);
  return (
    <div className="events-calendar">
      <Calendar<CalendarItem>
        localizer={localizer}
        culture="zh-cn"
        events={items}
        view={view}
        views={VIEWS}
        date={current}
        getNow={getNow}
        onNavigate={(next, nextView) => go(nextView, next)}
        onView={(nextView) => go(nextView, current)}
        onSelectEvent={(item) => navigate(`/events/${item.id}`)}
        selectable={canCreate}
        onSelectSlot={canCreate ? (slot) => navigate(`/events/new?date=${dayOf(slot.start)}`) : undefined}
        eventPropGetter={eventPropGetter}
        tooltipAccessor={tooltipAccessor}
        messages={MESSAGES}
        formats={FORMATS}
        components={COMPONENTS}
        scrollToTime={wallClock(`${date}T08:00`)}
        popup
      />
    </div>
  );
}
