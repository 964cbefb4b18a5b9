import { t } from "~/i18n";
import { ChartFigure } from "~/components/charts/ChartFigure";
import type { DashboardData } from "~/modules/analytics/dashboard.server";
import { formatWan, signedPct } from "./format";
import { Hint } from "./Hint";

type Data = DashboardData["techVsAds"];

/** The sentence naming the crossover month (or saying there is none in the window). */
export function crossoverText(d: Data): string {
  if (d.crossover.month) return t(d.crossover.month < d.months[0] ? "dash.tech.crossoverBefore" : "dash.tech.crossover", { month: d.crossover.month });
  if (d.crossover.aheadFromStart) return t("dash.tech.aheadFromStart", { month: d.crossover.historyFrom });
  return t("dash.tech.notYet");
}

const change = (now: number | null, before: number | null) => (now === null || before === null || before === 0 ? null : Math.round(((now - before) * 10000) / Math.abs(before)));

export function TechVsAdsPanel({ data: d, year, charts }: { data: Data; year: number; charts: { techVsAds: string; rolling: string; yoy: string } }) {
  const last = d.months.length - 1;
  const prev = last - 12;
  const rolling = [
    { key: "tech", name: t("dash.tech.tech"), now: d.rollingTech[last], before: prev >= 0 ? d.rollingTech[prev] : null },
    { key: "traditional", name: t("dash.tech.traditional"), now: d.rollingTraditional[last], before: prev >= 0 ? d.rollingTraditional[prev] : null },
  ];
  return (
    <div className="panel dash-tech">
      <h2>{t("dash.tech.title")}</h2>
      <p className={d.crossover.month ? "dash-crossover" : "dash-crossover dash-crossover-none"} data-crossover={d.crossover.month ?? ""}>
        {crossoverText(d)}
      </p>
      <ChartFigure svg={charts.techVsAds} label={t("dash.tech.title")} side note={t("dash.tech.allAds.hint")}>
        <div className="dash-scroll">
          <table className="grid dash-table">
            <thead>
              <tr>
                <th>{t("dash.unitWan")}</th>
                <th className="num">{t("dash.tech.tech")}</th>
                <th className="num">{t("dash.tech.traditional")}</th>
                <th className="num"><Hint title={t("dash.tech.allAds.hint")}>{t("dash.tech.allAds")}</Hint></th>
              </tr>
            </thead>
            <tbody>
              {d.months.map((m, i) => (
                <tr key={m} className={m === d.crossover.month ? "dash-mark" : undefined}>
                  <td className="nowrap">{m}</td>
                  <td className="num">{formatWan(d.tech[i])}</td>
                  <td className="num">{formatWan(d.traditional[i])}</td>
                  <td className="num">{formatWan(d.allAds[i])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartFigure>
      <h3><Hint title={t("dash.tech.rolling.hint")}>{t("dash.tech.rolling")}</Hint></h3>
      <ChartFigure svg={charts.rolling} label={t("dash.tech.rolling")} side>
        <table className="grid dash-table">
          <thead>
            <tr>
              <th>{t("dash.unitWan")}</th>
              <th className="num">
                {t("dash.tech.rollingNow")}
                <div className="small muted">{t("dash.tech.through", { month: d.months[last] })}</div>
              </th>
              <th className="num">
                {t("dash.tech.rollingPrev")}
                <div className="small muted">{prev >= 0 ? t("dash.tech.through", { month: d.months[prev] }) : ""}</div>
              </th>
              <th className="num">{t("dash.tech.change")}</th>
            </tr>
          </thead>
          <tbody>
            {rolling.map((r) => (
              <tr key={r.key}>
                <td>{r.name}</td>
                <td className="num">{r.now === null ? "—" : formatWan(r.now)}</td>
                <td className="num">{r.before === null ? "—" : formatWan(r.before)}</td>
                <td className="num">{signedPct(change(r.now, r.before))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartFigure>
      <h3>{t("dash.tech.yoy", { year, last: year - 1 })}</h3>
      <ChartFigure svg={charts.yoy} label={t("dash.tech.yoy", { year, last: year - 1 })} side>
        <table className="grid dash-table">
          <thead>
            <tr>
              <th rowSpan={2}>{t("dash.unitWan")}</th>
              <th colSpan={2} className="dash-group">{t("dash.tech.tech")}</th>
              <th colSpan={2} className="dash-group">{t("dash.tech.traditional")}</th>
            </tr>
            <tr>
              <th className="num">{year - 1}</th>
              <th className="num">{year}</th>
              <th className="num">{year - 1}</th>
              <th className="num">{year}</th>
            </tr>
          </thead>
          <tbody>
            {d.yoy.labels.map((label, i) => (
              <tr key={label}>
                <td>{label}</td>
                <td className="num">{formatWan(d.yoy.techLast[i])}</td>
                <td className="num">{d.yoy.techThis[i] === null ? "—" : formatWan(d.yoy.techThis[i]!)}</td>
                <td className="num">{formatWan(d.yoy.traditionalLast[i])}</td>
                <td className="num">{d.yoy.traditionalThis[i] === null ? "—" : formatWan(d.yoy.traditionalThis[i]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartFigure>
    </div>
  );
}
