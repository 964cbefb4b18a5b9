import { Form, Link } from "@remix-run/react";
import { t } from "~/i18n";
import type { AvailabilityEcho } from "~/modules/booking/availability-filter";
import { UnitFilterSelects } from "~/components/FilterSelect";

/** The search as a GET form, so a search is a link a colleague can open. */
export function AvailabilityFilters({ filters, districts }: { filters: AvailabilityEcho; districts: string[] }) {
  return (
    <Form method="get" className="filters avail-filters">
      <label className="check">
        <input type="date" name="from" defaultValue={filters.from} aria-label={t("availability.field.from")} required />
        {t("availability.to")}
        <input type="date" name="to" defaultValue={filters.to} aria-label={t("availability.field.to")} required />
      </label>
      <UnitFilterSelects values={filters} districts={districts} withSize />
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
