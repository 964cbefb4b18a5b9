import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
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
      <h1>{t("finance.title")}</h1>
      <nav className="tabs">
        {tabs.map((tab) => (
          <NavLink key={tab.href} to={tab.href}>{t(tab.label)}</NavLink>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}
