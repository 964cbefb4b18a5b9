// The monthly 文化事业建设费 on both databases: advertising lines of issued bills only (credits
// negative), deductions, the rate in force (3 % before 2025, 1.5 % after), rounding once half-up,
// the small-scale exemption at and just above the threshold, and the deductions' rules and audit.
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "../../app/modules/auth/scope";
import { listAudit } from "../../app/modules/audit/audit.server";
import {
  addCultureFeeDeduction, cultureFee, cultureFeeForMonth, type DeductionInput, listCultureFeeDeductions, monthBounds, removeCultureFeeDeduction, updateCultureFeeDeduction,
} from "../../app/modules/billing/culture-fee.server";
import { describeEachDb } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";
import { insertBill, setTaxpayerStatus } from "../support/ledger-bills";

const deduction = (over: Partial<DeductionInput> = {}): DeductionInput => ({ month: "2025-03", payee: "市广播电视台", invoice_number: "25330000000000000001", amount: "10000", notes: "", ...over });

describe("culture fee arithmetic", () => {
  const base = { baseFen: 0, salesFen: 0, deductionsFen: 0, rateBp: 150, thresholdFen: 2_000_000, taxpayerStatus: "general" as const };
  it("rounds once, half-up, on the month's taxable amount", () => {
    expect(cultureFee({ ...base, baseFen: 11_013_333 })).toMatchObject({ taxableFen: 11_013_333, feeFen: 165_200, exempt: false }); // 165,199.995
    expect(cultureFee({ ...base, baseFen: 11_013_332 })).toMatchObject({ feeFen: 165_200 }); // 165,199.98
    expect(cultureFee({ ...base, baseFen: 11_013_299 })).toMatchObject({ feeFen: 165_199 }); // 165,199.485
  });
  it("never lets deductions take the taxable amount below zero", () => {
    expect(cultureFee({ ...base, baseFen: 500_000, deductionsFen: 800_000 })).toMatchObject({ taxableFen: 0, feeFen: 0 });
  });
  it("knows month bounds", () => {
    expect(monthBounds("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(monthBounds("2025-13")).toBeNull();
    expect(monthBounds("2025-3")).toBeNull();
  });
});

describeEachDb("culture fee", ({ db }) => {
  let center: TestCenter;
  let small: TestCenter;
  let finance: Scope;
  let clientId: string;

  beforeAll(async () => {
    center = await makeCenter(db());
    finance = center.users.finance.scope;
    await setTaxpayerStatus(db(), center.id, "general");
    clientId = await makeClient(db(), center.users.admin.scope, { name: "县城投集团" });
    const bill = (number: string | null, issueDate: string | null, lines: Parameters<typeof insertBill>[1]["lines"], extra: Partial<Parameters<typeof insertBill>[1]> = {}) =>
      insertBill(db(), { centerId: center.id, clientId, number, issueDate, lines, ...extra });

    const a = await bill("ZD2025-000001", "2025-03-03", [{ amountFen: 10_600_000, description: "户外大牌三月" }, { amountFen: 5_000_000, ad: false, description: "App 开发" }]);
    await bill("ZD2025-000002", "2025-03-31", [{ amountFen: 3_333_333, taxIncluded: false, description: "电视广告" }]);
    await bill("ZD2025-000003", "2025-03-20", [{ amountFen: -2_120_000, description: "折让" }], { kind: "credit", originalBillId: a.id });
    await bill(null, "2025-03-25", [{ amountFen: 9_999_900 }], { status: "draft" });
    await bill("ZD2025-000004", "2025-04-01", [{ amountFen: 1_000_000 }]);
    await bill("ZD2025-000000", "2025-02-28", [{ amountFen: 1_000_000 }]);
    await bill("ZD2024-000001", "2024-12-15", [{ amountFen: 1_000_001 }]);

    const other = await makeCenter(db());
    const otherClient = await makeClient(db(), other.users.admin.scope, { name: "县城投集团" });
    await insertBill(db(), { centerId: other.id, clientId: otherClient, number: "ZD2025-000001", issueDate: "2025-03-05", lines: [{ amountFen: 7_777_700 }] });
    expect(await addCultureFeeDeduction(db(), other.users.finance.scope, deduction({ invoice_number: "25330000000000000999", amount: "5000" }))).toMatchObject({ ok: true });

    small = await makeCenter(db());
    await setTaxpayerStatus(db(), small.id, "small");
    const smallClient = await makeClient(db(), small.users.admin.scope, { name: "乡镇超市" });
    const smallBill = (number: string, date: string, amountFen: number) =>
      insertBill(db(), { centerId: small.id, clientId: smallClient, number, issueDate: date, lines: [{ amountFen, taxIncluded: false, rateBp: 100 }] });
    await smallBill("ZD2026-000001", "2026-05-10", 2_000_000);
    await smallBill("ZD2026-000002", "2026-06-10", 2_000_000);
    await smallBill("ZD2026-000003", "2026-06-30", 1);
  });

  const month = async (scope: Scope, m: string) => {
    const result = await cultureFeeForMonth(db(), scope, m);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.computation;
  };

  it("takes the month's issued advertising lines, credits negative, less deductions, at the reduced 2025 rate", async () => {
    expect(await addCultureFeeDeduction(db(), finance, deduction())).toMatchObject({ ok: true });
    expect(await addCultureFeeDeduction(db(), finance, deduction({ month: "2025-04", invoice_number: "25330000000000000002", amount: "3000" }))).toMatchObject({ ok: true });
    const c = await month(center.users.manager.scope, "2025-03");
    // 10,600,000 + (3,333,333 + 200,000 VAT) − 2,120,000; the non-ad line, the draft, other months and the other center are out.
    expect(c).toMatchObject({ from: "2025-03-01", to: "2025-03-31", taxpayerStatus: "general", baseFen: 12_013_333, salesFen: 11_333_333, deductionsFen: 1_000_000 });
    expect(c).toMatchObject({ taxableFen: 11_013_333, rateBp: 150, thresholdFen: 2_000_000, exempt: false, feeFen: 165_200 });
    expect(c.reason).toContain("一般纳税人");
    expect(c.lines.map((l) => [l.number, l.issueDate, l.kind, l.clientName, l.item, l.totalFen])).toEqual([
      ["ZD2025-000001", "2025-03-03", "invoice", "县城投集团", "*广告服务*广告发布费", 10_600_000],
      ["ZD2025-000003", "2025-03-20", "credit", "县城投集团", "*广告服务*广告发布费", -2_120_000],
      ["ZD2025-000002", "2025-03-31", "invoice", "县城投集团", "*广告服务*广告发布费", 3_533_333],
    ]);
    expect(c.lines.reduce((s, l) => s + l.totalFen, 0)).toBe(c.baseFen);
    expect(c.deductions.map((d) => [d.payee, d.invoiceNumber, d.amountFen])).toEqual([["市广播电视台", "25330000000000000001", 1_000_000]]);
  });

  it("uses 3 % for a month before 2025, and a general taxpayer is not exempt however small the month", async () => {
    const c = await month(finance, "2024-12");
    expect(c).toMatchObject({ baseFen: 1_000_001, rateBp: 300, exempt: false, feeFen: 30_000 });
    expect(c.salesFen).toBeLessThan(2_000_000);
  });

  it("exempts a small-scale center whose month is at the threshold, and charges it one fen above", async () => {
    const at = await month(small.users.finance.scope, "2026-05");
    expect(at).toMatchObject({ taxpayerStatus: "small", salesFen: 2_000_000, baseFen: 2_020_000, rateBp: 150, exempt: true, feeFen: 0 });
    expect(at.reason).toContain("免征");
    const above = await month(small.users.finance.scope, "2026-06");
    // 2,020,001 × 1.5 % = 30,300.015
    expect(above).toMatchObject({ salesFen: 2_000_001, baseFen: 2_020_001, exempt: false, feeFen: 30_300 });
  });

  it("charges nothing and says why when no rate is in force", async () => {
    const c = await month(finance, "2028-01");
    expect(c).toMatchObject({ rateBp: null, feeFen: 0, exempt: false });
    expect(c.reason).toContain("没有有效");
  });

  it("refuses bad months and readers without billing access", async () => {
    expect(await cultureFeeForMonth(db(), finance, "2025-3")).toMatchObject({ ok: false, status: 400 });
    expect(await cultureFeeForMonth(db(), center.users.sales.scope, "2025-03")).toMatchObject({ ok: false, status: 403 });
    expect(await cultureFeeForMonth(db(), center.users.auditor.scope, "2025-03")).toMatchObject({ ok: true });
  });

  it("checks deductions, refuses an invoice deducted twice, and audits every change", async () => {
    expect(await addCultureFeeDeduction(db(), finance, deduction({ invoice_number: "1234", amount: "0", month: "2025/03", payee: "" }))).toMatchObject({
      ok: false, status: 400, errors: { invoice_number: expect.any(String), amount: expect.any(String), month: expect.any(String), payee: expect.any(String) },
    });
    expect(await addCultureFeeDeduction(db(), finance, deduction({ month: "2025-05" }))).toMatchObject({ ok: false, status: 409, errors: { invoice_number: expect.stringContaining("2025-03") } });

    const added = await addCultureFeeDeduction(db(), finance, deduction({ month: "2025-05", invoice_number: "12345678", amount: "1,234.56", notes: "纸质专票" }));
    if (!added.ok) throw new Error(JSON.stringify(added.errors));
    expect(await updateCultureFeeDeduction(db(), finance, added.id, deduction({ month: "2025-05", invoice_number: "25330000000000000002", amount: "1" }))).toMatchObject({ ok: false, status: 409 });
    expect(await updateCultureFeeDeduction(db(), center.users.admin.scope, added.id, deduction({ month: "2025-05", invoice_number: "12345678", amount: "2000.10" }))).toMatchObject({ ok: true });
    const listed = await listCultureFeeDeductions(db(), center.users.manager.scope, "2025-05");
    expect(listed).toMatchObject({ ok: true, deductions: [{ invoiceNumber: "12345678", amountFen: 200_010 }] });
    expect((await month(finance, "2025-05")).deductionsFen).toBe(200_010);

    // Another center cannot reach it.
    const stranger = (await makeCenter(db())).users.finance.scope;
    expect(await removeCultureFeeDeduction(db(), stranger, added.id)).toMatchObject({ ok: false, status: 404 });
    expect(await removeCultureFeeDeduction(db(), finance, added.id)).toMatchObject({ ok: true });
    expect((await month(finance, "2025-05")).deductions).toEqual([]);

    const trail = await listAudit(db(), finance, { entity: "culture_fee", entityId: added.id });
    expect(trail.rows.map((r) => r.action).reverse()).toEqual(["deduction.create", "deduction.update", "deduction.delete"]);
    expect(JSON.parse(trail.rows[1].after_json!)).toMatchObject({ amount_fen: 200_010 });
  });

  it("lets only finance and admin change deductions", async () => {
    for (const role of ["sales", "manager", "auditor"] as const) {
      expect(await addCultureFeeDeduction(db(), center.users[role].scope, deduction({ invoice_number: "99999999" }))).toMatchObject({ ok: false, status: 403 });
    }
    const existing = (await listCultureFeeDeductions(db(), finance, "2025-03")) as { deductions: { id: string }[] };
    expect(await removeCultureFeeDeduction(db(), center.users.manager.scope, existing.deductions[0].id)).toMatchObject({ ok: false, status: 403 });
    expect(await listCultureFeeDeductions(db(), center.users.sales.scope, "2025-03")).toMatchObject({ ok: false, status: 403 });
  });
});
