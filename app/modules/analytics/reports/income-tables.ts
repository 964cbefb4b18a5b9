// 收入明细表 as a table: one row per line, a totals row with earned income and fiscal subsidy in
// their own columns. Pure.
import { t, tKey } from "~/i18n";
import type { IncomeDetail, IncomeLine } from "./income.server";
import { money, names, type ReportRow, type ReportTable, text } from "./table";

export const SOURCE_PATH: Record<string, string> = { order: "/orders/", event: "/events/", contract: "/contracts/" };

/** "调整（所属 2026-01）" for a correction of a closed month, else the month itself. */
export function forMonthText(line: Pick<IncomeLine, "month" | "for_month">): string {
  return line.for_month !== line.month ? t("rpt.income.adjustment", { month: line.for_month }) : line.for_month;
}

function linksOf(source: string | null, client: string | null): Record<number, string> {
  const links: Record<number, string> = {};
  if (source) [links[3], links[4]] = [source, source];
  if (client) links[5] = client;
  return links;
}

export function incomeRow(l: IncomeLine): ReportRow {
  const path = SOURCE_PATH[l.source_kind];
  return {
    cells: [
      l.month,
      forMonthText(l),
      tKey("rpt.source", l.source_kind),
      l.source_label,
      l.source_title,
      l.client_name,
      l.category_name,
      l.medium ? tKey("medium", l.medium) : "",
      l.owner_name,
      tKey("rpt.origin", l.origin),
      l.earned ? l.amount_fen : null,
      l.earned ? null : l.amount_fen,
    ],
    mark: l.for_month !== l.month ? "highlight" : undefined,
    links: linksOf(path ? `${path}${l.source_id}` : null, l.client_id ? `/clients/${l.client_id}` : null),
  };
}

export function incomeTable(d: IncomeDetail): ReportTable {
  return {
    sheet: t("rpt.income.title"),
    title: t("rpt.income.title"),
    columns: [
      text(t("rpt.col.month"), 10),
      text(t("rpt.col.forMonth"), 18),
      text(t("rpt.col.source"), 9),
      text(t("rpt.col.number"), 18),
      names(t("rpt.col.sourceTitle"), 28),
      names(t("rpt.col.client"), 28),
      text(t("rpt.col.category"), 18),
      text(t("rpt.col.medium"), 12),
      text(t("rpt.col.rep"), 10),
      text(t("rpt.col.origin"), 10),
      money(t("rpt.col.earned"), 16),
      money(t("rpt.col.subsidy"), 16),
    ],
    rows: d.lines.map(incomeRow),
    totals: [{ cells: [t("rpt.totals"), null, null, null, t("rpt.income.lineCount", { n: d.lineCount }), null, null, null, null, null, d.earnedFen, d.subsidyFen] }],
    note: t("rpt.income.note"),
  };
}
