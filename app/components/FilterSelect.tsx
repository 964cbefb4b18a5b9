import { t, tKey } from "~/i18n";
import { FACILITY_TYPES, MEDIUM_CODES } from "~/modules/inventory/model";
import { SIZE_CLASSES } from "~/modules/inventory/unit-views";

export interface Option {
  value: string;
  label: string;
}

/** A list filter: "标签：全部" first, then the options; the empty value means no filter. */
export function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: Option[] }) {
  return (
    <select name={name} defaultValue={value} aria-label={label}>
      <option value="">{label}：{t("common.all")}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>{o.label}</option>
      ))}
    </select>
  );
}

/**
 * The unit filters that the inventory list, the availability search and the occupancy grid share:
 * medium, facility type, district, and (where asked) size class.
 */
export function UnitFilterSelects({ values, districts, withSize = false }: { values: { medium: string; facility: string; district: string; size?: string }; districts: string[]; withSize?: boolean }) {
  return (
    <>
      <FilterSelect name="medium" label={t("inventory.field.medium")} value={values.medium} options={MEDIUM_CODES.map((m) => ({ value: m, label: tKey("medium", m) }))} />
      <FilterSelect name="facility" label={t("inventory.field.facilityType")} value={values.facility} options={FACILITY_TYPES.map((f) => ({ value: f, label: tKey("facility", f) }))} />
      <FilterSelect name="district" label={t("inventory.field.district")} value={values.district} options={districts.map((d) => ({ value: d, label: d }))} />
      {withSize ? <UnitSizeSelect value={values.size ?? ""} /> : null}
    </>
  );
}

export function UnitSizeSelect({ value }: { value: string }) {
  return <FilterSelect name="size" label={t("inventory.field.sizeClass")} value={value} options={SIZE_CLASSES.map((s) => ({ value: s, label: tKey("sizeClass", s) }))} />;
}
