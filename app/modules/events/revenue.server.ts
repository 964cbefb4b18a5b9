// What the calendars read from events: the events in a visible range. Sponsorship income is read
// through the income seam (modules/income/event-source.server.ts).
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { addDays } from "~/modules/inventory/calendar-dates";


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
