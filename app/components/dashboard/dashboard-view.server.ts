// What the dashboard routes load: the figures and their charts, drawn here on the server.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { dashboardData } from "~/modules/analytics/dashboard.server";
import { nowIso, todayInShanghai } from "~/utils/time";
import { dashboardCharts } from "./charts.server";

export async function loadDashboard(db: Executor, scope: Pick<Scope, "centerId">, today: string = todayInShanghai(), now: string = nowIso()) {
  const data = await dashboardData(db, scope, today, now);
  return { data, charts: dashboardCharts(data) };
}

export type DashboardView = Awaited<ReturnType<typeof loadDashboard>>;
