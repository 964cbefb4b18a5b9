// Frozen migration: `bills.settled_on`, the first day from which an issued invoice's open amount
// stays zero (NULL while it is open), so receivables as of a day read only the invoices still open
// on it. Existing invoices get it computed from their allocations, reversals and credits with the
// rule as it stood when this migration was written (kept here, not imported, so it never changes).
import { type Kysely, MysqlAdapter } from "kysely";

const DATE = "varchar(10)"; // 'YYYY-MM-DD'
const CHUNK = 200; // ids per IN list: MariaDB looks into the index for up to 200

type Allocation = { bill_id: string; allocated_on: string; amount_fen: number; reversed_on: string | null };
type Credit = { original_bill_id: string; issue_date: string; total_fen: number };

function settledOnOf(bill: { issue_date: string; total_fen: number }, allocations: Allocation[], credits: Credit[]): string | null {
  const openOn = (d: string) => {
    let open = Number(bill.total_fen);
    for (const a of allocations) if (a.allocated_on <= d && !(a.reversed_on !== null && a.reversed_on <= d)) open -= Number(a.amount_fen);
    for (const c of credits) if (c.issue_date <= d) open -= Math.abs(Number(c.total_fen));
    return open;
  };
  const days = new Set([bill.issue_date, ...allocations.flatMap((a) => (a.reversed_on ? [a.allocated_on, a.reversed_on] : [a.allocated_on])), ...credits.map((c) => c.issue_date)]);
  const ordered = [...days].filter((d) => d >= bill.issue_date).sort();
  let settled: string | null = null;
  for (let i = ordered.length - 1; i >= 0 && openOn(ordered[i]) === 0; i--) settled = ordered[i];
  return settled;
}

async function backfill(db: Kysely<any>): Promise<void> {
  let after = "";
  for (;;) {
    const bills: { id: string; issue_date: string; total_fen: number }[] = await db
      .selectFrom("bills")
      .select(["id", "issue_date", "total_fen"])
      .where("kind", "=", "invoice")
      .where("status", "=", "issued")
      .where("issue_date", "is not", null)
      .where("id", ">", after)
      .orderBy("id")
      .limit(CHUNK)
      .execute();
    if (!bills.length) return;
    after = bills[bills.length - 1].id;
    const ids = bills.map((b) => b.id);
    const allocations: Allocation[] = await db
      .selectFrom("payment_allocations as pa")
      .innerJoin("payments as p", "p.id", "pa.payment_id")
      .select(["pa.bill_id", "pa.allocated_on", "pa.amount_fen", "p.reversed_on"])
      .where("pa.bill_id", "in", ids)
      .execute();
    const credits: Credit[] = await db
      .selectFrom("bills")
      .select(["original_bill_id", "issue_date", "total_fen"])
      .where("original_bill_id", "in", ids)
      .where("kind", "=", "credit")
      .where("status", "=", "issued")
      .where("issue_date", "is not", null)
      .execute();
    const byDate = new Map<string, string[]>();
    for (const b of bills) {
      const date = settledOnOf(b, allocations.filter((a) => a.bill_id === b.id), credits.filter((c) => c.original_bill_id === b.id));
      if (date) byDate.set(date, [...(byDate.get(date) ?? []), b.id]);
    }
    for (const [date, group] of byDate) await db.updateTable("bills").set({ settled_on: date }).where("id", "in", group).execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("bills").addColumn("settled_on", DATE).execute();
  // "The center's invoices not settled by D" (the NULL range and the range after D, the issue day
  // checked in the index) and "the center's credits issued by D", with every column aging reads
  // of them, so neither reads a bill row.
  await db.schema
    .createIndex("bills_settled_idx")
    .on("bills")
    .columns(["center_id", "kind", "status", "settled_on", "issue_date", "due_date", "client_id", "owner_id", "total_fen", "original_bill_id", "id"])
    .execute();
  // "Payments of the center reversed by D": a few hundred of its 150,000.
  await db.schema.createIndex("payments_reversed_idx").on("payments").columns(["center_id", "reversed_on"]).execute();
  await backfill(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  for (const [table, index] of [["payments", "payments_reversed_idx"], ["bills", "bills_settled_idx"]]) {
    const drop = db.schema.dropIndex(index);
    await (mysql ? drop.on(table) : drop).execute();
  }
  await db.schema.alterTable("bills").dropColumn("settled_on").execute();
}
