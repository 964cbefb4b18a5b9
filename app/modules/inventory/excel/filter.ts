// The /inventory list's query parameters (q, medium, facility, district, status, size, permit)
// read into the list's filter, so that an export gives exactly the rows the list shows.
import type { FacilityType, Medium, UnitStatus } from "~db/schema";
import { t, tKey } from "~/i18n";
import { addDays } from "../calendar-dates";
import { FACILITY_TYPES, MEDIUM_CODES, type SizeClass, UNIT_STATUSES } from "../model";
import type { PermitWindow, UnitFilter } from "../units.server";

/** A permit "expires soon" within this many days: renewal is applied for about 30 days ahead. */
export const PERMIT_EXPIRING_DAYS = 30;

const SIZE_CLASSES: SizeClass[] = ["large", "medium", "small"];
const PERMIT_FILTERS = ["valid", "expiring", "expired", "none"] as const;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function filterFromUrl(url: URL): UnitFilter {
  const p = url.searchParams;
  const q = (p.get("q") ?? "").trim();
  const district = (p.get("district") ?? "").trim();
  return {
    q: q || undefined,
    medium: oneOf<Medium>(p.get("medium"), MEDIUM_CODES),
    facilityType: oneOf<FacilityType>(p.get("facility"), FACILITY_TYPES),
    district: district || undefined,
    status: oneOf<UnitStatus>(p.get("status"), UNIT_STATUSES),
    sizeClass: oneOf(p.get("size"), SIZE_CLASSES),
    permit: oneOf(p.get("permit"), PERMIT_FILTERS),
  };
}

export function permitWindow(today: string): PermitWindow {
  return { today, expiringBy: addDays(today, PERMIT_EXPIRING_DAYS) };
}

/** The filter in words, for the export's info sheet. */
export function describeFilter(filter: UnitFilter): string {
  const parts: string[] = [];
  if (filter.q) parts.push(`关键词“${filter.q}”`);
  if (filter.medium) parts.push(tKey("medium", filter.medium));
  if (filter.facilityType) parts.push(tKey("facility", filter.facilityType));
  if (filter.district) parts.push(filter.district);
  if (filter.status) parts.push(tKey("unitStatus", filter.status));
  if (filter.sizeClass) parts.push(tKey("sizeClass", filter.sizeClass));
  if (filter.permit) parts.push(`许可${tKey("permitState", filter.permit)}`);
  return parts.length ? parts.join("，") : t("excel.export.noFilter");
}
