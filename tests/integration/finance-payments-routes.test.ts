// The payment screens as the browser meets them: recording a partial payment and an over-payment
// (the rest kept as the client's credit), a form refused whole with every message and nothing
// stored, the double-submitted form, reversing a bounced payment, applying credit, the list and
// its totals, who may read and who may post, and another center's ids.
import { beforeAll, expect, it } from "vitest";
import * as detail from "../../app/routes/finance.payments.$id";
import * as list from "../../app/routes/finance.payments._index";
import * as recordNew from "../../app/routes/finance.payments.new";
import { openAmounts } from "../../app/modules/billing/receivables.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { todayInShanghai } from "../../app/utils/time";
import { newId } from "../../db/ids";
import { insertBill } from "../support/bills-direct";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

const today = todayInShanghai();
const daysAgo = (n: number) => addDays(today, -n);

type Errors = { errors: Record<string, string> };

describeEachDb("payment screens", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  const cookies: Record<string, string> = {};

  const newClient = (name?: string) => makeClient(db(), center.users.sales.scope, name ? { name } : {});
  const paymentsOf = (clientId: string) => db().selectFrom("payments").selectAll().where("client_id", "=", clientId).execute();
  const open = async (clientId: string) => new Map((await openAmounts(db(), center.users.finance.scope, "9999-12-31", { clientId })).map((b) => [b.id, b]));
  const form = (clientId: string, over: Record<string, string> = {}) => ({
    client_id: clientId, received_on: daysAgo(1), amount: "1000.00", method: "transfer", payer: "", reference: "HX001", notes: "", mode: "auto", idempotency_key: newId(), ...over,
  });
  const record = (f: Record<string, string>, cookie = cookies.finance) => call(recordNew.action, db(), { url: `/finance/payments/new?client=${f.client_id}`, cookie, form: f });
  const paymentIdOf = (location: string | null) => location!.split("/")[3].split("?")[0];
  const act = (id: string, f: Record<string, string>, cookie = cookies.finance) => call(detail.action, db(), { url: `/finance/payments/${id}`, cookie, params: { id }, form: f });
  const show = (id: string, cookie = cookies.finance) => call(detail.loader, db(), { url: `/finance/payments/${id}`, cookie, params: { id } });

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    for (const role of ["sales", "finance", "manager", "auditor", "admin"] as const) cookies[role] = await cookieFor(db(), center.users[role]);
    cookies.otherFinance = await cookieFor(db(), other.users.finance);
  });

  it("records a partial payment: the bill becomes 部分收款 and the detail shows the allocation", async () => {
    const clientId = await newClient();
    const bill = await insertBill(db(), center.id, { clientId, issueDate: daysAgo(40), totalFen: 300_000 });
    const result = await record(form(clientId, { amount: "1,000.50" }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toMatch(/^\/finance\/payments\/\w+\?done=recorded$/);
    expect((await open(clientId)).get(bill.id)).toMatchObject({ status: "部分收款", open_fen: 199_950 });
    const page = await show(paymentIdOf(result.headers.get("Location")));
    expect(page.status).toBe(200);
    const body = page.body as { allocations: { number: string; amount_fen: number; status: string }[]; unallocatedFen: number; history: { action: string }[] };
    expect(body.allocations.map((a) => [a.number, a.amount_fen, a.status])).toEqual([[bill.number, 100_050, "部分收款"]]);
    expect(body.unallocatedFen).toBe(0);
    expect(body.history.map((h) => h.action)).toEqual(["record"]);
  });

  it("keeps an over-payment as the client's credit and applies it to a later bill", async () => {
    const clientId = await newClient();
    const first = await insertBill(db(), center.id, { clientId, issueDate: daysAgo(50), totalFen: 80_000 });
    const result = await record(form(clientId, { amount: "1300", received_on: daysAgo(10) }));
    const id = paymentIdOf(result.headers.get("Location"));
    expect((await open(clientId)).get(first.id)!.status).toBe("已收清");
    const page = (await show(id)).body as { unallocatedFen: number; creditFen: number; bills: unknown[] };
    expect(page).toMatchObject({ unallocatedFen: 50_000, creditFen: 50_000, bills: [] });

    const later = await insertBill(db(), center.id, { clientId, issueDate: daysAgo(5), totalFen: 70_000 });
    const badDate = await act(id, { intent: "apply-credit", bill_id: "", on_date: "2026-13-01" });
    expect(badDate.status).toBe(400);
    expect((badDate.body as Errors).errors.onDate).toBe("冲抵日期无效，请按 年-月-日 填写");
    const applied = await act(id, { intent: "apply-credit", bill_id: later.id, on_date: today });
    expect(applied.status).toBe(302);
    expect(applied.headers.get("Location")).toBe(`/finance/payments/${id}?done=credited&fen=50000`);
    expect((await open(clientId)).get(later.id)).toMatchObject({ status: "部分收款", open_fen: 20_000 });
    const none = await act(id, { intent: "apply-credit", bill_id: "", on_date: today });
    expect(none.status).toBe(409);
    expect((none.body as Errors).errors.form).toBe("该客户没有可用的预收款（未分配的收款）");
  });

  it("puts every problem of a bad form at once, with a 400, and stores nothing", async () => {
    const clientId = await newClient();
    const bill = await insertBill(db(), center.id, { clientId, issueDate: daysAgo(30), totalFen: 50_000 });
    const spare = await insertBill(db(), center.id, { clientId, issueDate: daysAgo(20), totalFen: 20_000 });
    const refused = await record(form(clientId, { amount: "12.345", received_on: "2026-02-30", method: "bitcoin", mode: "manual", [`alloc_${bill.id}`]: "600", [`alloc_${spare.id}`]: "abc" }));
    expect(refused.status).toBe(400);
    expect((refused.body as Errors).errors).toEqual({
      amountFen: "收款金额格式不对，请填写如 1234.56 的金额（最多两位小数）",
      receivedOn: "收款日期无效，请按 年-月-日 填写",
      method: "收款方式只能是银行转账、现金、支票、承兑汇票或其他",
      [`alloc_${spare.id}`]: "金额格式不对",
      [`alloc_${bill.id}`]: "超过未收金额 ¥500.00",
    });
    const over = await record(form(clientId, { amount: "1000", mode: "manual", [`alloc_${bill.id}`]: "500.01", [`alloc_${spare.id}`]: "100" }));
    expect(over.status).toBe(400);
    expect((over.body as Errors).errors).toEqual({ [`alloc_${bill.id}`]: "超过未收金额 ¥500.00" });
    const tooMuch = await record(form(clientId, { amount: "100", mode: "manual", [`alloc_${bill.id}`]: "80", [`alloc_${spare.id}`]: "30" }));
    expect((tooMuch.body as Errors).errors).toEqual({ allocations: "分配合计 ¥110.00 超过收款金额 ¥100.00" });
    const nothing = await record(form(clientId, { mode: "manual" }));
    expect((nothing.body as Errors).errors.allocations).toContain("手工分配时请至少为一张账单填写金额");
    const future = await record(form(clientId, { received_on: addDays(today, 1), amount: "" }));
    expect((future.body as Errors).errors).toEqual({ receivedOn: "收款日期不能晚于今天", amountFen: "请填写收款金额" });
    expect(await paymentsOf(clientId)).toHaveLength(0);

    const byHand = await record(form(clientId, { amount: "300", mode: "manual", [`alloc_${spare.id}`]: "200", [`alloc_${bill.id}`]: "" }));
    expect(byHand.status).toBe(302);
    const bills = await open(clientId);
    expect([bills.get(spare.id)!.status, bills.get(bill.id)!.status]).toEqual(["已收清", "未收款"]);
    const page = (await show(paymentIdOf(byHand.headers.get("Location")))).body as { unallocatedFen: number };
    expect(page.unallocatedFen).toBe(10_000);
    const none = await record(form(clientId, { amount: "5", mode: "none" }));
    expect(((await show(paymentIdOf(none.headers.get("Location")))).body as { allocations: unknown[] }).allocations).toEqual([]);
  });

  it("lands a double-submitted form on the one payment", async () => {
    const clientId = await newClient();
    await insertBill(db(), center.id, { clientId, issueDate: daysAgo(30), totalFen: 50_000 });
    const f = form(clientId, { amount: "100" });
    const first = await record(f);
    const again = await record(f);
    expect(first.headers.get("Location")).toMatch(/done=recorded$/);
    expect(again.headers.get("Location")).toBe(first.headers.get("Location")!.replace("recorded", "duplicate"));
    expect(await paymentsOf(clientId)).toHaveLength(1);
  });

  it("reverses a bounced payment after checking the reason, and the bill is open again", async () => {
    const clientId = await newClient();
    const bill = await insertBill(db(), center.id, { clientId, issueDate: daysAgo(30), totalFen: 50_000 });
    const id = paymentIdOf((await record(form(clientId, { amount: "500", method: "cheque", received_on: daysAgo(3) }))).headers.get("Location"));
    expect((await open(clientId)).get(bill.id)!.status).toBe("已收清");
    const noReason = await act(id, { intent: "reverse", reversed_on: today, reason: " " });
    expect(noReason.status).toBe(400);
    expect((noReason.body as Errors).errors.reason).toBe("请填写冲销原因（如：票据退回、余额不足）");
    const early = await act(id, { intent: "reverse", reversed_on: daysAgo(4), reason: "退票" });
    expect((early.body as Errors).errors.reversedOn).toBe(`冲销日期不能早于收款日期 ${daysAgo(3)}`);
    const done = await act(id, { intent: "reverse", reversed_on: today, reason: "支票退票" });
    expect(done.headers.get("Location")).toBe(`/finance/payments/${id}?done=reversed`);
    expect((await open(clientId)).get(bill.id)).toMatchObject({ status: "未收款", open_fen: 50_000 });
    const page = (await show(id)).body as { payment: { reversed_on: string; reversal_reason: string }; unallocatedFen: number; history: { action: string }[] };
    expect(page.payment).toMatchObject({ reversed_on: today, reversal_reason: "支票退票" });
    expect(page.history.map((h) => h.action)).toEqual(["reverse", "record"]);
    expect((await act(id, { intent: "reverse", reversed_on: today, reason: "再次" })).status).toBe(409);
    expect((await act(id, { intent: "explode" })).status).toBe(400);
  });

  it("lists payments with filters and totals, reversed ones only when asked", async () => {
    const name = `列表客户${newId().slice(-6)}`;
    const clientId = await newClient(name);
    await insertBill(db(), center.id, { clientId, issueDate: daysAgo(30), totalFen: 40_000 });
    await record(form(clientId, { amount: "300", received_on: daysAgo(5) }));
    await record(form(clientId, { amount: "200", method: "cash", received_on: daysAgo(4) }));
    const bounced = paymentIdOf((await record(form(clientId, { amount: "50", method: "cheque", mode: "none", received_on: daysAgo(3) }))).headers.get("Location"));
    await act(bounced, { intent: "reverse", reversed_on: today, reason: "退票" });
    type List = { rows: { amount_fen: number; method: string; unallocated_fen: number }[]; totals: Record<string, number>; badDates: boolean };
    const get = async (query: string, cookie = cookies.finance) => (await call(list.loader, db(), { url: `/finance/payments?${query}`, cookie })).body as List;
    const mine = await get(`client=${encodeURIComponent(name.slice(2))}`);
    expect(mine.rows.map((r) => r.amount_fen)).toEqual([20_000, 30_000]);
    expect(mine.totals).toMatchObject({ count: 2, amountFen: 50_000, allocatedFen: 40_000, unallocatedFen: 10_000, reversedCount: 0 });
    const all = await get(`client=${encodeURIComponent(name)}&reversed=1`);
    expect(all.rows.map((r) => r.amount_fen)).toEqual([5_000, 20_000, 30_000]);
    expect(all.totals).toMatchObject({ count: 3, amountFen: 50_000, reversedCount: 1, reversedFen: 5_000 });
    expect(all.rows[0].unallocated_fen).toBe(0);
    const cash = await get(`client=${encodeURIComponent(name)}&method=cash&from=${daysAgo(4)}&to=${daysAgo(4)}`, cookies.manager);
    expect(cash.rows.map((r) => r.method)).toEqual(["cash"]);
    expect((await get(`client=${encodeURIComponent(name)}&from=2026-02-30`)).badDates).toBe(true);
  });

  it("lets finance and admin write; managers and auditors read only; sales see nothing", async () => {
    const clientId = await newClient();
    await insertBill(db(), center.id, { clientId, issueDate: daysAgo(30), totalFen: 50_000 });
    const id = paymentIdOf((await record(form(clientId, { amount: "100" }))).headers.get("Location"));
    for (const role of ["manager", "auditor"] as const) {
      expect((await call(list.loader, db(), { url: "/finance/payments", cookie: cookies[role] })).status).toBe(200);
      const page = await show(id, cookies[role]);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ canUpdate: false, bills: [] });
      expect((await call(recordNew.loader, db(), { url: `/finance/payments/new?client=${clientId}`, cookie: cookies[role] })).status).toBe(403);
      expect((await record(form(clientId), cookies[role])).status).toBe(403);
      expect((await act(id, { intent: "reverse", reversed_on: today, reason: "退票" }, cookies[role])).status).toBe(403);
    }
    expect((await call(list.loader, db(), { url: "/finance/payments", cookie: cookies.sales })).status).toBe(403);
    expect((await show(id, cookies.sales)).status).toBe(403);
    expect((await call(recordNew.loader, db(), { url: "/finance/payments/new", cookie: cookies.sales })).status).toBe(403);
    expect((await record(form(clientId), cookies.sales)).status).toBe(403);
    expect(await paymentsOf(clientId)).toHaveLength(1);
    expect((await record(form(clientId, { amount: "1" }), cookies.admin)).status).toBe(302);
    const chooser = await call(recordNew.loader, db(), { url: "/finance/payments/new", cookie: cookies.finance });
    expect((chooser.body as { choices: { open: { id: string }[] } }).choices.open.map((c) => c.id)).toContain(clientId);
  });

  it("answers another center's payment and client with 404", async () => {
    const clientId = await newClient();
    await insertBill(db(), center.id, { clientId, issueDate: daysAgo(30), totalFen: 50_000 });
    const id = paymentIdOf((await record(form(clientId, { amount: "100" }))).headers.get("Location"));
    const outsider = cookies.otherFinance;
    expect((await show(id, outsider)).status).toBe(404);
    expect((await act(id, { intent: "reverse", reversed_on: today, reason: "退票" }, outsider)).status).toBe(404);
    expect((await act(id, { intent: "apply-credit", on_date: today }, outsider)).status).toBe(404);
    expect((await call(recordNew.loader, db(), { url: `/finance/payments/new?client=${clientId}`, cookie: outsider })).status).toBe(404);
    expect((await record(form(clientId), outsider)).status).toBe(404);
    expect((await show("nope")).status).toBe(404);
    expect(await paymentsOf(clientId)).toHaveLength(1);
  });
});
