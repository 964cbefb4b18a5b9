// 技术服务与传统广告对比 as a table: a month per row, the crossover month marked. Pure.
import { t } from "~/i18n";
import { ratioBp } from "../series";
import type { TechVsAdsReport } from "./tech-vs-ads.server";
import { bp, money, type ReportTable, text } from "./table";

/** The sentence above the table: when technical services first overtook traditional advertising. */
export function crossoverText(r: TechVsAdsReport): string {
  if (r.crossover.month) return t("rpt.tva.crossover", { month: r.crossover.month });
  if (r.crossover.aheadFromStart) return t("rpt.tva.aheadFromStart", { month: r.crossover.historyFrom });
  return t("rpt.tva.noCrossover");
}

export function techVsAdsTable(r: TechVsAdsReport, period: string): ReportTable {
  return {
    sheet: t("rpt.tva.sheet"),
    title: t("rpt.tva.table", { period }),
    columns: [
      text(t("rpt.col.month"), 10),
      money(t("rpt.tva.col.tech"), 16),
      money(t("rpt.tva.col.traditional"), 16),
      money(t("rpt.tva.col.allAds"), 18),
      money(t("rpt.tva.col.gap"), 16),
      bp(t("rpt.tva.col.techYoy"), 12),
      bp(t("rpt.tva.col.traditionalYoy"), 12),
      money(t("rpt.tva.col.tech12"), 18),
      money(t("rpt.tva.col.traditional12"), 18),
      text(t("rpt.tva.col.mark"), 16),
    ],
    rows: r.months.map((m) => ({
      cells: [
        m.month,
        m.tech,
        m.traditional,
        m.allAds,
        m.tech - m.traditional,
        ratioBp(m.tech - m.techPrior, m.techPrior),
        ratioBp(m.traditional - m.traditionalPrior, m.traditionalPrior),
        m.tech12,
        m.traditional12,
        m.month === r.crossover.month ? t("rpt.tva.mark") : m.tech > m.traditional ? t("rpt.tva.ahead") : "",
      ],
      mark: m.month === r.crossover.month ? "highlight" : undefined,
    })),
    totals: [
      {
        cells: [
          t("rpt.totals"),
          r.totals.tech,
          r.totals.traditional,
          r.totals.allAds,
          r.totals.tech - r.totals.traditional,
          ratioBp(r.totals.tech - r.totals.techPrior, r.totals.techPrior),
          ratioBp(r.totals.traditional - r.totals.traditionalPrior, r.totals.traditionalPrior),
          null,
          null,
          null,
        ],
      },
    ],
    note: `${crossoverText(r)}。${t("rpt.tva.note")}`,
  };
}
