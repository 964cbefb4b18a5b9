import { Form } from "@remix-run/react";
import { useState } from "react";
import type { PriceBasis } from "~db/schema";
import { t, tKey } from "~/i18n";
import { DAYPARTS, PRICE_BASES, SPOT_LENGTHS, spotFieldName } from "~/modules/inventory/rate-card-form";
import type { FieldErrors } from "~/utils/form";
import { Field, FormError } from "../Field";
import { Help } from "./Help";

/** Every field as typed: spot prices are keyed by their field name (spot_<daypart>_<seconds>). */
export interface RateCardDefaults {
  effective_from: string;
  basis: string;
  price: string;
  min_days: string;
  surcharge_first: string;
  surcharge_last: string;
  spots: Record<string, string>;
}

const FIELDS = ["effective_from", "basis", "price", "min_days", "surcharge_first", "surcharge_last"] as const;

function isBasis(value: string): value is PriceBasis {
  return (PRICE_BASES as string[]).includes(value);
}

export function RateCardForm({ defaults, errors = {} }: { defaults: RateCardDefaults; errors?: FieldErrors }) {
  const [basis, setBasis] = useState<PriceBasis>(isBasis(defaults.basis) ? defaults.basis : "month");
  return (
    <Form method="post" className="stack" noValidate>
      <FormError message={errors.form ?? (Object.keys(errors).length ? t("common.formHasErrors") : undefined)} />
      <div className="form-grid">
        <fieldset>
          <Field label={t("inventory.rates.effectiveFrom")} error={errors.effective_from} required>
            <input type="date" name="effective_from" defaultValue={defaults.effective_from} required />
          </Field>
          <Field label={t("inventory.rates.basis")} error={basis === "spot" ? undefined : errors.basis} required>
            <select name="basis" value={basis} onChange={(e) => isBasis(e.target.value) && setBasis(e.target.value)}>
              {PRICE_BASES.map((b) => (
                <option key={b} value={b}>{tKey("basis", b)}</option>
              ))}
            </select>
          </Field>
          {basis === "spot" ? null : (
            <Field label={t("inventory.rates.price")} error={errors.price} required>
              <input name="price" defaultValue={defaults.price} inputMode="decimal" placeholder="0.00" />
              <Help text={t("inventory.rates.priceHint", { per: t(`inventory.per.${basis}`) })} />
            </Field>
          )}
        </fieldset>
        <fieldset>
          <Field label={t("inventory.rates.minDays")} error={errors.min_days}>
            <input name="min_days" defaultValue={defaults.min_days} inputMode="numeric" placeholder="0" />
            <Help text={t("inventory.rates.minDaysHint")} />
          </Field>
          <Field label={t("inventory.rates.surchargeFirst")} error={errors.surcharge_first}>
            <input name="surcharge_first" defaultValue={defaults.surcharge_first} inputMode="decimal" placeholder="0" />
            <Help text={t("inventory.rates.surchargeHint")} />
          </Field>
          <Field label={t("inventory.rates.surchargeLast")} error={errors.surcharge_last}>
            <input name="surcharge_last" defaultValue={defaults.surcharge_last} inputMode="decimal" placeholder="0" />
          </Field>
        </fieldset>
        {basis === "spot" ? <SpotGrid defaults={defaults.spots} errors={errors} /> : null}
      </div>
      <div className="actions">
        <button type="submit" className="primary">{t("inventory.rates.add")}</button>
        <span className="muted small">{t("inventory.rates.addHint")}</span>
      </div>
    </Form>
  );
}

/** Per-spot prices for TV and radio: one input per daypart × length. */
function SpotGrid({ defaults, errors }: { defaults: Record<string, string>; errors: FieldErrors }) {
  return (
    <fieldset className="wide">
      <legend>{t("inventory.rates.spotGrid")}</legend>
      {errors.basis ? <span className="field-error" role="alert">{errors.basis}</span> : null}
      <table className="grid">
        <thead>
          <tr>
            <th>{t("inventory.quote.daypart")}</th>
            {SPOT_LENGTHS.map((s) => (
              <th key={s}>{t("inventory.rates.seconds", { n: s })}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAYPARTS.map((d) => (
            <tr key={d}>
              <th scope="row">{tKey("daypart", d)}</th>
              {SPOT_LENGTHS.map((s) => {
                const name = spotFieldName(d, s);
                return (
                  <td key={s}>
                    <input
                      name={name}
                      defaultValue={defaults[name] ?? ""}
                      inputMode="decimal"
                      size={9}
                      placeholder="—"
                      aria-label={`${tKey("daypart", d)} ${t("inventory.rates.seconds", { n: s })}`}
                      aria-invalid={errors[name] ? true : undefined}
                    />
                    {errors[name] ? <div className="field-error">{errors[name]}</div> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <span className="muted small">{t("inventory.rates.spotGridHint")}</span>
    </fieldset>
  );
}

/** What the user typed, to put back into the form after a refused submit. */
export function rateCardFormDefaults(form: FormData): RateCardDefaults {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const out = Object.fromEntries(FIELDS.map((f) => [f, text(f)])) as Omit<RateCardDefaults, "spots">;
  const spots: Record<string, string> = {};
  for (const d of DAYPARTS) for (const s of SPOT_LENGTHS) spots[spotFieldName(d, s)] = text(spotFieldName(d, s));
  return { ...out, spots };
}
