import { Form, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Role } from "~db/schema";
import { t, tKey } from "~/i18n";
import { navFor } from "./nav";

export interface ShellUser {
  displayName: string;
  role: Role;
  centerName: string;
}

export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t("app.name")}</span>
          <span className="brand-center">{user.centerName}</span>
        </div>
        <nav className="mainnav" aria-label="主导航">
          {navFor(user.role).map((item) =>
            item.open ? (
              <NavLink key={item.href} to={item.href} end={item.href === "/"} prefetch="intent">
                {t(item.label)}
              </NavLink>
            ) : (
              <span key={item.href} className="nav-closed" title={t("nav.notYetOpen")} aria-disabled="true">
                {t(item.label)}
              </span>
            ),
          )}
        </nav>
        <div className="whoami">
          <span>
            {user.displayName} · {tKey("role", user.role)}
          </span>
          <NavLink to="/account/password">{t("nav.account")}</NavLink>
          <Form method="post" action="/logout">
            <button type="submit" className="linklike">
              {t("nav.logout")}
            </button>
          </Form>
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
