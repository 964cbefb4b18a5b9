import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import rbcStyles from "react-big-calendar/lib/css/react-big-calendar.css";
import { t, tKey } from "~/i18n";
import { OrderTabs } from "~/components/booking/OrderTabs";
import { EventsCalendar } from "~/components/events/EventsCalendar";
import eventStyles from "~/components/events/events.css";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { calendarEvents, CALENDAR_LIMIT } from "~/modules/events/revenue.server";
import { type CalendarView, CALENDAR_VIEWS, EVENT_STATUSES, visibleRange } from "~/modules/events/model";
import { formatInstant, isCalendarDate, nowIso } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: rbcStyles },
  { rel: "stylesheet", href: eventStyles },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "read");
  const params = new URL(request.url).searchParams;
  // Shanghai wall clock, "YYYY-MM-DD HH:mm": the calendar's today and now on server and browser.
  const now = formatInstant(nowIso()).replace(" ", "T");
  const view = (CALENDAR_VIEWS as string[]).includes(params.get("view") ?? "") ? (params.get("view") as CalendarView) : "month";
  const date = isCalendarDate(params.get("date") ?? "") ? (params.get("date") as string) : now.slice(0, 10);
  const range = visibleRange(view, date);
  const rows = await calendarEvents(context.db, caller.scope, range);
  return { rows, view, date, now, range, limit: CALENDAR_LIMIT, truncated: rows.length >= CALENDAR_LIMIT, canCreate: can(caller.user.role, "order", "create") };
}

export default function EventCalendarPage() {
  const { rows, view, date, now, limit, truncated, canCreate } = useLoaderData<typeof loader>();
  return (
    <section>
      <OrderTabs />
      <div className="page-head">
        <h1>{t("events.calendar")}</h1>
        <div className="actions">
          <Link to="/events">{t("events.list")}</Link>
          {canCreate ? <Link className="button primary" to="/events/new">{t("events.new")}</Link> : null}
        </div>
      </div>
      {truncated ? <div className="banner banner-warn">{t("events.cal.truncated", { n: limit })}</div> : null}
      <div className="calendar-legend">
        {EVENT_STATUSES.map((s) => (
          <span key={s}><span className={`swatch ev-${s}`} />{tKey("events.status", s)}</span>
        ))}
      </div>
      <EventsCalendar rows={rows} view={view} date={date} now={now} canCreate={canCreate} />
    </section>
  );
}
