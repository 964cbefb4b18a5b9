import { Form, Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { FilterSelect } from "~/components/FilterSelect";
import { type BillListQuery, PAY_STATUS_CODES } from "~/modules/billing/bill-form";

/** The bill list's filters (a GET form): status, blue/red, payment status, client, rep, issue dates. */
export function BillFilters({ query, owners, clientNames, showOwner }: { query: BillListQuery; owners: { id: string; display_name: string }[]; clientNames: string[]; showOwner: boolean }) {
  return (
    <Form method="get" className="filters">
      <FilterSelect name="status" label={t("bills.filter.status")} value={query.status} options={(["draft", "issued"] as const).map((s) => ({ value: s, label: tKey("finance.billStatus", s) }))} />
      <FilterSelect name="kind" label={t("bills.filter.kind")} value={query.kind} options={(["invoice", "credit"] as const).map((k) => ({ value: k, label: tKey("finance.billKind", k) }))} />
      <FilterSelect name="pay" label={t("bills.filter.payStatus")} value={query.pay} options={PAY_STATUS_CODES.map((p) => ({ value: p, label: tKey("finance.payStatus", p) }))} />
      <input name="client" list="bill-client-names" defaultValue={query.client} placeholder={t("bills.filter.client")} aria-label={t("bills.filter.client")} />
      <datalist id="bill-client-names">
        {clientNames.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {showOwner ? <FilterSelect name="owner" label={t("bills.filter.owner")} value={query.owner} options={owners.map((o) => ({ value: o.id, label: o.display_name }))} /> : null}
      <label className="check">
        {t("bills.filter.issuedFrom")} <input type="date" name="from" defaultValue={query.from} />
      </label>
      <label className="check">
        {t("bills.filter.issuedTo")} <input type="date" name="to" defaultValue={query.to} />
      </label>
      <button type="submit">{t("common.search")}</button>
      <Link to="/finance/bills">{t("common.reset")}</Link>
    </Form>
  );
}
