import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { Field, FormError } from "~/components/Field";
import { requirePermission } from "~/modules/auth/guard.server";
import { parseInvoiceKind } from "~/modules/billing/bill-form";
import { createDraftBill } from "~/modules/billing/bills.server";
import { clientByName, clientNameSuggestions } from "~/modules/clients/clients.server";
import { field, forbidden } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "billing", "update");
  const client = new URL(request.url).searchParams.get("client") ?? "";
  return { clientNames: await clientNameSuggestions(context.db, caller.scope), client };
}

type Values = { client: string; invoice_kind: string; notes: string };
type Refused = { errors: Record<string, string | undefined>; values: Values };

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "billing", "update");
  const form = await request.formData();
  const values: Values = { client: field(form, "client"), invoice_kind: field(form, "invoice_kind"), notes: field(form, "notes") };
  const errors: Record<string, string> = {};
  const client = values.client ? await clientByName(context.db, caller.scope, values.client) : undefined;
  if (!client) errors.client = values.client ? t("bills.filter.unknownClient", { name: values.client }) : t("bills.newPage.clientUnknown");
  const invoiceKind = parseInvoiceKind(form);
  if (!invoiceKind) errors.invoice_kind = "请选择专票或普票";
  if (values.notes.length > 200) errors.notes = "备注不能超过 200 字";
  if (!client || !invoiceKind || Object.keys(errors).length) return data<Refused>({ errors, values }, { status: 400 });
  const result = await createDraftBill(context.db, caller.scope, { clientId: client.id, invoiceKind, notes: values.notes });
  if (!result.ok) {
    if (result.status === 403) forbidden();
    const { client_id, ...rest } = result.errors;
    return data<Refused>({ errors: { ...rest, client: client_id }, values }, { status: result.status });
  }
  return redirect(`/finance/bills/${result.id}?done=created`);
}

export default function NewBillPage() {
  const { clientNames, client } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const values = result?.values ?? { client, invoice_kind: "ordinary", notes: "" };
  return (
    <section>
      <div className="page-head">
        <h2>{t("bills.newPage.title")}</h2>
        <div className="actions">
          <Link to="/finance/bills">{t("bills.backToList")}</Link>
        </div>
      </div>
      <FormError message={errors.form ?? (result ? t("common.formHasErrors") : undefined)} />
      <Form method="post" className="stack narrow">
        <Field label={t("bills.newPage.client")} error={errors.client} required>
          <input name="client" list="new-bill-clients" defaultValue={values.client} required maxLength={100} placeholder={t("bills.newPage.clientHint")} />
        </Field>
        <datalist id="new-bill-clients">
          {clientNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <Field label={t("bills.newPage.invoiceKind")} error={errors.invoice_kind} required>
          <select name="invoice_kind" defaultValue={values.invoice_kind}>
            {(["ordinary", "special"] as const).map((k) => (
              <option key={k} value={k}>{tKey("finance.invoiceKind", k)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("bills.newPage.notes")} error={errors.notes}>
          <textarea name="notes" rows={2} maxLength={200} defaultValue={values.notes} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{t("bills.newPage.submit")}</button>
          <Link to="/finance/bills">{t("common.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
