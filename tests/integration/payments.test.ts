// Payments on both databases: automatic allocation oldest first, allocation by hand and what it
// refuses, over-payment kept as client credit and applied to a later bill, a bounced payment that
// reopens its bills from the reversal day only, the double-submitted form, who may record money,
// and two payments for the same bill at once never allocating more than the bill's open amount.
import { beforeAll, expect, it } from "vitest";
import type { Scope } from "../../app/modules/auth/scope";
import { applyCredit, type PaymentInput, recordPayment, reversePayment } from "../../app/modules/billing/payments.server";
import { aging, openAmounts, unallocatedOn } from "../../app/modules/billing/receivables.server";
import { describeEachDb } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";
import { insertBill, insertCredit } from "../support/bills-direct";

const TODAY = "2026-11-27";

function payment(clientId: string, over: Partial<PaymentInput> = {}): PaymentInput {
  return { clientId, receivedOn: "2026-03-10", amountFen: 100_000, method: "transfer", payer: "", reference: "流水001", notes: "", allocate: "auto", ...over };
}

describeEachDb("payments", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let finance: Scope;

  const open = async (clientId: string, asOf = "9999-12-31") => new Map((await openAmounts(db(), finance, asOf, { clientId })).map((b) => [b.id, b]));
  const paymentCount = async (clientId: string) => (await db().selectFrom("payments").select("id").where("client_id", "=", clientId).execute()).length;
  const allocatedTo = async (billId: string) =>
    (await db().selectFrom("payment_allocations").select("amount_fen").where("bill_id", "=", billId).execute()).reduce((s, r) => s + Number(r.amount_fen), 0);
  const pay = async (input: PaymentInput) => {
    const result = await recordPayment(db(), finance, input, TODAY);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result;
  };
  const newClient = () => makeClient(db(), center.users.sales.scope);

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    finance = center.users.finance.scope;
  });

  it("allocates automatically to the oldest due bill first, then by issue date and number, and audits it", async () => {
    const clientId = await newClient();
    const late = await insertBill(db(), center.id, { clientId, issueDate: "2026-02-05", dueDate: "2026-03-07", totalFen: 300_000 });
    const second = await insertBill(db(), center.id, { clientId, issueDate: "2026-01-10", dueDate: "2026-02-09", totalFen: 200_000 });
    const first = await insertBill(db(), center.id, { clientId, issueDate: "2026-01-05", dueDate: "2026-02-09", totalFen: 150_000 });
    const result = await pay(payment(clientId, { amountFen: 250_000 }));
    expect(result.allocations.map((a) => [a.billId, a.amountFen, a.allocatedOn])).toEqual([
      [first.id, 150_000, "2026-03-10"],
      [second.id, 100_000, "2026-03-10"],
    ]);
    expect(result.unallocatedFen).toBe(0);
    const bills = await open(clientId);
    expect([bills.get(first.id)!.status, bills.get(second.id)!.status, bills.get(late.id)!.status]).toEqual(["已收清", "部分收款", "未收款"]);
    expect(bills.get(second.id)!.open_fen).toBe(100_000);
    const audit = await db().selectFrom("audit_log").selectAll().where("entity", "=", "payment").where("entity_id", "=", result.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["record"]);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ amount_fen: 250_000, method: "transfer", unallocated_fen: 0, allocations: [{ bill: first.number, amount_fen: 150_000 }, { bill: second.number, amount_fen: 100_000 }] });
    const row = await db().selectFrom("payments").selectAll().where("id", "=", result.id).executeTakeFirstOrThrow();
    expect(row.payer).not.toBe("");
  });

  it("keeps an over-payment as client credit and applies it to a later bill on the day it is applied", async () => {
    const clientId = await newClient();
    const bill = await insertBill(db(), center.id, { clientId, issueDate: "2026-03-01", totalFen: 80_000 });
    const result = await pay(payment(clientId, { amountFen: 130_000, receivedOn: "2026-03-20" }));
    expect(result.unallocatedFen).toBe(50_000);
    expect((await open(clientId)).get(bill.id)!.status).toBe("已收清");
    expect(await unallocatedOn(db(), finance, "2026-03-20", clientId)).toBe(50_000);
    expect(await unallocatedOn(db(), finance, "2026-03-19", clientId)).toBe(0);

    const later = await insertBill(db(), center.id, { clientId, issueDate: "2026-04-10", totalFen: 70_000 });
    const refused = await applyCredit(db(), finance, clientId, { onDate: "2026-04-09" }, TODAY);
    expect(refused).toMatchObject({ ok: false, status: 409, errors: { form: "该客户没有未收清的账单" } });
    const applied = await applyCredit(db(), finance, clientId, { onDate: "2026-04-15" }, TODAY);
    expect(applied).toMatchObject({ ok: true, appliedFen: 50_000, allocations: [{ paymentId: result.id, billId: later.id, amountFen: 50_000, allocatedOn: "2026-04-15" }] });
    expect((await open(clientId, "2026-04-14")).get(later.id)).toMatchObject({ open_fen: 70_000, status: "未收款" });
    expect((await open(clientId, "2026-04-15")).get(later.id)).toMatchObject({ open_fen: 20_000, status: "部分收款" });
    expect(await unallocatedOn(db(), finance, "2026-04-15", clientId)).toBe(0);
    expect(await applyCredit(db(), finance, clientId, { onDate: "2026-04-16" }, TODAY)).toMatchObject({ ok: false, status: 409, errors: { form: "该客户没有可用的预收款（未分配的收款）" } });
    const audit = await db().selectFrom("audit_log").select("action").where("entity", "=", "payment").where("entity_id", "=", result.id).orderBy("at").execute();
    expect(audit.map((a) => a.action)).toEqual(["record", "apply_credit"]);
  });

  it("allocates by hand and refuses more than a bill's open amount, other clients' bills, drafts, credits and over-allocation", async () => {
    const clientId = await newClient();
    const otherClient = await newClient();
    const bill = await insertBill(db(), center.id, { clientId, issueDate: "2026-02-01", totalFen: 60_000 });
    const spare = await insertBill(db(), center.id, { clientId, issueDate: "2026-01-01", totalFen: 40_000 });
    const theirs = await insertBill(db(), center.id, { clientId: otherClient, issueDate: "2026-02-01", totalFen: 60_000 });
    const draft = await insertBill(db(), center.id, { clientId, issueDate: "2026-02-01", totalFen: 60_000, status: "draft" });
    const credit = await insertCredit(db(), center.id, bill.id, { issueDate: "2026-02-10", amountFen: 10_000 });
    const foreignClient = await makeClient(db(), other.users.sales.scope);
    const foreign = await insertBill(db(), other.id, { clientId: foreignClient, issueDate: "2026-02-01", totalFen: 60_000 });
    const cases: [PaymentInput["allocate"], number, string][] = [
      [[{ billId: bill.id, amountFen: 50_001 }], 400, `分配给账单 ${bill.number} 的金额超过其未收金额 ¥500.00`],
      [[{ billId: theirs.id, amountFen: 1_000 }], 400, `账单 ${theirs.number} 不属于该付款客户`],
      [[{ billId: draft.id, amountFen: 1_000 }], 400, "草稿账单尚未开具，不能收款"],
      [[{ billId: credit.id, amountFen: 1_000 }], 400, `${credit.number} 是红字账单，不能收款`],
      [[{ billId: foreign.id, amountFen: 1_000 }], 404, "账单不存在"],
      [[{ billId: bill.id, amountFen: 0 }], 400, "分配金额必须大于零"],
      [[{ billId: bill.id, amountFen: 30_000 }, { billId: bill.id, amountFen: 1_000 }], 400, "同一张账单只能分配一次"],
      [[{ billId: bill.id, amountFen: 50_000 }, { billId: spare.id, amountFen: 40_000 }], 400, "分配合计 ¥900.00 超过收款金额 ¥500.00"],
    ];
    for (const [allocate, status, message] of cases) {
      expect(await recordPayment(db(), finance, payment(clientId, { amountFen: 50_000, allocate }), TODAY)).toEqual({ ok: false, status, errors: { allocations: message } });
    }
    expect(await paymentCount(clientId)).toBe(0);
    const result = await pay(payment(clientId, { amountFen: 50_000, allocate: [{ billId: bill.id, amountFen: 30_000 }] }));
    expect(result.unallocatedFen).toBe(20_000);
    const bills = await open(clientId);
    expect(bills.get(bill.id)).toMatchObject({ paid_fen: 30_000, credited_fen: 10_000, open_fen: 20_000, status: "部分收款" });
    expect(bills.get(spare.id)!.status).toBe("未收款");
    const none = await pay(payment(clientId, { amountFen: 5_000, allocate: "none" }));
    expect(none).toMatchObject({ allocations: [], unallocatedFen: 5_000 });
  });

  it("checks the form in Chinese: amount, date and method", async () => {
    const clientId = await newClient();
    const refused = (over: Partial<PaymentInput>) => recordPayment(db(), finance, payment(clientId, over), TODAY);
    expect(await refused({ amountFen: 0 })).toMatchObject({ status: 400, errors: { amountFen: "收款金额必须大于零" } });
    expect(await refused({ amountFen: -5 })).toMatchObject({ status: 400, errors: { amountFen: "收款金额必须大于零" } });
    expect(await refused({ receivedOn: "2026-02-30" })).toMatchObject({ status: 400, errors: { receivedOn: "收款日期无效，请按 年-月-日 填写" } });
    expect(await refused({ receivedOn: "2026-11-28" })).toMatchObject({ status: 400, errors: { receivedOn: "收款日期不能晚于今天" } });
    expect(await refused({ method: "bitcoin" as never })).toMatchObject({ status: 400, errors: { method: "收款方式只能是银行转账、现金、支票、承兑汇票或其他" } });
    expect(await refused({ clientId: "nope" })).toMatchObject({ status: 404, errors: { clientId: "客户不存在" } });
    expect(await paymentCount(clientId)).toBe(0);
  });

  it("lands a double-submitted form on the first payment, one after the other and at once", async () => {
    const clientId = await newClient();
    await insertBill(db(), center.id, { clientId, issueDate: "2026-02-01", totalFen: 60_000 });
    const first = await pay(payment(clientId, { amountFen: 10_000, idempotencyKey: `k-${clientId}` }));
    const again = await pay(payment(clientId, { amountFen: 10_000, idempotencyKey: `k-${clientId}` }));
    expect(again).toMatchObject({ id: first.id, duplicate: true, unallocatedFen: 0, allocations: first.allocations });
    const both = await Promise.all([pay(payment(clientId, { idempotencyKey: `j-${clientId}`, amountFen: 20_000 })), pay(payment(clientId, { idempotencyKey: `j-${clientId}`, amountFen: 20_000 }))]);
    expect(both[0].id).toBe(both[1].id);
    expect(both.map((b) => b.duplicate).sort()).toEqual([false, true]);
    expect(await paymentCount(clientId)).toBe(2);
  });

  it("reverses a bounced payment from its day: the bills reopen then, the days before still show them paid", async () => {
    const clientId = await newClient();
    const bill = await insertBill(db(), center.id, { clientId, issueDate: "2026-02-01", dueDate: "2026-03-03", totalFen: 90_000 });
    const result = await pay(payment(clientId, { amountFen: 100_000, receivedOn: "2026-03-01", method: "cheque" }));
    expect(await reversePayment(db(), finance, result.id, { reversedOn: "2026-03-20", reason: " " }, TODAY)).toMatchObject({ status: 400, errors: { reason: "请填写冲销原因（如：票据退回、余额不足）" } });
    expect(await reversePayment(db(), finance, result.id, { reversedOn: "2026-02-28", reason: "退票" }, TODAY)).toMatchObject({ status: 400, errors: { reversedOn: "冲销日期不能早于收款日期 2026-03-01" } });
    const reversed = await reversePayment(db(), finance, result.id, { reversedOn: "2026-03-20", reason: "票据退回（余额不足）" }, TODAY);
    expect(reversed).toMatchObject({ ok: true, reopened: [{ billId: bill.id, amountFen: 90_000 }] });
    expect((await open(clientId, "2026-03-19")).get(bill.id)).toMatchObject({ status: "已收清", open_fen: 0 });
    expect((await open(clientId, "2026-03-20")).get(bill.id)).toMatchObject({ status: "未收款", open_fen: 90_000 });
    expect((await open(clientId)).get(bill.id)!.open_fen).toBe(90_000);
    const client = (a: Awaited<ReturnType<typeof aging>>) => a.byClient.find((r) => r.key === clientId)?.total_fen ?? 0;
    expect(client(await aging(db(), finance, "2026-03-19"))).toBe(0);
    expect(client(await aging(db(), finance, "2026-03-20"))).toBe(90_000);
    expect(await unallocatedOn(db(), finance, "2026-03-19", clientId)).toBe(10_000);
    expect(await unallocatedOn(db(), finance, "2026-03-20", clientId)).toBe(0);
    expect(await allocatedTo(bill.id)).toBe(90_000); // kept, counting for nothing from the reversal day
    expect(await reversePayment(db(), finance, result.id, { reversedOn: "2026-03-21", reason: "再次" }, TODAY)).toMatchObject({ status: 409, errors: { form: "这笔收款已于 2026-03-20 冲销" } });
    expect(await applyCredit(db(), finance, clientId, { onDate: "2026-04-01" }, TODAY)).toMatchObject({ status: 409, errors: { form: "该客户没有可用的预收款（未分配的收款）" } });
    const audit = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", result.id).where("action", "=", "reverse").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toEqual({ reversed_on: "2026-03-20", reason: "票据退回（余额不足）", reopened: [{ bill: bill.number, amount_fen: 90_000 }] });
  });

  it("lets only finance and admin record, apply and reverse payments, and only in their own center", async () => {
    const clientId = await newClient();
    await insertBill(db(), center.id, { clientId, issueDate: "2026-02-01", totalFen: 60_000 });
    const done = await pay(payment(clientId, { amountFen: 70_000 }));
    for (const role of ["sales", "manager", "auditor"] as const) {
      const scope = center.users[role].scope;
      const forbidden = { ok: false, status: 403, errors: { form: "只有财务可以办理开票、收款和冲红" } };
      expect(await recordPayment(db(), scope, payment(clientId), TODAY)).toEqual(forbidden);
      expect(await applyCredit(db(), scope, clientId, { onDate: "2026-04-01" }, TODAY)).toEqual(forbidden);
      expect(await reversePayment(db(), scope, done.id, { reversedOn: "2026-04-01", reason: "退票" }, TODAY)).toEqual(forbidden);
    }
    expect(await paymentCount(clientId)).toBe(1);
    const outsider = other.users.finance.scope;
    expect(await recordPayment(db(), outsider, payment(clientId), TODAY)).toMatchObject({ status: 404 });
    expect(await reversePayment(db(), outsider, done.id, { reversedOn: "2026-04-01", reason: "退票" }, TODAY)).toMatchObject({ status: 404, errors: { form: "收款记录不存在" } });
    expect(await applyCredit(db(), outsider, clientId, { onDate: "2026-04-01" }, TODAY)).toMatchObject({ status: 404 });
    expect(await openAmounts(db(), outsider, "9999-12-31", { clientId })).toEqual([]);
    expect(await recordPayment(db(), center.users.admin.scope, payment(clientId, { amountFen: 1_000 }), TODAY)).toMatchObject({ ok: true });
  });

  it("never allocates more than a bill's open amount when two payments for it arrive at once", async () => {
    const clientId = await newClient();
    const bill = await insertBill(db(), center.id, { clientId, issueDate: "2026-02-01", totalFen: 100_000 });
    const byHand = await Promise.all(
      [1, 2].map(() => recordPayment(db(), finance, payment(clientId, { amountFen: 70_000, allocate: [{ billId: bill.id, amountFen: 70_000 }] }), TODAY)),
    );
    expect(byHand.filter((r) => r.ok)).toHaveLength(1);
    expect(byHand.find((r) => !r.ok)).toMatchObject({ status: 400, errors: { allocations: `分配给账单 ${bill.number} 的金额超过其未收金额 ¥300.00` } });
    const auto = await Promise.all([1, 2, 3].map(() => pay(payment(clientId, { amountFen: 20_000 }))));
    expect(auto.map((r) => r.unallocatedFen).sort((a, b) => a - b)).toEqual([0, 10_000, 20_000]);
    expect(await allocatedTo(bill.id)).toBe(100_000);
    expect((await open(clientId)).get(bill.id)).toMatchObject({ open_fen: 0, status: "已收清" });
  });
});
