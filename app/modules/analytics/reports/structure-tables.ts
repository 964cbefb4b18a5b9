// 收入结构分析 as tables: by category (shares of earned income, year on year) and by month. Pure.
import { t } from "~/i18n";
import { ratioBp, sharesBp } from "../series";
import type { Amounts, StructureReport } from "./structure.server";
import { bp, money, type ReportCell, type ReportRow, type ReportTable, text } from "./table";

/** 本期, 占比, 上年同期, 增减额, 增减率. */
function amountCells(a: Amounts, share: number | null): ReportCell[] {
  return [a.current, share, a.prior, a.current - a.prior, ratioBp(a.current - a.prior, a.prior)];
}

export function structureTables(r: StructureReport, period: string): ReportTable[] {
  const total = r.earnedTotal.current;
  const topShares = sharesBp(r.earned.map((top) => top.current));
  const rows: ReportRow[] = [];
  r.earned.forEach((top, i) => {
    rows.push({ cells: [top.name, ...amountCells(top, total > 0 ? topShares[i] : null)], links: { 0: `?category=${top.id}` } });
    for (const leaf of top.children) rows.push({ cells: [`　${leaf.name}`, ...amountCells(leaf, ratioBp(leaf.current, total))], mark: "sub" });
  });
  for (const top of r.subsidy) {
    rows.push({ cells: [t("rpt.structure.subsidyRow", { name: top.name }), ...amountCells(top, null)], mark: "muted" });
    for (const leaf of top.children) rows.push({ cells: [`　${leaf.name}`, ...amountCells(leaf, null)], mark: "muted" });
  }
  const byCategory: ReportTable = {
    sheet: t("rpt.structure.sheet.category"),
    title: t("rpt.structure.table.category", { period }),
    columns: [text(t("rpt.col.category"), 24), money(t("rpt.col.current")), bp(t("rpt.col.share")), money(t("rpt.col.prior")), money(t("rpt.col.change")), bp(t("rpt.col.changeRate"))],
    rows,
    totals: [
      { cells: [t("rpt.totals.earned"), ...amountCells(r.earnedTotal, total > 0 ? 10000 : null)] },
      { cells: [t("rpt.totals.nonAds"), ...amountCells(r.nonAds, ratioBp(r.nonAds.current, total))] },
      { cells: [t("rpt.totals.subsidy"), ...amountCells(r.subsidyTotal, null)] },
    ],
    note: t("rpt.structure.note"),
  };
  const byMonth: ReportTable = {
    sheet: t("rpt.structure.sheet.month"),
    title: t("rpt.structure.table.month", { period }),
    columns: [text(t("rpt.col.month"), 10), ...r.earned.map((top) => money(top.name)), money(t("rpt.totals.earned")), money(t("rpt.col.subsidy"))],
    rows: r.months.map((m) => ({ cells: [m.month, ...r.earned.map((top) => m.byTop[top.id] ?? 0), m.earned, m.subsidy] })),
    totals: [{ cells: [t("rpt.totals"), ...r.earned.map((top) => top.current), r.earnedTotal.current, r.subsidyTotal.current] }],
  };
  return [byCategory, byMonth];
}
