// /finance/ledgers: 台账导出. A period (this month unless told) and the two ledgers of it, each with
// the row count and totals its sheet ends with, plus the aging and culture-fee workbooks of the
// same period's end.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/Field";
import { LedgerTotalsTable } from "~/components/finance/tax/LedgerTotalsTable";
import taxStyles from "~/components/finance/tax.css";
import { t } from "~/i18n";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { invoiceLedgerTotals, receiptLedgerTotals } from "~/modules/billing/ledgers-export.server";
import { periodFromUrl, quickPeriods } from "~/modules/billing/tax-forms";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: taxStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const today = todayInShanghai();
  const parsed = periodFromUrl(new URL(request.url), today);
  const quick = quickPeriods(today);
  if (!parsed.ok) return data({ today, quick, period: parsed.period, errors: parsed.errors, totals: null }, { status: 400 });
  const { period } = parsed;
  const [invoices, receipts] = await Promise.all([invoiceLedgerTotals(context.db, caller.scope, period), receiptLedgerTotals(context.db, caller.scope, period, today)]);
  // The aging is as of the period's end, never a day still to come; the culture fee is that day's month.
  const asOf = period.to < today ? period.to : today;
  return { today, quick, period, errors: null, totals: { invoices, receipts, asOf, month: asOf.slice(0, 7) } };
}

export default function Ledgers() {
  const { quick, period, errors, totals } = useLoaderData<typeof loader>();
  const query = `from=${period.from}&to=${period.to}`;
  return (
    <div className="tax-page">
      <div className="page-head">
        <h2>{t("tax.ledgers.title")}</h2>
      </div>
      <Form method="get" className="filters">
        <label className="check">
          {t("tax.ledgers.from")}
          <input type="date" name="from" defaultValue={period.from} required />
        </label>
        <label className="check">
          {t("tax.ledgers.to")}
          <input type="date" name="to" defaultValue={period.to} required />
        </label>
        <button type="submit">{t("common.search")}</button>
        <span className="quick-picks">
          {quick.map((q) => {
            const active = q.period.from === period.from && q.period.to === period.to;
            return (
              <Link key={q.key} to={`?from=${q.period.from}&to=${q.period.to}`} className={active ? "quick active" : "quick"}>
                {t(`tax.ledgers.quick.${q.key}`)}
              </Link>
            );
          })}
        </span>
      </Form>
      <FormError message={errors ? Object.values(errors).join("；") : undefined} />
      {totals ? (
        <>
          <p className="muted small">{t("tax.ledgers.hint", { from: period.from, to: period.to, asOf: totals.asOf })}</p>
          <LedgerTotalsTable invoices={totals.invoices} receipts={totals.receipts} query={query} />
          <div className="panel">
            <h3 className="panel-title">{t("tax.ledgers.others")}</h3>
            <ul className="download-list">
              <li>
                <a href={`/finance/aging.xlsx?as_of=${totals.asOf}`} download>{t("tax.ledgers.aging", { asOf: totals.asOf })}</a>
                <span className="muted small">{t("tax.ledgers.agingHint")}</span>
              </li>
              <li>
                <a href={`/finance/culture-fee.xlsx?month=${totals.month}`} download>{t("tax.ledgers.cultureFee", { month: totals.month })}</a>
                <span className="muted small">
                  {t("tax.ledgers.cultureFeeHint")} <Link to={`/finance/culture-fee?month=${totals.month}`}>{t("tax.ledgers.cultureFeePage")}</Link>
                </span>
              </li>
            </ul>
          </div>
        </>
      ) : null}
    </div>
  );
}
