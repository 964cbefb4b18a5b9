// Sites and their permits, leases and photos; sellable units and their rate cards; number sequences.

export type FacilityType = "unipole" | "wall" | "lightbox" | "led_screen" | "trivision" | "bus_shelter" | "kiosk" | "street_flag" | "hoarding" | "other";

export interface SitesTable {
  id: string;
  center_id: string;
  code: string;
  name: string;
  facility_type: FacilityType;
  address: string;
  district: string;
  latitude_e6: number | null;
  longitude_e6: number | null;
  width_cm: number;
  height_cm: number;
  illuminated: number;
  traffic_notes: string;
  created_at: string;
  updated_at: string;
}

export interface SiteFilesTable {
  id: string;
  center_id: string;
  site_id: string;
  purpose: "photo" | "permit_scan";
  owner_id: string;
  storage_key: string;
  content_type: string;
  size_bytes: number;
  original_name: string;
  created_at: string;
}

export interface PermitsTable {
  id: string;
  center_id: string;
  site_id: string;
  number: string;
  authority: string;
  start_date: string;
  end_date: string;
  created_at: string;
  updated_at: string;
}

export interface LeasesTable {
  id: string;
  center_id: string;
  site_id: string;
  lessor: string;
  annual_rent_fen: number;
  start_date: string;
  end_date: string;
  payment_terms: string;
  created_at: string;
  updated_at: string;
}

export type Medium =
  | "outdoor_static"
  | "led"
  | "app_splash"
  | "app_banner"
  | "wechat_headline"
  | "wechat_secondary"
  | "short_video"
  | "tv"
  | "radio"
  | "newspaper";
export type CapacityUnit = "face" | "spot" | "position" | "second";
export type UnitStatus = "available" | "maintenance" | "disabled";

export interface UnitsTable {
  id: string;
  center_id: string;
  code: string;
  name: string;
  medium: Medium;
  site_id: string | null;
  face: string;
  category_id: string;
  capacity: number;
  capacity_unit: CapacityUnit;
  loop_seconds: number;
  spot_seconds: number;
  status: UnitStatus;
  maintenance_from: string | null;
  maintenance_to: string | null;
  archived: number;
  notes: string;
  created_at: string;
  updated_at: string;
}

export type PriceBasis = "day" | "week" | "month" | "spot";
export type Daypart = "special" | "a" | "b";

export interface RateCardsTable {
  id: string;
  center_id: string;
  unit_id: string;
  effective_from: string;
  basis: PriceBasis;
  price_fen: number;
  min_days: number;
  surcharge_first_bp: number;
  surcharge_last_bp: number;
  created_by: string | null;
  created_at: string;
}

export interface RateCardSpotPricesTable {
  id: string;
  center_id: string;
  rate_card_id: string;
  daypart: Daypart;
  seconds: number;
  price_fen: number;
}

export interface NumberSequencesTable {
  id: string;
  center_id: string;
  series: string;
  year: number;
  last_value: number;
}
