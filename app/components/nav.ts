// The navigation a role sees. A section shows only if the role may read what it holds;
// sections whose module has not opened yet show greyed out, never as a dead link.
import type { Role } from "~db/schema";
import type { MessageKey } from "~/i18n";
import { can, type Entity } from "~/modules/auth/permissions";

export interface NavItem {
  label: MessageKey;
  href: string;
  open: boolean;
}

const SECTIONS: { label: MessageKey; href: string; open: boolean; visible: (role: Role) => boolean }[] = [
  { label: "nav.home", href: "/", open: true, visible: () => true },
  { label: "nav.inventory", href: "/inventory", open: true, visible: (r) => readable(r, "inventory") },
  { label: "nav.orders", href: "/orders", open: true, visible: (r) => readable(r, "order") },
  { label: "nav.calendar", href: "/calendar", open: true, visible: (r) => readable(r, "order") },
  { label: "nav.contracts", href: "/contracts", open: true, visible: (r) => readable(r, "contract") },
  { label: "nav.clients", href: "/clients", open: true, visible: (r) => readable(r, "client") },
  { label: "nav.finance", href: "/finance", open: true, visible: (r) => readable(r, "billing") },
  { label: "nav.reports", href: "/reports", open: true, visible: (r) => readable(r, "report") },
  { label: "nav.settings", href: "/settings", open: true, visible: (r) => settingsTabs(r).length > 0 },
];

function readable(role: Role, entity: Entity) {
  return can(role, entity, "read");
}

export function navFor(role: Role): NavItem[] {
  return SECTIONS.filter((s) => s.visible(role)).map(({ label, href, open }) => ({ label, href, open }));
}

export function settingsTabs(role: Role): NavItem[] {
  const tabs: NavItem[] = [];
  if (can(role, "user", "read")) tabs.push({ label: "settings.users", href: "/settings/users", open: true });
  if (can(role, "center", "update")) tabs.push({ label: "settings.center", href: "/settings/center", open: true });
  if (can(role, "category", "read")) tabs.push({ label: "settings.categories", href: "/settings/categories", open: true });
  if (can(role, "center", "update")) tabs.push({ label: "settings.notifications", href: "/settings/notifications", open: true });
  if (can(role, "audit", "read")) tabs.push({ label: "settings.audit", href: "/settings/audit", open: true });
  return tabs;
}

/**
 * The tabs under 财务. Sales see the bills of their own clients only; the money desks
 * (payments, receivables, tax) are for those who read all of billing.
 */
export function financeTabs(role: Role): NavItem[] {
  if (!readable(role, "billing")) return [];
  const tab = (label: MessageKey, href: string): NavItem => ({ label, href, open: true });
  if (role === "sales") return [tab("finance.tab.bills", "/finance/bills")];
  return [
    tab("finance.tab.bills", "/finance/bills"),
    tab("finance.tab.payments", "/finance/payments"),
    tab("finance.tab.aging", "/finance/aging"),
    tab("finance.tab.statements", "/finance/statements"),
    tab("finance.tab.cultureFee", "/finance/culture-fee"),
    tab("finance.tab.ledgers", "/finance/ledgers"),
    tab("finance.tab.taxPlatform", "/finance/tax-platform"),
    tab("finance.tab.subsidies", "/finance/subsidies"),
    tab("finance.tab.closing", "/finance/closing"),
    tab("finance.tab.settings", "/finance/settings"),
  ];
}

/** The tabs under 报表: the managers' dashboard, the reports, and the targets (for those who read them). */
export function reportTabs(role: Role): NavItem[] {
  if (!readable(role, "report")) return [];
  const tab = (label: MessageKey, href: string): NavItem => ({ label, href, open: true });
  const tabs = [
    tab("reports.tab.dashboard", "/reports/dashboard"),
    tab("reports.tab.income", "/reports/income"),
    tab("reports.tab.structure", "/reports/structure"),
    tab("reports.tab.techVsAds", "/reports/tech-vs-ads"),
    tab("reports.tab.sales", "/reports/sales"),
    tab("reports.tab.occupancy", "/reports/occupancy"),
    tab("reports.tab.clients", "/reports/clients"),
    tab("reports.tab.statistics", "/reports/statistics"),
  ];
  if (readable(role, "target")) tabs.push(tab("reports.tab.targets", "/reports/targets"));
  return tabs;
}

/** The tabs under 订单: the order list, finding space, the occupancy grid and events. */
export const ORDER_TABS: { label: MessageKey; href: string }[] = [
  { label: "orders.tab.list", href: "/orders" },
  { label: "orders.tab.availability", href: "/orders/availability" },
  { label: "orders.tab.grid", href: "/orders/grid" },
  { label: "orders.tab.events", href: "/events" },
];

