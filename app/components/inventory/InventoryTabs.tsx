import { NavLink } from "@remix-run/react";
import { type MessageKey, t } from "~/i18n";

const TABS: { to: string; label: MessageKey }[] = [
  { to: "/inventory", label: "inventory.tab.units" },
  { to: "/inventory/sites", label: "inventory.tab.sites" },
  { to: "/inventory/expiring", label: "inventory.tab.expiring" },
  { to: "/inventory/import", label: "inventory.tab.import" },
];

/** The inventory section's views, as a tab-like link bar. */
export function InventoryTabs() {
  return (
    <nav className="tabs" aria-label={t("inventory.title")}>
      {TABS.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.to === "/inventory"} prefetch="intent">
          {t(tab.label)}
        </NavLink>
      ))}
    </nav>
  );
}
