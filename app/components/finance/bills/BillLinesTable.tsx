import { Form } from "@remix-run/react";
import { t } from "~/i18n";
import { rateText, unitPriceText } from "~/modules/billing/bill-display";
import type { BillDetail } from "~/modules/billing/bill-views.server";
import { formatFen, formatFenPlain } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";

const cell = (fen: number) => <td className={fen < 0 ? "num neg" : "num"}>{formatFenPlain(fen)}</td>;

/** The bill's lines as the invoice prints them, with the totals and the total in words. */
export function BillLinesTable({ bill, removable, busy }: { bill: BillDetail; removable: boolean; busy: boolean }) {
  const columns = removable ? 12 : 11;
  return (
    <div className="panel" id="lines">
      <h2>{t("bills.section.lines")}</h2>
      <table className="grid bill-lines">
        <thead>
          <tr>
            <th className="num">{t("bills.line.seq")}</th>
            <th>{t("bills.line.item")}</th>
            <th>{t("bills.line.taxCode")}</th>
            <th className="num">{t("bills.line.qty")}</th>
            <th className="num">{t("bills.line.unitPrice")}</th>
            <th className="num">{t("bills.line.amount")}</th>
            <th className="num">{t("bills.line.rate")}</th>
            <th className="num">{t("bills.line.net")}</th>
            <th className="num">{t("bills.line.tax")}</th>
            <th className="num">{t("bills.line.total")}</th>
            <th>{t("bills.line.service")}</th>
            {removable ? <th>{t("common.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {bill.lines.map((l) => (
            <tr key={l.id}>
              <td className="num">{l.seq}</td>
              <td className="item">
                {l.printed_name ? (
                  <>
                    {l.printed_name}
                    <span className="sub">{l.description}</span>
                  </>
                ) : (
                  l.description
                )}
              </td>
              <td className="mono small">{l.tax_code || <span className="field-error">{t("bills.line.noCode")}</span>}</td>
              <td className="num">{l.quantity}</td>
              <td className="num">{unitPriceText(l.amount_fen, l.quantity)}</td>
              <td className="num">
                {formatFenPlain(l.amount_fen)}
                <span className="sub">{t(l.tax_included ? "bills.line.taxIncluded" : "bills.line.taxExcluded")}</span>
              </td>
              <td className="num">{rateText(l.rate_bp) || <span className="field-error">{t("bills.line.noRate")}</span>}</td>
              {cell(l.net_fen)}
              {cell(l.tax_fen)}
              {cell(l.total_fen)}
              <td className="nowrap small">{l.service_from ? (l.service_from === l.service_to ? l.service_from : `${l.service_from} ~ ${l.service_to}`) : ""}</td>
              {removable ? (
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="line-remove" />
                    <input type="hidden" name="line_id" value={l.id} />
                    <input type="hidden" name="updated_at" value={bill.updated_at} />
                    <button type="submit" className="linklike danger-text" disabled={busy}>{t("bills.line.remove")}</button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
          {bill.lines.length === 0 ? <tr><td colSpan={columns} className="muted">{t("common.empty")}</td></tr> : null}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={7}>{t("bills.totals")}</td>
            {cell(bill.net_fen)}
            {cell(bill.tax_fen)}
            {cell(bill.total_fen)}
            <td colSpan={columns - 10} />
          </tr>
        </tfoot>
      </table>
      <p className="bill-words">
        {t("bills.field.inWords")}：<strong>{fenToChineseUpper(bill.total_fen, { prefix: true })}</strong>（{formatFen(bill.total_fen)}）
      </p>
    </div>
  );
}
