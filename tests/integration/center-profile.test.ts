import { expect, it } from "vitest";
import * as centerSettings from "../../app/routes/settings.center";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter } from "../support/factory";
import { call } from "../support/routes";

const PROFILE = {
  name: "青山县融媒体中心",
  taxpayer_status: "general",
  tax_id: "12330000mb0000001x",
  address: "青山县城关镇广电路1号",
  phone: "0571-86000000",
  bank_name: "中国工商银行青山支行",
  bank_account: "1202020209000012345",
};
const HOLDS = { hold_days: "5", hold_max_renewals: "1" };
const CONTRACTS = { contract_approval: "50000", contract_number_pattern: "HT{YYYY}-{NNN}" };

type Errors = { errors: Record<string, string> };

describeEachDb("center profile", ({ db }) => {
  const centerRow = (id: string) => db().selectFrom("centers").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("saves the invoice details, audits the change, and refuses a stale form", async () => {
    const center = await makeCenter(db());
    const admin = await cookieFor(db(), center.users.admin);
    const loaded = await call(centerSettings.loader, db(), { url: "/settings/center", cookie: admin });
    const { updated_at } = (loaded.body as { center: { updated_at: string } }).center;

    const saved = await call(centerSettings.action, db(), { url: "/settings/center", cookie: admin, form: { ...PROFILE, ...HOLDS, ...CONTRACTS, updated_at } });
    expect(saved.body).toMatchObject({ saved: true });
    const row = await centerRow(center.id);
    expect(row).toMatchObject({ ...PROFILE, tax_id: "12330000MB0000001X", hold_days: 5, hold_max_renewals: 1, contract_number_pattern: "HT{YYYY}-{NNN}" });
    expect(Number(row.contract_approval_fen)).toBe(5_000_000);
    const trail = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", center.id).where("action", "=", "update").execute();
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0].before_json!).name).toMatch(/^测试中心/);

    const stale = await call(centerSettings.action, db(), { url: "/settings/center", cookie: admin, form: { ...PROFILE, ...HOLDS, ...CONTRACTS, name: "旧表单", updated_at } });
    expect(stale.status).toBe(409);
    const bad = await call(centerSettings.action, db(), {
      url: "/settings/center",
      cookie: admin,
      form: { ...PROFILE, ...CONTRACTS, name: "", taxpayer_status: "big", hold_days: "0", hold_max_renewals: "x", updated_at: row.updated_at },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as Errors).errors).sort()).toEqual(["hold_days", "hold_max_renewals", "name", "taxpayer_status"]);
    const after = await db().selectFrom("centers").select("name").where("id", "=", center.id).executeTakeFirstOrThrow();
    expect(after.name).toBe(PROFILE.name);
  });

  it("saves the contract approval threshold in 元 as fen and the number pattern, and refuses a bad pattern or amount", async () => {
    const center = await makeCenter(db());
    const admin = await cookieFor(db(), center.users.admin);
    const before = await centerRow(center.id);
    // Defaults of a new center: ¥50,000.00 and HT{YYYY}-{NNN}.
    expect(Number(before.contract_approval_fen)).toBe(5_000_000);
    expect(before.contract_number_pattern).toBe("HT{YYYY}-{NNN}");

    const badPattern = await call(centerSettings.action, db(), {
      url: "/settings/center",
      cookie: admin,
      form: { ...PROFILE, ...HOLDS, contract_approval: "-1", contract_number_pattern: "HT{X}", updated_at: before.updated_at },
    });
    expect(badPattern.status).toBe(400);
    const errors = (badPattern.body as Errors).errors;
    expect(Object.keys(errors).sort()).toEqual(["contract_approval", "contract_number_pattern"]);
    expect(errors.contract_number_pattern).toBe("编号规则只能含文字和 {YYYY}、{NNN} 这样的占位符，最多 40 个字");
    expect(errors.contract_approval).toBe("审批金额应为不小于 0 的金额（元）");
    for (const pattern of ["HT{YYYY", "", "{NNN}}", "X".repeat(41)]) {
      const r = await call(centerSettings.action, db(), { url: "/settings/center", cookie: admin, form: { ...PROFILE, ...HOLDS, ...CONTRACTS, contract_number_pattern: pattern, updated_at: before.updated_at } });
      expect(r.status, pattern).toBe(400);
      expect((r.body as Errors).errors.contract_number_pattern, pattern).toMatch(/编号规则/);
    }
    const unchanged = await centerRow(center.id);
    expect(unchanged.updated_at).toBe(before.updated_at);
    expect(unchanged.contract_number_pattern).toBe("HT{YYYY}-{NNN}");

    const saved = await call(centerSettings.action, db(), {
      url: "/settings/center",
      cookie: admin,
      form: { ...PROFILE, ...HOLDS, contract_approval: "12,345.67", contract_number_pattern: "青融服{YYYY}第{NNNN}号", updated_at: before.updated_at },
    });
    expect(saved.body).toMatchObject({ saved: true });
    const row = await centerRow(center.id);
    expect(Number(row.contract_approval_fen)).toBe(1_234_567);
    expect(row.contract_number_pattern).toBe("青融服{YYYY}第{NNNN}号");
    const trail = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", center.id).where("action", "=", "update").execute();
    expect(JSON.parse(trail[0].after_json!)).toMatchObject({ contract_approval_fen: 1_234_567, contract_number_pattern: "青融服{YYYY}第{NNNN}号" });

    // Zero is allowed: every contract then waits for approval.
    const zero = await call(centerSettings.action, db(), { url: "/settings/center", cookie: admin, form: { ...PROFILE, ...HOLDS, ...CONTRACTS, contract_approval: "0", updated_at: row.updated_at } });
    expect(zero.body).toMatchObject({ saved: true });
    expect(Number((await centerRow(center.id)).contract_approval_fen)).toBe(0);
  });
});
