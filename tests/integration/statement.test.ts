// The client statement (对账单) on both databases: opening balance, the period's bills, credits,
// payments and bounced payments with a running balance, a closing balance that reconciles to the fen
// with the receivables and unallocated credit at both ends, and the same statement as .xlsx.
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { applyCredit, type PaymentInput, recordPayment, reversePayment } from "../../app/modules/billing/payments.server";
import { exportStatement } from "../../app/modules/billing/receivables-export.server";
import { receivableOn, unallocatedOn } from "../../app/modules/billing/receivables.server";
import { type ClientStatement, clientStatement } from "../../app/modules/billing/statement.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { describeEachDb } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";
import { insertBill, insertCredit } from "../support/bills-direct";

const TODAY = "2026-11-27";

describeEachDb("client statement", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let clientId: string;
  const bills: Record<string, { id: string; number: string | null }> = {};

  const pay = async (over: Partial<PaymentInput>) => {
    const input: PaymentInput = { clientId, receivedOn: "2026-03-10", amountFen: 1, method: "transfer", payer: "", reference: "", notes: "", allocate: "auto", ...over };
    const result = await recordPayment(db(), center.users.finance.scope, input, TODAY);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.id;
  };
  const statement = async (from: string, to: string): Promise<ClientStatement> => {
    const result = await clientStatement(db(), center.users.manager.scope, clientId, { from, to });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.statement;
  };
  /** MONEY: a statement's ends against the receivables of those days. */
  const expectReconciled = async (s: ClientStatement) => {
    const scope = center.users.auditor.scope;
    for (const [end, day] of [[s.opening, addDays(s.from, -1)], [s.closing, s.to]] as const) {
      expect(end.receivableFen).toBe(await receivableOn(db(), scope, day, clientId));
      expect(end.unallocatedFen).toBe(await unallocatedOn(db(), scope, day, clientId));
      expect(end.balanceFen).toBe(end.receivableFen - end.unallocatedFen);
    }
    const t = s.totals;
    expect(s.closing.balanceFen).toBe(s.opening.balanceFen + t.billsFen - t.creditsFen - t.paymentsFen + t.reversalsFen);
    expect(s.lines.at(-1)?.balanceFen ?? s.opening.balanceFen).toBe(s.closing.balanceFen);
  };

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    clientId = await makeClient(db(), center.users.sales.scope, { name: `对账客户${center.code}` });
    bills.a = await insertBill(db(), center.id, { clientId, issueDate: "2026-02-01", totalFen: 100_000 });
    bills.b = await insertBill(db(), center.id, { clientId, issueDate: "2026-03-01", totalFen: 50_000 });
    await pay({ receivedOn: "2026-03-10", amountFen: 60_000, reference: "P1" });
    const bounced = await pay({ receivedOn: "2026-03-20", amountFen: 50_000, method: "cheque", reference: "P2", allocate: [{ billId: bills.b.id, amountFen: 50_000 }] });
    bills.c = await insertBill(db(), center.id, { clientId, issueDate: "2026-04-05", totalFen: 80_000 });
    bills.credit = await insertCredit(db(), center.id, bills.a.id, { issueDate: "2026-04-08", amountFen: 10_000, reason: "销售折让" });
    expect(await reversePayment(db(), center.users.finance.scope, bounced, { reversedOn: "2026-04-10", reason: "支票退票" }, TODAY)).toMatchObject({ ok: true });
    await pay({ receivedOn: "2026-04-15", amountFen: 200_000, reference: "P3" });
    const sameMonth = await pay({ receivedOn: "2026-04-20", amountFen: 5_000, reference: "P4", allocate: "none" });
    expect(await reversePayment(db(), center.users.finance.scope, sameMonth, { reversedOn: "2026-04-25", reason: "误录" }, TODAY)).toMatchObject({ ok: true });
    bills.d = await insertBill(db(), center.id, { clientId, issueDate: "2026-05-02", totalFen: 30_000 });
  });

  it("runs from the opening balance through bills, credits, payments and bounced payments to a closing balance that reconciles", async () => {
    const s = await statement("2026-04-01", "2026-04-30");
    expect(s.client.name).toBe(`对账客户${center.code}`);
    expect(s.opening).toEqual({ date: "2026-03-31", balanceFen: 40_000, receivableFen: 40_000, unallocatedFen: 0 });
    expect(s.lines.map((l) => [l.date, l.kind, l.reference, l.debitFen, l.creditFen, l.balanceFen])).toEqual([
      ["2026-04-05", "invoice", bills.c.number, 80_000, 0, 120_000],
      ["2026-04-08", "credit", bills.credit.number, 0, 10_000, 110_000],
      ["2026-04-10", "reversal", "P2", 50_000, 0, 160_000],
      ["2026-04-15", "payment", "P3", 0, 200_000, -40_000],
      ["2026-04-20", "payment", "P4", 0, 5_000, -45_000],
      ["2026-04-25", "reversal", "P4", 5_000, 0, -40_000],
    ]);
    expect(s.lines[1].description).toBe(`红字冲销 ${bills.a.number}（销售折让）`);
    expect(s.totals).toEqual({ billsFen: 80_000, creditsFen: 10_000, paymentsFen: 205_000, reversalsFen: 55_000 });
    expect(s.closing).toEqual({ date: "2026-04-30", balanceFen: -40_000, receivableFen: 0, unallocatedFen: 40_000 });
    await expectReconciled(s);
  });

  it("starts a period from unallocated credit, and applying that credit moves money without moving the balance", async () => {
    const before = await statement("2026-05-01", "2026-05-31");
    expect(before.opening).toMatchObject({ balanceFen: -40_000, receivableFen: 0, unallocatedFen: 40_000 });
    expect(before.closing).toMatchObject({ balanceFen: -10_000, receivableFen: 30_000, unallocatedFen: 40_000 });
    await expectReconciled(before);
    expect(await applyCredit(db(), center.users.finance.scope, clientId, { onDate: "2026-05-10" }, TODAY)).toMatchObject({ ok: true, appliedFen: 30_000 });
    const after = await statement("2026-05-01", "2026-05-31");
    expect(after.closing).toMatchObject({ balanceFen: -10_000, receivableFen: 0, unallocatedFen: 10_000 });
    expect(after.lines).toEqual(before.lines);
    await expectReconciled(after);
    await expectReconciled(await statement("2026-01-01", "2026-11-27"));
    await expectReconciled(await statement("2026-03-15", "2026-04-12"));
  });

  it("refuses a period that is not one, and another center's client", async () => {
    const scope = center.users.manager.scope;
    expect(await clientStatement(db(), scope, clientId, { from: "2026-05-01", to: "2026-04-30" })).toEqual({ ok: false, status: 400, errors: { to: "结束日期不能早于开始日期" } });
    expect(await clientStatement(db(), scope, clientId, { from: "2026-02-30", to: "2026-04-30" })).toMatchObject({ status: 400, errors: { from: "开始日期无效，请按 年-月-日 填写" } });
    expect(await clientStatement(db(), other.users.manager.scope, clientId, { from: "2026-04-01", to: "2026-04-30" })).toEqual({ ok: false, status: 404, errors: { form: "客户不存在" } });
    expect(await exportStatement(db(), other.users.manager.scope, clientId, { from: "2026-04-01", to: "2026-04-30" }, { centerName: "x", exportedAt: "x" })).toBeNull();
  });

  it("writes the statement as .xlsx with the screen's balances", async () => {
    const s = await statement("2026-04-01", "2026-04-30");
    const stream = (await exportStatement(db(), center.users.manager.scope, clientId, { from: "2026-04-01", to: "2026-04-30" }, { centerName: "测试中心", exportedAt: "2026-05-01 09:00" })) as Readable;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("对账单")!;
    expect(sheet.getCell("A1").value).toBe(`对账单　${s.client.name}（2026-04-01 至 2026-04-30）`);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(["日期", "业务", "单号/流水号", "摘要", "应收增加", "应收减少", "余额"]);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 3) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows[0]).toEqual([new Date("2026-04-01T00:00:00.000Z"), "期初余额", undefined, "截至 2026-03-31", undefined, undefined, 400]);
    expect(rows.slice(1, 7).map((r) => [r[1], r[2], r[6]])).toEqual([
      ["开票", bills.c.number, 1200], ["红字冲销", bills.credit.number, 1100], ["退票冲回", "P2", 1600], ["收款", "P3", -400], ["收款", "P4", -450], ["退票冲回", "P4", -400],
    ]);
    expect(rows[7].slice(4, 6)).toEqual([1350, 2150]);
    expect(rows.slice(8).map((r) => [r[1], r[3], r[6]])).toEqual([
      ["期末余额", "截至 2026-04-30", -400], ["其中", "应收账款余额", 0], [undefined, "减：未分配的预收款", 400],
    ]);
    expect(sheet.getRow(5).getCell(5).numFmt).toBe("#,##0.00;[Red]-#,##0.00");
  });
});
