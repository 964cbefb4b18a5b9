// The dashboard's lists besides the facts: receivables more than 90 days overdue, holds that lapse
// within the week, and client names.
import { sql } from "kysely";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { addDays } from "~/modules/inventory/calendar-dates";
import { addDaysToInstant } from "~/utils/time";

/** Client names by id, within the center. */
export async function clientNames(db: Executor, scope: Pick<Scope, "centerId">, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = ids.filter(Boolean);
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface ExpiringHold {
  id: string;
  number: string;
  title: string;
  client_name: string;
  owner_name: string;
  hold_expires_at: string;
}

/** Live holds of the center that lapse within 7 days of `now`, soonest first, and how many there are. */
export async function holdsExpiring(db: Executor, scope: Pick<Scope, "centerId">, now: string, limit = 10): Promise<{ rows: ExpiringHold[]; total: number }> {
  const rows = await db
    .selectFrom("orders")
    .innerJoin("clients", "clients.id", "orders.client_id")
    .leftJoin("users", "users.id", "orders.owner_id")
    .where("orders.center_id", "=", scope.centerId)
    .where("orders.status", "=", "hold")
    .where("orders.hold_expires_at", ">", now)
    .where("orders.hold_expires_at", "<=", addDaysToInstant(now, 7))
    .select((eb) => [
      "orders.id", "orders.number", "orders.title", "orders.hold_expires_at", "clients.name as client_name", "users.display_name as owner_name",
      eb.fn.countAll<number>().over().as("total"),
    ])
    .orderBy("orders.hold_expires_at")
    .limit(limit)
    .execute();
  return {
    rows: rows.map((r) => ({ id: r.id, number: r.number, title: r.title, client_name: r.client_name, owner_name: r.owner_name ?? "", hold_expires_at: r.hold_expires_at! })),
    total: Number(rows[0]?.total ?? 0),
  };
}

export interface OverdueClient {
  id: string;
  name: string;
  open_fen: number;
  bills: number;
  oldest_due: string;
}

export interface Overdue90 {
  /** Invoices due before this day are more than 90 days overdue on `asOf`. */
  dueBefore: string;
  count: number;
  open_fen: number;
  /** The clients owing most, largest first. */
  clients: OverdueClient[];
  clientCount: number;
}

type Row = { bill_id: string; amount: number };

/**
 * MONEY: invoices more than 90 days overdue on D and what is open on them, by the rule of
 * receivables.server.ts (total − allocations dated by D of payments not reversed by D − credits
 * issued by D). Only invoices not settled by D are read (bills.settled_on, both halves of the
 * settlement index), and only those due before D − 90, so the read stays small whatever the
 * center's history; the center's reversed allocations and credits are few.
 */
export async function overdue90(db: Executor, scope: Pick<Scope, "centerId">, asOf: string, top = 8): Promise<Overdue90> {
  const dueBefore = addDays(asOf, -90);
  const center = scope.centerId;
  const overdue = sql`b.center_id = ${center} and b.kind = 'invoice' and b.status = 'issued' and b.issue_date <= ${asOf} and b.due_date < ${dueBefore}`;
  const halves = [sql`b.settled_on is null`, sql`b.settled_on > ${asOf}`];
  const [invoices, allocated, reversed, credits] = await Promise.all([
    sql<{ id: string; client_id: string; due_date: string; total_fen: number }>`
      select b.id, b.client_id, b.due_date, b.total_fen from bills b where ${overdue} and ${halves[0]}
      union all select b.id, b.client_id, b.due_date, b.total_fen from bills b where ${overdue} and ${halves[1]}`.execute(db),
    // Each half a range of the settlement index; as one OR, SQLite would read every bill of the center.
    sql<Row>`
      select pa.bill_id, pa.amount_fen as amount from bills b join payment_allocations pa on pa.bill_id = b.id
      where ${overdue} and ${halves[0]} and pa.allocated_on <= ${asOf}
      union all select pa.bill_id, pa.amount_fen as amount from bills b join payment_allocations pa on pa.bill_id = b.id
      where ${overdue} and ${halves[1]} and pa.allocated_on <= ${asOf}`.execute(db),
    sql<Row>`
      select pa.bill_id, pa.amount_fen as amount from payments p join payment_allocations pa on pa.payment_id = p.id
      where p.center_id = ${center} and p.reversed_on <= ${asOf} and pa.allocated_on <= ${asOf}`.execute(db),
    sql<Row>`
      select b.original_bill_id as bill_id, b.total_fen as amount from bills b
      where b.center_id = ${center} and b.kind = 'credit' and b.status = 'issued' and b.settled_on is null and b.issue_date <= ${asOf}
      union all select b.original_bill_id as bill_id, b.total_fen as amount from bills b
      where b.center_id = ${center} and b.kind = 'credit' and b.status = 'issued' and b.settled_on > '' and b.issue_date <= ${asOf}`.execute(db),
  ]);
  const paid = new Map<string, number>();
  for (const r of allocated.rows) paid.set(r.bill_id, (paid.get(r.bill_id) ?? 0) + Number(r.amount));
  for (const r of reversed.rows) if (paid.has(r.bill_id)) paid.set(r.bill_id, paid.get(r.bill_id)! - Number(r.amount));
  const credited = new Map<string, number>();
  for (const r of credits.rows) if (r.bill_id) credited.set(r.bill_id, (credited.get(r.bill_id) ?? 0) + Math.abs(Number(r.amount)));
  const byClient = new Map<string, OverdueClient>();
  let count = 0;
  let openFen = 0;
  for (const b of invoices.rows) {
    const open = Number(b.total_fen) - (paid.get(b.id) ?? 0) - (credited.get(b.id) ?? 0);
    if (open <= 0) continue;
    count += 1;
    openFen += open;
    let c = byClient.get(b.client_id);
    if (!c) byClient.set(b.client_id, (c = { id: b.client_id, name: "", open_fen: 0, bills: 0, oldest_due: b.due_date }));
    c.open_fen += open;
    c.bills += 1;
    if (b.due_date < c.oldest_due) c.oldest_due = b.due_date;
  }
  const clients = [...byClient.values()].sort((a, b) => b.open_fen - a.open_fen || a.oldest_due.localeCompare(b.oldest_due)).slice(0, top);
  const names = await clientNames(db, scope, clients.map((c) => c.id));
  for (const c of clients) c.name = names.get(c.id) ?? "";
  return { dueBefore, count, open_fen: openFen, clients, clientCount: byClient.size };
}
