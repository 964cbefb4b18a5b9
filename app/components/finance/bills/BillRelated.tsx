import { Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import type { BillDetail } from "~/modules/billing/bill-views.server";
import { formatFen } from "~/utils/money";

/** The red-letter credits raised against an invoice. */
export function CreditsPanel({ credits }: { credits: BillDetail["credits"] }) {
  if (!credits.length) return null;
  return (
    <div className="panel">
      <h2>{t("bills.section.credits")}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("bills.col.number")}</th>
            <th>{t("bills.col.issueDate")}</th>
            <th>{t("bills.field.creditReason")}</th>
            <th className="num">{t("bills.col.net")}</th>
            <th className="num">{t("bills.col.tax")}</th>
            <th className="num">{t("bills.col.total")}</th>
          </tr>
        </thead>
        <tbody>
          {credits.map((k) => (
            <tr key={k.id}>
              <td className="mono nowrap"><Link to={`/finance/bills/${k.id}`}>{k.number}</Link></td>
              <td className="nowrap">{k.issue_date}</td>
              <td>{k.credit_reason}</td>
              <td className="num neg">{formatFen(k.net_fen)}</td>
              <td className="num neg">{formatFen(k.tax_fen)}</td>
              <td className="num neg">{formatFen(k.total_fen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The payments allocated to an invoice, reversed ones marked. */
export function AllocationsPanel({ allocations }: { allocations: BillDetail["allocations"] }) {
  return (
    <div className="panel">
      <h2>{t("bills.section.payments")}</h2>
      {allocations.length ? (
        <table className="grid">
          <thead>
            <tr>
              <th>{t("bills.payments.received")}</th>
              <th>{t("bills.payments.allocated")}</th>
              <th>{t("bills.payments.method")}</th>
              <th>{t("bills.payments.payer")}</th>
              <th>{t("bills.payments.reference")}</th>
              <th className="num">{t("bills.payments.amount")}</th>
            </tr>
          </thead>
          <tbody>
            {allocations.map((a, i) => (
              <tr key={`${a.payment_id}-${i}`} className={a.reversed_on ? "row-muted" : undefined}>
                <td className="nowrap">{a.received_on}</td>
                <td className="nowrap">{a.allocated_on}</td>
                <td className="nowrap">{tKey("finance.method", a.method)}</td>
                <td>{a.payer}</td>
                <td className="mono small">{a.reference}</td>
                <td className="num nowrap">
                  {formatFen(a.amount_fen)}
                  {a.reversed_on ? <span className="sub">{t("bills.payments.reversed", { date: a.reversed_on })}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("bills.payments.none")}</p>
      )}
    </div>
  );
}
