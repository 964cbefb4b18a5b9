// The one sellable-unit model: every medium is a unit with a daily capacity in its own measure,
// so booking, billing and reporting need no special cases per medium.
import type { CapacityUnit, FacilityType, Medium, UnitStatus } from "~db/schema";

export interface MediumSpec {
  /** Where a unit of this medium sits: outdoor media need a site (and a permit); the rest don't. */
  outdoor: boolean;
  capacityUnit: CapacityUnit;
  /** Default capacity for a new unit (a static face is exclusive: 1). */
  defaultCapacity: number;
  /** The revenue category a unit of this medium maps to unless told otherwise. */
  categoryCode: string;
}

export const MEDIA: Record<Medium, MediumSpec> = {
  outdoor_static: { outdoor: true, capacityUnit: "face", defaultCapacity: 1, categoryCode: "outdoor.static" },
  led: { outdoor: true, capacityUnit: "spot", defaultCapacity: 12, categoryCode: "outdoor.led" },
  app_splash: { outdoor: false, capacityUnit: "position", defaultCapacity: 5, categoryCode: "new_media.app" },
  app_banner: { outdoor: false, capacityUnit: "position", defaultCapacity: 3, categoryCode: "new_media.app" },
  wechat_headline: { outdoor: false, capacityUnit: "position", defaultCapacity: 1, categoryCode: "new_media.wechat" },
  wechat_secondary: { outdoor: false, capacityUnit: "position", defaultCapacity: 4, categoryCode: "new_media.wechat" },
  short_video: { outdoor: false, capacityUnit: "position", defaultCapacity: 2, categoryCode: "new_media.short_video" },
  tv: { outdoor: false, capacityUnit: "second", defaultCapacity: 600, categoryCode: "traditional.tv" },
  radio: { outdoor: false, capacityUnit: "second", defaultCapacity: 900, categoryCode: "traditional.radio" },
  newspaper: { outdoor: false, capacityUnit: "position", defaultCapacity: 1, categoryCode: "traditional.newspaper" },
};

export const MEDIUM_CODES = Object.keys(MEDIA) as Medium[];
export const FACILITY_TYPES: FacilityType[] = ["unipole", "wall", "lightbox", "led_screen", "trivision", "bus_shelter", "kiosk", "street_flag", "hoarding", "other"];
export const UNIT_STATUSES: UnitStatus[] = ["available", "maintenance", "disabled"];
export const CAPACITY_UNITS: CapacityUnit[] = ["face", "spot", "position", "second"];

export type SizeClass = "large" | "medium" | "small";

/**
 * Size class by local rules (DOMAIN.md): large when the area is at least 10 m² or any side is at
 * least 4 m; medium from 2.5 up to 10 m²; small up to 2.5 m². Computed in cm² to stay exact.
 */
export function sizeClass(widthCm: number, heightCm: number): SizeClass {
  const areaCm2 = widthCm * heightCm;
  if (areaCm2 >= 100_000 || widthCm >= 400 || heightCm >= 400) return "large";
  if (areaCm2 > 25_000) return "medium";
  return "small";
}

/** An LED loop of L seconds with spots of S seconds holds floor(L / S) spots: share of voice 1/N. */
export function ledCapacity(loopSeconds: number, spotSeconds: number): number {
  return spotSeconds > 0 ? Math.floor(loopSeconds / spotSeconds) : 0;
}

export type PermitState = "valid" | "expiring" | "expired" | "none" | "not_needed";

/** A permit's state on a day: expiring when it ends within `withinDays` days. */
export function permitState(permitEnd: string | null, outdoor: boolean, today: string, expiringCutoff: string): PermitState {
  if (!outdoor) return "not_needed";
  if (!permitEnd) return "none";
  if (permitEnd < today) return "expired";
  return permitEnd <= expiringCutoff ? "expiring" : "valid";
}
