import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { t } from "~/i18n";
import { FormError, Notice } from "~/components/Field";
import { Pagination } from "~/components/Pagination";
import { BillFilters } from "~/components/finance/bills/BillFilters";
import { BillTable } from "~/components/finance/bills/BillTable";
import { GeneratePanel } from "~/components/finance/bills/GeneratePanel";
import billStyles from "~/components/finance/bills.css";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { billQueryFromUrl, endOfMonth } from "~/modules/billing/bill-form";
import { generatedQuery, type IssueRefusal, runListIntent } from "~/modules/billing/bill-intents.server";
import { BILL_PAGE_SIZE, type BillList, listBills } from "~/modules/billing/bill-views.server";
import { clientByName, clientNameSuggestions } from "~/modules/clients/clients.server";
import { listActiveUsers } from "~/modules/users/users.server";
import { field, forbidden } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: billStyles }];

const EMPTY: BillList = { rows: [], total: 0, page: 1, pageSize: BILL_PAGE_SIZE, totals: { net_fen: 0, tax_fen: 0, total_fen: 0, open_fen: 0 } };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "billing", "read");
  const { db } = context;
  const url = new URL(request.url);
  const today = todayInShanghai();
  const { query, filter } = billQueryFromUrl(url);
  // The client filter is typed by name; names are unique per center.
  const client = query.client ? await clientByName(db, caller.scope, query.client) : undefined;
  const unknownClient = Boolean(query.client && !client);
  const isSales = caller.user.role === "sales";
  const [result, owners, clientNames] = await Promise.all([
    unknownClient ? ({ ok: true, list: EMPTY } as const) : listBills(db, caller.scope, { ...filter, clientId: client?.id, asOf: today }),
    isSales ? [] : listActiveUsers(db, caller.scope, ["sales"]),
    clientNameSuggestions(db, caller.scope),
  ]);
  if (!result.ok) forbidden();
  return { ...result.list, query, unknownClient, owners, clientNames, isSales, today, periodTo: endOfMonth(today), mayWrite: can(caller.user.role, "billing", "update") };
}

type ActionResult = { intent: string; errors: Record<string, string | undefined>; issued: { id: string; number: string }[]; refused: IssueRefusal[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "billing", "update");
  const form = await request.formData();
  const intent = field(form, "intent");
  const outcome = await runListIntent(context.db, caller.scope, intent, form);
  // Back to the list as it was filtered, with what happened.
  const back = new URL(request.url);
  back.searchParams.delete("index");
  back.searchParams.delete("page");
  if (!outcome.ok) {
    if (outcome.status === 403) forbidden();
    return data<ActionResult>({ intent, errors: outcome.errors, issued: [], refused: [] }, { status: outcome.status });
  }
  // Drafts sort after every issued bill, so the run lands on the drafts it made.
  if (outcome.intent === "generate") return redirect(`${back.pathname}?status=draft&${generatedQuery(outcome.summary)}`);
  if (!outcome.refused.length) {
    back.searchParams.set("done", "issued");
    back.searchParams.set("n", String(outcome.issued.length));
    return redirect(`${back.pathname}?${back.searchParams}`);
  }
  // Some could not be issued: each drafts stands alone, so the others are issued and the page says which failed and why.
  return data<ActionResult>({ intent, errors: {}, issued: outcome.issued, refused: outcome.refused }, { status: outcome.issued.length ? 200 : outcome.refused[0].status });
}

function doneMessage(search: URLSearchParams): string | null {
  const done = search.get("done");
  const n = (key: string) => Number(search.get(key) ?? 0);
  if (done === "generated") {
    if (!n("c") && !n("u") && !n("d")) return t("bills.generate.nothing");
    return t("bills.generate.done", { created: n("c"), changed: n("u"), deleted: n("d"), added: n("la"), updated: n("lu"), removed: n("lr") });
  }
  if (done === "issued") return t("bills.issueMany.issuedCount", { n: n("n") });
  return null;
}

export default function BillsPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  return (
    <section className="bill-page">
      <div className="page-head">
        <h2>{t("bills.title")}</h2>
        <div className="actions">{d.mayWrite ? <Link className="button primary" to="/finance/bills/new">{t("bills.new")}</Link> : null}</div>
      </div>
      <Notice message={result ? null : doneMessage(search)} />
      <FormError message={errors.form} />
      {result?.issued.length ? <Notice message={t("bills.issueMany.issued", { n: result.issued.length, numbers: result.issued.map((b) => b.number).join("、") })} /> : null}
      {result?.refused.length ? (
        <div className="banner banner-error" role="alert">
          {t("bills.issueMany.refused", { n: result.refused.length })}
          <ul className="refusals">
            {result.refused.map((r) => (
              <li key={r.id}>
                <Link to={`/finance/bills/${r.id}`}>{r.label}</Link>：{r.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.mayWrite ? <GeneratePanel periodTo={d.periodTo} errors={result?.intent === "generate" ? errors : {}} busy={busy} /> : <p className="muted small">{t("bills.readOnly")}</p>}
      <BillFilters query={d.query} owners={d.owners} clientNames={d.clientNames} showOwner={!d.isSales} />
      {d.unknownClient ? <div className="banner banner-warn">{t("bills.filter.unknownClient", { name: d.query.client })}</div> : null}
      <BillTable rows={d.rows} total={d.total} totals={d.totals} selectable={d.mayWrite} today={d.today} errors={result?.intent === "issue" ? errors : {}} busy={busy} />
      <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
    </section>
  );
}
