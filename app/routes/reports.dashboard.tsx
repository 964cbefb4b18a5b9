// 报表 › 经营看板: the managers' dashboard for every role that reads reports (admin, finance,
// manager, auditor). The figures and charts are made in the loader; no chart code reaches the browser.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { Dashboard } from "~/components/dashboard/Dashboard";
import { loadDashboard } from "~/components/dashboard/dashboard-view.server";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import styles from "~/styles/dashboard.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${t("dash.title")} · ${t("app.name")}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "report", "read");
  const view = await loadDashboard(context.db, caller.scope);
  return { view, canEditTargets: can(caller.user.role, "target", "update") };
}

export default function ReportsDashboard() {
  const { view, canEditTargets } = useLoaderData<typeof loader>();
  return <Dashboard view={view} canEditTargets={canEditTargets} />;
}
