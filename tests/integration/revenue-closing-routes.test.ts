// The month-closing page as the browser meets it: the figures of the last 24 months (recognised,
// invoiced, collected) against sums worked out by hand, closing through a month with the form,
// the refusals (stale form, a month not yet over, readers and sales), and what closing does to a
// payment dated in a closed month.
import { beforeAll, expect, it } from "vitest";
import * as closingPage from "../../app/routes/finance.closing";
import { addMonths } from "../../app/modules/analytics/series";
import { recordPayment } from "../../app/modules/billing/payments.server";
import type { ClosingMonth } from "../../app/modules/revenue/closing-view.server";
import { todayInShanghai } from "../../app/utils/time";
import { newId } from "../../db/ids";
import type { AppDb } from "../../db/connection";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "../support/factory";
import { insertBill, insertPayment } from "../support/ledger-bills";
import { call } from "../support/routes";

const TODAY = todayInShanghai();
const THIS_MONTH = TODAY.slice(0, 7);
const LAST = addMonths(THIS_MONTH, -1);
/** Two months before last month: the month the tests close first. */
const M1 = addMonths(LAST, -2);
const M2 = addMonths(LAST, -1);

type Page = {
  closedThrough: string | null;
  closedAt: string | null;
  closedByName: string;
  lastMonth: string;
  choices: string[];
  months: ClosingMonth[];
  corrections: { count: number; earnedFen: number; subsidyFen: number };
  canClose: boolean;
};

/** A recognised-income fact written straight into the table (so no other fact exists). */
async function fact(db: AppDb, centerId: string, f: { month: string; forMonth?: string; categoryId: string; amountFen: number; earned?: 0 | 1 }) {
  await db
    .insertInto("revenue_facts")
    .values({
      id: newId(), center_id: centerId, month: f.month, for_month: f.forMonth ?? f.month, source_kind: f.earned === 0 ? "subsidy" : "order", source_id: newId(),
      origin: "schedule", category_id: f.categoryId, client_id: "", owner_id: "", medium: "", line_kind: "", earned: f.earned ?? 1, amount_fen: f.amountFen, use_days: 0,
    })
    .execute();
}

async function categoryId(db: AppDb, centerId: string, code: string): Promise<string> {
  const row = await db.selectFrom("revenue_categories").select("id").where("center_id", "=", centerId).where("code", "=", code).executeTakeFirstOrThrow();
  return row.id;
}

describeEachDb("month closing screen", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let clientId: string;
  const cookies = {} as Record<"finance" | "admin" | "manager" | "auditor" | "sales", string>;

  const page = async (cookie: string) => {
    const got = await call(closingPage.loader, db(), { url: "/finance/closing", cookie });
    expect(got.status).toBe(200);
    return got.body as Page;
  };
  const close = (cookie: string, month: string, expected: string) => call(closingPage.action, db(), { url: "/finance/closing", cookie, form: { intent: "close", month, expected } });
  const stored = async () => (await db().selectFrom("revenue_closings").selectAll().where("center_id", "=", center.id).executeTakeFirst()) ?? null;
  const row = (p: Page, month: string) => p.months.find((m) => m.month === month)!;

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    for (const role of ["finance", "admin", "manager", "auditor", "sales"] as const) cookies[role] = await cookieFor(db(), center.users[role]);
    const [tv, tech, subsidy] = await Promise.all(["traditional.tv", "tech.app_dev", "subsidy"].map((code) => categoryId(db(), center.id, code)));
    await fact(db(), center.id, { month: M1, categoryId: tv, amountFen: 100_000 });
    await fact(db(), center.id, { month: M1, categoryId: tech, amountFen: 50_050 });
    await fact(db(), center.id, { month: M1, categoryId: subsidy, amountFen: 300_000, earned: 0 });
    await fact(db(), center.id, { month: LAST, categoryId: tv, amountFen: 70_000 });
    // A correction of M1 made last month (reported last month).
    await fact(db(), center.id, { month: LAST, forMonth: M1, categoryId: tv, amountFen: -5_000 });
    // Outside the window, and another center's income in M1: neither counts.
    await fact(db(), center.id, { month: addMonths(LAST, -24), categoryId: tv, amountFen: 999_999 });
    await fact(db(), other.id, { month: M1, categoryId: await categoryId(db(), other.id, "traditional.tv"), amountFen: 888_888 });

    clientId = await makeClient(db(), center.users.admin.scope, { name: "县文旅集团" });
    const bill = (number: string, issueDate: string, amountFen: number, extra: Partial<Parameters<typeof insertBill>[1]> = {}) =>
      insertBill(db(), { centerId: center.id, clientId, number, issueDate, lines: [{ amountFen, taxIncluded: false }], ...extra });
    const a = await bill("ZD-C-1", `${M1}-03`, 100_000);
    await bill("ZD-C-2", `${M1}-20`, -10_000, { kind: "credit", originalBillId: a.id });
    await bill("ZD-C-3", `${M1}-21`, 40_000, { status: "draft", number: null });
    await bill("ZD-C-4", `${LAST}-01`, 20_000);
    await insertPayment(db(), { centerId: center.id, clientId, receivedOn: `${M1}-05`, amountFen: 50_000, allocations: [{ billId: a.id, amountFen: 50_000 }] });
    await insertPayment(db(), { centerId: center.id, clientId, receivedOn: `${M1}-09`, amountFen: 7_000, reversedOn: `${LAST}-02`, reversalReason: "退票" });
  });

  it("shows each month's recognised, invoiced and collected figures as summed by hand", async () => {
    const p = await page(cookies.manager);
    expect(p).toMatchObject({ closedThrough: null, lastMonth: LAST, canClose: false, corrections: { count: 0 } });
    expect(p.months).toHaveLength(24);
    expect(p.months[0].month).toBe(LAST);
    expect(p.months[23].month).toBe(addMonths(LAST, -23));
    expect(p.choices).toEqual(p.months.map((m) => m.month));
    expect(row(p, M1)).toEqual({ month: M1, earnedFen: 150_050, adjustmentFen: 0, subsidyFen: 300_000, invoicedNetFen: 90_000, invoicedTotalFen: 95_400, collectedFen: 57_000, closed: false });
    expect(row(p, M2)).toEqual({ month: M2, earnedFen: 0, adjustmentFen: 0, subsidyFen: 0, invoicedNetFen: 0, invoicedTotalFen: 0, collectedFen: 0, closed: false });
    expect(row(p, LAST)).toEqual({ month: LAST, earnedFen: 65_000, adjustmentFen: -5_000, subsidyFen: 0, invoicedNetFen: 20_000, invoicedTotalFen: 21_200, collectedFen: -7_000, closed: false });
    expect((await page(cookies.finance)).canClose).toBe(true);
    expect((await page(cookies.auditor)).canClose).toBe(false);
  });

  it("closes through the chosen month for finance, says by whom, and audits it", async () => {
    const done = await close(cookies.finance, M1, "");
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/finance/closing?done=${M1}`);
    expect(await stored()).toMatchObject({ closed_through: M1, closed_by: center.users.finance.id });

    const p = await page(cookies.admin);
    expect(p).toMatchObject({ closedThrough: M1, closedByName: "finance用户", choices: [LAST, M2] });
    expect(p.closedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(p.months.filter((m) => m.closed).map((m) => m.month)).toEqual(p.months.filter((m) => m.month <= M1).map((m) => m.month));
    expect(row(p, M2).closed).toBe(false);
    // The correction of M1 reported last month is counted once M1 is closed.
    expect(p.corrections).toEqual({ count: 1, earnedFen: -5_000, subsidyFen: 0 });

    const audit = await db().selectFrom("audit_log").selectAll().where("center_id", "=", center.id).where("entity", "=", "revenue").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "close_month", user_id: center.users.finance.id });
    expect(JSON.parse(audit[0].after_json!)).toEqual({ closed_through: M1 });
  });

  it("refuses a stale form, a month not yet over and a month already closed, changing nothing", async () => {
    const stale = await close(cookies.finance, LAST, "");
    expect(stale.status).toBe(409);
    expect((stale.body as { message: string }).message).toContain("请刷新后重试");

    const current = await close(cookies.finance, THIS_MONTH, M1);
    expect(current.status).toBe(400);
    expect((current.body as { message: string }).message).toBe(`只能关闭已经结束的月份（${LAST} 及以前）`);
    expect((await close(cookies.finance, addMonths(THIS_MONTH, 1), M1)).status).toBe(400);
    expect((await close(cookies.finance, "2026-13", M1)).status).toBe(400);
    const again = await close(cookies.finance, addMonths(M1, -1), M1);
    expect(again.status).toBe(400);
    expect((again.body as { message: string }).message).toContain(`${M1} 及以前已关账`);
    expect((await call(closingPage.action, db(), { url: "/finance/closing", cookie: cookies.finance, form: { intent: "reopen", month: M1, expected: M1 } })).status).toBe(400);

    expect(await stored()).toMatchObject({ closed_through: M1 });
    expect(await db().selectFrom("audit_log").select("id").where("center_id", "=", center.id).where("entity", "=", "revenue").execute()).toHaveLength(1);
  });

  it("lets managers and auditors read but not close, and shuts sales out", async () => {
    expect((await close(cookies.manager, M2, M1)).status).toBe(403);
    expect((await close(cookies.auditor, M2, M1)).status).toBe(403);
    expect((await close(cookies.sales, M2, M1)).status).toBe(403);
    expect((await call(closingPage.loader, db(), { url: "/finance/closing", cookie: cookies.sales })).status).toBe(403);
    expect((await call(closingPage.loader, db(), { url: "/finance/closing" })).status).toBe(302);
    expect(await stored()).toMatchObject({ closed_through: M1 });
    // Another center's closing is its own.
    expect((await page(await cookieFor(db(), other.users.finance))).closedThrough).toBeNull();
  });

  it("refuses a payment dated in a closed month and stores nothing; an open month still takes one", async () => {
    const admin = await close(cookies.admin, M2, M1);
    expect(admin.status).toBe(302);
    const before = await db().selectFrom("payments").select("id").where("center_id", "=", center.id).execute();
    const input = { clientId, receivedOn: `${M2}-15`, amountFen: 12_300, method: "transfer" as const, payer: "", reference: "", notes: "", allocate: "none" as const };
    const refused = await recordPayment(db(), center.users.finance.scope, input);
    expect(refused).toMatchObject({ ok: false, status: 400, errors: { receivedOn: expect.stringContaining(`${M2} 及以前已关账`) } });
    expect(await db().selectFrom("payments").select("id").where("center_id", "=", center.id).execute()).toHaveLength(before.length);

    const open = await recordPayment(db(), center.users.finance.scope, { ...input, receivedOn: `${LAST}-15` });
    expect(open.ok).toBe(true);
    expect(row(await page(cookies.finance), LAST).collectedFen).toBe(-7_000 + 12_300);
  });
});
