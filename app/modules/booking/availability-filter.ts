// The availability search's GET parameters, parsed without a database or a clock: the caller
// passes today's date (Asia/Shanghai). Unknown choices are dropped, so a stale bookmark still
// loads; a bad date, range or number is refused with a message the page shows above the form.
import type { FacilityType, Medium } from "~db/schema";
import { t } from "~/i18n";
import { addDays, inclusiveDays } from "~/modules/inventory/calendar-dates";
import { FACILITY_TYPES, MEDIUM_CODES, type SizeClass } from "~/modules/inventory/model";
import { SIZE_CLASSES } from "~/modules/inventory/unit-views";
import { parseYuanToFen } from "~/utils/money";
import { isCalendarDate } from "~/utils/time";

/** The default window: today and the next 29 days. */
export const DEFAULT_RANGE_DAYS = 30;
/** `to` may be at most this many days after `from` (a year, both ends included). */
export const MAX_RANGE_OFFSET = 365;
export const PAGE_SIZE = 50;

export interface AvailabilityFilter {
  medium?: Medium;
  facilityType?: FacilityType;
  district?: string;
  sizeClass?: SizeClass;
  /** Inclusive bounds on the price of the card in force on `from`, in fen, whatever its basis. */
  priceMinFen?: number;
  priceMaxFen?: number;
  from: string;
  to: string;
  /** A unit is listed when at least this many days of the range are free. */
  minFreeDays: number;
  /** A day is free when the unit is sellable and at least this much capacity is left. */
  minSpots: number;
  page: number;
}

/** What the form shows back: the raw text, so a refused value stays in its box. */
export interface AvailabilityEcho {
  medium: string;
  facility: string;
  district: string;
  size: string;
  priceMin: string;
  priceMax: string;
  from: string;
  to: string;
  minDays: string;
  minSpots: string;
}

export type ParsedAvailability = { ok: true; filter: AvailabilityFilter; echo: AvailabilityEcho } | { ok: false; errors: string[]; echo: AvailabilityEcho };

function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A whole number ≥ 1; "" gives the default. */
function count(text: string, fallback: number): number | null {
  if (!text) return fallback;
  if (!/^\d{1,6}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 ? n : null;
}

/** Yuan with up to two decimals, never negative; "" means no bound. */
function yuan(text: string): { fen?: number; bad: boolean } {
  if (!text) return { bad: false };
  const fen = parseYuanToFen(text);
  return fen === null || fen < 0 ? { bad: true } : { fen, bad: false };
}

export function parseAvailabilityFilter(params: URLSearchParams, today: string): ParsedAvailability {
  const text = (name: string) => (params.get(name) ?? "").trim();
  const echo: AvailabilityEcho = {
    medium: text("medium"),
    facility: text("facility"),
    district: text("district"),
    size: text("size"),
    priceMin: text("priceMin"),
    priceMax: text("priceMax"),
    from: text("from"),
    to: text("to"),
    minDays: text("minDays"),
    minSpots: text("minSpots"),
  };
  const errors: string[] = [];

  const from = echo.from || today;
  const fromOk = isCalendarDate(from);
  if (!fromOk) errors.push(t("availability.error.from", { value: echo.from }));
  const to = echo.to || (fromOk ? addDays(from, DEFAULT_RANGE_DAYS - 1) : "");
  if (echo.to && !isCalendarDate(echo.to)) errors.push(t("availability.error.to", { value: echo.to }));
  else if (fromOk && to < from) errors.push(t("availability.error.order"));
  else if (fromOk && to > addDays(from, MAX_RANGE_OFFSET)) errors.push(t("availability.error.tooLong", { max: addDays(from, MAX_RANGE_OFFSET) }));
  const rangeOk = errors.length === 0;
  if (!echo.from) echo.from = from;
  if (!echo.to && rangeOk) echo.to = to;

  const minFreeDays = count(echo.minDays, 1);
  if (minFreeDays === null) errors.push(t("availability.error.minDays"));
  else if (rangeOk && minFreeDays > inclusiveDays(from, to)) errors.push(t("availability.error.minDaysTooMany", { days: inclusiveDays(from, to) }));
  const minSpots = count(echo.minSpots, 1);
  if (minSpots === null) errors.push(t("availability.error.minSpots"));

  const low = yuan(echo.priceMin);
  const high = yuan(echo.priceMax);
  if (low.bad || high.bad) errors.push(t("availability.error.price"));
  else if (low.fen !== undefined && high.fen !== undefined && low.fen > high.fen) errors.push(t("availability.error.priceOrder"));

  if (errors.length || minFreeDays === null || minSpots === null) return { ok: false, errors, echo };
  const page = Number(text("page"));
  return {
    ok: true,
    echo,
    filter: {
      medium: oneOf<Medium>(MEDIUM_CODES, echo.medium),
      facilityType: oneOf<FacilityType>(FACILITY_TYPES, echo.facility),
      district: echo.district || undefined,
      sizeClass: oneOf<SizeClass>(SIZE_CLASSES, echo.size),
      priceMinFen: low.fen,
      priceMaxFen: high.fen,
      from,
      to,
      minFreeDays,
      minSpots,
      page: Number.isInteger(page) && page > 0 ? page : 1,
    },
  };
}
