import { Form, Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { Field, FormError } from "~/components/Field";
import type { FieldErrors } from "~/modules/events/event-form";
import { EVENT_TYPES } from "~/modules/events/model";
import { echoForm } from "~/utils/form";

export interface EventFormDefaults {
  title: string;
  type: string;
  venue: string;
  starts_at: string;
  ends_at: string;
  owner_id: string;
  category_id: string;
  budget: string;
  notes: string;
  updated_at?: string;
}

export const EMPTY_EVENT: EventFormDefaults = {
  title: "",
  type: "gala",
  venue: "",
  starts_at: "",
  ends_at: "",
  owner_id: "",
  category_id: "",
  budget: "",
  notes: "",
};

export function EventForm({
  defaults,
  errors = {},
  owners,
  categories,
  submitLabel,
  cancelHref,
}: {
  defaults: EventFormDefaults;
  errors?: FieldErrors;
  owners: { id: string; display_name: string }[];
  categories: { id: string; label: string }[];
  submitLabel: string;
  cancelHref: string;
}) {
  return (
    <Form method="post" className="form-grid" noValidate>
      {defaults.updated_at ? <input type="hidden" name="updated_at" value={defaults.updated_at} /> : null}
      <FormError message={errors.form ?? (Object.keys(errors).length ? t("common.formHasErrors") : undefined)} />
      <fieldset>
        <legend>{t("events.section.basic")}</legend>
        <Field label={t("events.field.title")} error={errors.title} required>
          <input name="title" defaultValue={defaults.title} required maxLength={100} />
        </Field>
        <Field label={t("events.field.type")} error={errors.type} required>
          <select name="type" defaultValue={defaults.type}>
            {EVENT_TYPES.map((type) => (
              <option key={type} value={type}>{tKey("events.type", type)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("events.field.venue")} error={errors.venue}>
          <input name="venue" defaultValue={defaults.venue} maxLength={200} />
        </Field>
        <Field label={t("events.field.starts_at")} error={errors.starts_at} hint={t("events.field.timeHint")} required>
          <input type="datetime-local" name="starts_at" defaultValue={defaults.starts_at} required />
        </Field>
        <Field label={t("events.field.ends_at")} error={errors.ends_at} required>
          <input type="datetime-local" name="ends_at" defaultValue={defaults.ends_at} required />
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t("events.section.responsibility")}</legend>
        <Field label={t("events.field.owner")} error={errors.owner_id} hint={t("events.field.ownerHint")} required>
          <select name="owner_id" defaultValue={defaults.owner_id}>
            <option value="">—</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>{o.display_name}</option>
            ))}
          </select>
        </Field>
        <Field label={t("events.field.category")} error={errors.category_id}>
          <select name="category_id" defaultValue={defaults.category_id}>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>{c.label}</option>
            ))}
          </select>
        </Field>
        <Field label={t("events.field.budget")} error={errors.budget}>
          <input name="budget" defaultValue={defaults.budget} inputMode="decimal" placeholder="0.00" />
        </Field>
      </fieldset>
      <fieldset className="wide">
        <Field label={t("events.field.notes")} error={errors.notes}>
          <textarea name="notes" defaultValue={defaults.notes} rows={3} maxLength={1000} />
        </Field>
      </fieldset>
      <div className="actions wide">
        <button type="submit" className="primary">{submitLabel}</button>
        <Link to={cancelHref}>{t("common.cancel")}</Link>
      </div>
    </Form>
  );
}

/** What the user typed, to put back into the form after a refused submit. */
export function eventFormDefaults(form: FormData): EventFormDefaults {
  return echoForm(form, EMPTY_EVENT);
}
