// 客户贡献 as a table: rank, client, income, share, the year before, change. Pure.
import { t } from "~/i18n";
import { ratioBp } from "../series";
import type { ClientContribution, ClientsReport } from "./clients.server";
import { bp, count, money, names, type ReportRow, type ReportTable } from "./table";

export const CLIENTS_PAGE_SIZE = 100;

function clientRow(c: ClientContribution, rank: number, total: number): ReportRow {
  return {
    cells: [c.client_id ? rank : null, c.client_id ? c.name : t("rpt.noClient"), c.current, ratioBp(c.current, total), c.prior, c.current - c.prior, ratioBp(c.current - c.prior, c.prior)],
    links: c.client_id ? { 1: `/reports/income?client=${c.client_id}` } : undefined,
  };
}

/** rows: the slice to show (a page, or all for the file); the totals are always of every client. */
export function clientsTable(r: ClientsReport, period: string, slice: { offset: number; limit: number } | null = null): ReportTable {
  const shown = slice ? r.rows.slice(slice.offset, slice.offset + slice.limit) : r.rows;
  const offset = slice?.offset ?? 0;
  return {
    sheet: t("rpt.clients.sheet"),
    title: t("rpt.clients.table", { period }),
    columns: [count(t("rpt.col.rank"), 8), names(t("rpt.col.client"), 32), money(t("rpt.col.current")), bp(t("rpt.col.share")), money(t("rpt.col.prior")), money(t("rpt.col.change")), bp(t("rpt.col.changeRate"))],
    rows: shown.map((c, i) => clientRow(c, offset + i + 1, r.earned.current)),
    totals: [
      { cells: [null, t("rpt.clients.totals", { n: r.rows.filter((c) => c.client_id).length }), r.earned.current, r.earned.current ? 10000 : null, r.earned.prior, r.earned.current - r.earned.prior, ratioBp(r.earned.current - r.earned.prior, r.earned.prior)] },
      { cells: [null, t("rpt.totals.subsidyApart"), r.subsidy.current, null, r.subsidy.prior, r.subsidy.current - r.subsidy.prior, ratioBp(r.subsidy.current - r.subsidy.prior, r.subsidy.prior)] },
    ],
    note: t("rpt.clients.note"),
  };
}
