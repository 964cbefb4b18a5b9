import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { ClientForm, EMPTY_CLIENT, formDefaults } from "~/components/ClientForm";
import { requirePermission } from "~/modules/auth/guard.server";
import { parseClientForm } from "~/modules/clients/client-form";
import { createClient } from "~/modules/clients/clients.server";
import { listActiveUsers } from "~/modules/users/users.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "client", "create");
  const owners = await listActiveUsers(context.db, caller.scope);
  const ownerLocked = caller.user.role === "sales";
  return { owners, ownerLocked, defaults: { ...EMPTY_CLIENT, owner_id: ownerLocked ? caller.user.id : "" } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "client", "create");
  const form = await request.formData();
  const parsed = parseClientForm(form);
  const result = parsed.ok ? await createClient(context.db, caller.scope, parsed.value) : { ok: false as const, status: 400 as const, errors: parsed.errors };
  if (!result.ok) return data({ errors: result.errors, defaults: formDefaults(form) }, { status: result.status });
  return redirect(`/clients/${result.id}`);
}

export default function NewClient() {
  const { owners, ownerLocked, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("clients.new")}</h1>
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
