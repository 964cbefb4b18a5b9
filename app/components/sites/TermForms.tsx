import { Form } from "@remix-run/react";
import { t } from "~/i18n";
import { Field, FormError } from "~/components/Field";
import type { FieldErrors } from "~/utils/form";

export type Values = Record<string, string>;

function valuesOf(form: FormData, names: string[]): Values {
  return Object.fromEntries(names.map((n) => [n, typeof form.get(n) === "string" ? String(form.get(n)) : ""]));
}

export const permitDefaults = (form: FormData) => valuesOf(form, ["number", "authority", "start_date", "end_date"]);
export const leaseDefaults = (form: FormData) => valuesOf(form, ["lessor", "annual_rent", "start_date", "end_date", "payment_terms"]);

function errorBanner(errors: FieldErrors, message?: string | null) {
  return <FormError message={message ?? errors.form ?? (Object.keys(errors).length ? t("common.formHasErrors") : undefined)} />;
}

/** The add-permit form; multipart so that a scan can travel with it. */
export function PermitForm({ values = {}, errors = {}, message, scanAccept }: { values?: Values; errors?: FieldErrors; message?: string | null; scanAccept: string }) {
  return (
    <Form method="post" encType="multipart/form-data" className="form-grid" noValidate>
      {errorBanner(errors, message)}
      <fieldset className="wide">
        <legend>{t("permits.add")}</legend>
        <Field label={t("permits.number")} error={errors.number} required>
          <input name="number" defaultValue={values.number} maxLength={64} className="mono" />
        </Field>
        <Field label={t("permits.authority")} error={errors.authority} required>
          <input name="authority" defaultValue={values.authority} maxLength={100} placeholder="如 县城市管理局" />
        </Field>
        <DateRange values={values} errors={errors} />
        <Field label={t("permits.scanOptional")} error={errors.scan}>
          <input type="file" name="scan" accept={scanAccept} />
        </Field>
      </fieldset>
      <div className="actions wide">
        <input type="hidden" name="intent" value="add" />
        <button type="submit" className="primary">{t("permits.add")}</button>
      </div>
    </Form>
  );
}

export function LeaseForm({ values = {}, errors = {} }: { values?: Values; errors?: FieldErrors }) {
  return (
    <Form method="post" className="form-grid" noValidate>
      {errorBanner(errors)}
      <fieldset className="wide">
        <legend>{t("leases.add")}</legend>
        <Field label={t("leases.lessor")} error={errors.lessor} required>
          <input name="lessor" defaultValue={values.lessor} maxLength={100} />
        </Field>
        <Field label={t("leases.annualRentYuan")} error={errors.annual_rent} required>
          <input name="annual_rent" defaultValue={values.annual_rent} inputMode="decimal" placeholder="如 12000.00" />
        </Field>
        <DateRange values={values} errors={errors} />
        <Field label={t("leases.terms")} error={errors.payment_terms}>
          <input name="payment_terms" defaultValue={values.payment_terms} maxLength={200} placeholder={t("leases.termsPlaceholder")} />
        </Field>
      </fieldset>
      <div className="actions wide">
        <button type="submit" className="primary">{t("leases.add")}</button>
      </div>
    </Form>
  );
}

function DateRange({ values, errors }: { values: Values; errors: FieldErrors }) {
  return (
    <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 12 }}>
      <Field label={t("permits.start")} error={errors.start_date} required>
        <input type="date" name="start_date" defaultValue={values.start_date} />
      </Field>
      <Field label={t("permits.end")} error={errors.end_date} required>
        <input type="date" name="end_date" defaultValue={values.end_date} />
      </Field>
    </div>
  );
}
