import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { ContractForm } from "~/components/contracts/ContractForm";
import contractStyles from "~/components/contracts/contracts.css";
import { requirePermission } from "~/modules/auth/guard.server";
import { clientNameSuggestions } from "~/modules/clients/clients.server";
import { type ContractFormEcho, echoContractForm, parseContractForm } from "~/modules/contracts/contract-form";
import { contractCategories, updateContract } from "~/modules/contracts/contracts.server";
import { getContractDetail } from "~/modules/contracts/views.server";
import { forbidden, notFound } from "~/utils/http.server";
import { fenToYuanString, formatBasisPoints } from "~/utils/money";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "contract", "update");
  const detail = await getContractDetail(context.db, caller.scope, params.id ?? "", todayInShanghai());
  if (!detail) notFound();
  if (!detail.mayEdit) forbidden();
  const c = detail.contract;
  const [categories, clientNames] = await Promise.all([contractCategories(context.db, caller.scope), clientNameSuggestions(context.db, caller.scope)]);
  const defaults: ContractFormEcho = {
    fields: {
      number: c.number, title: c.title, client: c.client_name, category_id: c.category_id, pricing: c.pricing, signed_on: c.signed_on ?? "",
      start_date: c.start_date, end_date: c.end_date, amount: c.pricing === "monthly" ? "" : fenToYuanString(c.amount_fen),
      monthly_fee: c.pricing === "monthly" ? fenToYuanString(c.monthly_fee_fen) : "", tax_included: String(c.tax_included), notes: c.notes, updated_at: c.updated_at,
    },
    milestones: detail.milestones.map((m) => ({ name: m.name, percent: formatBasisPoints(m.percent_bp).replace("%", ""), date: m.planned_date })),
    rates: detail.rates.map((r) => ({ name: r.name, unit: r.unit, price: fenToYuanString(r.price_fen) })),
  };
  return { id: c.id, number: c.number, status: c.status, categories, clientNames, defaults };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "contract", "update");
  const form = await request.formData();
  const parsed = parseContractForm(form);
  const id = params.id ?? "";
  const result = parsed.ok ? await updateContract(context.db, caller.scope, id, parsed.value, String(form.get("updated_at") ?? "")) : { ok: false as const, status: 400 as const, errors: parsed.errors };
  if (!result.ok) {
    if (result.status === 404) notFound();
    if (result.status === 403) forbidden();
    return data({ errors: result.errors, defaults: echoContractForm(form) }, { status: result.status });
  }
  return redirect(`/contracts/${id}?done=saved`);
}

export default function EditContract() {
  const { id, number, status, categories, clientNames, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("contracts.edit")} <span className="muted mono">{number}</span></h1>
      {status !== "draft" ? (
        <div className="banner banner-error">
          {t("contracts.draftOnly")} <Link to={`/contracts/${id}`}>{t("common.back")}</Link>
        </div>
      ) : (
        <ContractForm
          key={actionData ? JSON.stringify(actionData.errors) : "fresh"}
          defaults={actionData?.defaults ?? defaults}
          errors={actionData?.errors}
          categories={categories}
          clientNames={clientNames}
          submitLabel={t("common.save")}
          cancelHref={`/contracts/${id}`}
        />
      )}
    </section>
  );
}
