// ECharts on the server: an option becomes an SVG string in the loader, and the page shows it as
// markup. No chart code reaches the browser; the numbers of every chart are in a table beside it.
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TitleComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { CHART_FONT, COLORS } from "./theme";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TitleComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Rendering is pure (the same option and size give the same SVG) and costs a few milliseconds per
 * chart, more for many bars; the last renders are kept, so a page whose figures have not changed
 * since the previous view does not draw its charts again.
 */
const CACHE_LIMIT = 48;
const cache = new Map<string, string>();

const keyOf = (option: ChartOption, size: ChartSize) =>
  `${size.width}x${size.height}:${JSON.stringify(option, (_k, v) => (typeof v === "function" ? String(v) : v))}`;

/** The chart as an SVG document sized `size` (it scales down with CSS through its viewBox). */
export function renderChartSvg(option: ChartOption, size: ChartSize): string {
  const full: ChartOption = { animation: false, textStyle: { fontFamily: CHART_FONT, color: COLORS.ink, fontSize: 12 }, ...option };
  const key = keyOf(full, size);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  // ssr: no DOM; the instance must be disposed or its animation timer keeps the process alive.
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  let svg: string;
  try {
    chart.setOption(full);
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  // The hover metadata and per-instance class names serve ECharts' client script, which is not sent.
  svg = svg.replace(/ ecmeta_[a-z_]+="[^"]*"/g, "").replace(/ class="zr\d+-cls-\d+"/g, "").replace(/ pointer-events="visible"/g, "");
  cache.set(key, svg);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return svg;
}
