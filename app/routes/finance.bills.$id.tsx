import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { t } from "~/i18n";
import { AuditTable } from "~/components/AuditTable";
import { FormError, Notice } from "~/components/Field";
import { BillHeader } from "~/components/finance/bills/BillHeader";
import { BillLinesTable } from "~/components/finance/bills/BillLinesTable";
import { AllocationsPanel, CreditsPanel } from "~/components/finance/bills/BillRelated";
import { BillStatusTag } from "~/components/finance/bills/BillStatusTag";
import { DraftForms, ProblemList } from "~/components/finance/bills/DraftPanels";
import { CreditForm, ProviderForm, TaxInvoiceForm } from "~/components/finance/bills/IssuedForms";
import billStyles from "~/components/finance/bills.css";
import { requirePermission } from "~/modules/auth/guard.server";
import { isBillIntent, runBillIntent } from "~/modules/billing/bill-intents.server";
import { billPage } from "~/modules/billing/bill-page.server";
import { field, forbidden, notFound } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: billStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "billing", "read");
  return billPage(context.db, caller, params.id ?? "", todayInShanghai());
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "billing", "update");
  const form = await request.formData();
  const intent = field(form, "intent");
  if (!isBillIntent(intent)) throw data({ message: "未知的操作" }, { status: 400 });
  const id = params.id ?? "";
  const result = await runBillIntent(context.db, caller.scope, id, intent, form, todayInShanghai());
  if (!result.ok) {
    if (result.status === 404 && (result.errors.form === "账单不存在" || result.errors.form === "账单不存在或不属于本单位")) notFound();
    if (result.status === 403) forbidden();
    return data({ intent, errors: result.errors }, { status: result.status });
  }
  return redirect(`/finance/bills/${id}?${result.done}`);
}

const DONE_KEYS = {
  created: "bills.done.created",
  updated: "bills.done.updated",
  lineAdded: "bills.done.lineAdded",
  lineRemoved: "bills.done.lineRemoved",
  issued: "bills.done.issued",
  taxInvoice: "bills.done.taxInvoice",
  taxInvoiceSame: "bills.done.taxInvoiceSame",
  credited: "bills.done.credited",
} as const;

function doneMessage(search: URLSearchParams): string | null {
  const done = search.get("done") as keyof typeof DONE_KEYS | null;
  return done && done in DONE_KEYS ? t(DONE_KEYS[done], { n: search.get("n") ?? "" }) : null;
}

export default function BillPage() {
  const d = useLoaderData<typeof loader>();
  const { bill } = d;
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const draft = bill.status === "draft";
  const receivable = bill.status === "issued" && bill.kind === "invoice";
  const title = draft ? t("bills.draftTitle") : t(bill.kind === "credit" ? "bills.creditTitle" : "bills.billTitle", { number: bill.number ?? "" });
  const own = (intent: string) => (result?.intent === intent ? errors : {});
  return (
    <section className="bill-page">
      <div className="page-head">
        <h2>
          {title} {draft ? null : <BillStatusTag word={bill.status_word} />}
        </h2>
        <div className="actions">
          <Link to="/finance/bills">{t("bills.backToList")}</Link>
          <Link className="button" to={`/finance/bills/${bill.id}/print`}>{t("bills.print")}</Link>
        </div>
      </div>
      <Notice message={result ? null : doneMessage(search)} />
      <FormError message={errors.form} />
      {draft ? <ProblemList problems={bill.problems} clientId={d.client.id} mayEditClient={d.mayEditClient} /> : null}
      <BillHeader bill={bill} buyer={d.buyer} clientId={d.client.id} mayEditClient={d.mayEditClient && draft} />
      <BillLinesTable bill={bill} removable={d.mayWrite && draft} busy={busy} />
      {d.mayWrite && draft ? (
        <DraftForms bill={bill} problems={bill.problems.length} categories={d.categories} taxCodes={d.taxCodes} today={d.today} intent={result?.intent} errors={errors} busy={busy} />
      ) : null}
      {d.mayWrite && bill.status === "issued" ? (
        <div className="bill-forms issued">
          {d.providerReady ? <ProviderForm busy={busy} /> : null}
          <TaxInvoiceForm key={bill.tax_invoice_number} bill={bill} today={d.today} errors={own("tax-invoice")} busy={busy} />
          {receivable ? <CreditForm key={bill.credits.length} bill={bill} reasons={d.creditReasons} today={d.today} errors={own("credit")} busy={busy} /> : null}
        </div>
      ) : null}
      {!d.mayWrite ? <p className="muted small">{t("bills.readOnly")}</p> : null}
      {bill.kind === "invoice" ? <CreditsPanel credits={bill.credits} /> : null}
      {receivable ? <AllocationsPanel allocations={bill.allocations} /> : null}
      {d.history ? (
        <div className="panel">
          <h2>{t("bills.section.history")}</h2>
          <AuditTable rows={d.history} />
        </div>
      ) : null}
    </section>
  );
}
