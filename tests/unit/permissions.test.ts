import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES } from "../../app/modules/auth/permissions";
import { financeTabs, navFor, settingsTabs } from "../../app/components/nav";

describe("permission matrix", () => {
  it("gives the auditor read and nothing else, on every entity", () => {
    for (const actions of Object.values(PERMISSIONS.auditor)) expect(actions).toEqual(["read"]);
  });

  it("lets only admins manage users and the center profile", () => {
    for (const role of ROLES) {
      expect(can(role, "user", "create"), role).toBe(role === "admin");
      expect(can(role, "center", "update"), role).toBe(role === "admin");
    }
  });

  it("lets sales write contracts and only managers approve them", () => {
    for (const role of ROLES) {
      expect(can(role, "contract", "read"), role).toBe(true);
      expect(can(role, "contract", "create"), role).toBe(role === "sales");
      expect(can(role, "contract", "approve"), role).toBe(role === "manager");
    }
  });

  it("lets managers set targets and nobody else", () => {
    for (const role of ROLES) expect(can(role, "target", "update"), role).toBe(role === "manager");
  });

  it("shows each role the navigation it may use", () => {
    const labels = (role: (typeof ROLES)[number]) => navFor(role).map((n) => n.label);
    expect(labels("sales")).toEqual(["nav.home", "nav.inventory", "nav.orders", "nav.calendar", "nav.contracts", "nav.clients", "nav.finance", "nav.settings"]);
    expect(labels("finance")).toContain("nav.finance");
    expect(navFor("finance").find((n) => n.label === "nav.finance")?.open).toBe(true);
    // Sales read the bills of their own clients; the money desks are not theirs.
    expect(financeTabs("sales").map((t) => t.href)).toEqual(["/finance/bills"]);
    expect(financeTabs("auditor").map((t) => t.href)).toContain("/finance/aging");
    expect(labels("finance")).toContain("nav.settings"); // the audit log
    expect(labels("manager")).toContain("nav.reports");
    expect(settingsTabs("admin").map((t) => t.href)).toEqual(["/settings/users", "/settings/center", "/settings/categories", "/settings/notifications", "/settings/audit"]);
    expect(settingsTabs("sales").map((t) => t.href)).toEqual(["/settings/categories"]); // read-only tree
    expect(navFor("auditor").find((n) => n.label === "nav.inventory")?.open).toBe(true);
  });
});
