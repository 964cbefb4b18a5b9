import { Form, Link } from "@remix-run/react";
import { FilterSelect, UnitFilterSelects, UnitSizeSelect } from "~/components/FilterSelect";
import { t, tKey } from "~/i18n";
import { UNIT_STATUSES } from "~/modules/inventory/model";
import { PERMIT_FILTERS, type UnitFilterEcho } from "~/modules/inventory/unit-views";

/** The list's filters as a GET form, so a filtered list is a link that can be shared. */
export function InventoryFilters({ filters, districts }: { filters: UnitFilterEcho; districts: string[] }) {
  return (
    <Form method="get" className="filters">
      <input type="search" name="q" defaultValue={filters.q} placeholder={t("inventory.searchPlaceholder")} aria-label={t("common.search")} />
      <UnitFilterSelects values={filters} districts={districts} />
      <FilterSelect name="status" label={t("inventory.field.status")} value={filters.status} options={UNIT_STATUSES.map((s) => ({ value: s, label: tKey("unitStatus", s) }))} />
      <UnitSizeSelect value={filters.size} />
      <FilterSelect name="permit" label={t("inventory.field.permit")} value={filters.permit} options={PERMIT_FILTERS.map((p) => ({ value: p, label: t(`inventory.filter.permit.${p}`) }))} />
      <label className="check">
        <input type="checkbox" name="archived" value="1" defaultChecked={filters.archived} /> {t("inventory.filter.includeArchived")}
      </label>
      <button type="submit">{t("common.search")}</button>
      <Link to="/inventory">{t("common.reset")}</Link>
    </Form>
  );
}
