// Whether a unit may be sold on a calendar day. Booking (later) calls this for every day of a line,
// inside its transaction, so a lapsed permit or a maintenance window can never be sold.
import type { Medium, UnitStatus } from "~db/schema";
import { MEDIA } from "./model";

export interface SellabilityInput {
  medium: Medium;
  status: UnitStatus;
  archived: number;
  maintenance_from: string | null;
  maintenance_to: string | null;
  /** Permits of the unit's site: [start, end] inclusive. */
  permits: { start_date: string; end_date: string }[];
}

export type Unsellable = "archived" | "disabled" | "maintenance" | "no_permit";

export function unsellableReason(unit: SellabilityInput, day: string): Unsellable | null {
  if (unit.archived) return "archived";
  if (unit.status === "disabled") return "disabled";
  if (unit.status === "maintenance" && unit.maintenance_from && unit.maintenance_to && day >= unit.maintenance_from && day <= unit.maintenance_to) {
    return "maintenance";
  }
  if (MEDIA[unit.medium].outdoor && !unit.permits.some((p) => p.start_date <= day && day <= p.end_date)) return "no_permit";
  return null;
}
