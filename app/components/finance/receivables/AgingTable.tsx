import { Link } from "@remix-run/react";
import { t } from "~/i18n";
import { formatFen } from "~/utils/money";

export interface AgingLine {
  key: string;
  name: string;
  buckets: number[];
  total_fen: number;
}

/** One aging list (per client or per rep) in the chosen buckets, with its totals row. */
export function AgingTable({ first, buckets, rows, totals, link }: { first: string; buckets: string[]; rows: AgingLine[]; totals: AgingLine; link?: (key: string) => { main: string; statement: string } }) {
  const cell = (fen: number) => (fen === 0 ? <span className="muted">—</span> : formatFen(fen));
  return (
    <table className="grid aging">
      <thead>
        <tr>
          <th>{first}</th>
          <th className="num">{t("aging.col.total")}</th>
          {buckets.map((b) => (
            <th key={b} className="num">{b}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const to = link && r.key ? link(r.key) : null;
          return (
            <tr key={r.key || "none"}>
              <td>
                {to ? <Link to={to.main}>{r.name}</Link> : r.name}
                {to ? <Link to={to.statement} className="small row-link">{t("aging.statementLink")}</Link> : null}
              </td>
              <td className="num"><strong>{formatFen(r.total_fen)}</strong></td>
              {r.buckets.map((v, i) => (
                <td key={buckets[i]} className={i > 0 && v > 0 ? "num late" : "num"}>{cell(v)}</td>
              ))}
            </tr>
          );
        })}
        {rows.length === 0 ? (
          <tr><td colSpan={buckets.length + 2} className="muted">{t("aging.empty")}</td></tr>
        ) : null}
      </tbody>
      <tfoot>
        <tr className="totals-row">
          <td>{t("aging.col.totals")}</td>
          <td className="num">{formatFen(totals.total_fen)}</td>
          {totals.buckets.map((v, i) => (
            <td key={buckets[i]} className="num">{formatFen(v)}</td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
