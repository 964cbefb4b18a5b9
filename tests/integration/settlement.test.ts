// The maintained bills.settled_on on both databases: named cases (paid, part paid, bounced and paid
// again, a reversal dated before the allocation it undoes, credits full and partial, overpaid by a
// later credit, settled again after a backdated payment), a seeded random run of payments, manual
// and automatic allocations, applied credit, backdated reversals and credits whose stored values
// equal a day-by-day recomputation, and aging, the receivable and the open and overdue lists on
// every event day, the days around them and the bucket boundaries equal to a brute force over all
// of the center's rows. The migration's backfill gives the same values.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import { migrateDownOne, migrateToLatest } from "../../db/migrate";
import type { Scope } from "../../app/modules/auth/scope";
import { createCredit } from "../../app/modules/billing/credits.server";
import { applyCredit, type PaymentInput, recordPayment, reversePayment } from "../../app/modules/billing/payments.server";
import {
  aging, bucketIndex, EVER, MANAGEMENT_BUCKETS, openAmounts, overdueBills, receivableOn, STATUTORY_BUCKETS,
} from "../../app/modules/billing/receivables.server";
import { rebuildSettledOn, settledOnDrift } from "../../app/modules/billing/settlement.server";
import { addDays, dayNumber, fromDayNumber } from "../../app/modules/inventory/calendar-dates";
import { insertBill } from "../support/bills-direct";
import { describeEachDb, dialectsUnderTest, freshDatabase } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";

const TODAY = "2026-11-27";

interface Rows {
  invoices: { id: string; client_id: string; owner_id: string | null; issue_date: string; due_date: string; total_fen: number; settled_on: string | null }[];
  allocations: { bill_id: string; allocated_on: string; amount_fen: number; reversed_on: string | null }[];
  credits: { original_bill_id: string; issue_date: string; total_fen: number }[];
}

/** Everything of the center, read raw. */
async function rowsOf(db: AppDb, centerId: string): Promise<Rows> {
  const invoices = await sql<Rows["invoices"][number]>`
    select id, client_id, owner_id, issue_date, due_date, total_fen, settled_on from bills
    where center_id = ${centerId} and kind = 'invoice' and status = 'issued'`.execute(db);
  const allocations = await sql<Rows["allocations"][number]>`
    select pa.bill_id, pa.allocated_on, pa.amount_fen, p.reversed_on from payment_allocations pa join payments p on p.id = pa.payment_id
    where pa.center_id = ${centerId}`.execute(db);
  const credits = await sql<Rows["credits"][number]>`
    select original_bill_id, issue_date, total_fen from bills where center_id = ${centerId} and kind = 'credit' and status = 'issued'`.execute(db);
  return {
    invoices: invoices.rows.map((b) => ({ ...b, total_fen: Number(b.total_fen) })),
    allocations: allocations.rows.map((a) => ({ ...a, amount_fen: Number(a.amount_fen) })),
    credits: credits.rows.map((c) => ({ ...c, total_fen: Number(c.total_fen) })),
  };
}

/** MONEY: the definition, literally: total less allocations on or before D of payments not reversed by D, less credits by D. */
function openOn(rows: Rows, bill: Rows["invoices"][number], d: string): number {
  let open = bill.total_fen;
  for (const a of rows.allocations) if (a.bill_id === bill.id && a.allocated_on <= d && !(a.reversed_on !== null && a.reversed_on <= d)) open -= a.amount_fen;
  for (const c of rows.credits) if (c.original_bill_id === bill.id && c.issue_date <= d) open -= Math.abs(c.total_fen);
  return open;
}

/** settled_on walked one day at a time from the issue day to a day after every event. */
function settledByDays(rows: Rows, bill: Rows["invoices"][number]): string | null {
  let settled: string | null = null;
  for (let n = dayNumber(bill.issue_date); n <= dayNumber(TODAY) + 1; n++) {
    if (openOn(rows, bill, fromDayNumber(n)) !== 0) settled = null;
    else settled ??= fromDayNumber(n);
  }
  return settled;
}

type Totals = { management: number[]; statutory: number[]; total_fen: number };

/** Aging on D over every invoice of the center, no index and no settled_on. */
function bruteAging(rows: Rows, d: string) {
  const byClient = new Map<string, Totals>();
  const byRep = new Map<string, Totals>();
  const totals: Totals = { management: MANAGEMENT_BUCKETS.map(() => 0), statutory: STATUTORY_BUCKETS.map(() => 0), total_fen: 0 };
  const open: { id: string; open: number; due: string }[] = [];
  for (const bill of rows.invoices) {
    if (bill.issue_date > d) continue;
    const amount = openOn(rows, bill, d);
    if (amount === 0) continue;
    open.push({ id: bill.id, open: amount, due: bill.due_date });
    const m = bucketIndex(MANAGEMENT_BUCKETS, dayNumber(d) - dayNumber(bill.due_date));
    const s = bucketIndex(STATUTORY_BUCKETS, dayNumber(d) - dayNumber(bill.issue_date));
    for (const [map, key] of [[byClient, bill.client_id], [byRep, bill.owner_id ?? ""]] as const) {
      if (!map.has(key)) map.set(key, { management: MANAGEMENT_BUCKETS.map(() => 0), statutory: STATUTORY_BUCKETS.map(() => 0), total_fen: 0 });
    }
    for (const row of [byClient.get(bill.client_id)!, byRep.get(bill.owner_id ?? "")!, totals]) {
      row.management[m] += amount;
      row.statutory[s] += amount;
      row.total_fen += amount;
    }
  }
  return { byClient, byRep, totals, open };
}

const asMap = (rows: { key: string; management: number[]; statutory: number[]; total_fen: number }[]) =>
  new Map(rows.map((r) => [r.key, { management: r.management, statutory: r.statutory, total_fen: r.total_fen }]));

/** Days worth asking about: every event day and its neighbours, and each bucket boundary of every invoice. */
function daysToAsk(rows: Rows): string[] {
  const days = new Set<string>();
  const around = (d: string) => [-1, 0, 1].forEach((k) => days.add(addDays(d, k)));
  for (const b of rows.invoices) {
    around(b.issue_date);
    for (const m of MANAGEMENT_BUCKETS) if (m.maxDays !== null) [m.maxDays, m.maxDays + 1].forEach((k) => days.add(addDays(b.due_date, k)));
    for (const s of STATUTORY_BUCKETS) if (s.maxDays !== null) [s.maxDays, s.maxDays + 1].forEach((k) => days.add(addDays(b.issue_date, k)));
  }
  for (const a of rows.allocations) [a.allocated_on, a.reversed_on].forEach((d) => d && around(d));
  for (const c of rows.credits) around(c.issue_date);
  return [...days].sort();
}

/** Mulberry32: the same "random" run on every database and every time. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const expectOk = (result: { ok: boolean; errors?: unknown }) => {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
};

/** The named cases of one center; returns the expected settled_on per bill. */
async function namedCases(db: AppDb, center: TestCenter): Promise<Map<string, string | null>> {
  const finance = center.users.finance.scope;
  const clientId = await makeClient(db, center.users.sales.scope);
  const pay = async (over: Partial<PaymentInput>) => {
    const result = await recordPayment(db, finance, { clientId, receivedOn: "2026-03-20", amountFen: 1, method: "transfer", payer: "", reference: "", notes: "", allocate: "none", ...over }, TODAY);
    expectOk(result);
    return (result as { id: string }).id;
  };
  const bill = (issueDate: string, totalFen = 100_000) => insertBill(db, center.id, { clientId, issueDate, totalFen });
  const reverse = async (id: string, reversedOn: string) => expectOk(await reversePayment(db, finance, id, { reversedOn, reason: "退票" }, TODAY));
  const credit = async (id: string, issueDate: string, part?: { lineId: string; amountFen: number }) =>
    expectOk(await createCredit(db, finance, id, part ? { reason: "销售折让", issueDate, lines: [{ originalLineId: part.lineId, amountFen: part.amountFen }] } : { reason: "开票有误", issueDate, full: true }));
  const expected = new Map<string, string | null>();

  const paid = await bill("2026-03-01");
  await pay({ amountFen: 100_000, allocate: [{ billId: paid.id, amountFen: 100_000 }] });
  expected.set(paid.id, "2026-03-20");
  const partial = await bill("2026-03-01");
  await pay({ amountFen: 40_000, allocate: [{ billId: partial.id, amountFen: 40_000 }] });
  expected.set(partial.id, null);
  const bouncedThenPaid = await bill("2026-03-01");
  const bounced = await pay({ amountFen: 100_000, allocate: [{ billId: bouncedThenPaid.id, amountFen: 100_000 }] });
  await reverse(bounced, "2026-04-10");
  await pay({ receivedOn: "2026-05-01", amountFen: 100_000, allocate: [{ billId: bouncedThenPaid.id, amountFen: 100_000 }] });
  expected.set(bouncedThenPaid.id, "2026-05-01");
  // Received before the bill was issued: allocated on the issue day, reversed before it, so it never counted.
  const neverCounted = await bill("2026-03-10");
  await reverse(await pay({ receivedOn: "2026-03-05", amountFen: 100_000, allocate: [{ billId: neverCounted.id, amountFen: 100_000 }] }), "2026-03-07");
  expected.set(neverCounted.id, null);
  const fullyCredited = await bill("2026-03-01");
  await credit(fullyCredited.id, "2026-04-01");
  expected.set(fullyCredited.id, "2026-04-01");
  const overpaid = await bill("2026-03-01");
  await pay({ amountFen: 100_000, allocate: [{ billId: overpaid.id, amountFen: 100_000 }] });
  await credit(overpaid.id, "2026-04-01", { lineId: overpaid.lines[0].id, amountFen: 10_000 });
  expected.set(overpaid.id, null);
  const creditedThenBounced = await bill("2026-03-01");
  await credit(creditedThenBounced.id, "2026-04-01", { lineId: creditedThenBounced.lines[0].id, amountFen: 30_000 });
  const rest = await pay({ receivedOn: "2026-04-15", amountFen: 70_000, allocate: [{ billId: creditedThenBounced.id, amountFen: 70_000 }] });
  expect((await rowsOf(db, center.id)).invoices.find((b) => b.id === creditedThenBounced.id)!.settled_on).toBe("2026-04-15");
  await reverse(rest, "2026-04-20");
  expected.set(creditedThenBounced.id, null);
  // Paid, then bounced on 03-25 after a second payment was backdated to 03-22: overpaid 03-22 to 03-24, settled from 03-25.
  const backdated = await bill("2026-03-01");
  const first = await pay({ amountFen: 100_000, allocate: [{ billId: backdated.id, amountFen: 100_000 }] });
  await reverse(first, "2026-03-25");
  await pay({ receivedOn: "2026-03-22", amountFen: 100_000, allocate: [{ billId: backdated.id, amountFen: 100_000 }] });
  expected.set(backdated.id, "2026-03-25");
  return expected;
}

/** A seeded run of every kind of write over several clients' bills. */
async function randomRun(db: AppDb, center: TestCenter, seed: number, steps: number): Promise<void> {
  const rnd = seeded(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const finance: Scope = center.users.finance.scope;
  const day = (from: string, span: number) => {
    const d = addDays(from, int(span));
    return d > TODAY ? TODAY : d;
  };
  const clients = await Promise.all([0, 1, 2].map(() => makeClient(db, center.users.sales.scope)));
  const owners = [center.users.sales.id, center.users.admin.id, null];
  const bills: { id: string; clientId: string; issueDate: string; lineId: string }[] = [];
  for (let i = 0; i < 14; i++) {
    const clientId = pick(clients);
    const issueDate = day("2025-01-05", 540);
    const inserted = await insertBill(db, center.id, { clientId, ownerId: pick(owners), issueDate, dueDate: addDays(issueDate, pick([0, 15, 30, 90])), totalFen: (1 + int(50)) * 10_000 + int(100) });
    bills.push({ id: inserted.id, clientId, issueDate, lineId: inserted.lines[0].id });
  }
  const payments: { id: string; receivedOn: string }[] = [];
  for (let step = 0; step < steps; step++) {
    const bill = pick(bills);
    const receivedOn = day(bill.issueDate, 200);
    const base = { clientId: bill.clientId, receivedOn, method: "transfer" as const, payer: "", reference: "", notes: "" };
    const open = (await openAmounts(db, finance, EVER, { billIds: [bill.id] }))[0].open_fen;
    const r = rnd();
    if (r < 0.3) {
      const result = await recordPayment(db, finance, { ...base, amountFen: (1 + int(40)) * 10_000, allocate: "auto" }, TODAY);
      if (result.ok) payments.push({ id: result.id, receivedOn });
    } else if (r < 0.5 && open > 0) {
      const amount = rnd() < 0.5 ? open : 1 + int(open);
      const result = await recordPayment(db, finance, { ...base, amountFen: amount + (rnd() < 0.3 ? 5_000 : 0), allocate: [{ billId: bill.id, amountFen: amount }] }, TODAY);
      if (result.ok) payments.push({ id: result.id, receivedOn });
    } else if (r < 0.6) {
      const result = await recordPayment(db, finance, { ...base, amountFen: (1 + int(20)) * 10_000, allocate: "none" }, TODAY);
      if (result.ok) payments.push({ id: result.id, receivedOn });
    } else if (r < 0.7) {
      await applyCredit(db, finance, bill.clientId, { onDate: day(bill.issueDate, 250), billId: rnd() < 0.5 ? bill.id : undefined }, TODAY);
    } else if (r < 0.85 && payments.length) {
      const payment = pick(payments);
      await reversePayment(db, finance, payment.id, { reversedOn: day(payment.receivedOn, 60), reason: "退票" }, TODAY);
    } else {
      const full = rnd() < 0.4;
      const input = full ? { full: true } : { lines: [{ originalLineId: bill.lineId, amountFen: 1 + int(30_000) }] };
      await createCredit(db, finance, bill.id, { reason: "销售折让", issueDate: day(bill.issueDate, 120), ...input });
    }
  }
}

/** Stored settled_on against a day-by-day recomputation, and every receivables answer against brute force. */
async function expectAllAgree(db: AppDb, center: TestCenter): Promise<void> {
  const rows = await rowsOf(db, center.id);
  expect(await settledOnDrift(db, center.id)).toEqual([]);
  for (const bill of rows.invoices) expect(bill.settled_on, bill.id).toBe(settledByDays(rows, bill));
  const scope = center.users.manager.scope;
  for (const d of daysToAsk(rows)) {
    const brute = bruteAging(rows, d);
    const result = await aging(db, scope, d);
    expect(result.totals, d).toMatchObject(brute.totals);
    expect(asMap(result.byClient), d).toEqual(brute.byClient);
    expect(asMap(result.byRep), d).toEqual(brute.byRep);
    expect(await receivableOn(db, scope, d), d).toBe(brute.totals.total_fen);
    const positive = brute.open.filter((b) => b.open > 0);
    expect((await openAmounts(db, scope, d, { openOnly: true })).map((b) => [b.id, b.open_fen]).sort(), d).toEqual(positive.map((b) => [b.id, b.open]).sort());
    expect((await overdueBills(db, scope, d)).map((b) => b.id).sort(), d).toEqual(positive.filter((b) => b.due < d).map((b) => b.id).sort());
  }
}

describeEachDb("settled_on", ({ db }) => {
  let named: TestCenter;
  let random: TestCenter;

  beforeAll(async () => {
    [named, random] = [await makeCenter(db()), await makeCenter(db())];
  });

  it("is the first day an invoice stays settled, recomputed by every write that changes its events", async () => {
    const expected = await namedCases(db(), named);
    const stored = new Map((await rowsOf(db(), named.id)).invoices.map((b) => [b.id, b.settled_on]));
    expect(stored).toEqual(expected);
    await expectAllAgree(db(), named);
  });

  it("stays equal to a recomputation through a random run, and aging on any day equals a brute force over all bills", async () => {
    await randomRun(db(), random, 20261127, 90);
    const rows = await rowsOf(db(), random.id);
    // The run must have reached every kind of state, or it proves little.
    expect(rows.invoices.some((b) => b.settled_on !== null)).toBe(true);
    expect(rows.invoices.some((b) => b.settled_on === null && openOn(rows, b, TODAY) !== 0)).toBe(true);
    expect(rows.allocations.some((a) => a.reversed_on !== null)).toBe(true);
    expect(rows.credits.length).toBeGreaterThan(0);
    await expectAllAgree(db(), random);
  }, 120_000);

  it("rebuilds a value that went wrong, and the check finds it first", async () => {
    const bill = (await rowsOf(db(), named.id)).invoices.find((b) => b.settled_on !== null)!;
    await sql`update bills set settled_on = null where id = ${bill.id}`.execute(db());
    expect(await settledOnDrift(db(), named.id)).toEqual([{ id: bill.id, stored: null, expected: bill.settled_on }]);
    expect(await rebuildSettledOn(db(), named.id)).toBe(1);
    expect(await settledOnDrift(db(), named.id)).toEqual([]);
  });
});

for (const { dialect } of dialectsUnderTest()) {
  describe(`settled_on migration [${dialect}]`, () => {
    let fresh: { db: AppDb; drop: () => Promise<void> };
    afterAll(() => fresh?.drop());

    it("fills settled_on for the bills already there as the services keep it", async () => {
      fresh = await freshDatabase(dialect, "rm_settled");
      const center = await makeCenter(fresh.db);
      await namedCases(fresh.db, center);
      await randomRun(fresh.db, center, 7, 40);
      const before = (await rowsOf(fresh.db, center.id)).invoices.map((b) => [b.id, b.settled_on]).sort();
      expect(await migrateDownOne(fresh.db)).toEqual(["Down 2026-12-01-0010-reminder-kinds"]);
      expect(await migrateDownOne(fresh.db)).toEqual(["Down 2026-11-30-0009-notifications"]);
      expect(await migrateDownOne(fresh.db)).toEqual(["Down 2026-11-29-0008-money-by-month-indexes"]);
      expect(await migrateDownOne(fresh.db)).toEqual(["Down 2026-11-29-0007-revenue"]);
      expect(await migrateDownOne(fresh.db)).toEqual(["Down 2026-11-28-0006-bills-settled-on"]);
      await migrateToLatest(fresh.db);
      expect((await rowsOf(fresh.db, center.id)).invoices.map((b) => [b.id, b.settled_on]).sort()).toEqual(before);
    }, 120_000);
  });
}
