import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { t } from "~/i18n";
import { Field, FormError } from "~/components/Field";
import { PhotoGrid } from "~/components/sites/SiteSections";
import { requirePermission } from "~/modules/auth/guard.server";
import { checkFile, chosenFile, readUploadForm, storeSiteFile, UPLOAD_RULES } from "~/modules/inventory/files.server";
import { sitePhotos } from "~/modules/inventory/site-views.server";
import { getSite } from "~/modules/inventory/sites.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const site = await getSite(context.db, caller.scope, params.id ?? "");
  if (!site) notFound();
  const photos = await sitePhotos(context.db, caller.scope, site.id);
  return { site: { id: site.id, code: site.code, name: site.name }, photos, accept: UPLOAD_RULES.photo.accept };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const site = await getSite(context.db, caller.scope, params.id ?? "");
  if (!site) notFound();
  const upload = await readUploadForm(request, "photo");
  if (!upload.ok) return data({ message: upload.message }, { status: upload.status });
  const file = chosenFile(upload.form, "photo");
  if (!file) return data({ message: t("files.choose") }, { status: 400 });
  const checked = await checkFile(file, "photo");
  if (!checked.ok) return data({ message: checked.message }, { status: checked.status });
  const stored = await storeSiteFile(context.db, caller.scope, { siteId: site.id, purpose: "photo", ownerId: site.id }, checked.file);
  if (!stored.ok) notFound();
  return redirect(`/inventory/sites/${site.id}/photos`);
}

export default function SitePhotos() {
  const { site, photos, accept } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section>
      <div className="page-head">
        <h1>
          {t("photos.title")}：{site.name} <span className="mono muted">{site.code}</span>
        </h1>
        <Link to={`/inventory/sites/${site.id}`}>{t("sites.backToSite")}</Link>
      </div>
      <Form method="post" encType="multipart/form-data" className="panel stack narrow">
        <FormError message={result?.message} />
        <Field label={t("photos.file")} required>
          <input type="file" name="photo" accept={accept} required />
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{t("photos.add")}</button>
        </div>
      </Form>
      <div className="panel">
        <h2>{t("photos.title")}（{photos.length}）</h2>
        <PhotoGrid photos={photos} />
      </div>
    </section>
  );
}
