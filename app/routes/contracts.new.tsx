import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { ContractForm } from "~/components/contracts/ContractForm";
import contractStyles from "~/components/contracts/contracts.css";
import { requirePermission } from "~/modules/auth/guard.server";
import { clientNameSuggestions } from "~/modules/clients/clients.server";
import { type ContractFormEcho, echoContractForm, parseContractForm } from "~/modules/contracts/contract-form";
import { contractCategories, createContract } from "~/modules/contracts/contracts.server";
import { isPricing } from "~/modules/contracts/model";
import { newId } from "~db/ids";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "contract", "create");
  const url = new URL(request.url);
  const pricing = url.searchParams.get("pricing") ?? "";
  const [categories, clientNames] = await Promise.all([contractCategories(context.db, caller.scope), clientNameSuggestions(context.db, caller.scope)]);
  const defaults: ContractFormEcho = {
    fields: {
      number: "", title: "", client: url.searchParams.get("client") ?? "", category_id: "", pricing: isPricing(pricing) ? pricing : "milestone",
      signed_on: "", start_date: "", end_date: "", amount: "", monthly_fee: "", tax_included: "1", notes: "", idempotency_key: newId(),
    },
    milestones: [],
    rates: [],
  };
  return { categories, clientNames, defaults };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "contract", "create");
  const form = await request.formData();
  const parsed = parseContractForm(form);
  const result = parsed.ok ? await createContract(context.db, caller.scope, parsed.value) : { ok: false as const, status: 400 as const, errors: parsed.errors };
  if (!result.ok) return data({ errors: result.errors, defaults: echoContractForm(form) }, { status: result.status });
  return redirect(`/contracts/${result.id}?done=${"existing" in result && result.existing ? "existing" : "created"}`);
}

export default function NewContract() {
  const { categories, clientNames, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("contracts.new")}</h1>
      <ContractForm
        key={actionData ? JSON.stringify(actionData.errors) : "fresh"}
        defaults={actionData?.defaults ?? defaults}
        errors={actionData?.errors}
        categories={categories}
        clientNames={clientNames}
        submitLabel={t("common.save")}
        cancelHref="/contracts"
      />
    </section>
  );
}
