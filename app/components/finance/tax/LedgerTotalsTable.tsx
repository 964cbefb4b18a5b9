// The two ledgers of a period side by side: what each sheet's 合计 row will say, and its download.
import { t } from "~/i18n";
import { formatFen } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";

interface InvoiceTotals {
  count: number;
  netFen: number;
  taxFen: number;
  totalFen: number;
}

interface ReceiptTotals {
  count: number;
  amountFen: number;
  reversalFen: number;
  allocatedFen: number;
  unallocatedFen: number;
}

function Figures({ rows }: { rows: [string, number][] }) {
  return (
    <dl className="deflist">
      {rows.map(([label, fen]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className="num">{formatFen(fen)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function LedgerTotalsTable({ invoices, receipts, query }: { invoices: InvoiceTotals; receipts: ReceiptTotals; query: string }) {
  return (
    <div className="two-col">
      <div className="panel ledger-card">
        <div className="page-head">
          <h3 className="panel-title">{t("tax.ledgers.invoices")}</h3>
          <a className="button primary" href={`/finance/ledgers/invoices.xlsx?${query}`} download>{t("tax.download")}</a>
        </div>
        <p className="ledger-count">{t("tax.ledgers.invoiceCount", { count: invoices.count })}</p>
        <Figures rows={[[t("tax.ledgers.net"), invoices.netFen], [t("tax.ledgers.tax"), invoices.taxFen], [t("tax.ledgers.total"), invoices.totalFen]]} />
        <p className="money-words">{t("tax.ledgers.totalWords", { words: fenToChineseUpper(invoices.totalFen) })}</p>
        <p className="muted small">{t("tax.ledgers.invoicesHint")}</p>
      </div>
      <div className="panel ledger-card">
        <div className="page-head">
          <h3 className="panel-title">{t("tax.ledgers.receipts")}</h3>
          <a className="button primary" href={`/finance/ledgers/receipts.xlsx?${query}`} download>{t("tax.download")}</a>
        </div>
        <p className="ledger-count">{t("tax.ledgers.receiptCount", { count: receipts.count })}</p>
        <Figures
          rows={[
            [t("tax.ledgers.amount"), receipts.amountFen],
            [t("tax.ledgers.reversal"), receipts.reversalFen],
            [t("tax.ledgers.allocated"), receipts.allocatedFen],
            [t("tax.ledgers.unallocated"), receipts.unallocatedFen],
          ]}
        />
        <p className="money-words">{t("tax.ledgers.amountWords", { words: fenToChineseUpper(receipts.amountFen) })}</p>
        <p className="muted small">{t("tax.ledgers.receiptsHint")}</p>
      </div>
    </div>
  );
}
