import { describe, expect, it } from "vitest";
import { changedFields } from "../../app/modules/audit/audit.server";
import { auditValue } from "../../app/modules/audit/field-labels";

describe("audit trail display", () => {
  it("lists what changed, leaving out bookkeeping columns and empty fields of a new record", () => {
    const created = changedFields(null, JSON.stringify({ id: "X", name: "青山茶业", address: "", owner_id: null, updated_at: "t" }));
    expect(created).toEqual([{ field: "name", from: undefined, to: "青山茶业" }]);
    const edited = changedFields(JSON.stringify({ name: "甲", kind: "agency", notes: "" }), JSON.stringify({ name: "乙", kind: "agency", notes: "" }));
    expect(edited).toEqual([{ field: "name", from: "甲", to: "乙" }]);
  });

  it("shows stored codes in Chinese", () => {
    expect(auditValue("kind", "agency")).toBe("广告代理");
    expect(auditValue("role", "finance")).toBe("财务");
    expect(auditValue("taxpayer_status", "general")).toBe("一般纳税人");
    expect(auditValue("disabled", 1)).toBe("已停用");
    expect(auditValue("commission_bp", 1550)).toBe("15.5%");
    expect(auditValue("address", "")).toBe("（空）");
    expect(auditValue("net_fen", 84_999)).toBe("¥849.99");
    expect(auditValue("discount_bp", 1500)).toBe("15%");
    expect(auditValue("kind", "bonus", "order_line")).toBe("配送");
    expect(auditValue("status", "cancelled", "order")).toBe("已取消");
  });
});

describe("audit field names", () => {
  it("names a field in the words of its own screen", async () => {
    const { auditFieldLabel } = await import("../../app/modules/audit/field-labels");
    expect(auditFieldLabel("client", "name")).toBe("客户名称");
    expect(auditFieldLabel("center", "name")).toBe("中心名称");
    expect(auditFieldLabel("user", "role")).toBe("角色");
  });

  it("leaves a zero commission out of a new record's changes", () => {
    expect(changedFields(null, JSON.stringify({ name: "甲", commission_bp: 0 }))).toEqual([{ field: "name", from: undefined, to: "甲" }]);
  });
});
