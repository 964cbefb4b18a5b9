import { describe, expect, it } from "vitest";
import { isSameOriginWrite } from "../../app/modules/auth/origin";
import { safeNext } from "../../app/modules/auth/guard.server";

const SELF = "http://localhost:3000";

describe("forgery protection", () => {
  it("lets reads through and same-origin writes", () => {
    expect(isSameOriginWrite("GET", {}, SELF)).toBe(true);
    expect(isSameOriginWrite("POST", { origin: SELF }, SELF)).toBe(true);
    expect(isSameOriginWrite("POST", { referer: `${SELF}/clients/new` }, SELF)).toBe(true);
  });

  it("refuses writes from another site, from nowhere, or from an opaque origin", () => {
    expect(isSameOriginWrite("POST", { origin: "http://evil.example" }, SELF)).toBe(false);
    expect(isSameOriginWrite("POST", { origin: "http://localhost:3001" }, SELF)).toBe(false);
    expect(isSameOriginWrite("DELETE", {}, SELF)).toBe(false);
    expect(isSameOriginWrite("POST", { origin: "null" }, SELF)).toBe(false);
    expect(isSameOriginWrite("POST", { referer: "not a url" }, SELF)).toBe(false);
  });

  it("only follows same-site paths after login", () => {
    expect(safeNext("/clients?q=1")).toBe("/clients?q=1");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", null, ""]) expect(safeNext(bad)).toBe("/");
  });
});
