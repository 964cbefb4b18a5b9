// The advertising lines the month's fee is charged on, folded away: the workbook has them all.
import { Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { formatFen } from "~/utils/money";

export interface CultureFeeLineView {
  billId: string;
  number: string;
  issueDate: string;
  kind: "invoice" | "credit";
  clientName: string;
  seq: number;
  item: string;
  description: string;
  netFen: number;
  totalFen: number;
}

export function CultureFeeLines({ lines, count, baseFen, salesFen }: { lines: CultureFeeLineView[]; count: number; baseFen: number; salesFen: number }) {
  if (count === 0) return <p className="muted">{t("tax.cf.l.none")}</p>;
  return (
    <details className="panel">
      <summary>{t("tax.cf.l.title", { count })}</summary>
      {count > lines.length ? <p className="field-hint">{t("tax.cf.l.truncated", { shown: lines.length, count })}</p> : null}
      <table className="grid">
        <thead>
          <tr>
            <th>{t("tax.cf.l.number")}</th>
            <th>{t("tax.cf.l.date")}</th>
            <th>{t("tax.cf.l.client")}</th>
            <th>{t("tax.cf.l.item")}</th>
            <th>{t("tax.cf.l.description")}</th>
            <th className="num">{t("tax.cf.l.net")}</th>
            <th className="num">{t("tax.cf.l.total")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={`${l.billId}-${l.seq}`}>
              <td className="mono nowrap">
                <Link to={`/finance/bills/${l.billId}`}>{l.number}</Link>
                {l.kind === "credit" ? <span className="tag credit-tag">{tKey("finance.billKind", l.kind)}</span> : null}
              </td>
              <td className="nowrap">{l.issueDate}</td>
              <td>{l.clientName}</td>
              <td>{l.item}</td>
              <td className="muted">{l.description}</td>
              <td className="num nowrap">{formatFen(l.netFen)}</td>
              <td className="num nowrap">{formatFen(l.totalFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <td colSpan={5}>{t("tax.cf.l.sum", { count })}</td>
            <td className="num nowrap">{formatFen(salesFen)}</td>
            <td className="num nowrap">{formatFen(baseFen)}</td>
          </tr>
        </tfoot>
      </table>
    </details>
  );
}
