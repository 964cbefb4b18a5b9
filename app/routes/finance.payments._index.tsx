// GET /finance/payments: the payments received, filtered by client, method and date, with what
// they paid and what is left as credit, and the totals of the filter.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { FilterSelect } from "~/components/FilterSelect";
import { Pagination } from "~/components/Pagination";
import { PaymentTable } from "~/components/finance/payments/PaymentTable";
import styles from "~/components/finance/receivables.css";
import { can } from "~/modules/auth/permissions";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { paymentFilterFromUrl } from "~/modules/billing/payment-form";
import { listPayments } from "~/modules/billing/payment-views.server";
import { PAYMENT_METHODS } from "~/modules/billing/payments.server";
import { formatFen } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const url = new URL(request.url);
  const { filter, badDates } = paymentFilterFromUrl(url);
  const list = await listPayments(context.db, caller.scope, filter);
  const p = url.searchParams;
  return {
    ...list,
    badDates,
    methods: Object.keys(PAYMENT_METHODS),
    canRecord: can(caller.user.role, "billing", "update"),
    filters: { client: filter.client ?? "", method: filter.method ?? "", from: p.get("from") ?? "", to: p.get("to") ?? "", reversed: filter.includeReversed ?? false },
  };
}

export default function PaymentList() {
  const { rows, total, page, pageSize, totals, badDates, methods, canRecord, filters } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-head">
        <h2>{t("pay.title")}</h2>
        <div className="actions">{canRecord ? <Link className="button primary" to="/finance/payments/new">{t("pay.new")}</Link> : null}</div>
      </div>
      <Form method="get" className="filters">
        <input type="search" name="client" defaultValue={filters.client} placeholder={t("pay.filter.client")} aria-label={t("pay.filter.client")} />
        <FilterSelect name="method" label={t("pay.field.method")} value={filters.method} options={methods.map((m) => ({ value: m, label: tKey("finance.method", m) }))} />
        <label className="check">
          {t("pay.filter.from")} <input type="date" name="from" defaultValue={filters.from} />
        </label>
        <label className="check">
          {t("pay.filter.to")} <input type="date" name="to" defaultValue={filters.to} />
        </label>
        <label className="check">
          <input type="checkbox" name="reversed" value="1" defaultChecked={filters.reversed} /> {t("pay.filter.reversed")}
        </label>
        <button type="submit">{t("common.search")}</button>
        <Link to="/finance/payments">{t("common.reset")}</Link>
      </Form>
      {badDates ? <div className="banner banner-warn">{t("pay.filter.badDates")}</div> : null}
      <div className="stats">
        <div className="stat">
          <span className="stat-value">{formatFen(totals.amountFen)}</span>
          <span className="stat-label">{t("pay.totals.amount", { n: totals.count - totals.reversedCount })}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{formatFen(totals.allocatedFen)}</span>
          <span className="stat-label">{t("pay.totals.allocated")}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{formatFen(totals.unallocatedFen)}</span>
          <span className="stat-label">{t("pay.totals.unallocated")}</span>
        </div>
        {filters.reversed ? (
          <div className="stat">
            <span className="stat-value">{formatFen(totals.reversedFen)}</span>
            <span className="stat-label">{t("pay.totals.reversed", { n: totals.reversedCount })}</span>
          </div>
        ) : null}
      </div>
      <PaymentTable rows={rows} />
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
