// The lists the report pages share with their server modules. Pure (the browser bundle gets
// nothing from a *.server.ts file, so whatever a page renders from lives here).
import type { LineKind, Medium, StatHeading } from "~db/schema";

/** The media occupancy (上刊率) is counted for. */
export const OCCUPANCY_MEDIA = ["outdoor_static", "led"] as const satisfies readonly Medium[];
/** What a booked line's use is, in the order the occupancy columns show it. */
export const LINE_KINDS = ["paid", "bonus", "public_service", "internal"] as const satisfies readonly LineKind[];

/** Lines per page of 收入明细表. */
export const INCOME_PAGE_SIZE = 100;

/** The headings of the national broadcasting statistics return, in the order of the return. */
export const STAT_HEADINGS = ["broadcast_ads", "new_media_ads", "other_ads", "tech_and_other", "subsidy", "excluded"] as const satisfies readonly StatHeading[];
/** The headings that are earned income (创收). */
export const EARNED_HEADINGS: readonly StatHeading[] = ["broadcast_ads", "new_media_ads", "other_ads", "tech_and_other"];

export function isStatHeading(value: string): value is StatHeading {
  return (STAT_HEADINGS as readonly string[]).includes(value);
}
