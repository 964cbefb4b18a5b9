import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, NavLink, useLoaderData, useLocation } from "@remix-run/react";
import { useCallback } from "react";
import rbcStyles from "react-big-calendar/lib/css/react-big-calendar.css";
import { t, tKey } from "~/i18n";
import { BookingCalendar } from "~/components/booking/BookingCalendar";
import calendarStyles from "~/components/booking/calendar.css";
import { requirePermission } from "~/modules/auth/guard.server";
import { CALENDAR_EVENT_CAP, type CalendarView, parseCalendarParams, visibleRange } from "~/modules/booking/calendar-filter";
import { bookingEvents } from "~/modules/booking/calendar.server";
import { MEDIUM_CODES } from "~/modules/inventory/model";
import { listActiveUsers } from "~/modules/users/users.server";
import { nowIso, todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: rbcStyles },
  { rel: "stylesheet", href: calendarStyles },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "read");
  const today = todayInShanghai();
  const { date, view, filter, echo } = parseCalendarParams(new URL(request.url).searchParams, today);
  const range = visibleRange(date, view);
  const result = await bookingEvents(context.db, caller.scope, { ...range, filter }, nowIso());
  return {
    ...result,
    date,
    view,
    today,
    range,
    cap: CALENDAR_EVENT_CAP,
    filters: echo,
    owners: await listActiveUsers(context.db, caller.scope, ["sales"]),
  };
}

export default function BookingCalendarPage() {
  const { events, truncated, cap, date, view, today, filters, owners } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const hrefFor = useCallback(
    (nextDate: string, nextView: CalendarView) => {
      const params = new URLSearchParams(search);
      params.set("date", nextDate);
      params.set("view", nextView);
      return `?${params}`;
    },
    [search],
  );
  const all = (label: string) => `${label}：${t("common.all")}`;
  return (
    <section>
      <nav className="tabs">
        <NavLink to="/calendar" end>{t("calendar.tab.bookings")}</NavLink>
        <NavLink to="/events/calendar">{t("calendar.tab.events")}</NavLink>
      </nav>
      <div className="page-head">
        <h1>{t("calendar.title")}</h1>
      </div>
      <Form method="get" className="filters">
        <input type="hidden" name="date" value={date} />
        <input type="hidden" name="view" value={view} />
        <input type="search" name="unit" defaultValue={filters.unit} placeholder={t("calendar.filter.unit")} aria-label={t("calendar.filter.unit")} />
        <select name="medium" defaultValue={filters.medium} aria-label={t("calendar.filter.medium")}>
          <option value="">{all(t("calendar.filter.medium"))}</option>
          {MEDIUM_CODES.map((m) => (
            <option key={m} value={m}>{tKey("medium", m)}</option>
          ))}
        </select>
        <input type="search" name="client" defaultValue={filters.client} placeholder={t("calendar.filter.client")} aria-label={t("calendar.filter.client")} />
        <select name="owner" defaultValue={filters.owner} aria-label={t("calendar.filter.owner")}>
          <option value="">{all(t("calendar.filter.owner"))}</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>{o.display_name}</option>
          ))}
        </select>
        <button type="submit">{t("common.search")}</button>
        <Link to={`/calendar?date=${date}&view=${view}`}>{t("common.reset")}</Link>
      </Form>
      <div className="bk-legend">
        <span className="bk-key"><i className="bk-swatch bk-confirmed" />{t("calendar.legend.confirmed")}</span>
        <span className="bk-key"><i className="bk-swatch bk-hold" />{t("calendar.legend.hold")}</span>
        <span className="bk-key"><i className="bk-swatch bk-free" />{t("calendar.legend.bonus")}</span>
        <span className="muted">{t("calendar.count", { n: events.length })} · {t("calendar.queuedNote")}</span>
      </div>
      {truncated ? <p className="banner banner-warn bk-notice">{t("calendar.truncated", { cap })}</p> : null}
      <BookingCalendar events={events} date={date} view={view} today={today} hrefFor={hrefFor} />
    </section>
  );
}
