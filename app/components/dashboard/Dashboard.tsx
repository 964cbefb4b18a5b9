// The managers' dashboard, as 首页 shows it to managers and 报表 › 经营看板 to every reader of reports.
import { t } from "~/i18n";
import { HoldsPanel, OverduePanel, TopClientsPanel } from "./ListsPanels";
import { OccupancyPanel } from "./OccupancyPanel";
import { PeriodsPanel } from "./PeriodsPanel";
import { StructurePanel } from "./StructurePanel";
import { TargetsPanel } from "./TargetsPanel";
import { TechVsAdsPanel } from "./TechVsAdsPanel";
import type { DashboardView } from "./dashboard-view.server";

export function Dashboard({ view, canEditTargets, heading = true }: { view: DashboardView; canEditTargets: boolean; heading?: boolean }) {
  const { data: d, charts } = view;
  return (
    <div className="dashboard">
      <div className="page-head dash-head">
        {heading ? <h2>{t("dash.title")}</h2> : <span />}
        <span className="muted small">{t("dash.asOf", { date: d.today })}</span>
      </div>
      {d.closedThrough ? <p className="dash-closing small">{t("dash.closing", { month: d.closedThrough })}</p> : null}
      <PeriodsPanel periods={d.periods} />
      <TechVsAdsPanel data={d.techVsAds} year={d.year} charts={charts} />
      <StructurePanel data={d.structure} chart={charts.structure} />
      <TargetsPanel board={d.targets} canEdit={canEditTargets} />
      <OccupancyPanel data={d.occupancy} charts={charts.occupancy} />
      <div className="two-col">
        <TopClientsPanel rows={d.topClients} />
        <div>
          <OverduePanel data={d.overdue} />
          <HoldsPanel data={d.holds} />
        </div>
      </div>
    </div>
  );
}
