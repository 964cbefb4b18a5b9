import { Form } from "@remix-run/react";
import { useState } from "react";
import { t, tKey } from "~/i18n";
import { CLIENT_KINDS, type FieldErrors } from "~/modules/clients/client-form";
import { creditCodeHint } from "~/utils/credit-code";
import { Field, FormError } from "./Field";
import { echoForm } from "~/utils/form";

export interface ClientFormDefaults {
  name: string;
  kind: string;
  credit_code: string;
  contact_name: string;
  contact_phone: string;
  address: string;
  phone: string;
  bank_name: string;
  bank_account: string;
  owner_id: string;
  commission: string;
  payment_days: string;
  notes: string;
  updated_at?: string;
}

export const EMPTY_CLIENT: ClientFormDefaults = {
  name: "",
  kind: "enterprise",
  credit_code: "",
  contact_name: "",
  contact_phone: "",
  address: "",
  phone: "",
  bank_name: "",
  bank_account: "",
  owner_id: "",
  commission: "",
  payment_days: "30",
  notes: "",
};

export function ClientForm({
  defaults,
  errors = {},
  owners,
  ownerLocked,
  submitLabel,
}: {
  defaults: ClientFormDefaults;
  errors?: FieldErrors;
  owners: { id: string; display_name: string }[];
  ownerLocked: boolean;
  submitLabel: string;
}) {
  const [creditCode, setCreditCode] = useState(defaults.credit_code);
  const text = (name: keyof ClientFormDefaults, label: string, props: Record<string, unknown> = {}) => (
    <Field label={label} error={errors[name]}>
      <input name={name} defaultValue={defaults[name]} {...props} />
    </Field>
  );
  return (
    <Form method="post" className="form-grid" noValidate>
      {defaults.updated_at ? <input type="hidden" name="updated_at" value={defaults.updated_at} /> : null}
      <FormError message={errors.form ?? (Object.keys(errors).length ? t("common.formHasErrors") : undefined)} />
      <fieldset>
        <legend>{t("clients.basic")}</legend>
        <Field label={t("clients.name")} error={errors.name} required>
          <input name="name" defaultValue={defaults.name} required maxLength={100} />
        </Field>
        <Field label={t("clients.kind")} error={errors.kind} required>
          <select name="kind" defaultValue={defaults.kind}>
            {CLIENT_KINDS.map((k) => (
              <option key={k} value={k}>{tKey("clients.kind", k)}</option>
            ))}
          </select>
        </Field>
        {text("contact_name", t("clients.contactName"), { maxLength: 50 })}
        {text("contact_phone", t("clients.contactPhone"), { maxLength: 50 })}
        <Field label={t("clients.owner")} error={errors.owner_id}>
          <select name="owner_id" defaultValue={defaults.owner_id} disabled={ownerLocked}>
            <option value="">{t("clients.noOwner")}</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>{o.display_name}</option>
            ))}
          </select>
        </Field>
        {text("commission", `${t("clients.commission")}（%）`, { inputMode: "decimal", placeholder: "0" })}
      </fieldset>
      <fieldset>
        <legend>{t("clients.invoiceInfo")}</legend>
        <Field label={t("clients.creditCode")} error={errors.credit_code} hint={creditCodeHint(creditCode)}>
          <input name="credit_code" value={creditCode} onChange={(e) => setCreditCode(e.target.value)} maxLength={18} className="mono" />
        </Field>
        {text("address", t("clients.address"), { maxLength: 200 })}
        {text("phone", t("clients.phone"), { maxLength: 50 })}
        {text("bank_name", t("clients.bankName"), { maxLength: 100 })}
        {text("bank_account", t("clients.bankAccount"), { maxLength: 50 })}
        {text("payment_days", t("clients.paymentDays"), { inputMode: "numeric", placeholder: "30" })}
      </fieldset>
      <fieldset className="wide">
        <Field label={t("clients.notes")} error={errors.notes}>
          <textarea name="notes" defaultValue={defaults.notes} rows={3} maxLength={1000} />
        </Field>
      </fieldset>
      <div className="actions wide">
        <button type="submit" className="primary">{submitLabel}</button>
      </div>
    </Form>
  );
}

/** What the user typed, to put back into the form after a refused submit. */
export function formDefaults(form: FormData): ClientFormDefaults {
  return echoForm(form, EMPTY_CLIENT);
}
