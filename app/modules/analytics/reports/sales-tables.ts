// 销售业绩 as a table: a rep per row, the totals, fiscal subsidy apart. Pure.
import { t } from "~/i18n";
import { ratioBp } from "../series";
import type { SalesReport, SalesRow } from "./sales.server";
import { bp, money, type ReportTable, text } from "./table";

const cells = (r: Pick<SalesRow, "booked" | "recognised" | "collected" | "target">) => [r.booked, r.recognised, r.collected, r.target, r.target ? ratioBp(r.recognised, r.target) : null];

export function salesTable(r: SalesReport, period: string): ReportTable {
  return {
    sheet: t("rpt.sales.sheet"),
    title: t("rpt.sales.table", { period }),
    columns: [text(t("rpt.col.rep"), 14), money(t("rpt.sales.col.booked"), 16), money(t("rpt.sales.col.recognised"), 16), money(t("rpt.sales.col.collected"), 16), money(t("rpt.sales.col.target"), 16), bp(t("rpt.sales.col.progress"), 10)],
    rows: r.rows.map((row) => ({ cells: [row.owner_id ? row.name : t("rpt.noRep"), ...cells(row)], links: row.owner_id ? { 0: `/reports/income?rep=${row.owner_id}` } : undefined })),
    totals: [
      { cells: [t("rpt.totals"), ...cells(r.totals)] },
      { cells: [t("rpt.totals.subsidyApart"), null, r.subsidy, null, null, null] },
    ],
    note: t("rpt.sales.note"),
  };
}
