// 报表: the section's tabs (the dashboard, the reports, targets for those who read them) over the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { SectionTabs } from "~/components/SectionTabs";
import { reportTabs } from "~/components/nav";
import { requirePermission } from "~/modules/auth/guard.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "report", "read");
  return { tabs: reportTabs(caller.user.role) };
}

export default function Reports() {
  const { tabs } = useLoaderData<typeof loader>();
  return (
    <section>
      <SectionTabs title={t("reports.title")} tabs={tabs} />
      <Outlet />
    </section>
  );
}
