// Tax settings on both databases: the defaults a center starts with, VAT and culture-fee rates
// added and ended (overlaps refused, except a relief period inside a standing rate; rates out of
// range refused; a rate an issued bill could have used never cut short), the tax code table, the
// audit trail, and who may change what.
import { beforeAll, expect, it } from "vitest";
import type { Scope } from "../../app/modules/auth/scope";
import { listAudit } from "../../app/modules/audit/audit.server";
import {
  addCultureFeeRate, addTaxCode, addVatRate, endCultureFeeRate, endVatRate, listTaxSettings, removeCultureFeeRate, removeVatRate, setTaxCodeRetired, updateTaxCode,
  type VatRateInput,
} from "../../app/modules/billing/tax-settings.server";
import { vatRateOn } from "../../app/modules/billing/tax";
import { describeEachDb } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";
import { insertBill } from "../support/ledger-bills";

const vat = (over: Partial<VatRateInput> = {}): VatRateInput => ({ taxpayer_status: "general", report_group: "", rate: "6", valid_from: "2030-01-01", valid_to: "", note: "", ...over });
const code = (over: Partial<{ code: string; short_name: string; item_name: string }> = {}) => ({ code: "3040303020000000000", short_name: "广告服务", item_name: "广告设计费", ...over });

describeEachDb("tax settings", ({ db }) => {
  let center: TestCenter;
  let finance: Scope;

  const settings = async (scope: Scope = finance) => {
    const result = await listTaxSettings(db(), scope);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result;
  };
  const created = (result: { ok: boolean; id?: string; errors?: unknown }) => {
    if (!result.ok || !result.id) throw new Error(JSON.stringify(result.errors));
    return result.id;
  };

  beforeAll(async () => {
    center = await makeCenter(db());
    finance = center.users.finance.scope;
    const client = await makeClient(db(), center.users.admin.scope);
    // An issued bill on 2026-03-15 could have used whatever rate was in force that day.
    await insertBill(db(), { centerId: center.id, clientId: client, number: "ZD2026-000001", issueDate: "2026-03-15", lines: [{ amountFen: 10_000 }] });
  });

  it("starts a center with the default rates and codes, readable by every billing reader", async () => {
    const s = await settings(center.users.auditor.scope);
    expect(s.vatRates.map((r) => [r.taxpayer_status, r.rate_bp, r.valid_from, r.valid_to])).toEqual([
      ["general", 600, "2000-01-01", null],
      ["small", 300, "2000-01-01", null],
      ["small", 100, "2026-01-01", "2027-12-31"],
    ]);
    expect(s.cultureFeeRates.map((r) => [r.rate_bp, r.valid_from, r.valid_to, r.threshold_fen])).toEqual([
      [300, "2000-01-01", "2024-12-31", 2_000_000],
      [150, "2025-01-01", "2027-12-31", 2_000_000],
    ]);
    expect(s.taxCodes).toHaveLength(8);
    expect((await settings(center.users.manager.scope)).taxCodes).toHaveLength(8);
    expect(await listTaxSettings(db(), center.users.sales.scope)).toMatchObject({ ok: false, status: 403 });
  });

  it("refuses VAT rates out of range, unknown statuses and groups, and reversed periods", async () => {
    expect(await addVatRate(db(), finance, vat({ rate: "18" }))).toMatchObject({ ok: false, status: 400, errors: { rate: expect.stringContaining("17%") } });
    expect(await addVatRate(db(), finance, vat({ rate: "-1" }))).toMatchObject({ ok: false, status: 400, errors: { rate: expect.any(String) } });
    expect(await addVatRate(db(), finance, vat({ rate: "六" }))).toMatchObject({ ok: false, status: 400, errors: { rate: expect.any(String) } });
    expect(await addVatRate(db(), finance, vat({ taxpayer_status: "tiny", report_group: "radio" }))).toMatchObject({
      ok: false, status: 400, errors: { taxpayer_status: expect.any(String), report_group: expect.any(String) },
    });
    expect(await addVatRate(db(), finance, vat({ valid_from: "2030-02-01", valid_to: "2030-01-31" }))).toMatchObject({ ok: false, status: 400, errors: { valid_to: expect.any(String) } });
    expect(await addVatRate(db(), finance, vat({ valid_from: "2030-02-30" }))).toMatchObject({ ok: false, status: 400, errors: { valid_from: expect.any(String) } });
    expect(await addVatRate(db(), finance, vat({ rate: "17", valid_from: "2040-01-01", valid_to: "2040-12-31" }))).toMatchObject({ ok: true });
  });

  it("refuses overlapping VAT periods but takes a relief period inside the standing rate", async () => {
    // A second open-ended general rate would compete with the standing 6 % forever.
    expect(await addVatRate(db(), finance, vat())).toMatchObject({ ok: false, status: 409, errors: { valid_from: expect.stringContaining("6%") } });
    const relief = created(await addVatRate(db(), finance, vat({ rate: "5", valid_from: "2030-01-01", valid_to: "2030-12-31", note: "阶段性减按" })));
    expect(await addVatRate(db(), finance, vat({ rate: "4", valid_from: "2030-06-01", valid_to: "2031-06-30" }))).toMatchObject({ ok: false, status: 409 });
    expect(await addVatRate(db(), finance, vat({ rate: "4", valid_from: "2000-01-01", valid_to: "2000-12-31" }))).toMatchObject({ ok: false, status: 409 });
    // Another report group is another rate line.
    expect(await addVatRate(db(), finance, vat({ report_group: "tech_service", valid_from: "2026-01-01" }))).toMatchObject({ ok: true });
    expect(await addVatRate(db(), finance, vat({ report_group: "tech_service", valid_from: "2029-01-01" }))).toMatchObject({ ok: false, status: 409 });

    const rates = (await settings()).vatRates;
    expect(vatRateOn(rates, "general", "new_media", "2030-05-01")).toBe(500);
    expect(vatRateOn(rates, "general", "new_media", "2031-01-01")).toBe(600);
    expect(rates.find((r) => r.id === relief)).toMatchObject({ rate_bp: 500, note: "阶段性减按", report_group: null });
  });

  it("ends a rate only forwards, never before an issued bill that could have used it", async () => {
    const standingSmall = (await settings()).vatRates.find((r) => r.taxpayer_status === "small" && r.valid_to === null)!;
    expect(await endVatRate(db(), finance, standingSmall.id, "2026-03-14")).toMatchObject({ ok: false, status: 409, errors: { valid_to: expect.stringContaining("2026-03-15") } });
    expect(await endVatRate(db(), finance, standingSmall.id, "1999-12-31")).toMatchObject({ ok: false, status: 400 });
    expect(await endVatRate(db(), finance, standingSmall.id, "2026-03-15")).toMatchObject({ ok: true });
    expect(await endVatRate(db(), finance, standingSmall.id, "2026-04-30")).toMatchObject({ ok: false, status: 400, errors: { valid_to: expect.stringContaining("提前") } });
    // The relief 1 % ran inside the standing rate that no longer stands: the next standing rate starts the day after.
    expect(await addVatRate(db(), finance, vat({ taxpayer_status: "small", rate: "3", valid_from: "2026-03-16" }))).toMatchObject({ ok: false, status: 409 });
    const relief = (await settings()).vatRates.find((r) => r.taxpayer_status === "small" && r.rate_bp === 100)!;
    expect(await endVatRate(db(), finance, relief.id, "2026-03-15")).toMatchObject({ ok: true });
    expect(await addVatRate(db(), finance, vat({ taxpayer_status: "small", rate: "3", valid_from: "2026-03-16" }))).toMatchObject({ ok: true });
  });

  it("removes a mistaken rate only while no issued bill falls in its period", async () => {
    const general = (await settings()).vatRates.find((r) => r.taxpayer_status === "general" && r.valid_from === "2000-01-01")!;
    expect(await removeVatRate(db(), finance, general.id)).toMatchObject({ ok: false, status: 409 });
    const future = created(await addVatRate(db(), finance, vat({ rate: "3", valid_from: "2045-01-01", valid_to: "2045-06-30" })));
    expect(await removeVatRate(db(), finance, future)).toMatchObject({ ok: true });
    expect((await settings()).vatRates.some((r) => r.id === future)).toBe(false);
  });

  it("keeps culture-fee periods apart and checks rate and threshold", async () => {
    expect(await addCultureFeeRate(db(), finance, { rate: "3", threshold: "20000", valid_from: "2027-01-01", valid_to: "", note: "" })).toMatchObject({ ok: false, status: 409 });
    expect(await addCultureFeeRate(db(), finance, { rate: "3.5", threshold: "-1", valid_from: "2028-01-01", valid_to: "", note: "" })).toMatchObject({
      ok: false, status: 400, errors: { rate: expect.any(String), threshold: expect.any(String) },
    });
    const next = created(await addCultureFeeRate(db(), finance, { rate: "3", threshold: "20,000", valid_from: "2028-01-01", valid_to: "", note: "减免期满" }));
    expect((await settings()).cultureFeeRates.find((r) => r.id === next)).toMatchObject({ rate_bp: 300, threshold_fen: 2_000_000, valid_to: null });
    const current = (await settings()).cultureFeeRates.find((r) => r.rate_bp === 150)!;
    expect(await endCultureFeeRate(db(), finance, current.id, "2026-02-28")).toMatchObject({ ok: false, status: 409 });
    expect(await removeCultureFeeRate(db(), finance, current.id)).toMatchObject({ ok: false, status: 409 });
    expect(await removeCultureFeeRate(db(), finance, next)).toMatchObject({ ok: true });
  });

  it("keeps the tax code table: 19 digits, short names, unique per center, retire and restore", async () => {
    expect(await addTaxCode(db(), finance, code({ code: "304030302000000000" }))).toMatchObject({ ok: false, status: 400, errors: { code: expect.any(String) } });
    expect(await addTaxCode(db(), finance, code({ code: "30403030200000000AB" }))).toMatchObject({ ok: false, status: 400 });
    expect(await addTaxCode(db(), finance, code({ short_name: "一".repeat(21), item_name: "二".repeat(41) }))).toMatchObject({
      ok: false, status: 400, errors: { short_name: expect.any(String), item_name: expect.any(String) },
    });
    expect(await addTaxCode(db(), finance, code({ short_name: "广告*服务" }))).toMatchObject({ ok: false, status: 400 });
    expect(await addTaxCode(db(), finance, code({ code: "3040303000000000000" }))).toMatchObject({ ok: false, status: 409, errors: { code: expect.stringContaining("已存在") } });

    const id = created(await addTaxCode(db(), finance, code({ short_name: "一".repeat(20), item_name: "二".repeat(40) })));
    const other = await makeCenter(db());
    expect(await addTaxCode(db(), other.users.finance.scope, code())).toMatchObject({ ok: true });
    expect(await updateTaxCode(db(), finance, id, code({ code: "3040303010000000000" }))).toMatchObject({ ok: false, status: 409 });
    expect(await updateTaxCode(db(), finance, id, code({ item_name: "广告设计制作费" }))).toMatchObject({ ok: true });
    expect(await setTaxCodeRetired(db(), finance, id, true)).toMatchObject({ ok: true });
    expect((await settings()).taxCodes.find((c) => c.id === id)).toMatchObject({ code: "3040303020000000000", short_name: "广告服务", item_name: "广告设计制作费", retired: 1 });
    expect(await setTaxCodeRetired(db(), finance, id, false)).toMatchObject({ ok: true });
    expect(await updateTaxCode(db(), other.users.finance.scope, id, code())).toMatchObject({ ok: false, status: 404 });

    const trail = await listAudit(db(), finance, { entity: "tax_setting", entityId: id });
    expect(trail.rows.map((r) => r.action).reverse()).toEqual(["tax_code.create", "tax_code.update", "tax_code.retire", "tax_code.restore"]);
  });

  it("audits every rate change", async () => {
    const trail = await listAudit(db(), finance, { entity: "tax_setting", limit: 200 });
    const actions = new Set(trail.rows.map((r) => r.action));
    for (const a of ["vat_rate.create", "vat_rate.end", "vat_rate.delete", "culture_fee_rate.create", "culture_fee_rate.delete"]) expect(actions).toContain(a);
    const ended = trail.rows.find((r) => r.action === "vat_rate.end")!;
    expect([JSON.parse(ended.before_json!), JSON.parse(ended.after_json!)]).toEqual([{ valid_to: "2027-12-31" }, { valid_to: "2026-03-15" }]);
    expect(trail.rows.every((r) => r.user_id === finance.userId)).toBe(true);
  });

  it("lets only finance and admin change settings, and only their own center's", async () => {
    for (const role of ["sales", "manager", "auditor"] as const) {
      const scope = center.users[role].scope;
      expect(await addVatRate(db(), scope, vat({ valid_from: "2050-01-01", valid_to: "2050-12-31" }))).toMatchObject({ ok: false, status: 403 });
      expect(await addCultureFeeRate(db(), scope, { rate: "1", threshold: "0", valid_from: "2050-01-01", valid_to: "", note: "" })).toMatchObject({ ok: false, status: 403 });
      expect(await addTaxCode(db(), scope, code({ code: "3040303099000000000" }))).toMatchObject({ ok: false, status: 403 });
    }
    const any = (await settings()).vatRates[0];
    expect(await endVatRate(db(), center.users.manager.scope, any.id, "2099-01-01")).toMatchObject({ ok: false, status: 403 });
    expect(await endVatRate(db(), (await makeCenter(db())).users.finance.scope, any.id, "2099-01-01")).toMatchObject({ ok: false, status: 404 });
    expect(await addVatRate(db(), center.users.admin.scope, vat({ valid_from: "2050-01-01", valid_to: "2050-12-31" }))).toMatchObject({ ok: true });
  });
});
