import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { LeasesTable } from "~/components/sites/SiteSections";
import { LeaseForm, leaseDefaults } from "~/components/sites/TermForms";
import { requirePermission } from "~/modules/auth/guard.server";
import { parseLeaseForm } from "~/modules/inventory/permit-lease-form";
import { addLease, getSite, siteLeases } from "~/modules/inventory/sites.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const site = await getSite(context.db, caller.scope, params.id ?? "");
  if (!site) notFound();
  return { site: { id: site.id, code: site.code, name: site.name }, leases: await siteLeases(context.db, caller.scope, site.id) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const form = await request.formData();
  const values = leaseDefaults(form);
  const parsed = parseLeaseForm(form);
  if (!parsed.ok) {
    if (!(await getSite(context.db, caller.scope, params.id ?? ""))) notFound();
    return data({ errors: parsed.errors, values }, { status: 400 });
  }
  const result = await addLease(context.db, caller.scope, params.id ?? "", parsed.value);
  if (!result.ok) {
    if (result.status === 404) notFound();
    return data({ errors: result.errors, values }, { status: result.status });
  }
  return redirect(`/inventory/sites/${params.id}`);
}

export default function AddLease() {
  const { site, leases } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <div className="page-head" style={{ maxWidth: 960 }}>
        <h1>
          {t("leases.add")}：{site.name} <span className="mono muted">{site.code}</span>
        </h1>
        <Link to={`/inventory/sites/${site.id}`}>{t("sites.backToSite")}</Link>
      </div>
      <LeaseForm key={result ? "retry" : "fresh"} values={result?.values} errors={result?.errors} />
      {leases.length ? (
        <div className="panel" style={{ marginTop: 16 }}>
          <h2>{t("leases.title")}</h2>
          <LeasesTable leases={leases} />
        </div>
      ) : null}
    </section>
  );
}
