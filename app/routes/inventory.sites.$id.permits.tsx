import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { FormError } from "~/components/Field";
import { PermitsTable } from "~/components/sites/SiteSections";
import { PermitForm, permitDefaults, type Values } from "~/components/sites/TermForms";
import { requirePermission } from "~/modules/auth/guard.server";
import { addDays } from "~/modules/inventory/calendar-dates";
import { checkFile, chosenFile, readUploadForm, storeSiteFile, UPLOAD_RULES } from "~/modules/inventory/files.server";
import { parsePermitForm } from "~/modules/inventory/permit-lease-form";
import { siteDetail } from "~/modules/inventory/site-views.server";
import { addPermit, getSite } from "~/modules/inventory/sites.server";
import type { FieldErrors } from "~/utils/form";
import { field, notFound } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const site = await getSite(context.db, caller.scope, params.id ?? "");
  if (!site) notFound();
  const today = todayInShanghai();
  const { permits } = await siteDetail(context.db, caller.scope, site, { today, expiringBy: addDays(today, 30) }, false);
  return { site: { id: site.id, code: site.code, name: site.name }, permits, accept: UPLOAD_RULES.permit_scan.accept };
}

/** `message` belongs to the add form, `scanMessage` to the separate scan-upload form. */
type Refusal = { errors: FieldErrors; values: Values; message: string | null; scanMessage: string | null };
const refuse = (status: number, body: Partial<Refusal>) => data({ errors: {}, values: {}, message: null, scanMessage: null, ...body } as Refusal, { status });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const site = await getSite(context.db, caller.scope, params.id ?? "");
  if (!site) notFound();
  const upload = await readUploadForm(request, "permit_scan");
  if (!upload.ok) return refuse(upload.status, { message: upload.message, errors: { scan: upload.message } });
  const form = upload.form;
  const file = chosenFile(form, "scan");

  if (field(form, "intent") === "scan") {
    // A scan for a permit saved earlier (or whose scan failed): the file is required here.
    if (!file) return refuse(400, { scanMessage: t("files.choose") });
    const checked = await checkFile(file, "permit_scan");
    if (!checked.ok) return refuse(checked.status, { scanMessage: checked.message });
    const stored = await storeSiteFile(context.db, caller.scope, { siteId: site.id, purpose: "permit_scan", ownerId: field(form, "permit_id") }, checked.file);
    if (!stored.ok) notFound();
    return redirect(`/inventory/sites/${site.id}`);
  }

  const values = permitDefaults(form);
  const parsed = parsePermitForm(form);
  // The scan is checked before anything is written, so a refused scan leaves no permit behind.
  const checked = file ? await checkFile(file, "permit_scan") : null;
  if (!parsed.ok || (checked && !checked.ok)) {
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (checked && !checked.ok) errors.scan = checked.message;
    return refuse(checked && !checked.ok && parsed.ok ? checked.status : 400, { errors, values });
  }
  const result = await addPermit(context.db, caller.scope, site.id, parsed.value);
  if (!result.ok) {
    if (result.status === 404) notFound();
    return refuse(result.status, { errors: result.errors, values });
  }
  if (checked?.ok) {
    const stored = await storeSiteFile(context.db, caller.scope, { siteId: site.id, purpose: "permit_scan", ownerId: result.id }, checked.file);
    if (!stored.ok) return refuse(409, { message: t("permits.scanFailed", { message: stored.message }) });
  }
  return redirect(`/inventory/sites/${site.id}`);
}

export default function AddPermit() {
  const { site, permits, accept } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const withoutScan = permits.filter((p) => p.scans.length === 0);
  return (
    <section>
      <div className="page-head" style={{ maxWidth: 960 }}>
        <h1>
          {t("permits.add")}：{site.name} <span className="mono muted">{site.code}</span>
        </h1>
        <Link to={`/inventory/sites/${site.id}`}>{t("sites.backToSite")}</Link>
      </div>
      <PermitForm key={result ? "retry" : "fresh"} values={result?.values} errors={result?.scanMessage ? {} : result?.errors} message={result?.message} scanAccept={accept} />
      {permits.length ? (
        <div className="panel" style={{ marginTop: 16 }}>
          <h2>{t("permits.title")}</h2>
          <PermitsTable permits={permits} />
          {withoutScan.length ? (
            <>
            <FormError message={result?.scanMessage ?? undefined} />
            <Form method="post" encType="multipart/form-data" className="inline-form" style={{ marginTop: 10, flexWrap: "wrap" }}>
              <input type="hidden" name="intent" value="scan" />
              <select name="permit_id" aria-label={t("permits.number")}>
                {withoutScan.map((p) => (
                  <option key={p.id} value={p.id}>{p.number}（{p.start_date} 至 {p.end_date}）</option>
                ))}
              </select>
              <input type="file" name="scan" accept={accept} aria-label={t("permits.scan")} />
              <button type="submit">{t("permits.uploadScan")}</button>
            </Form>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
