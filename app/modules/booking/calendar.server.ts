// Booking lines for the calendar: only those that take capacity (confirmed, or a hold before its
// expiry) and overlap the visible days, filtered in the database. Queued lines are left out: they
// take nothing yet, and the grid and the order show their place in the queue.
import type { Executor } from "~db/dialect";
import { likeLiteral } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { type BookingEvent, bookingTitle, CALENDAR_EVENT_CAP, type CalendarFilter } from "./calendar-filter";

export interface BookingEventsQuery {
  from: string;
  to: string;
  filter: CalendarFilter;
  /** Defaults to CALENDAR_EVENT_CAP. */
  cap?: number;
}

export interface BookingEvents {
  events: BookingEvent[];
  /** More lines matched than `cap`. Not counted: counting a busy past month costs MariaDB more than the page. */
  truncated: boolean;
}

/**
 * The lines alone first, filtered (on units, orders and clients through IN subqueries) and cut at
 * the cap, and only those joined to their order, unit and client: joining first made MariaDB join
 * every line of a busy month (7,000 on county-l) before cutting, five times slower.
 */
export async function bookingEvents(db: Executor, scope: Scope, query: BookingEventsQuery, now: string): Promise<BookingEvents> {
  const cap = query.cap ?? CALENDAR_EVENT_CAP;
  const { filter } = query;
  let lines = db
    .selectFrom("order_lines")
    .where("order_lines.center_id", "=", scope.centerId)
    .where("order_lines.end_date", ">=", query.from)
    .where("order_lines.start_date", "<=", query.to)
    .where((eb) => eb.or([eb("order_lines.state", "=", "confirmed"), eb.and([eb("order_lines.state", "=", "hold"), eb("order_lines.expires_at", ">", now)])]));
  const unit = (filter.unit ?? "").trim().toLowerCase();
  if (filter.medium || unit) {
    let units = db.selectFrom("units").select("units.id").where("units.center_id", "=", scope.centerId);
    if (filter.medium) units = units.where("units.medium", "=", filter.medium);
    if (unit) units = units.where((eb) => likeLiteral(eb.fn("lower", ["units.code"]), { contains: unit }));
    lines = lines.where("order_lines.unit_id", "in", units);
  }
  const client = (filter.client ?? "").trim().toLowerCase();
  if (filter.ownerId || client) {
    let orders = db.selectFrom("orders").select("orders.id").where("orders.center_id", "=", scope.centerId);
    if (filter.ownerId) orders = orders.where("orders.owner_id", "=", filter.ownerId);
    if (client) {
      orders = orders.where("orders.client_id", "in", db.selectFrom("clients").select("clients.id").where("clients.center_id", "=", scope.centerId).where((eb) => likeLiteral(eb.fn("lower", ["clients.name"]), { contains: client })));
    }
    lines = lines.where("order_lines.order_id", "in", orders);
  }

  const page = lines
    .select(["order_lines.id", "order_lines.start_date", "order_lines.end_date", "order_lines.state", "order_lines.kind", "order_lines.order_id", "order_lines.unit_id"])
    .orderBy("order_lines.start_date")
    .orderBy("order_lines.order_id")
    .orderBy("order_lines.id")
    .limit(cap + 1);
  const rows = await db
    .selectFrom(page.as("l"))
    .innerJoin("orders as o", "o.id", "l.order_id")
    .innerJoin("units as u", "u.id", "l.unit_id")
    .innerJoin("clients as c", "c.id", "o.client_id")
    .select(["l.id", "l.start_date", "l.end_date", "l.state", "l.kind", "l.order_id", "o.number", "u.code as unit_code", "c.name as client_name"])
    .orderBy("l.start_date")
    .orderBy("o.number")
    .orderBy("u.code")
    .execute();
  const truncated = rows.length > cap;
  // The line past the cap only says there are more: it is the last in the inner order, not the outer.
  const extra = truncated ? rows.reduce((last, r) => (innerKey(r) > innerKey(last) ? r : last)) : null;
  const events: BookingEvent[] = rows.filter((r) => r !== extra).map((r) => ({
    orderId: r.order_id,
    title: bookingTitle(r.unit_code, r.client_name, r.number),
    start: r.start_date,
    end: r.end_date,
    state: r.state === "confirmed" ? "confirmed" : "hold",
    paid: r.kind === "paid",
  }));
  return { events, truncated };
}

function innerKey(row: { start_date: string; order_id: string; id: string }): string {
  return `${row.start_date}|${row.order_id}|${row.id}`;
}
