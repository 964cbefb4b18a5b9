// The dashboard's charts, drawn on the server from its figures (ECharts → SVG). Amounts are shown
// in 万元; the exact figures are in the tables beside the charts.
import { t } from "~/i18n";
import type { DashboardData } from "~/modules/analytics/dashboard.server";
import { renderChartSvg } from "~/components/charts/render.server";
import { COLORS, OCCUPANCY_COLORS, PALETTE } from "~/components/charts/theme";
import { pct, wan } from "./format";
import { OCCUPANCY_KINDS, occupancyShares } from "./occupancy";

export interface DashboardCharts {
  techVsAds: string;
  rolling: string;
  yoy: string;
  structure: string;
  occupancy: { medium: string; svg: string }[];
}

const axisLine = { lineStyle: { color: "#c4cbd3" } };
const splitLine = { lineStyle: { color: COLORS.grid } };
const valueAxis = (name: string) => ({ type: "value", name, nameTextStyle: { color: COLORS.muted, align: "right" }, axisLabel: { color: COLORS.muted }, splitLine });
const legend = { top: 0, left: "center", itemGap: 18, textStyle: { color: COLORS.ink } };

function techVsAdsChart(d: DashboardData["techVsAds"]): string {
  // Marked only when it falls in the months drawn (the sentence names an earlier one).
  const cross = d.crossover.month && d.months.includes(d.crossover.month) ? d.crossover.month : null;
  const line = (name: string, values: number[], color: string, extra: object = {}) => ({
    name, type: "line", data: values.map(wan), color, showSymbol: false, lineStyle: { width: 2.5, color }, ...extra,
  });
  return renderChartSvg(
    {
      legend,
      grid: { left: 64, right: 28, top: 56, bottom: 36 },
      xAxis: { type: "category", data: d.months, axisLine, axisLabel: { color: COLORS.muted }, axisTick: { alignWithLabel: true } },
      yAxis: valueAxis("万元"),
      series: [
        line(t("dash.tech.tech"), d.tech, COLORS.tech, cross ? {
          markLine: {
            symbol: "none", silent: true,
            lineStyle: { color: COLORS.mark, type: "dashed", width: 1.5 },
            label: { formatter: `${t("dash.tech.mark")} ${cross}`, color: COLORS.mark, position: "end", fontWeight: 600 },
            data: [{ xAxis: cross }],
          },
          markPoint: {
            symbol: "circle", symbolSize: 10, silent: true, itemStyle: { color: COLORS.mark, borderColor: "#fff", borderWidth: 2 }, label: { show: false },
            data: [{ coord: [cross, wan(d.tech[d.months.indexOf(cross)])] }],
          },
        } : {}),
        line(t("dash.tech.traditional"), d.traditional, COLORS.traditional),
        line(t("dash.tech.allAds"), d.allAds, COLORS.allAds, { lineStyle: { width: 1.5, type: "dashed", color: COLORS.allAds } }),
      ],
    },
    { width: 760, height: 320 },
  );
}

function rollingChart(d: DashboardData["techVsAds"]): string {
  const from = d.rollingTech.findIndex((v) => v !== null);
  const months = from < 0 ? [] : d.months.slice(from);
  const values = (rows: (number | null)[]) => (from < 0 ? [] : rows.slice(from).map((v) => (v === null ? null : wan(v))));
  return renderChartSvg(
    {
      legend,
      grid: { left: 64, right: 20, top: 44, bottom: 36 },
      xAxis: { type: "category", data: months, axisLine, axisLabel: { color: COLORS.muted } },
      yAxis: valueAxis("万元"),
      series: [
        { name: t("dash.tech.tech"), type: "line", data: values(d.rollingTech), color: COLORS.tech, symbolSize: 5, lineStyle: { width: 2.5 } },
        { name: t("dash.tech.traditional"), type: "line", data: values(d.rollingTraditional), color: COLORS.traditional, symbolSize: 5, lineStyle: { width: 2.5 } },
      ],
    },
    { width: 560, height: 280 },
  );
}

function yoyChart(d: DashboardData["techVsAds"], year: number): string {
  const bar = (name: string, values: (number | null)[], color: string) => ({ name, type: "bar", data: values.map((v) => (v === null ? null : wan(v))), color, barGap: "10%", barCategoryGap: "30%" });
  const name = (key: "dash.tech.tech" | "dash.tech.traditional", y: number) => t("dash.tech.yoySeries", { name: t(key), year: y });
  return renderChartSvg(
    {
      legend,
      grid: { left: 64, right: 20, top: 44, bottom: 36 },
      xAxis: { type: "category", data: d.yoy.labels, axisLine, axisLabel: { color: COLORS.muted } },
      yAxis: valueAxis("万元"),
      series: [
        bar(name("dash.tech.tech", year - 1), d.yoy.techLast, "#9dbde3"),
        bar(name("dash.tech.tech", year), d.yoy.techThis, COLORS.tech),
        bar(name("dash.tech.traditional", year - 1), d.yoy.traditionalLast, "#e6c29b"),
        bar(name("dash.tech.traditional", year), d.yoy.traditionalThis, COLORS.traditional),
      ],
    },
    { width: 680, height: 300 },
  );
}

function structureChart(d: DashboardData["structure"]): string {
  const rows = d.rows.filter((r) => r.amount_fen > 0);
  return renderChartSvg(
    {
      color: [...PALETTE],
      series: [
        {
          type: "pie", radius: ["38%", "66%"], center: ["50%", "52%"], avoidLabelOverlap: true, startAngle: 90,
          label: { color: COLORS.ink, lineHeight: 16 }, labelLine: { length: 10, length2: 12 },
          itemStyle: { borderColor: "#fff", borderWidth: 1.5 },
          // The label shows the share the table shows (largest remainder, one decimal), not ECharts' own rounding.
          data: rows.map((r) => ({ name: r.name, value: wan(r.amount_fen), label: { formatter: `{b}\n${pct(r.share_bp)}` } })),
        },
      ],
    },
    { width: 480, height: 300 },
  );
}

function occupancyChart(d: DashboardData["occupancy"], medium: string): string {
  const shares = occupancyShares(d.rows.filter((r) => r.medium === medium));
  return renderChartSvg(
    {
      legend: { ...legend, itemWidth: 14, itemHeight: 10 },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: "category", data: shares.map((s) => s.month.slice(2)), axisLine, axisLabel: { color: COLORS.muted } },
      yAxis: { ...valueAxis(""), max: 100, axisLabel: { color: COLORS.muted, formatter: "{value}%" } },
      series: OCCUPANCY_KINDS.map((kind) => ({
        name: t(`dash.occ.kind.${kind}`), type: "bar", stack: "use", color: OCCUPANCY_COLORS[kind], barCategoryGap: "28%",
        data: shares.map((s) => (s.bp[kind] === null ? null : s.bp[kind]! / 100)),
      })),
    },
    { width: 560, height: 280 },
  );
}

/** Every chart of the dashboard as an SVG string. */
export function dashboardCharts(d: DashboardData): DashboardCharts {
  const media = [...new Set(d.occupancy.rows.map((r) => r.medium))];
  return {
    techVsAds: techVsAdsChart(d.techVsAds),
    rolling: rollingChart(d.techVsAds),
    yoy: yoyChart(d.techVsAds, d.year),
    structure: structureChart(d.structure),
    occupancy: media.map((medium) => ({ medium, svg: occupancyChart(d.occupancy, medium) })),
  };
}
