import { Form } from "@remix-run/react";
import { t } from "~/i18n";
import { Field } from "~/components/Field";

/** Finance's "生成账单": drafts for what falls due up to a day (optionally from a day). */
export function GeneratePanel({ periodTo, errors, busy }: { periodTo: string; errors: Record<string, string | undefined>; busy: boolean }) {
  return (
    <details className="panel" open={Boolean(errors.period_to || errors.period_from)}>
      <summary>{t("bills.generate.title")}</summary>
      <p className="muted small">{t("bills.generate.hint")}</p>
      <Form method="post" className="generate-form">
        <input type="hidden" name="intent" value="generate" />
        <Field label={t("bills.generate.periodTo")} error={errors.period_to} required>
          <input type="date" name="period_to" defaultValue={periodTo} required />
        </Field>
        <Field label={t("bills.generate.periodFrom")} error={errors.period_from}>
          <input type="date" name="period_from" title={t("bills.generate.periodFromHint")} />
        </Field>
        <button type="submit" className="primary" disabled={busy}>{t("bills.generate.submit")}</button>
      </Form>
    </details>
  );
}
