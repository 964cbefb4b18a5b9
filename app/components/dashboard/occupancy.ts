// Occupancy rows as shares of capacity, for the chart and its table.
import type { OccupancyRow } from "~/modules/analytics/reports/occupancy.server";
import { sharesBp } from "~/modules/analytics/series";

export const OCCUPANCY_KINDS = ["paid", "bonus", "public_service", "internal", "free"] as const;
export type OccupancyKind = (typeof OCCUPANCY_KINDS)[number];

export interface OccupancyShare {
  month: string;
  capacityDays: number;
  /** Each kind's share of capacity in basis points (adding up to 10,000); null without capacity. */
  bp: Record<OccupancyKind, number | null>;
  /** 上刊率: the four kinds of use together. */
  rate_bp: number | null;
}

/** A medium's months as shares; a month whose use exceeds the counted capacity is shown against its use. */
export function occupancyShares(rows: readonly Pick<OccupancyRow, "month" | "capacityDays" | "byKind" | "free">[]): OccupancyShare[] {
  return rows.map((r) => {
    if (r.capacityDays <= 0) {
      return { month: r.month, capacityDays: r.capacityDays, bp: { paid: null, bonus: null, public_service: null, internal: null, free: null }, rate_bp: null };
    }
    const [paid, bonus, public_service, internal, free] = sharesBp([r.byKind.paid, r.byKind.bonus, r.byKind.public_service, r.byKind.internal, Math.max(r.free, 0)]);
    return { month: r.month, capacityDays: r.capacityDays, bp: { paid, bonus, public_service, internal, free }, rate_bp: 10_000 - free };
  });
}
