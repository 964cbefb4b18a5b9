import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { ClientForm, formDefaults } from "~/components/ClientForm";
import { requirePermission } from "~/modules/auth/guard.server";
import { parseClientForm } from "~/modules/clients/client-form";
import { canEditClient, getClient, updateClient } from "~/modules/clients/clients.server";
import { listActiveUsers } from "~/modules/users/users.server";
import { field, forbidden, notFound } from "~/utils/http.server";
import { fenToYuanString } from "~/utils/money";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "client", "update");
  const client = await getClient(context.db, caller.scope, params.id ?? "");
  if (!client) notFound();
  if (!canEditClient(caller.scope, client)) forbidden();
  const owners = await listActiveUsers(context.db, caller.scope);
  return {
    owners,
    ownerLocked: caller.user.role === "sales",
    defaults: {
      ...client,
      owner_id: client.owner_id ?? "",
      // Basis points shown as a percentage: 1550 → "15.50" → the parser takes it back exactly.
      commission: client.commission_bp ? fenToYuanString(client.commission_bp) : "",
      payment_days: String(client.payment_days),
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "client", "update");
  const form = await request.formData();
  const parsed = parseClientForm(form);
  if (!parsed.ok) return data({ errors: parsed.errors, defaults: { ...formDefaults(form), updated_at: field(form, "updated_at") } }, { status: 400 });
  const result = await updateClient(context.db, caller.scope, params.id ?? "", parsed.value, field(form, "updated_at"));
  if (!result.ok) {
    if (result.status === 404) notFound();
    if (result.status === 403) forbidden();
    return data({ errors: result.errors, defaults: { ...formDefaults(form), updated_at: field(form, "updated_at") } }, { status: result.status });
  }
  return redirect(`/clients/${result.id}`);
}

export default function EditClient() {
  const { owners, ownerLocked, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("clients.edit")}：{defaults.name}</h1>
      <ClientForm
        key={actionData ? "retry" : "fresh"}
        defaults={actionData?.defaults ?? defaults}
        errors={actionData?.errors}
        owners={owners}
        ownerLocked={ownerLocked}
        submitLabel={t("common.save")}
      />
    </section>
  );
}
