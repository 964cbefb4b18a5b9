import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { SiteForm, siteFormDefaults } from "~/components/sites/SiteForm";
import { requirePermission } from "~/modules/auth/guard.server";
import { formatCm, formatE6, parseSiteForm } from "~/modules/inventory/site-form";
import { getSite, updateSite } from "~/modules/inventory/sites.server";
import { field, notFound } from "~/utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "update");
  const site = await getSite(context.db, caller.scope, params.id ?? "");
  if (!site) notFound();
  return {
    id: site.id,
    defaults: {
      code: site.code,
      name: site.name,
      facility_type: site.facility_type,
      address: site.address,
      district: site.district,
      latitude: formatE6(site.latitude_e6),
      longitude: formatE6(site.longitude_e6),
      width_m: formatCm(site.width_cm),
      height_m: formatCm(site.height_cm),
      illuminated: site.illuminated ? "1" : "",
      traffic_notes: site.traffic_notes,
      updated_at: site.updated_at,
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "update");
  const form = await request.formData();
  const parsed = parseSiteForm(form);
  if (!parsed.ok) return data({ errors: parsed.errors, defaults: siteFormDefaults(form) }, { status: 400 });
  const result = await updateSite(context.db, caller.scope, params.id ?? "", parsed.value, field(form, "updated_at"));
  if (!result.ok) {
    if (result.status === 404) notFound();
    return data({ errors: result.errors, defaults: siteFormDefaults(form) }, { status: result.status });
  }
  return redirect(`/inventory/sites/${result.id}`);
}

export default function EditSite() {
  const { id, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <div className="page-head" style={{ maxWidth: 960 }}>
        <h1>{t("sites.edit")}：{defaults.name}</h1>
        <Link to={`/inventory/sites/${id}`}>{t("sites.backToSite")}</Link>
      </div>
      <SiteForm key={actionData ? "retry" : "fresh"} defaults={actionData?.defaults ?? defaults} errors={actionData?.errors} submitLabel={t("common.save")} />
    </section>
  );
}
