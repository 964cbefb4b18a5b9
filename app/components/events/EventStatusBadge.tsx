import type { EventStatus } from "~db/schema";
import { tKey } from "~/i18n";

/** Reuses the order stage colors (app/styles/app.css .stage-*): planning reads like a hold. */
const TONE: Record<EventStatus, string> = { planning: "hold", confirmed: "confirmed", done: "completed", cancelled: "cancelled" };

export function EventStatusBadge({ status }: { status: EventStatus }) {
  return <span className={`tag stage-${TONE[status]}`}>{tKey("events.status", status)}</span>;
}
