import { Form, Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { FACILITY_TYPES, MEDIUM_CODES, UNIT_STATUSES } from "~/modules/inventory/model";
import { PERMIT_FILTERS, SIZE_CLASSES, type UnitFilterEcho } from "~/modules/inventory/unit-views";

/** The list's filters as a GET form, so a filtered list is a link that can be shared. */
export function InventoryFilters({ filters, districts }: { filters: UnitFilterEcho; districts: string[] }) {
  const all = (label: string) => `${label}：${t("common.all")}`;
  return (
    <Form method="get" className="filters">
      <input type="search" name="q" defaultValue={filters.q} placeholder={t("inventory.searchPlaceholder")} aria-label={t("common.search")} />
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
      <select name="status" defaultValue={filters.status} aria-label={t("inventory.field.status")}>
        <option value="">{all(t("inventory.field.status"))}</option>
        {UNIT_STATUSES.map((s) => (
          <option key={s} value={s}>{tKey("unitStatus", s)}</option>
        ))}
      </select>
      <select name="size" defaultValue={filters.size} aria-label={t("inventory.field.sizeClass")}>
        <option value="">{all(t("inventory.field.sizeClass"))}</option>
        {SIZE_CLASSES.map((s) => (
          <option key={s} value={s}>{tKey("sizeClass", s)}</option>
        ))}
      </select>
      <select name="permit" defaultValue={filters.permit} aria-label={t("inventory.field.permit")}>
        <option value="">{all(t("inventory.field.permit"))}</option>
        {PERMIT_FILTERS.map((p) => (
          <option key={p} value={p}>{t(`inventory.filter.permit.${p}`)}</option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" name="archived" value="1" defaultChecked={filters.archived} /> {t("inventory.filter.includeArchived")}
      </label>
      <button type="submit">{t("common.search")}</button>
      <Link to="/inventory">{t("common.reset")}</Link>
    </Form>
  );
}
