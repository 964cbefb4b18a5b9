// The 对账单 itself, the same on screen and on paper: heading, opening balance, the period's lines
// with the running balance, totals, the closing balance in figures and words, and (printed only)
// the client's confirmation block.
import { t } from "~/i18n";
import type { ClientStatement } from "~/modules/billing/statement.server";
import { formatFen } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";

const blank = (fen: number) => (fen ? formatFen(fen) : "");

export function StatementView({ statement: s, centerName, printedAt }: { statement: ClientStatement; centerName: string; printedAt: string }) {
  const tt = s.totals;
  return (
    <div className="statement">
      <div className="statement-head">
        <div className="statement-center">{centerName}</div>
        <h3>{t("stmt.docTitle")}</h3>
        <div className="statement-meta">
          <span>{t("stmt.client", { name: s.client.name })}</span>
          <span>{t("stmt.period", { from: s.from, to: s.to })}</span>
          <span>{t("stmt.unit")}</span>
        </div>
      </div>
      <table className="grid statement-lines">
        <thead>
          <tr>
            <th>{t("stmt.col.date")}</th>
            <th>{t("stmt.col.kind")}</th>
            <th>{t("stmt.col.reference")}</th>
            <th>{t("stmt.col.description")}</th>
            <th className="num">{t("stmt.col.debit")}</th>
            <th className="num">{t("stmt.col.credit")}</th>
            <th className="num">{t("stmt.col.balance")}</th>
          </tr>
        </thead>
        <tbody>
          <tr className="totals-row">
            <td className="nowrap">{s.from}</td>
            <td colSpan={3}>{t("stmt.opening", { date: s.opening.date })}</td>
            <td />
            <td />
            <td className="num">{formatFen(s.opening.balanceFen)}</td>
          </tr>
          {s.lines.map((l, i) => (
            <tr key={`${l.date}-${l.kind}-${l.reference}-${i}`}>
              <td className="nowrap">{l.date}</td>
              <td className="nowrap">{t(`stmt.kind.${l.kind}`)}</td>
              <td className="mono nowrap">{l.reference}</td>
              <td>{l.description}</td>
              <td className="num">{blank(l.debitFen)}</td>
              <td className="num">{blank(l.creditFen)}</td>
              <td className="num">{formatFen(l.balanceFen)}</td>
            </tr>
          ))}
          {s.lines.length === 0 ? (
            <tr><td colSpan={7} className="muted">{t("stmt.noLines")}</td></tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr className="totals-row">
            <td />
            <td colSpan={3}>{t("stmt.periodTotals", { bills: formatFen(tt.billsFen), credits: formatFen(tt.creditsFen), payments: formatFen(tt.paymentsFen), reversals: formatFen(tt.reversalsFen) })}</td>
            <td className="num">{formatFen(tt.billsFen + tt.reversalsFen)}</td>
            <td className="num">{formatFen(tt.creditsFen + tt.paymentsFen)}</td>
            <td />
          </tr>
          <tr className="totals-row closing-row">
            <td className="nowrap">{s.to}</td>
            <td colSpan={5}>{t("stmt.closing", { date: s.closing.date })}</td>
            <td className="num">{formatFen(s.closing.balanceFen)}</td>
          </tr>
        </tfoot>
      </table>
      <div className="statement-summary">
        <p>
          {t("stmt.closingLine", { amount: formatFen(s.closing.balanceFen) })}
          <span className="money-words">（{t("stmt.upper")}：{fenToChineseUpper(s.closing.balanceFen)}）</span>
        </p>
        <p className="small">
          {t("stmt.breakdown", { receivable: formatFen(s.closing.receivableFen), unallocated: formatFen(s.closing.unallocatedFen) })}
          {s.closing.balanceFen < 0 ? <span className="muted"> {t("stmt.negativeNote")}</span> : null}
        </p>
      </div>
      <div className="statement-confirm print-only">
        <p>{t("stmt.confirmNote")}</p>
        <div className="statement-sign">
          <span>{t("stmt.signOurs", { center: centerName })}</span>
          <span>{t("stmt.signClient")}</span>
        </div>
        <p className="small">{t("stmt.printedAt", { at: printedAt })}</p>
      </div>
    </div>
  );
}
