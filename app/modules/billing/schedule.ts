// When the parts of a billable item are due under a billing plan's schedule. An item is billed
// whole ('all') or in calendar-month slices ('YYYY-MM'); the slices of one item always add up to
// its amount exactly, because each month's part is taken from the same day-by-day spread the
// revenue reports use (amountWithin). Pure.
import type { BillingSchedule } from "~db/schema";
import { amountWithin, type BillableItem } from "~/modules/income/seam";
import { monthSlices } from "~/modules/inventory/calendar-dates";

export const SCHEDULES = ["once_confirm", "once_start", "monthly_advance", "monthly_arrears", "milestone"] as const satisfies readonly BillingSchedule[];

export const SCHEDULE_LABEL: Record<BillingSchedule, string> = {
  once_confirm: "一次性（确认时）",
  once_start: "一次性（开始时）",
  monthly_advance: "按月预付",
  monthly_arrears: "按月后付",
  milestone: "按里程碑",
};

export type ScheduledItem = Pick<BillableItem, "amountFen" | "serviceFrom" | "serviceTo" | "billableOn">;

export interface ScheduledSlice {
  /** 'all' for the whole item, else the month 'YYYY-MM' the slice bills. */
  slice: string;
  amountFen: number;
  serviceFrom: string;
  serviceTo: string;
  /** The first day the slice may be billed; null while it cannot be (a source not yet confirmed). */
  dueOn: string | null;
}

/**
 * Every slice of an item under a schedule, with the day it falls due.
 * - once_confirm: the whole item, due on `confirmedOn` (the day the order was confirmed or the
 *   contract signed; null: not due);
 * - once_start: the whole item, due on its first service day;
 * - monthly_advance: one slice per calendar month of the service, due on the month's first day;
 * - monthly_arrears: the same slices, due on the slice's last day (the month's end, or the end of
 *   the service within it);
 * - milestone: the whole item, due on the day it became billable (a milestone's acceptance).
 */
export function scheduleSlices(item: ScheduledItem, schedule: BillingSchedule, confirmedOn: string | null = null): ScheduledSlice[] {
  const whole = (dueOn: string | null): ScheduledSlice[] => [{ slice: "all", amountFen: item.amountFen, serviceFrom: item.serviceFrom, serviceTo: item.serviceTo, dueOn }];
  switch (schedule) {
    case "once_confirm":
      return whole(confirmedOn);
    case "once_start":
      return whole(item.serviceFrom);
    case "milestone":
      return whole(item.billableOn);
    case "monthly_advance":
    case "monthly_arrears": {
      const span = { amountFen: item.amountFen, from: item.serviceFrom, to: item.serviceTo };
      return monthSlices(item.serviceFrom, item.serviceTo).map((m) => ({
        slice: m.from.slice(0, 7),
        amountFen: amountWithin(span, m),
        serviceFrom: m.from,
        serviceTo: m.to,
        dueOn: schedule === "monthly_advance" ? `${m.from.slice(0, 7)}-01` : m.to,
      }));
    }
  }
}

export interface DueWindow {
  /** Slices due after this day are not due yet. */
  to: string;
  /** When given, slices that fell due before this day are left to the run that covered them. */
  from?: string;
}

/** Whether a slice is due within the window. */
export function isDueWithin(slice: Pick<ScheduledSlice, "dueOn">, window: DueWindow): boolean {
  return slice.dueOn !== null && slice.dueOn <= window.to && (!window.from || slice.dueOn >= window.from);
}

/** The slices of an item due within the window, leaving out slices of no money. */
export function dueSlices(item: ScheduledItem, schedule: BillingSchedule, window: DueWindow, confirmedOn: string | null = null): ScheduledSlice[] {
  return scheduleSlices(item, schedule, confirmedOn).filter((s) => s.amountFen !== 0 && isDueWithin(s, window));
}
