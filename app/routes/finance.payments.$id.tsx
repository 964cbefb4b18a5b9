// GET/POST /finance/payments/:id: one payment, the bills it paid, what is left as the client's
// credit, and its trail; finance reverses a bounced payment or applies the client's credit here.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { t, tKey } from "~/i18n";
import { AuditTable } from "~/components/AuditTable";
import { DefinitionPanel } from "~/components/DefinitionPanel";
import { FormError, Notice } from "~/components/Field";
import { AllocationsTable } from "~/components/finance/payments/AllocationsTable";
import { PaymentActions } from "~/components/finance/payments/PaymentActions";
import styles from "~/components/finance/receivables.css";
import { can } from "~/modules/auth/permissions";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { clientCredit, clientOpenBills, getPayment, paymentHistory } from "~/modules/billing/payment-views.server";
import { applyCredit, reversePayment } from "~/modules/billing/payments.server";
import { field, forbidden, notFound } from "~/utils/http.server";
import { formatFen } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";
import { formatInstant, todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const today = todayInShanghai();
  const detail = await getPayment(context.db, caller.scope, params.id ?? "");
  if (!detail) notFound();
  const canUpdate = can(caller.user.role, "billing", "update");
  const clientId = detail.payment.client_id;
  const [bills, creditFen, history] = await Promise.all([
    canUpdate ? clientOpenBills(context.db, caller.scope, clientId, today) : [],
    clientCredit(context.db, caller.scope, clientId, today),
    can(caller.user.role, "audit", "read") ? paymentHistory(context.db, caller.scope, detail.payment.id) : null,
  ]);
  return { ...detail, today, canUpdate, bills, creditFen, history };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "update");
  const today = todayInShanghai();
  const detail = await getPayment(context.db, caller.scope, params.id ?? "");
  if (!detail) notFound();
  const id = detail.payment.id;
  const form = await request.formData();
  const intent = field(form, "intent");
  let done: string;
  let result;
  if (intent === "reverse") {
    result = await reversePayment(context.db, caller.scope, id, { reversedOn: field(form, "reversed_on"), reason: field(form, "reason") }, today);
    done = "done=reversed";
  } else if (intent === "apply-credit") {
    result = await applyCredit(context.db, caller.scope, detail.payment.client_id, { billId: field(form, "bill_id") || undefined, onDate: field(form, "on_date") }, today);
    done = result.ok ? `done=credited&fen=${result.appliedFen}` : "";
  } else {
    throw data({ message: "未知的操作" }, { status: 400 });
  }
  if (!result.ok) {
    if (result.status === 403) forbidden();
    if (result.status === 404) notFound();
    return data({ intent, errors: result.errors }, { status: result.status });
  }
  return redirect(`/finance/payments/${id}?${done}`);
}

function doneMessage(search: URLSearchParams, unallocatedFen: number, clientName: string): string | null {
  const done = search.get("done");
  if (done === "recorded" || done === "duplicate") {
    const head = t(done === "recorded" ? "pay.done.recorded" : "pay.done.duplicate");
    return unallocatedFen > 0 ? `${head}${t("pay.done.restAsCredit", { amount: formatFen(unallocatedFen), client: clientName })}` : head;
  }
  if (done === "reversed") return t("pay.done.reversed");
  const fen = Number(search.get("fen"));
  if (done === "credited" && Number.isSafeInteger(fen)) return t("pay.done.credited", { amount: formatFen(fen) });
  return null;
}

export default function PaymentDetail() {
  const d = useLoaderData<typeof loader>();
  const p = d.payment;
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const messages = Object.values(result?.errors ?? {}).filter((m): m is string => Boolean(m));
  const rows: [string, ReactNode][] = [
    [t("pay.field.client"), <Link to={`/clients/${p.client_id}`}>{p.client_name}</Link>],
    [t("pay.field.receivedOn"), p.received_on],
    [t("pay.field.amount"), <><strong className={p.reversed_on ? "struck" : undefined}>{formatFen(p.amount_fen)}</strong> <span className="money-words">{fenToChineseUpper(p.amount_fen)}</span></>],
    [t("pay.field.method"), tKey("finance.method", p.method)],
    [t("pay.field.payer"), p.payer],
    [t("pay.field.reference"), p.reference ? <span className="mono">{p.reference}</span> : ""],
    [t("pay.field.notes"), p.notes],
    [t("pay.detail.recordedBy"), `${p.created_by_name ?? t("audit.system")} · ${formatInstant(p.created_at)}`],
  ];
  const money: [string, ReactNode][] = [
    [t("pay.col.allocated"), formatFen(d.allocatedFen)],
    [t("pay.col.unallocated"), d.unallocatedFen ? <strong>{formatFen(d.unallocatedFen)}</strong> : formatFen(0)],
    [t("pay.detail.clientCredit"), formatFen(d.creditFen)],
  ];
  return (
    <section>
      <div className="page-head">
        <h2>
          {t("pay.detail.title", { client: p.client_name, date: p.received_on })} {p.reversed_on ? <span className="tag pay-reversed">{t("pay.state.reversed", { date: p.reversed_on })}</span> : null}
        </h2>
        <div className="actions">
          <Link to={`/finance/statements?client=${p.client_id}`}>{t("pay.detail.statement")}</Link>
          <Link to="/finance/payments">{t("pay.backToList")}</Link>
        </div>
      </div>
      <Notice message={result ? null : doneMessage(search, d.unallocatedFen, p.client_name)} />
      <FormError message={messages.length ? messages.join("；") : undefined} />
      {p.reversed_on ? <div className="banner banner-error">{t("pay.detail.reversedBanner", { date: p.reversed_on, reason: p.reversal_reason })}</div> : null}
      <div className="two-col">
        <DefinitionPanel title={t("pay.section.payment")} rows={rows} />
        <DefinitionPanel title={t("pay.section.allocation")} rows={money} />
      </div>
      <div className="panel">
        <h2>{t("pay.detail.allocations")}</h2>
        <AllocationsTable rows={d.allocations} reversed={Boolean(p.reversed_on)} />
        {d.unallocatedFen > 0 ? <p className="small">{t("pay.detail.unallocatedNote", { amount: formatFen(d.unallocatedFen) })}</p> : null}
      </div>
      {d.canUpdate ? (
        <PaymentActions
          reversed={Boolean(p.reversed_on)}
          amountFen={p.amount_fen}
          receivedOn={p.received_on}
          clientName={p.client_name}
          creditFen={d.creditFen}
          bills={d.bills}
          today={d.today}
          intent={result?.intent}
          errors={result?.errors}
          busy={busy}
        />
      ) : null}
      {d.history ? (
        <div className="panel audit-panel">
          <h2>{t("pay.detail.history")}</h2>
          <AuditTable rows={d.history} />
        </div>
      ) : null}
    </section>
  );
}
