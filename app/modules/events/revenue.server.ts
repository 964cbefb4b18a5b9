// What other screens read from events: the calendar's visible range, and the sponsorship income
// billing and revenue reports count.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { addDays } from "~/modules/inventory/calendar-dates";
import { localDate } from "./model";

/** A month view with more than this many events is cut, not slowed down. */
export const CALENDAR_LIMIT = 1000;

/** Events overlapping the days from..to (both included), all statuses, in time order. */
export async function calendarEvents(db: Executor, scope: Scope, range: { from: string; to: string }, filter: { ownerId?: string } = {}) {
  let query = db
    .selectFrom("events")
    .select(["id", "title", "type", "status", "venue", "starts_at", "ends_at"])
    .where("center_id", "=", scope.centerId)
    .where("starts_at", "<", addDays(range.to, 1))
    .where("ends_at", ">=", range.from);
  if (filter.ownerId) query = query.where("owner_id", "=", filter.ownerId);
  return query.orderBy("starts_at").orderBy("id").limit(CALENDAR_LIMIT).execute();
}

export interface EventRevenueItem {
  eventId: string;
  sponsorId: string;
  clientId: string;
  categoryId: string;
  amountFen: number;
  /** The event's start date ('YYYY-MM-DD'): the day the income is counted on. */
  date: string;
}

/**
 * MONEY: one item per sponsorship of every event that starts between from and to (both
 * included) and is not cancelled. Planned events count: the income is agreed, billing decides when
 * to invoice it.
 */
export async function eventRevenueItems(db: Executor, scope: Scope, range: { from: string; to: string }): Promise<EventRevenueItem[]> {
  const rows = await db
    .selectFrom("event_sponsors as s")
    .innerJoin("events as e", (join) => join.onRef("e.id", "=", "s.event_id").onRef("e.center_id", "=", "s.center_id"))
    .select(["e.id as event_id", "s.id as sponsor_id", "s.client_id", "e.category_id", "s.amount_fen", "e.starts_at"])
    .where("s.center_id", "=", scope.centerId)
    .where("e.status", "<>", "cancelled")
    .where("e.starts_at", ">=", range.from)
    .where("e.starts_at", "<", addDays(range.to, 1))
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .orderBy("s.created_at")
    .orderBy("s.id")
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    sponsorId: r.sponsor_id,
    clientId: r.client_id,
    categoryId: r.category_id,
    amountFen: Number(r.amount_fen),
    date: localDate(r.starts_at),
  }));
}
