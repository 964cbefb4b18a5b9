// The /inventory list's query parameters (q, medium, facility, district, status, size, permit)
// read into the list's filter, so that an export gives exactly the rows the list shows.
import { t, tKey } from "~/i18n";
import type { UnitFilter } from "../units.server";
import { parseUnitFilter, permitWindow } from "../unit-views";

/** The list's own reading of its query, so the export and the list can never drift apart. */
export function filterFromUrl(url: URL): UnitFilter {
  return parseUnitFilter(url.searchParams).filter;
}

export { permitWindow };

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
