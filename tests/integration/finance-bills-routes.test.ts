// The bill screens as the browser meets them: generating twice, problems listed before issue and
// the issue refused, numbers, partial credits, the 数电发票号码 typed by hand, who may post, what
// a sales rep sees, another center's bills, and the billing plan on the order and contract pages.
import type { AppLoadContext } from "@remix-run/node";
import { beforeAll, expect, it } from "vitest";
import * as billList from "../../app/routes/finance.bills._index";
import * as billNew from "../../app/routes/finance.bills.new";
import * as billDetail from "../../app/routes/finance.bills.$id";
import * as billPrint from "../../app/routes/finance.bills.$id_.print";
import * as orderDetail from "../../app/routes/orders.$id";
import * as contractDetail from "../../app/routes/contracts.$id";
import { getBillingPlan } from "../../app/modules/billing/plans.server";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { contractParty, makeContract, milestoneContract } from "../support/contracts";
import { billableClient, type BillingWorld, billingWorld, billsOf, confirmedOrder, issuedBill, linesOf, manualDraft } from "../support/billing";
import { call, contextFor } from "../support/routes";

type RouteFn = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;
type Outcome = { status: number; location: string | null; body: unknown };

/** Posts a form that may repeat a field (the ticked bills), as a browser does. */
async function post(fn: RouteFn, db: Parameters<typeof contextFor>[0], url: string, cookie: string, form: [string, string][], params: Record<string, string> = {}): Promise<Outcome> {
  const request = new Request(`http://localhost${url}`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
  });
  const read = (v: unknown): Outcome => {
    if (v instanceof Response) return { status: v.status, location: v.headers.get("Location"), body: null };
    const d = v as { type?: string; data?: unknown; init?: { status?: number } };
    if (d?.type === "DataWithResponseInit") return { status: d.init?.status ?? 200, location: null, body: d.data };
    return { status: 200, location: null, body: v };
  };
  try {
    return read(await fn({ request, params, context: contextFor(db) }));
  } catch (thrown) {
    return read(thrown);
  }
}

const errorsOf = (o: Outcome) => (o.body as { errors: Record<string, string> }).errors;

describeEachDb("bill screens", ({ db }) => {
  let w: BillingWorld;
  let other: TestCenter;
  const cookies: Record<string, string> = {};
  const billRow = (id: string) => db().selectFrom("bills").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const detail = (cookie: string, id: string, form: Record<string, string>) => post(billDetail.action as RouteFn, db(), `/finance/bills/${id}`, cookie, Object.entries(form), { id });
  const list = (cookie: string, form: [string, string][]) => post(billList.action as RouteFn, db(), "/finance/bills?index", cookie, form);

  beforeAll(async () => {
    w = await billingWorld(db());
    other = await makeCenter(db());
    for (const role of ["finance", "manager", "auditor", "sales", "admin"] as const) cookies[role] = await cookieFor(db(), w.center.users[role]);
    cookies.sales2 = await cookieFor(db(), { id: w.sales2.userId!, username: "sales2", role: "sales", scope: w.sales2 });
    cookies.otherFinance = await cookieFor(db(), other.users.finance);
  });

  it("generates drafts from the list page, and a second run finds nothing new", async () => {
    const clientId = await billableClient(db(), w.sales);
    await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-02-01", to: "2026-02-10", netFen: 10_600_00 }]);
    const first = await list(cookies.finance, [["intent", "generate"], ["period_to", "2026-02-28"]]);
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/^\/finance\/bills\?status=draft&done=generated&c=1&u=0&d=0&la=1/);
    const [draft] = await billsOf(db(), w.center.id, clientId);
    expect(draft).toMatchObject({ status: "draft", total_fen: 10_600_00 });
    const again = await list(cookies.finance, [["intent", "generate"], ["period_to", "2026-02-28"]]);
    expect(again.location).toBe("/finance/bills?status=draft&done=generated&c=0&u=0&d=0&la=0&lu=0&lr=0");
    expect(await billsOf(db(), w.center.id, clientId)).toHaveLength(1);

    const bad = await list(cookies.finance, [["intent", "generate"], ["period_to", "2026-02-30"]]);
    expect(bad.status).toBe(400);
    expect(errorsOf(bad).period_to).toContain("到期截止日");
    const page = await call(billList.loader, db(), { url: `/finance/bills?status=draft&client=${encodeURIComponent(await clientName(clientId))}`, cookie: cookies.finance });
    const body = page.body as { rows: { id: string }[]; totals: { total_fen: number }; periodTo: string; mayWrite: boolean };
    expect(body.rows.map((r) => r.id)).toEqual([draft.id]);
    expect(body.totals.total_fen).toBe(10_600_00);
    expect(body.periodTo).toMatch(/^\d{4}-\d{2}-(28|29|30|31)$/);
    expect(body.mayWrite).toBe(true);
  });

  const clientName = async (id: string) => (await db().selectFrom("clients").select("name").where("id", "=", id).executeTakeFirstOrThrow()).name;

  it("lists what stops a draft before issue, refuses the issue with 400 and stores nothing", async () => {
    const clientId = await makeClient(db(), w.sales); // an enterprise without a tax id
    const draftId = await manualDraft(db(), w.finance, clientId, [{ amountFen: 5_000_00 }]);
    const page = await call(billDetail.loader, db(), { url: `/finance/bills/${draftId}`, cookie: cookies.finance, params: { id: draftId } });
    const problems = (page.body as { bill: { problems: string[] } }).bill.problems;
    expect(problems).toEqual([expect.stringContaining("开普票也需要纳税人识别号")]);
    const sequences = () => db().selectFrom("number_sequences").select("last_value").where("center_id", "=", w.center.id).where("series", "=", "ZD").execute();
    const before = await sequences();
    const refused = await detail(cookies.finance, draftId, { intent: "issue", issue_date: "2026-03-15" });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused).form).toContain("还不能开票");
    expect(await billRow(draftId)).toMatchObject({ status: "draft", number: null });
    expect(await sequences()).toEqual(before);

    // In a batch, each stands alone: the ready draft is issued, the other listed with its reason.
    const readyId = await manualDraft(db(), w.finance, await billableClient(db(), w.sales), [{ amountFen: 1_000_00 }]);
    const batch = await list(cookies.finance, [["intent", "issue"], ["issue_date", "2026-03-16"], ["bill_id", draftId], ["bill_id", readyId]]);
    expect(batch.status).toBe(200);
    const outcome = batch.body as { issued: { id: string; number: string }[]; refused: { id: string; message: string }[] };
    expect(outcome.issued.map((b) => b.id)).toEqual([readyId]);
    expect(outcome.refused).toEqual([expect.objectContaining({ id: draftId, message: expect.stringContaining("纳税人识别号") })]);
    const none = await list(cookies.finance, [["intent", "issue"], ["issue_date", "2026-03-16"], ["bill_id", draftId]]);
    expect(none.status).toBe(400);
    const empty = await list(cookies.finance, [["intent", "issue"], ["issue_date", "2026-03-16"]]);
    expect(empty.status).toBe(400);
    expect(errorsOf(empty).bill_id).toBe("请先勾选要开具的草稿账单");
  });

  it("edits a draft by hand, refuses a stale or bad form, then issues it with the next ZD number", async () => {
    const created = await post(billNew.action as RouteFn, db(), "/finance/bills/new", cookies.finance, [["client", await clientName(await billableClient(db(), w.sales))], ["invoice_kind", "special"], ["notes", "手工"]]);
    expect(created.status).toBe(302);
    const id = created.location!.match(/^\/finance\/bills\/(\w+)\?done=created$/)![1];
    const unknown = await post(billNew.action as RouteFn, db(), "/finance/bills/new", cookies.finance, [["client", "没有这个客户"], ["invoice_kind", "special"]]);
    expect(unknown.status).toBe(400);

    const stamp = (await billRow(id)).updated_at;
    const categoryId = (await db().selectFrom("revenue_categories").select("id").where("center_id", "=", w.center.id).where("code", "=", "outdoor.static").executeTakeFirstOrThrow()).id;
    const line = { intent: "line-add", updated_at: stamp, category_id: categoryId, tax_code: "", description: "户外广告", amount: "2120.00", tax_included: "1", service_date: "2026-03-01" };
    const badAmount = await detail(cookies.finance, id, { ...line, amount: "12.345" });
    expect(badAmount.status).toBe(400);
    expect(errorsOf(badAmount).amount).toContain("金额");
    expect(await linesOf(db(), id)).toHaveLength(0);
    expect((await detail(cookies.finance, id, line)).location).toBe(`/finance/bills/${id}?done=lineAdded`);
    const twice = await detail(cookies.finance, id, line);
    expect(twice.status).toBe(409);
    const lines = await linesOf(db(), id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ tax_code: "3040303000000000000", rate_bp: 600 });

    const issued = await detail(cookies.finance, id, { intent: "issue", issue_date: "2026-03-18" });
    expect(issued.status).toBe(302);
    expect(issued.location).toMatch(new RegExp(`^/finance/bills/${id}\\?done=issued&n=ZD2026-\\d{6}$`));
    expect(await billRow(id)).toMatchObject({ status: "issued", invoice_kind: "special", issue_date: "2026-03-18", number: expect.stringMatching(/^ZD2026-\d{6}$/) });
    expect((await detail(cookies.finance, id, { intent: "issue", issue_date: "2026-03-18" })).status).toBe(409);
  });

  it("raises a partial red-letter credit by line and amount, refusing too much and a second click", async () => {
    const clientId = await billableClient(db(), w.sales);
    const bill = await issuedBill(db(), w.finance, clientId, [{ amountFen: 3_000_00 }, { amountFen: 2_000_00, description: "第二行" }]);
    const [l1, l2] = await linesOf(db(), bill.id);
    const credits = () => db().selectFrom("bills").select(["id", "total_fen", "credit_reason"]).where("original_bill_id", "=", bill.id).execute();
    const base = { intent: "credit", reason: "销售折让", issue_date: "2026-03-20", mode: "lines", credits_seen: "0" };
    const tooMuch = await detail(cookies.finance, bill.id, { ...base, [`credit_${l2.id}`]: "2000.01" });
    expect(tooMuch.status).toBe(400);
    expect(errorsOf(tooMuch)[`line_${l2.id}`]).toContain("最多还可冲红 ¥2,000.00");
    expect(await detail(cookies.finance, bill.id, { ...base, reason: "随便" })).toMatchObject({ status: 400 });
    expect(await credits()).toHaveLength(0);

    const done = await detail(cookies.finance, bill.id, { ...base, [`credit_${l1.id}`]: "500", [`credit_${l2.id}`]: "" });
    expect(done.location).toMatch(new RegExp(`^/finance/bills/${bill.id}\\?done=credited&n=ZD2026-\\d{6}$`));
    expect((await credits()).map((k) => [Number(k.total_fen), k.credit_reason])).toEqual([[-500_00, "销售折让"]]);
    const again = await detail(cookies.finance, bill.id, { ...base, [`credit_${l1.id}`]: "500" });
    expect(again.status).toBe(409);
    expect(await credits()).toHaveLength(1);

    const page = await call(billDetail.loader, db(), { url: `/finance/bills/${bill.id}`, cookie: cookies.finance, params: { id: bill.id } });
    const shown = (page.body as { bill: { open_fen: number; status_word: string; credits: unknown[]; lines: { creditable_fen: number }[] } }).bill;
    expect(shown).toMatchObject({ open_fen: 4_500_00, status_word: "未收款" });
    expect(shown.credits).toHaveLength(1);
    expect(shown.lines.map((l) => l.creditable_fen)).toEqual([2_500_00, 2_000_00]);
    const full = await detail(cookies.finance, bill.id, { ...base, mode: "full", credits_seen: "1", reason: "开票有误" });
    expect(full.status).toBe(302);
    expect((await credits()).reduce((s, k) => s + Number(k.total_fen), 0)).toBe(-5_000_00);
  });

  it("records the 数电发票号码 by hand: 20 digits, the year's digits, and nothing stored when refused", async () => {
    const bill = await issuedBill(db(), w.finance, await billableClient(db(), w.sales), [{ amountFen: 1_000_00 }]);
    const short = await detail(cookies.finance, bill.id, { intent: "tax-invoice", number: "2633000000000001", date: "2026-03-16" });
    expect(short.status).toBe(400);
    expect(errorsOf(short).number).toContain("20 位");
    const wrongYear = await detail(cookies.finance, bill.id, { intent: "tax-invoice", number: "25330000000000000001", date: "2026-03-16" });
    expect(errorsOf(wrongYear).number).toContain("开票年份");
    expect((await billRow(bill.id)).tax_invoice_number).toBe("");
    const ok = await detail(cookies.finance, bill.id, { intent: "tax-invoice", number: "26330000000000000001", date: "2026-03-16" });
    expect(ok.location).toBe(`/finance/bills/${bill.id}?done=taxInvoice`);
    expect(await billRow(bill.id)).toMatchObject({ tax_invoice_number: "26330000000000000001", tax_invoice_date: "2026-03-16" });
    const overwrite = await detail(cookies.finance, bill.id, { intent: "tax-invoice", number: "26330000000000000002", date: "2026-03-16" });
    expect(overwrite.status).toBe(409);
  });

  it("lets managers and auditors read but not post; the print sheet is readable", async () => {
    const bill = await issuedBill(db(), w.finance, await billableClient(db(), w.sales), [{ amountFen: 1_000_00 }]);
    for (const role of ["manager", "auditor"]) {
      expect((await call(billList.loader, db(), { url: "/finance/bills", cookie: cookies[role] })).body).toMatchObject({ mayWrite: false });
      expect((await call(billDetail.loader, db(), { url: `/finance/bills/${bill.id}`, cookie: cookies[role], params: { id: bill.id } })).status).toBe(200);
      expect((await list(cookies[role], [["intent", "generate"], ["period_to", "2026-02-28"]])).status).toBe(403);
      expect((await detail(cookies[role], bill.id, { intent: "tax-invoice", number: "26330000000000000009", date: "2026-03-16" })).status).toBe(403);
      expect((await call(billNew.loader, db(), { url: "/finance/bills/new", cookie: cookies[role] })).status).toBe(403);
    }
    const printed = await call(billPrint.loader, db(), { url: `/finance/bills/${bill.id}/print`, cookie: cookies.manager, params: { id: bill.id } });
    expect(printed.body).toMatchObject({ bill: { number: bill.number, total_fen: 1_000_00 } });
    expect((await billRow(bill.id)).tax_invoice_number).toBe("");
  });

  it("shows a sales rep the bills of their own clients only", async () => {
    const mine = await issuedBill(db(), w.finance, await billableClient(db(), w.sales), [{ amountFen: 1_000_00 }]);
    const theirs = await issuedBill(db(), w.finance, await billableClient(db(), w.sales2), [{ amountFen: 2_000_00 }]);
    const page = await call(billList.loader, db(), { url: "/finance/bills", cookie: cookies.sales });
    const ids = (page.body as { rows: { id: string }[] }).rows.map((r) => r.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect((await call(billDetail.loader, db(), { url: `/finance/bills/${theirs.id}`, cookie: cookies.sales, params: { id: theirs.id } })).status).toBe(404);
    expect((await call(billPrint.loader, db(), { url: `/finance/bills/${theirs.id}/print`, cookie: cookies.sales, params: { id: theirs.id } })).status).toBe(404);
    expect((await call(billDetail.loader, db(), { url: `/finance/bills/${mine.id}`, cookie: cookies.sales, params: { id: mine.id } })).status).toBe(200);
    expect((await detail(cookies.sales, mine.id, { intent: "issue", issue_date: "2026-03-16" })).status).toBe(403);
    const sales2 = await call(billList.loader, db(), { url: "/finance/bills", cookie: cookies.sales2 });
    expect((sales2.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual([theirs.id]);
  });

  it("answers another center's bill with 404 on every page and action", async () => {
    const foreign = await issuedBill(db(), other.users.finance.scope, await billableClient(db(), other.users.sales.scope), [{ amountFen: 1_000_00 }]);
    const opts = { cookie: cookies.finance, params: { id: foreign.id } };
    expect((await call(billDetail.loader, db(), { url: `/finance/bills/${foreign.id}`, ...opts })).status).toBe(404);
    expect((await call(billPrint.loader, db(), { url: `/finance/bills/${foreign.id}/print`, ...opts })).status).toBe(404);
    const forms: Record<string, string>[] = [
      { intent: "tax-invoice", number: "26330000000000000077", date: "2026-03-16" },
      { intent: "credit", reason: "开票有误", issue_date: "2026-03-20", mode: "full" },
      { intent: "issue", issue_date: "2026-03-20" },
      { intent: "update", invoice_kind: "special", notes: "" },
    ];
    for (const form of forms) {
      expect((await detail(cookies.finance, foreign.id, form)).status).toBe(404);
    }
    expect(await billRow(foreign.id)).toMatchObject({ tax_invoice_number: "", status: "issued" });
    const batch = await list(cookies.finance, [["intent", "issue"], ["issue_date", "2026-03-16"], ["bill_id", foreign.id]]);
    expect(batch.status).toBe(404);
  });

  it("lets finance set the billing plan on the order and contract pages, and no one else", async () => {
    const clientId = await billableClient(db(), w.sales);
    const { orderId } = await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-04-01", to: "2026-05-31", netFen: 8_000_00 }]);
    const shown = await call(orderDetail.loader, db(), { url: `/orders/${orderId}`, cookie: cookies.finance, params: { id: orderId } });
    expect(shown.body).toMatchObject({ billingPlan: { schedule: "once_start", paymentDays: null, stored: false, mayChange: true } });
    const plan = (cookie: string, form: Record<string, string>, id = orderId) =>
      post(orderDetail.action as RouteFn, db(), `/orders/${id}?intent=billing-plan`, cookie, Object.entries({ intent: "billing-plan", ...form }), { id });
    const bad = await plan(cookies.finance, { schedule: "monthly_arrears", payment_days: "400" });
    expect(bad.status).toBe(400);
    expect(errorsOf(bad).payment_days).toContain("0 到 365");
    expect(await plan(cookies.finance, { schedule: "milestone", payment_days: "" })).toMatchObject({ status: 400 });
    expect(await plan(cookies.sales, { schedule: "monthly_arrears", payment_days: "15" })).toMatchObject({ status: 403 });
    expect(await plan(cookies.manager, { schedule: "monthly_arrears", payment_days: "15" })).toMatchObject({ status: 403 });
    expect(await getBillingPlan(db(), w.finance, { kind: "order", id: orderId })).toMatchObject({ ok: true, plan: { stored: false } });
    const ok = await plan(cookies.finance, { schedule: "monthly_arrears", payment_days: "15" });
    expect(ok).toMatchObject({ status: 302, location: `/orders/${orderId}?plan=saved` });
    expect(await getBillingPlan(db(), w.finance, { kind: "order", id: orderId })).toMatchObject({ ok: true, plan: { schedule: "monthly_arrears", paymentDays: 15, stored: true } });
    // The order's own actions stay the sales rep's.
    expect((await post(orderDetail.action as RouteFn, db(), `/orders/${orderId}`, cookies.finance, [["intent", "renew"]], { id: orderId })).status).toBe(403);

    const otherOrder = await confirmedOrder(db(), other.users.sales.scope, await billableClient(db(), other.users.sales.scope), [{ from: "2026-04-01", to: "2026-04-30", netFen: 1_000_00 }]);
    expect(await plan(cookies.finance, { schedule: "monthly_arrears", payment_days: "" }, otherOrder.orderId)).toMatchObject({ status: 404 });

    const party = await contractParty(db(), w.sales);
    const contractId = await makeContract(db(), w.sales, milestoneContract(party));
    const onContract = await post(contractDetail.action as RouteFn, db(), `/contracts/${contractId}?intent=billing-plan`, cookies.finance, [["intent", "billing-plan"], ["schedule", "once_confirm"], ["payment_days", "30"]], { id: contractId });
    expect(onContract).toMatchObject({ status: 302, location: `/contracts/${contractId}?plan=saved` });
    const contractPage = await call(contractDetail.loader, db(), { url: `/contracts/${contractId}`, cookie: cookies.finance, params: { id: contractId } });
    expect(contractPage.body).toMatchObject({ billingPlan: { schedule: "once_confirm", paymentDays: 30, stored: true, mayChange: true } });
    const byOwner = await post(contractDetail.action as RouteFn, db(), `/contracts/${contractId}?intent=billing-plan`, cookies.sales, [["intent", "billing-plan"], ["schedule", "milestone"]], { id: contractId });
    expect(byOwner.status).toBe(403);
  });
});
