// What the unit screens show, as pure functions over plain rows, so the list, the detail, the
// rate page and the tests word things the same way.
import type { CapacityUnit, Daypart, FacilityType, Medium, PriceBasis, UnitStatus } from "~db/schema";
import { t, tKey } from "~/i18n";
import { formatBasisPoints, formatFen } from "~/utils/money";
import { addDays, daysInMonth, parseDate } from "./calendar-dates";
import { FACILITY_TYPES, MEDIA, MEDIUM_CODES, type PermitState, permitState, sizeClass, type SizeClass, UNIT_STATUSES } from "./model";
import type { Unsellable } from "./sellability";
import { formatCm } from "./site-form";
import type { PermitWindow, UnitFilter } from "./units.server";

/** Renewal is applied for about 30 days before expiry (DOMAIN.md), so that is the warning window. */
export const EXPIRING_WITHIN_DAYS = 30;

export function permitWindow(today: string): PermitWindow {
  return { today, expiringBy: addDays(today, EXPIRING_WITHIN_DAYS) };
}

export function unitPermitState(medium: Medium, permitEnd: string | null, window: PermitWindow): PermitState {
  return permitState(permitEnd, MEDIA[medium].outdoor, window.today, window.expiringBy);
}

/** 1200 × 400 cm → "12.00×4.00 米 大型". */
export function sizeLabel(widthCm: number, heightCm: number): string {
  return `${formatCm(widthCm)}×${formatCm(heightCm)} 米 ${tKey("sizeClass", sizeClass(widthCm, heightCm))}`;
}

/** 12 spots → "12 条". */
export function capacityLabel(capacity: number, unit: CapacityUnit): string {
  return `${capacity} ${tKey("capacityUnit", unit)}`;
}

interface CapacityFacts {
  medium: Medium;
  capacity: number;
  capacity_unit: CapacityUnit;
  loop_seconds: number;
  spot_seconds: number;
}

/** How the daily capacity comes about, in the words a salesperson uses with a client. */
export function capacityExplanation(unit: CapacityFacts): string {
  if (unit.medium === "led" && unit.loop_seconds > 0 && unit.spot_seconds > 0) {
    return t("inventory.capacity.led", { loop: unit.loop_seconds, spot: unit.spot_seconds, n: unit.capacity });
  }
  if (unit.medium === "outdoor_static") return t("inventory.capacity.static");
  if (unit.capacity_unit === "second") return t("inventory.capacity.seconds", { n: unit.capacity });
  return t("inventory.capacity.positions", { n: unit.capacity });
}

export function unsellableLabel(reason: Unsellable, unit: { maintenance_from: string | null; maintenance_to: string | null }): string {
  if (reason === "maintenance") return t("inventory.unsellable.maintenance", { from: unit.maintenance_from ?? "", to: unit.maintenance_to ?? "" });
  return t(`inventory.unsellable.${reason}`);
}

/** The basis a new rate card of this medium usually has (DOMAIN.md: how each medium is sold). */
export function defaultBasis(medium: Medium): PriceBasis {
  if (medium === "tv" || medium === "radio") return "spot";
  if (medium === "outdoor_static") return "month";
  return "day";
}

/** "¥3,000.00 / 月" for the list and the history; spot cards show their table instead. */
export function cardPriceLabel(basis: PriceBasis, priceFen: number): string {
  return basis === "spot" ? "" : `${formatFen(priceFen)} / ${t(`inventory.per.${basis}`)}`;
}

export function surchargeLabel(firstBp: number, lastBp: number): string {
  const parts: string[] = [];
  if (firstBp) parts.push(`${t("inventory.rates.first")} +${formatBasisPoints(firstBp)}`);
  if (lastBp) parts.push(`${t("inventory.rates.last")} +${formatBasisPoints(lastBp)}`);
  return parts.join("，");
}

/** The card in force today is the latest that started on or before today; later ones are pending. */
export function cardStanding(effectiveFrom: string, allFroms: string[], today: string): "current" | "pending" | "past" {
  if (effectiveFrom > today) return "pending";
  const current = allFroms.filter((d) => d <= today).sort().pop();
  return effectiveFrom === current ? "current" : "past";
}

// ---- List filters ------------------------------------------------------------------------------
export const PERMIT_FILTERS = ["valid", "expiring", "expired", "none"] as const;
export const SIZE_CLASSES: SizeClass[] = ["large", "medium", "small"];

export interface UnitFilterEcho {
  q: string;
  medium: string;
  facility: string;
  district: string;
  status: string;
  size: string;
  permit: string;
  archived: boolean;
}

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The list's GET parameters: unknown values are dropped, so a stale bookmark still loads. */
export function parseUnitFilter(params: URLSearchParams): { filter: UnitFilter; echo: UnitFilterEcho } {
  const q = (params.get("q") ?? "").trim();
  const district = (params.get("district") ?? "").trim();
  const filter: UnitFilter = {
    q: q || undefined,
    medium: oneOf<Medium>(MEDIUM_CODES, params.get("medium")),
    facilityType: oneOf<FacilityType>(FACILITY_TYPES, params.get("facility")),
    district: district || undefined,
    status: oneOf<UnitStatus>(UNIT_STATUSES, params.get("status")),
    sizeClass: oneOf<SizeClass>(SIZE_CLASSES, params.get("size")),
    permit: oneOf(PERMIT_FILTERS, params.get("permit")),
    includeArchived: params.get("archived") === "1",
  };
  const echo: UnitFilterEcho = {
    q,
    medium: filter.medium ?? "",
    facility: filter.facilityType ?? "",
    district,
    status: filter.status ?? "",
    size: filter.sizeClass ?? "",
    permit: filter.permit ?? "",
    archived: filter.includeArchived ?? false,
  };
  return { filter, echo };
}

// ---- Audit trail ---------------------------------------------------------------------------------
const UNIT_FIELD_KEYS = [
  "code", "name", "medium", "site_id", "face", "category_id", "capacity", "capacity_unit",
  "loop_seconds", "spot_seconds", "status", "maintenance_from", "maintenance_to", "archived", "notes",
] as const;
type UnitField = (typeof UNIT_FIELD_KEYS)[number];

function isUnitField(field: string): field is UnitField {
  return (UNIT_FIELD_KEYS as readonly string[]).includes(field);
}

export interface AuditNames {
  sites: Record<string, string>;
  categories: Record<string, string>;
}

function unitValue(field: UnitField, value: unknown, names: AuditNames): unknown {
  if (value === null || value === undefined || value === "") return value;
  const text = String(value);
  switch (field) {
    case "medium":
      return tKey("medium", text);
    case "status":
      return tKey("unitStatus", text);
    case "capacity_unit":
      return tKey("capacityUnit", text);
    case "site_id":
      return names.sites[text] ?? text;
    case "category_id":
      return names.categories[text] ?? text;
    case "archived":
      return value ? t("common.yes") : t("common.no");
    default:
      return value;
  }
}

/**
 * The shared audit table labels only the fields it knows (clients, users); a unit's changes are
 * handed to it already in the form's words, ids replaced by names.
 */
export function unitAuditChanges(changes: { field: string; from: unknown; to: unknown }[], names: AuditNames) {
  return changes.map((c) =>
    isUnitField(c.field)
      ? { field: t(`inventory.field.${c.field}`), from: unitValue(c.field, c.from, names), to: unitValue(c.field, c.to, names) }
      : c,
  );
}

// ---- Quote preview -------------------------------------------------------------------------------
export interface QuoteEcho {
  from: string;
  to: string;
  quantity: string;
  daypart: string;
  seconds: string;
  position: string;
}

export type QuoteParams =
  | { ok: true; from: string; to: string; quantity: number; daypart?: Daypart; seconds?: number; position: "first" | "last" | null }
  | { ok: false; message: string };

const DAYPART_CODES: Daypart[] = ["special", "a", "b"];

/** The whole next calendar month: a clean default for media sold by the month. */
export function nextMonthRange(today: string): { from: string; to: string } {
  const { year, month } = parseDate(today);
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  const from = `${y}-${String(m).padStart(2, "0")}-01`;
  return { from, to: `${y}-${String(m).padStart(2, "0")}-${daysInMonth(y, m)}` };
}

/** The quote form's GET parameters; dates and quantity are checked by quote() itself. */
export function parseQuoteParams(echo: QuoteEcho): QuoteParams {
  const quantityText = echo.quantity.trim() || "1";
  if (!/^\d{1,6}$/.test(quantityText)) return { ok: false, message: t("inventory.quote.badNumber", { name: t("inventory.quote.quantity") }) };
  const secondsText = echo.seconds.trim();
  if (secondsText && !/^\d{1,4}$/.test(secondsText)) return { ok: false, message: t("inventory.quote.badNumber", { name: t("inventory.quote.seconds") }) };
  return {
    ok: true,
    from: echo.from.trim(),
    to: echo.to.trim(),
    quantity: Number(quantityText),
    daypart: DAYPART_CODES.find((d) => d === echo.daypart),
    seconds: secondsText ? Number(secondsText) : undefined,
    position: echo.position === "first" || echo.position === "last" ? echo.position : null,
  };
}
