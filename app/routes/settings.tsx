import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { SectionTabs } from "~/components/SectionTabs";
import { settingsTabs } from "~/components/nav";
import { requireUser } from "~/modules/auth/guard.server";
import { forbidden } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireUser(request, context);
  const tabs = settingsTabs(caller.user.role);
  if (tabs.length === 0) forbidden();
  return { tabs };
}

export default function Settings() {
  const { tabs } = useLoaderData<typeof loader>();
  return (
    <section>
      <SectionTabs title={t("settings.title")} tabs={tabs} />
      <Outlet />
    </section>
  );
}
