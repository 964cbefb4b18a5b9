// The contract form: header, pricing shape and its rows. Rows can be added in the browser; without
// script the form still posts the rows it shows (three empty ones to start).
import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { t, tKey } from "~/i18n";
import { Field, FormError } from "~/components/Field";
import type { ContractFormEcho } from "~/modules/contracts/contract-form";
import { CONTRACT_PRICINGS } from "~/modules/contracts/model";
import { parsePercentToBasisPoints } from "~/utils/money";
import type { FieldErrors } from "~/utils/form";

const BLANK_MS = { name: "", percent: "", date: "" };
const BLANK_RATE = { name: "", unit: "", price: "" };

function padRows<T>(rows: T[], blank: T, min: number): T[] {
  return rows.length >= min ? rows : [...rows, ...Array.from({ length: min - rows.length }, () => ({ ...blank }))];
}

export function ContractForm({
  defaults,
  errors = {},
  categories,
  clientNames,
  submitLabel,
  cancelHref,
}: {
  defaults: ContractFormEcho;
  errors?: FieldErrors;
  categories: { id: string; label: string }[];
  clientNames: string[];
  submitLabel: string;
  cancelHref: string;
}) {
  const f = defaults.fields;
  const [pricing, setPricing] = useState(f.pricing || "milestone");
  const [milestones, setMilestones] = useState(() => padRows(defaults.milestones, BLANK_MS, 3));
  const [rates, setRates] = useState(() => padRows(defaults.rates, BLANK_RATE, 2));
  const percentSum = milestones.reduce((sum, m) => sum + (parsePercentToBasisPoints(m.percent) ?? 0), 0);
  const rowErrors = (prefix: string, count: number) => Array.from({ length: count }, (_v, i) => errors[`${prefix}.${i}`]).filter(Boolean);
  return (
    <Form method="post" className="form-grid contract-form" noValidate>
      {f.updated_at ? <input type="hidden" name="updated_at" value={f.updated_at} /> : null}
      {f.idempotency_key ? <input type="hidden" name="idempotency_key" value={f.idempotency_key} /> : null}
      <FormError message={errors.form ?? (Object.keys(errors).length ? t("common.formHasErrors") : undefined)} />
      <fieldset>
        <legend>{t("contracts.section.basic")}</legend>
        <Field label={t("contracts.field.title")} error={errors.title} required>
          <input name="title" defaultValue={f.title} required maxLength={100} />
        </Field>
        <Field label={t("contracts.field.number")} error={errors.number} hint={t("contracts.field.numberHint")}>
          <input name="number" defaultValue={f.number} maxLength={40} className="mono" />
        </Field>
        <Field label={t("contracts.field.client")} error={errors.client} required>
          <input name="client" defaultValue={f.client} list="contract-clients" required maxLength={100} autoComplete="off" />
        </Field>
        <datalist id="contract-clients">
          {clientNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <Field label={t("contracts.field.category")} error={errors.category_id} hint={t("contracts.field.categoryHint")} required>
          <select name="category_id" defaultValue={f.category_id}>
            <option value="">—</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>{c.label}</option>
            ))}
          </select>
        </Field>
        <Field label={t("contracts.field.signedOn")} error={errors.signed_on} hint={t("contracts.field.signedOnHint")}>
          <input type="date" name="signed_on" defaultValue={f.signed_on} />
        </Field>
        <Field label={t("contracts.field.start")} error={errors.start_date} required>
          <input type="date" name="start_date" defaultValue={f.start_date} required />
        </Field>
        <Field label={t("contracts.field.end")} error={errors.end_date} required>
          <input type="date" name="end_date" defaultValue={f.end_date} required />
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t("contracts.section.pricing")}</legend>
        <Field label={t("contracts.field.pricing")} error={errors.pricing} required>
          <select name="pricing" value={pricing} onChange={(e) => setPricing(e.target.value)}>
            {CONTRACT_PRICINGS.map((p) => (
              <option key={p} value={p}>{tKey("contracts.pricing", p)}</option>
            ))}
          </select>
        </Field>
        {pricing !== "monthly" ? (
          <Field label={t(pricing === "tm" ? "contracts.field.ceiling" : "contracts.field.amount")} error={errors.amount} required>
            <input name="amount" defaultValue={f.amount} inputMode="decimal" placeholder="0.00" />
          </Field>
        ) : (
          <Field label={t("contracts.field.monthlyFee")} error={errors.monthly_fee} hint={t("contracts.field.monthlyFeeHint")} required>
            <input name="monthly_fee" defaultValue={f.monthly_fee} inputMode="decimal" placeholder="0.00" />
          </Field>
        )}
        <Field label={t("contracts.field.taxIncluded")} error={errors.tax_included}>
          <select name="tax_included" defaultValue={f.tax_included || "1"}>
            <option value="1">{t("contracts.field.taxIncludedYes")}</option>
            <option value="0">{t("contracts.field.taxIncludedNo")}</option>
          </select>
        </Field>
      </fieldset>
      {pricing === "milestone" ? (
        <fieldset className="wide">
          <legend>{t("contracts.section.milestones")}</legend>
          <p className="muted small">{t("contracts.ms.rule")}</p>
          <FormError message={errors.milestones} />
          {rowErrors("ms", milestones.length).map((e) => (
            <p key={e} className="field-error" role="alert">{e}</p>
          ))}
          <table className="grid rows-editor">
            <thead>
              <tr>
                <th>#</th>
                <th>{t("contracts.ms.name")}</th>
                <th className="num">{t("contracts.ms.percent")}</th>
                <th>{t("contracts.ms.planned")}</th>
              </tr>
            </thead>
            <tbody>
              {milestones.map((m, i) => (
                <tr key={i} className={errors[`ms.${i}`] ? "has-error" : undefined}>
                  <td className="muted">{i + 1}</td>
                  <td><input name="ms_name" defaultValue={m.name} maxLength={100} aria-label={`${t("contracts.ms.name")} ${i + 1}`} placeholder="如：签约、交付上线、终验" /></td>
                  <td className="num">
                    <input
                      name="ms_percent"
                      defaultValue={m.percent}
                      inputMode="decimal"
                      className="narrow-input"
                      aria-label={`${t("contracts.ms.percent")} ${i + 1}`}
                      onChange={(e) => setMilestones((rows) => rows.map((r, j) => (j === i ? { ...r, percent: e.target.value } : r)))}
                    />
                  </td>
                  <td><input type="date" name="ms_date" defaultValue={m.date} aria-label={`${t("contracts.ms.planned")} ${i + 1}`} /></td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td />
                <td>
                  <button type="button" onClick={() => setMilestones((rows) => [...rows, { ...BLANK_MS }])}>{t("contracts.ms.addRow")}</button>
                </td>
                <td className={`num ${percentSum === 10000 ? "" : "warn"}`}>{t("contracts.ms.total")} {(percentSum / 100).toFixed(2).replace(/\.?0+$/, "")}%</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </fieldset>
      ) : null}
      {pricing === "tm" ? (
        <fieldset className="wide">
          <legend>{t("contracts.section.rates")}</legend>
          <FormError message={errors.rates} />
          {rowErrors("rate", rates.length).map((e) => (
            <p key={e} className="field-error" role="alert">{e}</p>
          ))}
          <table className="grid rows-editor">
            <thead>
              <tr>
                <th>#</th>
                <th>{t("contracts.rate.name")}</th>
                <th>{t("contracts.rate.unit")}</th>
                <th className="num">{t("contracts.rate.price")}</th>
              </tr>
            </thead>
            <tbody>
              {rates.map((r, i) => (
                <tr key={i}>
                  <td className="muted">{i + 1}</td>
                  <td><input name="rate_name" defaultValue={r.name} maxLength={60} aria-label={`${t("contracts.rate.name")} ${i + 1}`} placeholder="如：直播、视频制作" /></td>
                  <td><input name="rate_unit" defaultValue={r.unit} maxLength={10} className="narrow-input" aria-label={`${t("contracts.rate.unit")} ${i + 1}`} placeholder="场 / 分钟" /></td>
                  <td className="num"><input name="rate_price" defaultValue={r.price} inputMode="decimal" className="narrow-input" aria-label={`${t("contracts.rate.price")} ${i + 1}`} /></td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td />
                <td colSpan={3}>
                  <button type="button" onClick={() => setRates((rows) => [...rows, { ...BLANK_RATE }])}>{t("contracts.ms.addRow")}</button>
                </td>
              </tr>
            </tfoot>
          </table>
        </fieldset>
      ) : null}
      <fieldset className="wide">
        <Field label={t("contracts.field.notes")} error={errors.notes}>
          <textarea name="notes" defaultValue={f.notes} rows={3} maxLength={1000} />
        </Field>
      </fieldset>
      <div className="actions wide">
        <button type="submit" className="primary">{submitLabel}</button>
        <Link to={cancelHref}>{t("common.cancel")}</Link>
      </div>
    </Form>
  );
}
