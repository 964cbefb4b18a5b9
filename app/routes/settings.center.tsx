import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { Field, FormError, Notice } from "~/components/Field";
import { requirePermission } from "~/modules/auth/guard.server";
import { getCenter, updateCenterProfile } from "~/modules/centers/centers.server";
import { parseCenterForm } from "~/modules/centers/center-form";
import { fenToYuanString } from "~/utils/money";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "center", "update");
  return { center: await getCenter(context.db, caller.scope) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "center", "update");
  const form = await request.formData();
  const parsed = parseCenterForm(form);
  if (!parsed.ok) return data({ errors: parsed.errors, saved: false }, { status: 400 });
  const result = await updateCenterProfile(context.db, caller.scope, parsed.value, String(form.get("updated_at") ?? ""));
  if (!result.ok) return data({ errors: { form: t("common.staleForm") } as Record<string, string>, saved: false }, { status: 409 });
  return { errors: {} as Record<string, string>, saved: true };
}

export default function CenterProfile() {
  const { center } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const input = (name: "tax_id" | "address" | "phone" | "bank_name" | "bank_account", label: string, max: number) => (
    <Field label={label} error={errors[name]}>
      <input name={name} defaultValue={String(center[name])} maxLength={max} />
    </Field>
  );
  return (
    <Form method="post" className="stack narrow" key={center.updated_at}>
      <p className="muted">{t("center.hint")}</p>
      <Notice message={result?.saved ? t("common.saved") : null} />
      <FormError message={errors.form} />
      <input type="hidden" name="updated_at" value={center.updated_at} />
      <Field label={t("center.code")}>
        <input value={center.code} readOnly disabled className="mono" />
      </Field>
      <Field label={t("center.name")} error={errors.name} required>
        <input name="name" defaultValue={center.name} required maxLength={100} />
      </Field>
      <Field label={t("center.taxpayerStatus")} error={errors.taxpayer_status}>
        <select name="taxpayer_status" defaultValue={center.taxpayer_status}>
          <option value="general">{t("center.taxpayer.general")}</option>
          <option value="small">{t("center.taxpayer.small")}</option>
        </select>
      </Field>
      {input("tax_id", t("center.taxId"), 32)}
      {input("address", t("center.address"), 200)}
      {input("phone", t("center.phone"), 50)}
      {input("bank_name", t("center.bankName"), 100)}
      {input("bank_account", t("center.bankAccount"), 50)}
      <h2>{t("center.holds")}</h2>
      <Field label={t("center.holdDays")} error={errors.hold_days} hint={t("center.holdDaysHint")}>
        <input name="hold_days" type="number" min={1} max={60} defaultValue={center.hold_days} required />
      </Field>
      <Field label={t("center.holdMaxRenewals")} error={errors.hold_max_renewals} hint={t("center.holdRenewalsHint")}>
        <input name="hold_max_renewals" type="number" min={0} max={10} defaultValue={center.hold_max_renewals} required />
      </Field>
      <h2>{t("center.contracts")}</h2>
      <Field label={t("center.contractApproval")} error={errors.contract_approval} hint={t("center.contractApprovalHint")}>
        <input name="contract_approval" inputMode="decimal" defaultValue={fenToYuanString(Number(center.contract_approval_fen))} required />
      </Field>
      <Field label={t("center.contractNumberPattern")} error={errors.contract_number_pattern} hint={t("center.contractNumberPatternHint")}>
        <input name="contract_number_pattern" defaultValue={center.contract_number_pattern} maxLength={40} required className="mono" />
      </Field>
      <div className="actions">
        <button type="submit" className="primary">{t("common.save")}</button>
      </div>
    </Form>
  );
}
