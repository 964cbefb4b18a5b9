import { Form, Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import type { AvailabilityEcho } from "~/modules/booking/availability-filter";
import { FACILITY_TYPES, MEDIUM_CODES } from "~/modules/inventory/model";
import { SIZE_CLASSES } from "~/modules/inventory/unit-views";

/** The search as a GET form, so a search is a link a colleague can open. */
export function AvailabilityFilters({ filters, districts }: { filters: AvailabilityEcho; districts: string[] }) {
  const all = (label: string) => `${label}：${t("common.all")}`;
  return (
    <Form method="get" className="filters avail-filters">
      <label className="check">
        <input type="date" name="from" defaultValue={filters.from} aria-label={t("availability.field.from")} required />
        {t("availability.to")}
        <input type="date" name="to" defaultValue={filters.to} aria-label={t("availability.field.to")} required />
      </label>
      <select name="medium" defaultValue={filters.medium} aria-label={t("inventory.field.medium")}>
        <option value="">{all(t("inventory.field.medium"))}</option>
        {MEDIUM_CODES.map((m) => (
          <option key={m} value={m}>{tKey("medium", m)}</option>
        ))}
      </select>
      <select name="facility" defaultValue={filters.facility} aria-label={t("inventory.field.facilityType")}>
        <option value="">{all(t("inventory.field.facilityType"))}</option>
        {FACILITY_TYPES.map((f) => (
          <option key={f} value={f}>{tKey("facility", f)}</option>
        ))}
      </select>
      <select name="district" defaultValue={filters.district} aria-label={t("inventory.field.district")}>
        <option value="">{all(t("inventory.field.district"))}</option>
        {districts.map((d) => (
          <option key={d} value={d}>{d}</option>
        ))}
      </select>
      <select name="size" defaultValue={filters.size} aria-label={t("inventory.field.sizeClass")}>
        <option value="">{all(t("inventory.field.sizeClass"))}</option>
        {SIZE_CLASSES.map((s) => (
          <option key={s} value={s}>{tKey("sizeClass", s)}</option>
        ))}
      </select>
      <label className="check" title={t("availability.priceHint")}>
        {t("availability.priceRange")}
        <input className="avail-num" name="priceMin" inputMode="decimal" defaultValue={filters.priceMin} placeholder="¥" aria-label={t("availability.field.priceMin")} />
        –
        <input className="avail-num" name="priceMax" inputMode="decimal" defaultValue={filters.priceMax} placeholder="¥" aria-label={t("availability.field.priceMax")} />
      </label>
      <label className="check">
        {t("availability.field.minDays")}
        <input className="avail-count" name="minDays" inputMode="numeric" defaultValue={filters.minDays} placeholder="1" aria-label={t("availability.field.minDays")} />
      </label>
      <label className="check" title={t("availability.minSpotsHint")}>
        {t("availability.field.minSpots")}
        <input className="avail-count" name="minSpots" inputMode="numeric" defaultValue={filters.minSpots} placeholder="1" aria-label={t("availability.field.minSpots")} />
      </label>
      <button type="submit" className="primary">{t("common.search")}</button>
      <Link to="/orders/availability">{t("common.reset")}</Link>
    </Form>
  );
}
