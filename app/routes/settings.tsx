import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
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
      <h1>{t("settings.title")}</h1>
      <nav className="tabs">
        {tabs.map((tab) => (
          <NavLink key={tab.href} to={tab.href}>{t(tab.label)}</NavLink>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}
