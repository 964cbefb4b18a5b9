import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { SectionTabs } from "~/components/SectionTabs";
import { financeTabs } from "~/components/nav";
import { requirePermission } from "~/modules/auth/guard.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "billing", "read");
  return { tabs: financeTabs(caller.user.role) };
}

export default function Finance() {
  const { tabs } = useLoaderData<typeof loader>();
  return (
    <section>
      <SectionTabs title={t("finance.title")} tabs={tabs} />
      <Outlet />
    </section>
  );
}
