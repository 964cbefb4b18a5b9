import { Form } from "@remix-run/react";
import { useState } from "react";
import type { Medium } from "~db/schema";
import { t, tKey } from "~/i18n";
import { ledCapacity, MEDIA, MEDIUM_CODES, UNIT_STATUSES } from "~/modules/inventory/model";
import { capacityLabel } from "~/modules/inventory/unit-views";
import { Field, FormError } from "../Field";
import { Help } from "./Help";
import { echoForm, type FieldErrors } from "~/utils/form";

export interface UnitFormDefaults {
  code: string;
  name: string;
  medium: string;
  site_id: string;
  face: string;
  category_id: string;
  capacity: string;
  loop_seconds: string;
  spot_seconds: string;
  status: string;
  maintenance_from: string;
  maintenance_to: string;
  notes: string;
  updated_at?: string;
}

export const EMPTY_UNIT: UnitFormDefaults = {
  code: "",
  name: "",
  medium: "outdoor_static",
  site_id: "",
  face: "",
  category_id: "",
  capacity: "",
  loop_seconds: "",
  spot_seconds: "",
  status: "available",
  maintenance_from: "",
  maintenance_to: "",
  notes: "",
};

export interface UnitFormOptions {
  sites: { id: string; code: string; name: string; district: string }[];
  categories: { id: string; label: string }[];
  /** The category each medium maps to by default (MEDIA[medium].categoryCode in this center). */
  categoryByMedium: Partial<Record<Medium, string>>;
}

function isMedium(value: string): value is Medium {
  return (MEDIUM_CODES as string[]).includes(value);
}

/**
 * One form for every medium: the fields that don't apply to the chosen medium are not shown
 * (and not posted), and the server schema fixes capacity for LED and static faces anyway.
 */
export function UnitForm({ defaults, errors = {}, options, submitLabel }: { defaults: UnitFormDefaults; errors?: FieldErrors; options: UnitFormOptions; submitLabel: string }) {
  const [medium, setMedium] = useState<Medium>(isMedium(defaults.medium) ? defaults.medium : "outdoor_static");
  const [categoryId, setCategoryId] = useState(defaults.category_id || options.categoryByMedium[medium] || "");
  const [capacity, setCapacity] = useState(defaults.capacity || String(MEDIA[medium].defaultCapacity));
  const [loop, setLoop] = useState(defaults.loop_seconds);
  const [spot, setSpot] = useState(defaults.spot_seconds);
  const [status, setStatus] = useState(defaults.status);
  const spec = MEDIA[medium];

  // A new medium brings its own category and capacity, unless the user already chose others.
  const changeMedium = (next: Medium) => {
    if (!categoryId || categoryId === options.categoryByMedium[medium]) setCategoryId(options.categoryByMedium[next] ?? "");
    if (!capacity || capacity === String(spec.defaultCapacity)) setCapacity(String(MEDIA[next].defaultCapacity));
    setMedium(next);
  };
  const ledN = ledCapacity(Number(loop) || 0, Number(spot) || 0);

  return (
    <Form method="post" className="form-grid" noValidate>
      {defaults.updated_at ? <input type="hidden" name="updated_at" value={defaults.updated_at} /> : null}
      <FormError message={errors.form ?? (Object.keys(errors).length ? t("common.formHasErrors") : undefined)} />
      <fieldset>
        <legend>{t("inventory.form.basic")}</legend>
        <Field label={t("inventory.field.code")} error={errors.code} required>
          <input name="code" defaultValue={defaults.code} maxLength={32} className="mono" required />
          <Help text={t("inventory.form.codeHint")} />
        </Field>
        <Field label={t("inventory.field.name")} error={errors.name} required>
          <input name="name" defaultValue={defaults.name} maxLength={100} required />
        </Field>
        <Field label={t("inventory.field.medium")} error={errors.medium} required>
          <select name="medium" value={medium} onChange={(e) => isMedium(e.target.value) && changeMedium(e.target.value)}>
            {MEDIUM_CODES.map((m) => (
              <option key={m} value={m}>{tKey("medium", m)}</option>
            ))}
          </select>
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t("inventory.form.placement")}</legend>
        {spec.outdoor ? (
          <>
            <Field label={t("inventory.field.site_id")} error={errors.site_id} hint={options.sites.length ? null : t("inventory.form.noSites")} required>
              <select name="site_id" defaultValue={defaults.site_id}>
                <option value="">{t("inventory.form.chooseSite")}</option>
                {options.sites.map((s) => (
                  <option key={s.id} value={s.id}>{s.code} {s.name}（{s.district}）</option>
                ))}
              </select>
            </Field>
            <Field label={t("inventory.field.face")} error={errors.face}>
              <input name="face" defaultValue={defaults.face} maxLength={20} placeholder="A面" />
              <Help text={t("inventory.form.faceHint")} />
            </Field>
          </>
        ) : null}
        <Field label={t("inventory.field.category_id")} error={errors.category_id} required>
          <select name="category_id" value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            <option value="">—</option>
            {options.categories.map((c) => (
              <option key={c.id} value={c.id}>{c.label}</option>
            ))}
          </select>
          <Help text={t("inventory.form.categoryHint")} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t("inventory.form.capacity")}</legend>
        {medium === "led" ? (
          <>
            <Field label={t("inventory.field.loop_seconds")} error={errors.loop_seconds} required>
              <input name="loop_seconds" value={loop} onChange={(e) => setLoop(e.target.value)} inputMode="numeric" />
              <Help text={t("inventory.form.loopHint")} />
            </Field>
            <Field label={t("inventory.field.spot_seconds")} error={errors.spot_seconds} required>
              <input name="spot_seconds" value={spot} onChange={(e) => setSpot(e.target.value)} inputMode="numeric" />
              <Help text={t("inventory.form.spotHint")} />
            </Field>
            <p className="small">{ledN > 0
                ? t("inventory.form.ledCapacity", { value: capacityLabel(ledN, "spot") })
                : Number(loop) > 0 && Number(spot) > 0
                  ? t("inventory.form.ledCapacityZero")
                  : t("inventory.form.ledCapacityPending")}</p>
          </>
        ) : medium === "outdoor_static" ? (
          <p className="small">{t("inventory.form.staticCapacity")}</p>
        ) : (
          <Field label={t("inventory.field.capacity")} error={errors.capacity} required>
            <input name="capacity" value={capacity} onChange={(e) => setCapacity(e.target.value)} inputMode="numeric" />
            <Help text={t("inventory.form.capacityHint", { unit: tKey("capacityUnit", spec.capacityUnit) })} />
          </Field>
        )}
        {/* LED and static faces have no capacity input: a derived capacity of 0 is reported here. */}
        {errors.capacity && (medium === "led" || medium === "outdoor_static") ? <span className="field-error">{errors.capacity}</span> : null}
      </fieldset>
      <fieldset>
        <legend>{t("inventory.form.state")}</legend>
        <Field label={t("inventory.field.status")} error={errors.status} required>
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {UNIT_STATUSES.map((s) => (
              <option key={s} value={s}>{tKey("unitStatus", s)}</option>
            ))}
          </select>
        </Field>
        {status === "maintenance" ? (
          <>
            <Field label={t("inventory.field.maintenance_from")} error={errors.maintenance_from} required>
              <input type="date" name="maintenance_from" defaultValue={defaults.maintenance_from} />
              <Help text={t("inventory.form.maintenanceHint")} />
            </Field>
            <Field label={t("inventory.field.maintenance_to")} error={errors.maintenance_to} required>
              <input type="date" name="maintenance_to" defaultValue={defaults.maintenance_to} />
            </Field>
          </>
        ) : null}
      </fieldset>
      <fieldset className="wide">
        <Field label={t("inventory.field.notes")} error={errors.notes}>
          <textarea name="notes" defaultValue={defaults.notes} rows={3} maxLength={500} />
        </Field>
      </fieldset>
      <div className="actions wide">
        <button type="submit" className="primary">{submitLabel}</button>
      </div>
    </Form>
  );
}

/** What the user typed, to put back into the form after a refused submit. */
export function unitFormDefaults(form: FormData): UnitFormDefaults {
  return echoForm(form, EMPTY_UNIT);
}
