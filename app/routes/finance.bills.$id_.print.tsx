// GET /finance/bills/:id/print: the 开票申请单 of a bill laid out for A4, from which the invoice is
// typed on the tax platform or filed with the voucher. A draft carries a 草稿 mark.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { DocFoot, DocHead, DocSection, DocSheet, DocTotals, Party, PrintToolbar } from "~/components/PrintSheet";
import orderPrintStyles from "~/components/booking/print.css";
import billPrintStyles from "~/components/finance/bills/print.css";
import { requirePermission } from "~/modules/auth/guard.server";
import { rateText, unitPriceText } from "~/modules/billing/bill-display";
import { loadBill } from "~/modules/billing/bill-page.server";
import { getCenter } from "~/modules/centers/centers.server";
import { formatFen, formatFenPlain } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";
import { formatInstant, nowIso, todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: orderPrintStyles },
  { rel: "stylesheet", href: billPrintStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t("bills.print.pageTitle", { number: data?.bill.number ?? t("finance.billStatus.draft") }) }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "billing", "read");
  const { bill, buyer } = await loadBill(context.db, caller, params.id ?? "", todayInShanghai());
  const center = await getCenter(context.db, caller.scope);
  return {
    bill,
    buyer,
    seller: { name: center.name, taxId: center.tax_id, addressPhone: `${center.address} ${center.phone}`.trim(), bank: `${center.bank_name} ${center.bank_account}`.trim() },
    printedAt: formatInstant(nowIso()),
  };
}

const partyRows = (p: { name: string; taxId: string; addressPhone: string; bank: string }): [string, string][] => [
  [t("bills.print.name"), p.name],
  [t("bills.print.taxId"), p.taxId],
  [t("bills.print.addressPhone"), p.addressPhone],
  [t("bills.print.bank"), p.bank],
];

const money = (fen: number) => <td className={fen < 0 ? "num doc-neg" : "num"}>{formatFenPlain(fen)}</td>;

export default function BillPrint() {
  const { bill, buyer, seller, printedAt } = useLoaderData<typeof loader>();
  const draft = bill.status === "draft";
  return (
    <section className="print-page">
      <PrintToolbar back={`/finance/bills/${bill.id}`} backLabel={t("bills.print.back")} printLabel={t("bills.print.button")} />
      <DocSheet className="doc-sheet bill-doc" label={t("bills.print.title")} watermark={draft ? t("bills.print.draftMark") : null}>
        <DocHead title={t("bills.print.title")}>
          <span>{t("bills.field.number")}：<span className="mono">{bill.number ?? t("finance.billStatus.draft")}</span></span>
          <span>{t("bills.field.invoiceKind")}：{tKey("finance.invoiceKind", bill.invoice_kind)}（{tKey("finance.billKind", bill.kind)}）</span>
          <span>{t("bills.field.issueDate")}：{bill.issue_date ?? "—"}</span>
          {bill.kind === "invoice" && bill.due_date ? <span>{t("bills.field.dueDate")}：{bill.due_date}</span> : null}
          {bill.original ? <span>{t("bills.field.original")}：<span className="mono">{bill.original.number}</span>（{bill.credit_reason}）</span> : null}
          {bill.tax_invoice_number ? <span>{t("bills.field.taxInvoice")}：<span className="mono">{bill.tax_invoice_number}</span></span> : null}
        </DocHead>
        {draft ? <p className="doc-void-banner" role="note">{t("bills.print.draftNote")}</p> : null}
        <div className="doc-parties">
          <Party title={t("bills.print.buyer")} rows={partyRows(buyer)} />
          <Party title={t("bills.print.seller")} rows={partyRows(seller)} />
        </div>
        <DocSection title={t("bills.section.lines")} unitNote={t("bills.print.unit")} />
        <table className="doc-lines">
          <thead>
            <tr>
              <th className="c-seq">{t("bills.line.seq")}</th>
              <th>{t("bills.line.item")}</th>
              <th className="c-code">{t("bills.line.taxCode")}</th>
              <th className="num c-qty">{t("bills.line.qty")}</th>
              <th className="num c-money">{t("bills.line.unitPrice")}</th>
              <th className="num c-money">{t("bills.line.net")}</th>
              <th className="num c-rate">{t("bills.line.rate")}</th>
              <th className="num c-money">{t("bills.line.tax")}</th>
              <th className="num c-money">{t("bills.line.total")}</th>
            </tr>
          </thead>
          <tbody>
            {bill.lines.map((l) => (
              <tr key={l.id}>
                <td className="c-seq">{l.seq}</td>
                <td>
                  {l.printed_name || l.description}
                  {l.printed_name ? <div className="doc-content">{l.description}</div> : null}
                </td>
                <td className="mono c-code">{l.tax_code}</td>
                <td className="num">{l.quantity}</td>
                <td className="num">{unitPriceText(l.amount_fen, l.quantity)}</td>
                {money(l.net_fen)}
                <td className="num">{rateText(l.rate_bp)}</td>
                {money(l.tax_fen)}
                {money(l.total_fen)}
              </tr>
            ))}
            {bill.lines.length === 0 ? <tr><td colSpan={9} className="doc-empty">{t("common.empty")}</td></tr> : null}
          </tbody>
        </table>
        <DocTotals
          amounts={[
            [t("bills.col.net"), formatFen(bill.net_fen)],
            [t("bills.col.tax"), formatFen(bill.tax_fen)],
            [t("bills.col.total"), formatFen(bill.total_fen)],
          ]}
          inWordsLabel={t("bills.field.inWords")}
          inWords={fenToChineseUpper(bill.total_fen, { prefix: true })}
        />
        {bill.notes ? <p className="doc-notes">{t("bills.field.notes")}：{bill.notes}</p> : null}
        <div className="doc-signatures">
          <div className="doc-signature"><p className="doc-signature-title">{t("bills.print.applicant")}：{bill.owner_name ?? ""}</p><p><span className="doc-blank" /></p></div>
          <div className="doc-signature"><p className="doc-signature-title">{t("bills.print.reviewer")}：</p><p><span className="doc-blank" /></p></div>
          <div className="doc-signature"><p className="doc-signature-title">{t("bills.field.issuedBy")}：</p><p><span className="doc-blank" /></p></div>
        </div>
        <DocFoot reference={bill.number ?? t("finance.billStatus.draft")} printedAt={t("bills.print.printedAt", { at: printedAt })} />
      </DocSheet>
    </section>
  );
}
