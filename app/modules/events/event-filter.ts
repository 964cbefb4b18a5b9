// The list's query string → a filter, and back into the form fields.
import type { EventStatus, EventType } from "~db/schema";
import { isCalendarDate } from "~/utils/time";
import { isEventStatus, isEventType, monthRange } from "./model";

export interface EventListFilter {
  q: string;
  status?: EventStatus;
  type?: EventType;
  ownerId?: string;
  from?: string;
  to?: string;
}

/** A month (YYYY-MM) wins over a from/to pair; anything malformed is ignored rather than refused. */
export function parseEventFilter(params: URLSearchParams, userId: string) {
  const get = (name: string) => (params.get(name) ?? "").trim();
  const status = isEventStatus(get("status")) ? (get("status") as EventStatus) : undefined;
  const type = isEventType(get("type")) ? (get("type") as EventType) : undefined;
  const mine = get("mine") === "1";
  const month = monthRange(get("month")) ? get("month") : "";
  const range = month ? monthRange(month) : null;
  const from = range?.from ?? (isCalendarDate(get("from")) ? get("from") : "");
  const to = range?.to ?? (isCalendarDate(get("to")) ? get("to") : "");
  const owner = mine ? "" : get("owner");
  const filter: EventListFilter = { q: get("q"), status, type, ownerId: mine ? userId : owner || undefined, from: from || undefined, to: to || undefined };
  return {
    filter,
    echo: { q: get("q"), status: status ?? "", type: type ?? "", owner, mine, month, from: month ? "" : from, to: month ? "" : to },
  };
}
