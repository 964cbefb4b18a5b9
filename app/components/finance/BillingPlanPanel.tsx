import { Form, useSearchParams } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { Field, Notice } from "~/components/Field";
import { SCHEDULES } from "~/modules/billing/schedule";

export interface BillingPlanView {
  source: { kind: string; id: string };
  schedule: string;
  paymentDays: number | null;
  stored: boolean;
  mayChange: boolean;
}

/**
 * How an order or contract is billed (its schedule) and its own payment terms, on the source's
 * page. Finance changes it here; the form posts to the page with ?intent=billing-plan.
 */
export function BillingPlanPanel({ plan, errors, busy }: { plan: BillingPlanView; errors?: Record<string, string | undefined>; busy: boolean }) {
  const [search] = useSearchParams();
  const saved = search.get("plan") === "saved" && !errors;
  const days = plan.paymentDays === null ? t("bills.plan.paymentDaysClient") : t("bills.plan.daysUnit", { n: plan.paymentDays });
  const schedules = SCHEDULES.filter((s) => s !== "milestone" || plan.source.kind === "contract");
  return (
    <div className="panel" id="billing-plan">
      <h2>{t("bills.plan.title")}</h2>
      <Notice message={saved ? t("bills.plan.saved") : null} />
      {plan.mayChange ? (
        <Form method="post" action="?intent=billing-plan" className="inline-form" style={{ flexWrap: "wrap", alignItems: "flex-end" }} key={`${plan.schedule}-${plan.paymentDays}`}>
          <input type="hidden" name="intent" value="billing-plan" />
          <Field label={t("bills.plan.schedule")} error={errors?.schedule}>
            <select name="schedule" defaultValue={plan.schedule}>
              {schedules.map((s) => (
                <option key={s} value={s}>{tKey("finance.schedule", s)}{!plan.stored && s === plan.schedule ? t("bills.plan.default") : ""}</option>
              ))}
            </select>
          </Field>
          <Field label={t("bills.plan.paymentDays")} error={errors?.payment_days}>
            <input name="payment_days" type="number" min={0} max={365} step={1} defaultValue={plan.paymentDays ?? ""} placeholder={t("bills.plan.paymentDaysPlaceholder")} title={t("bills.plan.paymentDaysClient")} style={{ width: "9em" }} />
          </Field>
          <button type="submit" disabled={busy}>{t("bills.plan.save")}</button>
        </Form>
      ) : (
        <dl className="deflist">
          <div>
            <dt>{t("bills.plan.schedule")}</dt>
            <dd>{tKey("finance.schedule", plan.schedule)}{plan.stored ? "" : t("bills.plan.default")}</dd>
          </div>
          <div>
            <dt>{t("bills.plan.paymentDays")}</dt>
            <dd>{days}</dd>
          </div>
        </dl>
      )}
    </div>
  );
}
