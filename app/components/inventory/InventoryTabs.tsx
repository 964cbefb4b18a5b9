import { NavLink, useRouteLoaderData } from "@remix-run/react";
import type { Role } from "~db/schema";
import { type MessageKey, t } from "~/i18n";
import { can } from "~/modules/auth/permissions";

const TABS: { to: string; label: MessageKey; show: (role: Role) => boolean }[] = [
  { to: "/inventory", label: "inventory.tab.units", show: () => true },
  { to: "/inventory/sites", label: "inventory.tab.sites", show: () => true },
  { to: "/inventory/expiring", label: "inventory.tab.expiring", show: () => true },
  // Import writes inventory; readers export from the list instead.
  { to: "/inventory/import", label: "inventory.tab.import", show: (r) => can(r, "inventory", "create") && can(r, "inventory", "update") },
];

/** The inventory section's views, as a tab-like link bar shown on each of them. */
export function InventoryTabs() {
  const root = useRouteLoaderData<{ user: { role: Role } | null }>("root");
  const role = root?.user?.role;
  return (
    <nav className="tabs" aria-label={t("inventory.title")}>
      {TABS.filter((tab) => role && tab.show(role)).map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.to === "/inventory"} prefetch="intent">
          {t(tab.label)}
        </NavLink>
      ))}
    </nav>
  );
}
