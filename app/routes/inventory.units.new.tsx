import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { EMPTY_UNIT, UnitForm, unitFormDefaults } from "~/components/inventory/UnitForm";
import { requirePermission } from "~/modules/auth/guard.server";
import { MEDIA, MEDIUM_CODES } from "~/modules/inventory/model";
import { unitFormOptions } from "~/modules/inventory/site-options.server";
import { parseUnitForm } from "~/modules/inventory/unit-form";
import { createUnit } from "~/modules/inventory/units.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const options = await unitFormOptions(context.db, caller.scope);
  // ?site= comes from a site's page ("add a face here"); ?medium= preselects the medium.
  const url = new URL(request.url);
  const site = options.sites.find((s) => s.id === url.searchParams.get("site"));
  const mediumParam = url.searchParams.get("medium") ?? "";
  const medium = MEDIUM_CODES.find((m) => m === mediumParam) ?? (site?.facility_type === "led_screen" ? "led" : "outdoor_static");
  return {
    options,
    defaults: {
      ...EMPTY_UNIT,
      medium,
      site_id: site?.id ?? "",
      category_id: options.categoryByMedium[medium] ?? "",
      capacity: String(MEDIA[medium].defaultCapacity),
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const form = await request.formData();
  const parsed = parseUnitForm(form);
  const result = parsed.ok ? await createUnit(context.db, caller.scope, parsed.value) : { ok: false as const, status: 400 as const, errors: parsed.errors };
  if (!result.ok) return data({ errors: result.errors, defaults: unitFormDefaults(form) }, { status: result.status });
  return redirect(`/inventory/units/${result.id}`);
}

export default function NewUnit() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <div className="page-head">
        <h1>{t("inventory.newUnit")}</h1>
        <Link to="/inventory">{t("inventory.backToList")}</Link>
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
