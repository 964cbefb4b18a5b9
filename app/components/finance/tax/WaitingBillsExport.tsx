// Part one of the tax-platform screen: the issued bills without a 数电发票号码, blue ones ticked
// for the bureau's bulk-issue workbook. The form posts straight to the download route (not
// through Remix), so the browser saves the workbook.
import { Link } from "@remix-run/react";
import { useState } from "react";
import { t, tKey } from "~/i18n";
import { formatFen } from "~/utils/money";

export interface WaitingBillView {
  id: string;
  number: string;
  kind: "invoice" | "credit";
  invoiceKind: "special" | "ordinary";
  issueDate: string;
  buyerName: string;
  clientName: string;
  originalNumber: string | null;
  totalFen: number;
}

export function WaitingBillsExport({ bills, more, max }: { bills: WaitingBillView[]; more: boolean; max: number }) {
  const blue = bills.filter((b) => b.kind === "invoice");
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const allPicked = blue.length > 0 && blue.every((b) => picked.has(b.id));
  const toggle = (id: string) =>
    setPicked((now) => {
      const next = new Set(now);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const pickedFen = blue.filter((b) => picked.has(b.id)).reduce((sum, b) => sum + b.totalFen, 0);

  if (bills.length === 0) return <p className="muted">{t("tax.platform.noneWaiting")}</p>;
  return (
    <form method="post" action="/finance/tax-platform/export.xlsx">
      {more ? <div className="banner banner-warn">{t("tax.platform.more", { max })}</div> : null}
      <table className="grid">
        <thead>
          <tr>
            <th className="pick">
              <input
                type="checkbox"
                aria-label={t("tax.platform.selectAll")}
                title={t("tax.platform.selectAll")}
                checked={allPicked}
                disabled={blue.length === 0}
                onChange={() => setPicked(allPicked ? new Set() : new Set(blue.map((b) => b.id)))}
              />
            </th>
            <th>{t("tax.platform.number")}</th>
            <th>{t("tax.platform.kind")}</th>
            <th>{t("tax.platform.invoiceKind")}</th>
            <th>{t("tax.platform.issueDate")}</th>
            <th>{t("tax.platform.buyer")}</th>
            <th className="num">{t("tax.platform.total")}</th>
          </tr>
        </thead>
        <tbody>
          {bills.map((b) => (
            <tr key={b.id} className={b.kind === "credit" ? "row-muted" : undefined}>
              <td className="pick">
                {b.kind === "invoice" ? (
                  <input type="checkbox" name="bill" value={b.id} checked={picked.has(b.id)} onChange={() => toggle(b.id)} aria-label={b.number} />
                ) : null}
              </td>
              <td className="mono nowrap">
                <Link to={`/finance/bills/${b.id}`}>{b.number}</Link>
              </td>
              <td className="nowrap">
                {b.kind === "credit" ? (
                  <span title={t("tax.platform.creditHint")}>
                    <span className="tag credit-tag">{tKey("finance.billKind", b.kind)}</span>
                    {b.originalNumber ? <span className="small"> {t("tax.platform.against", { number: b.originalNumber })}</span> : null}
                  </span>
                ) : (
                  tKey("finance.billKind", b.kind)
                )}
              </td>
              <td className="nowrap">{tKey("finance.invoiceKind", b.invoiceKind)}</td>
              <td className="nowrap">{b.issueDate}</td>
              <td>
                {b.buyerName}
                {b.buyerName !== b.clientName ? <div className="muted small">{b.clientName}</div> : null}
              </td>
              <td className="num nowrap">{formatFen(b.totalFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions export-bar">
        <button type="submit" className="primary" disabled={picked.size === 0}>{t("tax.platform.export")}</button>
        <span className="muted small">{t("tax.platform.picked", { count: picked.size, amount: formatFen(pickedFen) })}</span>
      </div>
      {blue.length < bills.length ? <p className="muted small">{t("tax.platform.creditHint")}</p> : null}
    </form>
  );
}
