import { Link, useLocation } from "@remix-run/react";
import { t } from "~/i18n";
import { formatCell, type ReportRow, type ReportTable as Table } from "~/modules/analytics/reports/table";

/**
 * A link inside a report keeps the report's filter: "?category=…" narrows this report, and
 * "/reports/other?client=…" opens another report for the same period and filter, narrowed further.
 */
export function reportLink(href: string, currentSearch: string, pathname: string): string {
  if (!href.startsWith("?") && !href.startsWith("/reports/")) return href;
  const [path, query = ""] = href.startsWith("?") ? [pathname, href.slice(1)] : href.split("?");
  const params = new URLSearchParams(currentSearch);
  params.delete("page");
  for (const [key, value] of new URLSearchParams(query)) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function Row({ row, table, search, pathname }: { row: ReportRow; table: Table; search: string; pathname: string }) {
  return (
    <tr className={row.mark ? `mark-${row.mark}` : undefined}>
      {row.cells.map((value, i) => {
        const kind = table.columns[i]?.kind ?? "text";
        const numeric = kind !== "text" && typeof value === "number";
        const shown = formatCell(kind, value);
        const href = row.links?.[i];
        const className = [kind !== "text" ? "num" : "", table.columns[i]?.wrap ? "wrap" : "", numeric && (value as number) < 0 ? "neg" : ""].filter(Boolean).join(" ") || undefined;
        return (
          <td key={i} className={className}>
            {href && value !== null && value !== "" ? <Link to={reportLink(href, search, pathname)}>{shown}</Link> : shown}
          </td>
        );
      })}
    </tr>
  );
}

/** A report table as the page shows it: the sheet's rows, its totals rows in the footer, its note below. */
export function ReportTable({ table, showTitle = true, empty }: { table: Table; showTitle?: boolean; empty?: string }) {
  const { search, pathname } = useLocation();
  return (
    <div className="panel report-panel">
      {showTitle ? <h2>{table.title}</h2> : null}
      <div className="report-scroll">
        <table className="grid report-table">
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} className={c.kind !== "text" ? "num" : undefined}>{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <Row key={i} row={row} table={table} search={search} pathname={pathname} />
            ))}
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.columns.length} className="muted">{empty ?? t("rpt.empty")}</td>
              </tr>
            ) : null}
          </tbody>
          {table.totals.length ? (
            <tfoot>
              {table.totals.map((row, i) => (
                <Row key={i} row={{ ...row, mark: undefined }} table={table} search={search} pathname={pathname} />
              ))}
            </tfoot>
          ) : null}
        </table>
      </div>
      {table.note ? <p className="muted small report-note">{table.note}</p> : null}
    </div>
  );
}
