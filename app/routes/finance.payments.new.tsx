// GET/POST /finance/payments/new: record a payment. First the client is chosen (?client=), then
// the form shows that client's open invoices and allocates automatically (oldest due first), by
// hand, or not at all; whatever is not allocated becomes the client's credit (预收款).
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { newId } from "~db/ids";
import { t } from "~/i18n";
import { ClientSelect } from "~/components/finance/receivables/ClientSelect";
import { PaymentForm } from "~/components/finance/payments/PaymentForm";
import styles from "~/components/finance/receivables.css";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { allocationErrors, echoPaymentForm, parsePaymentForm } from "~/modules/billing/payment-form";
import { clientChoices, clientCredit, clientOpenBills, findClient } from "~/modules/billing/payment-views.server";
import { PAYMENT_METHODS, recordPayment } from "~/modules/billing/payments.server";
import { forbidden, notFound } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "update");
  const today = todayInShanghai();
  const clientId = new URL(request.url).searchParams.get("client") ?? "";
  const methods = Object.keys(PAYMENT_METHODS);
  if (!clientId) return { client: null, choices: await clientChoices(context.db, caller.scope), bills: [], creditFen: 0, methods, today, defaults: null };
  const client = await findClient(context.db, caller.scope, clientId);
  if (!client) notFound();
  const [bills, creditFen] = await Promise.all([clientOpenBills(context.db, caller.scope, client.id, today), clientCredit(context.db, caller.scope, client.id, today)]);
  const defaults = { received_on: today, amount: "", method: "transfer", payer: "", reference: "", notes: "", mode: "auto", idempotency_key: newId(), alloc: {} };
  return { client, choices: null, bills, creditFen, methods, today, defaults };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "update");
  const form = await request.formData();
  const today = todayInShanghai();
  const values = echoPaymentForm(form);
  // SECURITY: another center's client is not found, whatever else the form says.
  const client = await findClient(context.db, caller.scope, values.client_id);
  if (values.client_id && !client) notFound();
  const { input, errors } = parsePaymentForm(form, today);
  const open = client ? await clientOpenBills(context.db, caller.scope, client.id, today) : [];
  for (const [key, message] of Object.entries(allocationErrors(input, open))) errors[key] ??= message;
  if (Object.keys(errors).length) return data({ errors, values }, { status: 400 });
  const result = await recordPayment(context.db, caller.scope, input, today);
  if (!result.ok) {
    if (result.status === 403) forbidden();
    if (result.status === 404) notFound();
    return data({ errors: result.errors, values }, { status: result.status });
  }
  return redirect(`/finance/payments/${result.id}?done=${result.duplicate ? "duplicate" : "recorded"}`);
}

export default function NewPayment() {
  const { client, choices, bills, creditFen, methods, today, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section>
      <div className="page-head">
        <h2>{t("pay.new.title")}</h2>
        <div className="actions">
          <Link to="/finance/payments">{t("pay.backToList")}</Link>
        </div>
      </div>
      {client && defaults ? (
        <PaymentForm
          key={result ? JSON.stringify(result.errors) : client.id}
          client={client}
          bills={bills}
          creditFen={creditFen}
          methods={methods}
          today={today}
          defaults={result?.values ?? defaults}
          errors={result?.errors}
          busy={busy}
        />
      ) : choices ? (
        <Form method="get" className="panel stack narrow">
          <p className="muted">{t("pay.new.chooseClientHint")}</p>
          <ClientSelect name="client" choices={choices} value="" autoSubmit />
          <div className="actions">
            <button type="submit" className="primary">{t("pay.new.next")}</button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
