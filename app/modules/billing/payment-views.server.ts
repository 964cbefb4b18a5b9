// What the payment screens read: the filtered, paged list of payments with its totals, one payment
// with what it paid and its trail, the client's open invoices for the allocation form and the
// client's credit. SECURITY: every read goes through the caller's center; another center's ids
// read as nothing, which the routes answer with 404.
import { sql } from "kysely";
import { type Executor, likeLiteral } from "~db/dialect";
import type { PaymentMethod } from "~db/schema";
import { changedFields, listAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { dayNumber } from "~/modules/inventory/calendar-dates";
import { EVER, type OpenBill, openAmounts, unallocatedOn } from "./receivables.server";

export const PAYMENT_PAGE_SIZE = 50;

export interface PaymentFilter {
  /** Part of the client's name. */
  client?: string;
  method?: PaymentMethod;
  /** Received on from..to, both included. */
  from?: string;
  to?: string;
  includeReversed?: boolean;
  page?: number;
  pageSize?: number;
}

export interface PaymentListRow {
  id: string;
  received_on: string;
  client_id: string;
  client_name: string;
  amount_fen: number;
  method: PaymentMethod;
  payer: string;
  reference: string;
  reversed_on: string | null;
  allocated_fen: number;
  /** What is left as the client's credit; 0 for a reversed payment, which counts for nothing. */
  unallocated_fen: number;
}

export interface PaymentTotals {
  count: number;
  /** Payments that count (not reversed): received, allocated to bills, left as credit. */
  amountFen: number;
  allocatedFen: number;
  unallocatedFen: number;
  reversedCount: number;
  reversedFen: number;
}

export interface PaymentList {
  rows: PaymentListRow[];
  total: number;
  page: number;
  pageSize: number;
  totals: PaymentTotals;
}

function filtered(db: Executor, scope: Pick<Scope, "centerId">, filter: PaymentFilter) {
  let query = db.selectFrom("payments as p").innerJoin("clients as c", "c.id", "p.client_id").where("p.center_id", "=", scope.centerId);
  const name = (filter.client ?? "").trim().toLowerCase();
  if (name) query = query.where((eb) => likeLiteral(eb.fn("lower", ["c.name"]), { contains: name }));
  if (filter.method) query = query.where("p.method", "=", filter.method);
  if (filter.from) query = query.where("p.received_on", ">=", filter.from);
  if (filter.to) query = query.where("p.received_on", "<=", filter.to);
  if (!filter.includeReversed) query = query.where("p.reversed_on", "is", null);
  return query;
}

export async function listPayments(db: Executor, scope: Pick<Scope, "centerId">, filter: PaymentFilter = {}): Promise<PaymentList> {
  const pageSize = Math.min(Math.max(1, Math.floor(filter.pageSize ?? PAYMENT_PAGE_SIZE)), 500);
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const allocated = sql<number>`(select coalesce(sum(pa.amount_fen), 0) from payment_allocations pa where pa.payment_id = p.id)`;
  const [rows, sums, used] = await Promise.all([
    filtered(db, scope, filter)
      .select(["p.id", "p.received_on", "p.client_id", "c.name as client_name", "p.amount_fen", "p.method", "p.payer", "p.reference", "p.reversed_on", allocated.as("allocated_fen")])
      .orderBy("p.received_on", "desc")
      .orderBy("p.created_at", "desc")
      .orderBy("p.id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, scope, filter)
      .select([
        (eb) => eb.fn.countAll<number>().as("n"),
        sql<number>`coalesce(sum(case when p.reversed_on is null then p.amount_fen else 0 end), 0)`.as("amount"),
        sql<number>`coalesce(sum(case when p.reversed_on is null then 0 else 1 end), 0)`.as("reversed_n"),
        sql<number>`coalesce(sum(case when p.reversed_on is null then 0 else p.amount_fen end), 0)`.as("reversed"),
      ])
      .executeTakeFirstOrThrow(),
    // MONEY: allocations of the payments that count, summed apart so no subquery sits inside an aggregate.
    filtered(db, scope, filter)
      .innerJoin("payment_allocations as pa", "pa.payment_id", "p.id")
      .where("p.reversed_on", "is", null)
      .select(sql<number>`coalesce(sum(pa.amount_fen), 0)`.as("s"))
      .executeTakeFirstOrThrow(),
  ]);
  const amountFen = Number(sums.amount);
  const allocatedFen = Number(used.s);
  return {
    rows: rows.map((r) => {
      const amount = Number(r.amount_fen);
      const spent = Number(r.allocated_fen);
      return { ...r, amount_fen: amount, allocated_fen: spent, unallocated_fen: r.reversed_on ? 0 : amount - spent };
    }),
    total: Number(sums.n),
    page,
    pageSize,
    totals: { count: Number(sums.n), amountFen, allocatedFen, unallocatedFen: amountFen - allocatedFen, reversedCount: Number(sums.reversed_n), reversedFen: Number(sums.reversed) },
  };
}

export interface PaymentAllocationRow {
  id: string;
  bill_id: string;
  number: string | null;
  issue_date: string | null;
  due_date: string | null;
  bill_total_fen: number;
  amount_fen: number;
  allocated_on: string;
  /** What is open on the bill now, and its status word. */
  open_fen: number;
  status: string;
}

export interface PaymentDetail {
  payment: {
    id: string;
    client_id: string;
    client_name: string;
    received_on: string;
    amount_fen: number;
    method: PaymentMethod;
    payer: string;
    reference: string;
    notes: string;
    reversed_on: string | null;
    reversal_reason: string;
    created_by_name: string | null;
    created_at: string;
  };
  allocations: PaymentAllocationRow[];
  allocatedFen: number;
  /** Left as the client's credit; 0 once reversed. */
  unallocatedFen: number;
}

export async function getPayment(db: Executor, scope: Pick<Scope, "centerId">, id: string): Promise<PaymentDetail | null> {
  const p = await db
    .selectFrom("payments as p")
    .innerJoin("clients as c", "c.id", "p.client_id")
    .leftJoin("users as u", "u.id", "p.created_by")
    .select([
      "p.id", "p.client_id", "c.name as client_name", "p.received_on", "p.amount_fen", "p.method", "p.payer", "p.reference", "p.notes", "p.reversed_on", "p.reversal_reason",
      "u.display_name as created_by_name", "p.created_at",
    ])
    .where("p.center_id", "=", scope.centerId)
    .where("p.id", "=", id)
    .executeTakeFirst();
  if (!p) return null;
  const rows = await db
    .selectFrom("payment_allocations as pa")
    .innerJoin("bills as b", "b.id", "pa.bill_id")
    .select(["pa.id", "pa.bill_id", "b.number", "b.issue_date", "b.due_date", "b.total_fen as bill_total_fen", "pa.amount_fen", "pa.allocated_on"])
    .where("pa.center_id", "=", scope.centerId)
    .where("pa.payment_id", "=", p.id)
    .orderBy("pa.allocated_on")
    .orderBy("b.due_date")
    .orderBy("pa.id")
    .execute();
  const now = new Map((await openAmounts(db, scope, EVER, { billIds: [...new Set(rows.map((r) => r.bill_id))] })).map((b) => [b.id, b]));
  const allocations = rows.map((r) => ({
    ...r,
    bill_total_fen: Number(r.bill_total_fen),
    amount_fen: Number(r.amount_fen),
    open_fen: now.get(r.bill_id)?.open_fen ?? 0,
    status: now.get(r.bill_id)?.status ?? "",
  }));
  const amount = Number(p.amount_fen);
  const allocatedFen = allocations.reduce((s, a) => s + a.amount_fen, 0);
  return { payment: { ...p, amount_fen: amount }, allocations, allocatedFen, unallocatedFen: p.reversed_on ? 0 : amount - allocatedFen };
}

export interface ClientRef {
  id: string;
  name: string;
}

/** The center's client, or undefined for an unknown or another center's id. */
export async function findClient(db: Executor, scope: Pick<Scope, "centerId">, id: string): Promise<ClientRef | undefined> {
  if (!id) return undefined;
  return db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "=", id).executeTakeFirst();
}

export interface OpenInvoiceRow extends OpenBill {
  /** Days past the due date today; 0 or less when not yet due. */
  overdue_days: number;
}

/**
 * The client's invoices with money open right now, oldest due first: the order automatic
 * allocation follows, and the amounts recordPayment checks a hand allocation against.
 */
export async function clientOpenBills(db: Executor, scope: Pick<Scope, "centerId">, clientId: string, today: string): Promise<OpenInvoiceRow[]> {
  const bills = await openAmounts(db, scope, EVER, { clientId, openOnly: true });
  const day = dayNumber(today);
  return bills.map((b) => ({ ...b, overdue_days: day - dayNumber(b.due_date) }));
}

/** The client's payment money not yet allocated today (预收款): what applyCredit can use. */
export function clientCredit(db: Executor, scope: Pick<Scope, "centerId">, clientId: string, today: string): Promise<number> {
  return unallocatedOn(db, scope, today, clientId);
}

export interface ClientChoice extends ClientRef {
  /** Open receivable now, 0 for clients without open invoices. */
  open_fen: number;
}

export const CLIENT_CHOICE_LIMIT = 1000;

/**
 * Clients to pick on the payment and statement forms: the ones with open invoices first (with
 * their open amount), then the others by name, capped so the page stays light.
 */
export async function clientChoices(db: Executor, scope: Pick<Scope, "centerId">): Promise<{ open: ClientChoice[]; others: ClientChoice[]; truncated: boolean }> {
  const [bills, clients] = await Promise.all([
    openAmounts(db, scope, EVER, { openOnly: true }),
    db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).orderBy("name").limit(CLIENT_CHOICE_LIMIT + 1).execute(),
  ]);
  const open = new Map<string, ClientChoice>();
  for (const b of bills) {
    const row = open.get(b.client_id) ?? { id: b.client_id, name: b.client_name, open_fen: 0 };
    row.open_fen += b.open_fen;
    open.set(b.client_id, row);
  }
  const byName = new Intl.Collator("zh");
  return {
    open: [...open.values()].sort((a, b) => byName.compare(a.name, b.name)),
    others: clients.slice(0, CLIENT_CHOICE_LIMIT).filter((c) => !open.has(c.id)).map((c) => ({ ...c, open_fen: 0 })),
    truncated: clients.length > CLIENT_CHOICE_LIMIT,
  };
}

/**
 * The trail's fields in the order they matter (the audit table shows the first few): the money
 * and the bills first, then the rest as recorded. The client is the page's own, so it is left out.
 */
const TRAIL_ORDER = ["amount_fen", "received_on", "method", "allocations", "unallocated_fen", "reversed_on", "reason", "reopened", "payer", "reference"];

/** The payment's audit trail, each change's fields in TRAIL_ORDER. */
export async function paymentHistory(db: Executor, scope: Scope, paymentId: string) {
  const { rows } = await listAudit(db, scope, { entity: "payment", entityId: paymentId, limit: 100 });
  const rank = (field: string) => (TRAIL_ORDER.includes(field) ? TRAIL_ORDER.indexOf(field) : TRAIL_ORDER.length);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    user_name: r.user_name,
    entity: r.entity,
    action: r.action,
    changes: changedFields(r.before_json, r.after_json)
      .filter((c) => c.field !== "client")
      .sort((a, b) => rank(a.field) - rank(b.field)),
  }));
}
