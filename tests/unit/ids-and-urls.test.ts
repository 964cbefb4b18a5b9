import { describe, expect, it } from "vitest";
import { isId, newId } from "../../db/ids";
import { DatabaseConfigError, parseDatabaseUrl, redactUrl } from "../../db/connection";

describe("ids", () => {
  it("are 26 characters, unique, and sort by creation time", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => newId(1_700_000_000_000 + i));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every(isId)).toBe(true);
  });
});

describe("DATABASE_URL", () => {
  it("defaults to a SQLite file under data/", () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ kind: "sqlite", file: "data/app.db" });
    expect(parseDatabaseUrl("file:/tmp/x.db")).toEqual({ kind: "sqlite", file: "/tmp/x.db" });
  });

  it("takes mysql:// and mariadb:// URLs", () => {
    const target = parseDatabaseUrl("mariadb://u:p@db.local:3307/rm");
    expect(target.kind).toBe("mysql");
  });

  it("explains a bad URL in Chinese without showing the password", () => {
    expect(() => parseDatabaseUrl("postgres://u:secret@h/db")).toThrow(DatabaseConfigError);
    expect(() => parseDatabaseUrl("postgres://u:secret@h/db")).toThrow(/不受支持/);
    expect(() => parseDatabaseUrl("mysql://u:secret@h")).toThrow(/缺少主机或数据库名/);
    try {
      parseDatabaseUrl("mysql://u:secret@h");
    } catch (error) {
      expect((error as Error).message).not.toContain("secret");
    }
    expect(redactUrl("mysql://root:hunter2@h:3306/x")).toBe("mysql://root:***@h:3306/x");
  });
});

describe("ids made within one millisecond", () => {
  it("sort in the order they were made", async () => {
    const { newId } = await import("../../db/ids");
    const at = Date.parse("2026-11-27T04:00:00.000Z");
    const ids = Array.from({ length: 50 }, () => newId(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
  });
});
