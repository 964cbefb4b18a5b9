// GET /finance/statements?client=&from=&to=: a client's 对账单 for a period (default this month):
// the opening balance, every bill, credit, payment and bounced payment with the running balance,
// and the closing balance in figures and in words. Printable (the print stylesheet drops the
// app's frame and the filters) and downloadable as .xlsx.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { ClientSelect } from "~/components/finance/receivables/ClientSelect";
import { StatementView } from "~/components/finance/receivables/StatementView";
import styles from "~/components/finance/receivables.css";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { clientChoices, findClient } from "~/modules/billing/payment-views.server";
import { clientStatement, statementPeriodErrors } from "~/modules/billing/statement.server";
import { daysInMonth } from "~/modules/inventory/calendar-dates";
import { notFound } from "~/utils/http.server";
import { formatInstant, nowIso, todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function thisMonth(today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number);
  return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, "0")}` };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const params = new URL(request.url).searchParams;
  const month = thisMonth(todayInShanghai());
  const period = { from: (params.get("from") ?? "").trim() || month.from, to: (params.get("to") ?? "").trim() || month.to };
  const clientId = params.get("client") ?? "";
  const [choices, client] = await Promise.all([clientChoices(context.db, caller.scope), findClient(context.db, caller.scope, clientId)]);
  if (clientId && !client) notFound();
  const base = { choices, client: client ?? null, period, centerName: caller.center.name, printedAt: formatInstant(nowIso()), statement: null, errors: [] as string[] };
  const errors = Object.values(statementPeriodErrors(period.from, period.to)).filter((m): m is string => Boolean(m));
  if (errors.length) return data({ ...base, errors }, { status: 400 });
  if (!client) return base;
  const result = await clientStatement(context.db, caller.scope, client.id, period);
  if (!result.ok) return data({ ...base, errors: Object.values(result.errors).filter((m): m is string => Boolean(m)) }, { status: result.status });
  return { ...base, statement: result.statement };
}

export default function StatementPage() {
  const d = useLoaderData<typeof loader>();
  const query = d.client ? `client=${d.client.id}&from=${d.period.from}&to=${d.period.to}` : "";
  return (
    <section className="statement-page">
      <div className="page-head no-print">
        <h2>{t("stmt.title")}</h2>
        {d.statement ? (
          <div className="actions">
            <button type="button" onClick={() => window.print()}>{t("stmt.print")}</button>
            <a href={`/finance/statements.xlsx?${query}`}>{t("stmt.export")}</a>
          </div>
        ) : null}
      </div>
      <Form method="get" className="filters no-print">
        <ClientSelect name="client" choices={d.choices} value={d.client?.id ?? ""} current={d.client} />
        <label className="check">
          {t("stmt.from")} <input type="date" name="from" defaultValue={d.period.from} required />
        </label>
        <label className="check">
          {t("stmt.to")} <input type="date" name="to" defaultValue={d.period.to} required />
        </label>
        <button type="submit" className="primary">{t("stmt.show")}</button>
      </Form>
      {d.errors.length ? <div className="banner banner-error" role="alert">{d.errors.join("；")}</div> : null}
      {d.statement ? (
        <StatementView statement={d.statement} centerName={d.centerName} printedAt={d.printedAt} />
      ) : d.errors.length ? null : (
        <p className="muted">{t("stmt.chooseClient")}</p>
      )}
    </section>
  );
}
