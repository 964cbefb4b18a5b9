// The generated receivables must be rows the billing services could have written: bill totals
// that are the sums of their lines, each line at the center's VAT rate on its day, gapless ZD
// numbers the app continues, credits that mirror what they reverse, payments never allocated
// beyond a bill's open amount, each allocation dated the later of its payment's day and the bill's
// issue day, and every bill's settled_on what a recomputation from scratch gives. generateDataset
// only fills an empty database, so each dialect gets a fresh one.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import { settledOnDrift } from "../../app/modules/billing/settlement.server";
import { lineMoney } from "../../app/modules/billing/tax";
import { nextNumber } from "../../app/modules/booking/numbers.server";
import { generateDataset } from "../../scripts/bench/dataset";
import { dialectsUnderTest, freshDatabase } from "../support/db";

for (const { dialect } of dialectsUnderTest()) {
  describe(`dataset bills [${dialect}]`, () => {
    let db: AppDb;
    let drop: () => Promise<void>;
    let centerId: string;

    beforeAll(async () => {
      ({ db, drop } = await freshDatabase(dialect, "rm_bills"));
      await generateDataset(db, { size: "demo", orders: { orders: 0 }, bills: 400 });
      centerId = (await db.selectFrom("centers").select("id").executeTakeFirstOrThrow()).id;
    });
    afterAll(async () => {
      await drop?.();
    });

    it("writes bills whose totals are the sums of their lines, each line through lineMoney", async () => {
      const bills = await db.selectFrom("bills").selectAll().where("center_id", "=", centerId).execute();
      const lines = await db.selectFrom("bill_lines").selectAll().where("center_id", "=", centerId).execute();
      expect(bills.length).toBeGreaterThanOrEqual(400);
      const byBill = new Map<string, typeof lines>();
      for (const l of lines) byBill.set(l.bill_id, [...(byBill.get(l.bill_id) ?? []), l]);
      for (const b of bills) {
        const own = byBill.get(b.id) ?? [];
        expect(own.length, b.number ?? "").toBeGreaterThan(0);
        for (const key of ["net_fen", "tax_fen", "total_fen"] as const) expect(Number(b[key])).toBe(own.reduce((s, l) => s + Number(l[key]), 0));
        for (const l of own) {
          if (l.original_line_id === null || b.kind === "invoice") {
            expect({ net_fen: Number(l.net_fen), tax_fen: Number(l.tax_fen), total_fen: Number(l.total_fen) }).toEqual(lineMoney(Number(l.amount_fen), Boolean(l.tax_included), l.rate_bp));
          }
        }
      }
      // Demo centers are general taxpayers: 6 % throughout.
      expect(new Set(lines.map((l) => l.rate_bp))).toEqual(new Set([600]));
    });

    it("numbers bills gaplessly per year, and the app continues the sequence", async () => {
      const rows = await db.selectFrom("bills").select(["number", "issue_date"]).where("center_id", "=", centerId).execute();
      const perYear = new Map<string, number[]>();
      for (const r of rows) {
        expect(r.number!.slice(2, 6)).toBe(r.issue_date!.slice(0, 4));
        perYear.set(r.number!.slice(2, 6), [...(perYear.get(r.number!.slice(2, 6)) ?? []), Number(r.number!.slice(7))]);
      }
      for (const numbers of perYear.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
      const lastYear = [...perYear.keys()].sort().at(-1)!;
      const next = await db.transaction().execute((trx) => nextNumber(trx, centerId, "ZD", Number(lastYear)));
      expect(next).toBe(`ZD${lastYear}-${String(perYear.get(lastYear)!.length + 1).padStart(6, "0")}`);
    });

    it("never allocates beyond a bill's total less its credits, and credits never exceed what they reverse", async () => {
      const bills = await db.selectFrom("bills").select(["id", "kind", "total_fen", "original_bill_id"]).where("center_id", "=", centerId).execute();
      const credited = new Map<string, number>();
      for (const b of bills) if (b.kind === "credit") credited.set(b.original_bill_id!, (credited.get(b.original_bill_id!) ?? 0) - Number(b.total_fen));
      const allocated = await db
        .selectFrom("payment_allocations as a")
        .innerJoin("payments as p", "p.id", "a.payment_id")
        .select(["a.bill_id", "a.amount_fen", "p.reversed_on"])
        .where("a.center_id", "=", centerId)
        .execute();
      const paid = new Map<string, number>();
      for (const a of allocated) if (a.reversed_on === null) paid.set(a.bill_id, (paid.get(a.bill_id) ?? 0) + Number(a.amount_fen));
      for (const b of bills.filter((x) => x.kind === "invoice")) {
        const credit = credited.get(b.id) ?? 0;
        expect(credit).toBeLessThanOrEqual(Number(b.total_fen));
        expect(paid.get(b.id) ?? 0).toBeLessThanOrEqual(Number(b.total_fen) - credit);
      }
      const payments = await db.selectFrom("payments").select(["id", "amount_fen"]).where("center_id", "=", centerId).execute();
      const perPayment = new Map<string, number>();
      for (const a of await db.selectFrom("payment_allocations").select(["payment_id", "amount_fen"]).where("center_id", "=", centerId).execute()) {
        perPayment.set(a.payment_id, (perPayment.get(a.payment_id) ?? 0) + Number(a.amount_fen));
      }
      for (const p of payments) expect(perPayment.get(p.id) ?? 0).toBeLessThanOrEqual(Number(p.amount_fen));
      expect(payments.length).toBeGreaterThan(400);
    });

    it("dates each allocation the later of its payment's day and the bill's issue day", async () => {
      const rows = await db
        .selectFrom("payment_allocations as a")
        .innerJoin("payments as p", "p.id", "a.payment_id")
        .innerJoin("bills as b", "b.id", "a.bill_id")
        .select(["a.allocated_on", "p.received_on", "b.issue_date"])
        .where("a.center_id", "=", centerId)
        .execute();
      expect(rows.length).toBeGreaterThan(400);
      for (const r of rows) expect(r.allocated_on).toBe(r.received_on > r.issue_date! ? r.received_on : r.issue_date);
    });

    it("stores each bill's settled_on as the app keeps it: equal to a recomputation from scratch", async () => {
      expect(await settledOnDrift(db, centerId)).toEqual([]);
      const counts = await db.selectFrom("bills").select(["kind", (eb) => eb.fn.countAll<number>().as("n")]).where("center_id", "=", centerId).groupBy("kind").execute();
      const settled = await sql<{ n: number }>`select count(*) as n from bills where center_id = ${centerId} and settled_on is not null`.execute(db);
      // Most invoices are paid up; credits never carry one.
      expect(Number(settled.rows[0].n)).toBeGreaterThan(Number(counts.find((c) => c.kind === "invoice")!.n) / 2);
      expect((await sql<{ n: number }>`select count(*) as n from bills where center_id = ${centerId} and kind = 'credit' and settled_on is not null`.execute(db)).rows[0].n).toBe(0);
    });
  });
}
