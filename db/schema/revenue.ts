// Recognised income as facts, month closing, targets, the statistics return's mapping and fiscal
// subsidies (docs/decisions/012-revenue-facts-and-closing.md).
import type { LineKind } from "./booking";
import type { Medium } from "./inventory";

export type FactSourceKind = "order" | "event" | "contract" | "subsidy";
/** schedule: earned over the source's days; credit: a red-letter bill's reversal on its day. */
export type FactOrigin = "schedule" | "credit";
export type TargetSubject = "total" | "category" | "rep";
/** The headings of the national broadcasting statistics return an admin maps categories to. */
export type StatHeading = "broadcast_ads" | "new_media_ads" | "other_ads" | "tech_and_other" | "subsidy" | "excluded";

/**
 * One piece of recognised income. `for_month` is the month whose days it was earned on; `month` is
 * the month it is reported in: the same, except for a correction of a closed month, which is
 * reported in the month it was made. '' stands for "none" in the text dimensions, so equal
 * dimensions compare equal on both databases.
 */
export interface RevenueFactsTable {
  id: string;
  center_id: string;
  month: string;
  for_month: string;
  source_kind: FactSourceKind;
  source_id: string;
  origin: FactOrigin;
  category_id: string;
  client_id: string;
  owner_id: string;
  medium: Medium | "";
  line_kind: LineKind | "";
  earned: number;
  /** MONEY: ex-VAT fen. */
  amount_fen: number;
  /** Capacity used × days (outdoor and LED lines), in the unit's own measure; 0 otherwise. */
  use_days: number;
}

/** Σ amount_fen of the facts per reporting month, category and earned: kept with the facts in the same transaction. */
export interface RevenueMonthTotalsTable {
  center_id: string;
  month: string;
  category_id: string;
  earned: number;
  amount_fen: number;
}

/** One row per center: every month up to closed_through (inclusive) is closed. The row is locked by every change to facts. */
export interface RevenueClosingsTable {
  center_id: string;
  closed_through: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

export interface RevenueTargetsTable {
  id: string;
  center_id: string;
  year: number;
  subject: TargetSubject;
  /** '' for the total, a top-level category id, or a user id. */
  subject_id: string;
  amount_fen: number;
  updated_at: string;
  updated_by: string;
}

export interface StatMappingsTable {
  center_id: string;
  category_id: string;
  heading: StatHeading;
}

export interface SubsidiesTable {
  id: string;
  center_id: string;
  category_id: string;
  received_on: string;
  grantor: string;
  amount_fen: number;
  note: string;
  created_by: string;
  created_at: string;
}
