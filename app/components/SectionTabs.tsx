import { NavLink } from "@remix-run/react";
import { t } from "~/i18n";
import type { NavItem } from "./nav";

/** A section's title and its tabs (设置, 财务): the tabs a role sees come from nav.ts. */
export function SectionTabs({ title, tabs }: { title: string; tabs: NavItem[] }) {
  return (
    <>
      <h1>{title}</h1>
      <nav className="tabs">
        {tabs.map((tab) => (
          <NavLink key={tab.href} to={tab.href}>{t(tab.label)}</NavLink>
        ))}
      </nav>
    </>
  );
}
