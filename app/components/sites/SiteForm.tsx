import { Form } from "@remix-run/react";
import { useState } from "react";
import { t, tKey } from "~/i18n";
import { Field, FormError } from "~/components/Field";
import { FACILITY_TYPES, sizeClass } from "~/modules/inventory/model";
import { parseMetresToCm } from "~/modules/inventory/site-form";
import { formatAreaM2 } from "./format";
import { echoForm, type FieldErrors } from "~/utils/form";

export interface SiteFormDefaults {
  code: string;
  name: string;
  facility_type: string;
  address: string;
  district: string;
  latitude: string;
  longitude: string;
  width_m: string;
  height_m: string;
  illuminated: string;
  traffic_notes: string;
  updated_at?: string;
}

export const EMPTY_SITE: SiteFormDefaults = {
  code: "",
  name: "",
  facility_type: "unipole",
  address: "",
  district: "",
  latitude: "",
  longitude: "",
  width_m: "",
  height_m: "",
  illuminated: "",
  traffic_notes: "",
};

/** What the user typed, to put back into the form after a refused submit. */
export function siteFormDefaults(form: FormData): SiteFormDefaults {
  return echoForm(form, EMPTY_SITE);
}

/** "3.50 × 4.00" m → the size class and area the server will derive, shown while typing. */
function sizeHint(width: string, height: string): string | null {
  const w = parseMetresToCm(width);
  const h = parseMetresToCm(height);
  if (!w || !h) return null;
  return t("sites.sizeClassHint", { sizeClass: tKey("sizeClass", sizeClass(w, h)), area: formatAreaM2(w, h) });
}

export function SiteForm({ defaults, errors = {}, submitLabel }: { defaults: SiteFormDefaults; errors?: FieldErrors; submitLabel: string }) {
  const [width, setWidth] = useState(defaults.width_m);
  const [height, setHeight] = useState(defaults.height_m);
  const hint = sizeHint(width, height);
  const text = (name: keyof SiteFormDefaults, label: string, props: Record<string, unknown> = {}) => (
    <Field label={label} error={errors[name]} required={Boolean(props.required)}>
      <input name={name} defaultValue={defaults[name]} {...props} />
    </Field>
  );
  return (
    <Form method="post" className="form-grid" noValidate>
      {defaults.updated_at ? <input type="hidden" name="updated_at" value={defaults.updated_at} /> : null}
      <FormError message={errors.form ?? (Object.keys(errors).length ? t("common.formHasErrors") : undefined)} />
      <fieldset>
        <legend>{t("sites.basic")}</legend>
        {text("code", t("sites.code"), { required: true, maxLength: 32, className: "mono", placeholder: "如 DLZ-001" })}
        {text("name", t("sites.name"), { required: true, maxLength: 100 })}
        <Field label={t("sites.facilityType")} error={errors.facility_type} required>
          <select name="facility_type" defaultValue={defaults.facility_type}>
            {FACILITY_TYPES.map((f) => (
              <option key={f} value={f}>{tKey("facility", f)}</option>
            ))}
          </select>
        </Field>
        {text("district", t("sites.district"), { required: true, maxLength: 50 })}
        {text("address", t("sites.address"), { maxLength: 200 })}
      </fieldset>
      <fieldset>
        <legend>{t("sites.place")}</legend>
        <Field label={t("sites.widthM")} error={errors.width_m} required>
          <input name="width_m" value={width} onChange={(e) => setWidth(e.target.value)} inputMode="decimal" placeholder="如 6.00" />
        </Field>
        <Field label={t("sites.heightM")} error={errors.height_m} required>
          <input name="height_m" value={height} onChange={(e) => setHeight(e.target.value)} inputMode="decimal" placeholder="如 3.00" />
        </Field>
        <p className="small muted" style={{ margin: 0 }} aria-live="polite">
          {hint ?? t("sites.sizeClassRule")}
        </p>
        {text("latitude", t("sites.latitude"), { inputMode: "decimal", className: "mono", placeholder: t("sites.latitudeHint") })}
        {text("longitude", t("sites.longitude"), { inputMode: "decimal", className: "mono", placeholder: t("sites.longitudeHint") })}
        <label className="check">
          <input type="checkbox" name="illuminated" value="1" defaultChecked={defaults.illuminated === "1"} /> {t("sites.illuminated")}
        </label>
      </fieldset>
      <fieldset className="wide">
        <Field label={t("sites.trafficNotes")} error={errors.traffic_notes}>
          <textarea name="traffic_notes" defaultValue={defaults.traffic_notes} rows={3} maxLength={500} />
        </Field>
      </fieldset>
      <div className="actions wide">
        <button type="submit" className="primary">{submitLabel}</button>
      </div>
    </Form>
  );
}
