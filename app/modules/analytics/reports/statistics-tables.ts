// 统计年报 as tables: the headings with their year totals (earned income and fiscal subsidy as
// separate totals), and which categories fed each heading. Pure.
import { t, tKey } from "~/i18n";
import type { StatisticsReturn } from "./statistics.server";
import { money, names, type ReportRow, type ReportTable, text } from "./table";

export function statisticsTables(r: StatisticsReturn): ReportTable[] {
  const byHeading = new Map(r.headings.map((h) => [h.heading, h]));
  const line = (heading: (typeof r.headings)[number]["heading"], no: string): ReportRow => ({
    cells: [no, tKey("rpt.stat.heading", heading), byHeading.get(heading)?.amount_fen ?? 0, byHeading.get(heading)?.categories.map((c) => c.name).join("、") ?? ""],
  });
  const summary: ReportTable = {
    sheet: t("rpt.stat.sheet.return"),
    title: t("rpt.stat.table.return", { year: r.year }),
    columns: [text(t("rpt.stat.col.no"), 6), text(t("rpt.stat.col.heading"), 30), money(t("rpt.stat.col.amount"), 18), names(t("rpt.stat.col.categories"), 60)],
    rows: [line("broadcast_ads", "1"), line("new_media_ads", "2"), line("other_ads", "3"), line("tech_and_other", "4"), line("subsidy", "5"), { ...line("excluded", ""), mark: "muted" }],
    totals: [
      { cells: [null, t("rpt.stat.earnedTotal"), r.earnedTotal, t("rpt.stat.earnedTotalHint")] },
      { cells: [null, t("rpt.stat.subsidyTotal"), r.subsidyTotal, null] },
    ],
    note: t("rpt.stat.note"),
  };
  const rows: ReportRow[] = r.headings.flatMap((h) =>
    h.categories.map((c) => ({ cells: [tKey("rpt.stat.heading", h.heading), c.name, tKey("rpt.stat.source", c.source), c.amount_fen] })),
  );
  const breakdown: ReportTable = {
    sheet: t("rpt.stat.sheet.breakdown"),
    title: t("rpt.stat.table.breakdown", { year: r.year }),
    columns: [text(t("rpt.stat.col.heading"), 30), text(t("rpt.col.category"), 26), text(t("rpt.stat.col.source"), 12), money(t("rpt.stat.col.amount"), 18)],
    rows,
    totals: [
      { cells: [t("rpt.stat.earnedTotal"), null, null, r.earnedTotal] },
      { cells: [t("rpt.stat.subsidyTotal"), null, null, r.subsidyTotal] },
    ],
  };
  return [summary, breakdown];
}
