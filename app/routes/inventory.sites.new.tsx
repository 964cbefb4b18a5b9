import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { t } from "~/i18n";
import { EMPTY_SITE, SiteForm, siteFormDefaults } from "~/components/sites/SiteForm";
import { requirePermission } from "~/modules/auth/guard.server";
import { parseSiteForm } from "~/modules/inventory/site-form";
import { createSite } from "~/modules/inventory/sites.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "inventory", "create");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const form = await request.formData();
  const parsed = parseSiteForm(form);
  if (!parsed.ok) return data({ errors: parsed.errors, defaults: siteFormDefaults(form) }, { status: 400 });
  const result = await createSite(context.db, caller.scope, parsed.value);
  if (!result.ok) return data({ errors: result.errors, defaults: siteFormDefaults(form) }, { status: result.status });
  return redirect(`/inventory/sites/${result.id}`);
}

export default function NewSite() {
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <div className="page-head" style={{ maxWidth: 960 }}>
        <h1>{t("sites.new")}</h1>
        <Link to="/inventory/sites">{t("sites.backToList")}</Link>
      </div>
      <SiteForm key={actionData ? "retry" : "fresh"} defaults={actionData?.defaults ?? EMPTY_SITE} errors={actionData?.errors} submitLabel={t("common.save")} />
    </section>
  );
}
