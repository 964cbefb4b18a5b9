// Month by month, latest first: the figures closing freezes, and whether each month is closed.
import { t } from "~/i18n";
import type { ClosingMonth } from "~/modules/revenue/closing-view.server";
import { formatFenPlain } from "~/utils/money";

const Money = ({ fen }: { fen: number }) => <td className={fen < 0 ? "num nowrap neg" : "num nowrap"}>{formatFenPlain(fen)}</td>;
/** A column that is mostly empty: a dash rather than a row of zeros. */
const Sparse = ({ fen }: { fen: number }) => (fen ? <Money fen={fen} /> : <td className="num muted">—</td>);

const SUMMED = ["earnedFen", "adjustmentFen", "subsidyFen", "invoicedNetFen", "invoicedTotalFen", "collectedFen"] as const;

export function ClosingMonthsTable({ months, lastMonth }: { months: ClosingMonth[]; lastMonth: string }) {
  const total = Object.fromEntries(SUMMED.map((k) => [k, months.reduce((s, m) => s + m[k], 0)])) as Record<(typeof SUMMED)[number], number>;
  return (
    <div className="panel">
      <h3 className="panel-title">{t("closing.table.title", { count: months.length, last: lastMonth })}</h3>
      <p className="muted small">{t("closing.table.hint")}</p>
      <table className="grid closing-table">
        <thead>
          <tr>
            <th>{t("closing.col.month")}</th>
            <th className="num">{t("closing.col.earned")}</th>
            <th className="num">{t("closing.col.adjustment")}</th>
            <th className="num">{t("closing.col.subsidy")}</th>
            <th className="num">{t("closing.col.invoicedNet")}</th>
            <th className="num">{t("closing.col.invoicedTotal")}</th>
            <th className="num">{t("closing.col.collected")}</th>
            <th>{t("closing.col.state")}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month} className={m.closed ? "month-closed" : undefined}>
              <td className="mono nowrap">{m.month}</td>
              <Money fen={m.earnedFen} />
              <Sparse fen={m.adjustmentFen} />
              <Money fen={m.subsidyFen} />
              <Money fen={m.invoicedNetFen} />
              <Money fen={m.invoicedTotalFen} />
              <Money fen={m.collectedFen} />
              <td className="nowrap">
                {m.closed ? <span className="tag month-closed-tag">{t("closing.state.closed")}</span> : <span className="tag month-open-tag">{t("closing.state.open")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <td>{t("closing.total")}</td>
            {SUMMED.map((k) => (k === "adjustmentFen" ? <Sparse key={k} fen={total[k]} /> : <Money key={k} fen={total[k]} />))}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
