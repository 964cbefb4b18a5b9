import { NavLink } from "@remix-run/react";
import { t } from "~/i18n";
import { ORDER_TABS } from "~/components/nav";

/** The tabs every page under 订单 starts with. */
export function OrderTabs() {
  return (
    <nav className="tabs">
      {ORDER_TABS.map((tab) => (
        <NavLink key={tab.href} to={tab.href} end={tab.href === "/orders"}>{t(tab.label)}</NavLink>
      ))}
    </nav>
  );
}
