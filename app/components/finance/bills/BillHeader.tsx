import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { t, tKey } from "~/i18n";
import { DefinitionPanel } from "~/components/DefinitionPanel";
import type { BillDetail } from "~/modules/billing/bill-views.server";
import { formatFen } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";
import { BillStatusTag } from "./BillStatusTag";

export interface BuyerView {
  name: string;
  taxId: string;
  addressPhone: string;
  bank: string;
}

/** The bill's facts on the left; the buyer's invoice details and the money on the right. */
export function BillHeader({ bill, buyer, clientId, mayEditClient }: { bill: BillDetail; buyer: BuyerView; clientId: string; mayEditClient: boolean }) {
  const issued = bill.status === "issued";
  const receivable = issued && bill.kind === "invoice";
  const facts: [string, ReactNode][] = [
    [t("bills.field.number"), bill.number ? <span className="mono">{bill.number}</span> : t("finance.billStatus.draft")],
    [t("bills.field.kind"), tKey("finance.billKind", bill.kind)],
    [t("bills.field.status"), <BillStatusTag word={bill.status_word} />],
    [t("bills.field.client"), <Link to={`/clients/${clientId}`}>{bill.client_name}</Link>],
    [t("bills.field.owner"), bill.owner_name ?? ""],
    [t("bills.field.invoiceKind"), tKey("finance.invoiceKind", bill.invoice_kind)],
    [t("bills.field.period"), bill.period_from ? `${bill.period_from} ~ ${bill.period_to}` : ""],
    [t("bills.field.issueDate"), bill.issue_date ?? ""],
  ];
  if (bill.kind === "invoice") facts.push([t("bills.field.dueDate"), bill.due_date ?? ""]);
  if (issued) {
    facts.push([
      t("bills.field.taxInvoice"),
      bill.tax_invoice_number ? <><span className="mono">{bill.tax_invoice_number}</span>（{bill.tax_invoice_date}）</> : <span className="muted">{t("bills.field.taxInvoiceNone")}</span>,
    ]);
  }
  if (bill.original) facts.push([t("bills.field.original"), <Link className="mono" to={`/finance/bills/${bill.original.id}`}>{bill.original.number}</Link>]);
  if (bill.kind === "credit") facts.push([t("bills.field.creditReason"), bill.credit_reason]);
  facts.push([t("bills.field.notes"), bill.notes]);

  const buyerRows: [string, ReactNode][] = [
    [t("bills.field.buyerName"), buyer.name],
    [t("bills.field.buyerTaxId"), buyer.taxId ? <span className="mono">{buyer.taxId}</span> : ""],
    [t("bills.field.buyerAddressPhone"), buyer.addressPhone],
    [t("bills.field.buyerBank"), buyer.bank],
    [t("bills.col.total"), <><strong>{formatFen(bill.total_fen)}</strong> <span className="money-words">{fenToChineseUpper(bill.total_fen, { prefix: true })}</span></>],
  ];
  if (receivable) {
    buyerRows.push([t("bills.field.paid"), formatFen(bill.paid_fen)]);
    buyerRows.push([t("bills.field.credited"), formatFen(bill.credited_fen)]);
    buyerRows.push([t("bills.field.open"), <><strong>{formatFen(bill.open_fen)}</strong> <span className="muted small">{t("bills.field.asOf", { date: bill.as_of })}</span></>]);
  }
  const buyerTitle = issued ? (
    t("bills.section.buyer")
  ) : (
    <>
      {t("bills.section.buyerDraft")} {mayEditClient ? <Link className="small" to={`/clients/${clientId}/edit`}>{t("bills.editClient")}</Link> : null}
    </>
  );
  return (
    <div className="two-col">
      <DefinitionPanel title={t("bills.section.header")} rows={facts} />
      <DefinitionPanel title={buyerTitle} rows={buyerRows} />
    </div>
  );
}
