import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { UnitForm, unitFormDefaults } from "~/components/inventory/UnitForm";
import { requirePermission } from "~/modules/auth/guard.server";
import { unitFormOptions } from "~/modules/inventory/site-options.server";
import { parseUnitForm } from "~/modules/inventory/unit-form";
import { getUnit, updateUnit } from "~/modules/inventory/units.server";
import { field, notFound } from "~/utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "update");
  const unit = await getUnit(context.db, caller.scope, params.id ?? "");
  if (!unit) notFound();
  const options = await unitFormOptions(context.db, caller.scope, { id: unit.category_id, label: t("inventory.form.retiredCategory", { name: unit.category_name }) });
  const blankZero = (n: number) => (n ? String(n) : "");
  return {
    options,
    unit: { id: unit.id, code: unit.code, name: unit.name },
    defaults: {
      code: unit.code,
      name: unit.name,
      medium: unit.medium,
      site_id: unit.site_id ?? "",
      face: unit.face,
      category_id: unit.category_id,
      capacity: String(unit.capacity),
      loop_seconds: blankZero(unit.loop_seconds),
      spot_seconds: blankZero(unit.spot_seconds),
      status: unit.status,
      maintenance_from: unit.maintenance_from ?? "",
      maintenance_to: unit.maintenance_to ?? "",
      notes: unit.notes,
      updated_at: unit.updated_at,
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "update");
  const form = await request.formData();
  const parsed = parseUnitForm(form);
  if (!parsed.ok) return data({ errors: parsed.errors, defaults: unitFormDefaults(form) }, { status: 400 });
  // CONCURRENCY: the updated_at the form was loaded with; a newer save in between answers 409.
  const result = await updateUnit(context.db, caller.scope, params.id ?? "", parsed.value, field(form, "updated_at"));
  if (!result.ok) {
    if (result.status === 404) notFound();
    return data({ errors: result.errors, defaults: unitFormDefaults(form) }, { status: result.status });
  }
  return redirect(`/inventory/units/${result.id}`);
}

export default function EditUnit() {
  const { options, unit, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <div className="page-head">
        <h1>
          {t("inventory.editUnit")}：<span className="mono">{unit.code}</span> {unit.name}
        </h1>
        <Link to={`/inventory/units/${unit.id}`}>{t("inventory.backToUnit")}</Link>
      </div>
      <UnitForm
        key={actionData ? "retry" : "fresh"}
        defaults={actionData?.defaults ?? defaults}
        errors={actionData?.errors}
        options={options}
        submitLabel={t("common.save")}
      />
    </section>
  );
}
