// When an invoice is settled for good: `bills.settled_on`, the first day S from which its open
// amount (receivables.server.ts) is zero on every day D ≥ S; NULL while it is open, overpaid, or
// open again after a later event. Aging and the open lists read only the invoices not settled by
// their day, so a center's old paid-up bills cost them nothing.
// It is derived, never typed: every write that changes an invoice's dated events (an allocation,
// a reversal of a payment with allocations, an issued credit) recomputes it from all of the
// invoice's events inside its own transaction. NULL is always safe: it only makes readers look.
// The column is not in the typed schema (db/schema.ts says why), so it is read and written in SQL.
import { sql } from "kysely";
import { type Executor, lockRows } from "~db/dialect";

export interface SettlementAllocation {
  allocated_on: string;
  amount_fen: number;
  reversed_on: string | null;
}

export interface SettlementCredit {
  issue_date: string;
  /** As stored on the credit bill (negative); only its size counts. */
  total_fen: number;
}

/**
 * MONEY: the settled day of one invoice from its events. The open amount is a step function of
 * D that changes only on the issue day, an allocation's day, a reversal's day or a credit's
 * issue day, so it is evaluated on each of those days (from the issue day on; earlier days do
 * not ask about the invoice) and S is the first of the trailing run of days where it is zero.
 */
export function settledOnOf(bill: { issue_date: string; total_fen: number }, allocations: readonly SettlementAllocation[], credits: readonly SettlementCredit[]): string | null {
  const openOn = (d: string) => {
    let open = Number(bill.total_fen);
    for (const a of allocations) if (a.allocated_on <= d && !(a.reversed_on !== null && a.reversed_on <= d)) open -= Number(a.amount_fen);
    for (const c of credits) if (c.issue_date <= d) open -= Math.abs(Number(c.total_fen));
    return open;
  };
  const days = new Set([bill.issue_date]);
  for (const a of allocations) {
    days.add(a.allocated_on);
    if (a.reversed_on !== null) days.add(a.reversed_on);
  }
  for (const c of credits) days.add(c.issue_date);
  const ordered = [...days].filter((d) => d >= bill.issue_date).sort();
  let settled: string | null = null;
  for (let i = ordered.length - 1; i >= 0 && openOn(ordered[i]) === 0; i--) settled = ordered[i];
  return settled;
}

// Ids per IN list. Up to 200 values MariaDB estimates an IN list by looking into the index; above
// that it trusts statistics, and those of bills_original_idx (almost all NULL) make it read the
// whole table instead.
const CHUNK = 200;
const INVOICE_COLUMNS = ["id", "kind", "status", "issue_date", "total_fen", sql<string | null>`settled_on`.as("settled_on")] as const;

function setSettledOn(db: Executor, date: string | null, ids: readonly string[]) {
  return sql`update bills set settled_on = ${date} where id in (${sql.join(ids)})`.execute(db);
}

interface InvoiceRow {
  id: string;
  kind: string;
  status: string;
  issue_date: string | null;
  total_fen: number;
  settled_on: string | null;
}

/** The settled day each of these bills should have (NULL for drafts and credits), from their events. */
async function settledOnFor(db: Executor, bills: readonly InvoiceRow[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const invoices = bills.filter((b) => b.kind === "invoice" && b.status === "issued" && b.issue_date !== null);
  for (const b of bills) out.set(b.id, null);
  for (let i = 0; i < invoices.length; i += CHUNK) {
    const chunk = invoices.slice(i, i + CHUNK);
    const ids = chunk.map((b) => b.id);
    const [allocations, credits] = await Promise.all([
      db
        .selectFrom("payment_allocations as pa")
        .innerJoin("payments as p", "p.id", "pa.payment_id")
        .select(["pa.bill_id", "pa.allocated_on", "pa.amount_fen", "p.reversed_on"])
        .where("pa.bill_id", "in", ids)
        .execute(),
      db
        .selectFrom("bills")
        .select(["original_bill_id", "issue_date", "total_fen"])
        .where("original_bill_id", "in", ids)
        .where("kind", "=", "credit")
        .where("status", "=", "issued")
        .execute(),
    ]);
    const allocated = groupBy(allocations, (a) => a.bill_id);
    const credited = groupBy(credits, (c) => c.original_bill_id ?? "");
    for (const b of chunk) {
      const own = (credited.get(b.id) ?? []).filter((c) => c.issue_date !== null) as SettlementCredit[];
      out.set(b.id, settledOnOf({ issue_date: b.issue_date!, total_fen: Number(b.total_fen) }, allocated.get(b.id) ?? [], own));
    }
  }
  return out;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/**
 * Recomputes `settled_on` of these bills; call it in the transaction that changed their events.
 * CONCURRENCY: the bills are locked (id order) before their events are read, so under READ
 * COMMITTED a concurrent change to the same bill's events is either committed and seen here, or
 * waits for this lock and recomputes after this transaction commits. A reversal locks its payment
 * before the bills and applyCredit the bills before the payments, so the two can deadlock on the
 * same client; writeTransaction retries the loser. Only changed values are written.
 */
export async function refreshSettledOn(trx: Executor, billIds: readonly string[]): Promise<void> {
  const ids = [...new Set(billIds)].sort();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const bills = await lockRows(trx, trx.selectFrom("bills").select(INVOICE_COLUMNS).where("id", "in", chunk).orderBy("id")).execute();
    const wanted = await settledOnFor(trx, bills);
    for (const [date, group] of groupBy(bills.filter((b) => b.settled_on !== wanted.get(b.id)), (b) => wanted.get(b.id) ?? "")) {
      await setSettledOn(trx, date || null, group.map((b) => b.id));
    }
  }
}

export interface SettlementDrift {
  id: string;
  stored: string | null;
  expected: string | null;
}

/**
 * The rebuild check: every bill of the center whose stored `settled_on` differs from a
 * recomputation from scratch (empty when the maintained column is true). Reads the whole center.
 */
export async function settledOnDrift(db: Executor, centerId: string): Promise<SettlementDrift[]> {
  const drift: SettlementDrift[] = [];
  let after = "";
  for (;;) {
    const bills = await db
      .selectFrom("bills")
      .select(INVOICE_COLUMNS)
      .where("center_id", "=", centerId)
      .where("id", ">", after)
      .orderBy("id")
      .limit(5_000)
      .execute();
    if (!bills.length) return drift;
    const wanted = await settledOnFor(db, bills);
    for (const b of bills) if (b.settled_on !== wanted.get(b.id)) drift.push({ id: b.id, stored: b.settled_on, expected: wanted.get(b.id) ?? null });
    after = bills[bills.length - 1].id;
  }
}

/** Sets every bill of the center to its recomputed `settled_on` (after a bulk load or a repair); how many changed. */
export async function rebuildSettledOn(db: Executor, centerId: string): Promise<number> {
  const drift = await settledOnDrift(db, centerId);
  for (const [date, group] of groupBy(drift, (d) => d.expected ?? "")) {
    for (let i = 0; i < group.length; i += CHUNK) await setSettledOn(db, date || null, group.slice(i, i + CHUNK).map((d) => d.id));
  }
  return drift.length;
}
