// Receivables (应收账款) as of any day D, read straight from the tables. MONEY: the open amount of
// an issued invoice on D is its total, less the allocations dated on or before D from payments not
// reversed on or before D, less the red-letter credits issued on or before D against it. Every
// figure is summed for the day asked from the rows dated on or before it, so a reversal or a late
// credit changes the days after it and never the days before. The one thing stored per bill is
// settled_on (settlement.server.ts): questions about open money (aging, the receivable, the open
// and overdue lists) read only the invoices not settled by D and the money of those.
import { type RawBuilder, sql } from "kysely";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { addDays, dayNumber } from "~/modules/inventory/calendar-dates";

/** A day after every recorded one: "as of EVER" is the state right now. */
export const EVER = "9999-12-31";

export type PaymentStatus = "未收款" | "部分收款" | "已收清" | "已红冲";

/** The payment status of an invoice from its total, what is paid and what is credited (both ≥ 0). */
export function paymentStatus(totalFen: number, paidFen: number, creditedFen: number): PaymentStatus {
  if (creditedFen > 0 && creditedFen >= totalFen) return "已红冲";
  if (totalFen - paidFen - creditedFen <= 0) return "已收清";
  // Nothing received is 未收款 even when part of the bill was credited.
  if (paidFen === 0) return "未收款";
  return "部分收款";
}

export interface AgingBucket {
  label: string;
  /** The last day count inside the bucket; null for the open-ended last one. */
  maxDays: number | null;
}

/**
 * MONEY: management buckets by days overdue = D − due date. Due today (0 days) is 未到期; the
 * numbers in a label are both inside the bucket (1–30 means 1 to 30 days), >365 starts at 366.
 */
export const MANAGEMENT_BUCKETS: readonly AgingBucket[] = [
  { label: "未到期", maxDays: 0 },
  { label: "1–30天", maxDays: 30 },
  { label: "31–60天", maxDays: 60 },
  { label: "61–90天", maxDays: 90 },
  { label: "91–180天", maxDays: 180 },
  { label: "181–365天", maxDays: 365 },
  { label: ">365天", maxDays: null },
];

/**
 * MONEY: statutory buckets by age = D − issue date in whole days, a year counted as 365 days:
 * up to 365 days is 1年以内, 366–730 is 1–2年, 731–1095 is 2–3年, from 1096 on 3年以上.
 */
export const STATUTORY_BUCKETS: readonly AgingBucket[] = [
  { label: "1年以内", maxDays: 365 },
  { label: "1–2年", maxDays: 730 },
  { label: "2–3年", maxDays: 1095 },
  { label: "3年以上", maxDays: null },
];

/** The index of the bucket a day count falls in. */
export function bucketIndex(buckets: readonly AgingBucket[], days: number): number {
  const i = buckets.findIndex((b) => b.maxDays !== null && days <= b.maxDays);
  return i === -1 ? buckets.length - 1 : i;
}

/**
 * The bucket of a date column's value without parsing dates: days ≤ max ⇔ date ≥ D − max, and
 * 'YYYY-MM-DD' text compares like the days. `bounds` are those D − max dates, from bucketBounds.
 */
export function bucketOfDate(bounds: readonly string[], date: string): number {
  for (let i = 0; i < bounds.length; i++) if (date >= bounds[i]) return i;
  return bounds.length;
}

export function bucketBounds(buckets: readonly AgingBucket[], asOf: string): string[] {
  return buckets.flatMap((b) => (b.maxDays === null ? [] : [addDays(asOf, -b.maxDays)]));
}

export interface OpenBill {
  id: string;
  number: string | null;
  client_id: string;
  client_name: string;
  owner_id: string | null;
  issue_date: string;
  due_date: string;
  total_fen: number;
  paid_fen: number;
  credited_fen: number;
  open_fen: number;
  status: PaymentStatus;
  /** D − due date; 0 or less when not yet overdue. */
  days_overdue: number;
}

/** Which bills a question is about: one client's, some bills, or (neither) the whole center's. */
export interface BillSelection {
  clientId?: string;
  billIds?: readonly string[];
}

/** Per invoice id: what is paid and what is credited (as a positive amount) on D. */
export interface CountedMoney {
  paid: Map<string, number>;
  credited: Map<string, number>;
}

/**
 * SQL for the ids of the selected invoices. SECURITY: tenancy goes through the center's client (or
 * the center's bills), so a narrow question is driven by the client's or the bills' own index and
 * never by the center-wide one.
 */
function selectedIds(only: BillSelection, centerId: string) {
  if (only.billIds) return sql`select b.id from bills b where b.center_id = ${centerId} and b.id in (${sql.join(only.billIds)})`;
  return sql`select b.id from clients c join bills b on b.client_id = c.id where c.center_id = ${centerId} and c.id = ${only.clientId}`;
}

type MoneyRow = { bill_id: string; amount_fen: number };

/** Allocations on or before D, allocations of payments reversed by D, credits issued by D. */
function moneyQueries(centerId: string, asOf: string, only: BillSelection) {
  if (!only.billIds && !only.clientId) {
    return [
      sql<MoneyRow>`select pa.bill_id, pa.amount_fen from payment_allocations pa where pa.center_id = ${centerId} and pa.allocated_on <= ${asOf}`,
      reversedBy(centerId, asOf),
      sql<MoneyRow>`
        select k.original_bill_id as bill_id, k.total_fen as amount_fen from bills k
        where k.center_id = ${centerId} and k.original_bill_id > '' and k.kind = 'credit' and k.status = 'issued' and k.issue_date <= ${asOf}`,
    ];
  }
  const ids = selectedIds(only, centerId);
  return [
    sql<MoneyRow>`select pa.bill_id, pa.amount_fen from payment_allocations pa where pa.bill_id in (${ids}) and pa.allocated_on <= ${asOf}`,
    sql<MoneyRow>`
      select pa.bill_id, pa.amount_fen from payment_allocations pa join payments p on p.id = pa.payment_id
      where pa.bill_id in (${ids}) and pa.allocated_on <= ${asOf} and p.reversed_on <= ${asOf}`,
    sql<MoneyRow>`
      select k.original_bill_id as bill_id, k.total_fen as amount_fen from bills k
      where k.original_bill_id in (${ids}) and k.kind = 'credit' and k.status = 'issued' and k.issue_date <= ${asOf}`,
  ];
}

/** The center's allocations dated on or before D of payments reversed by D: a few hundred, through payments_reversed_idx. */
function reversedBy(centerId: string, asOf: string) {
  return sql<MoneyRow>`
    select pa.bill_id, pa.amount_fen from payments p join payment_allocations pa on pa.payment_id = p.id
    where p.center_id = ${centerId} and p.reversed_on <= ${asOf} and pa.allocated_on <= ${asOf}`;
}

function summed(allocated: MoneyRow[], reversed: MoneyRow[], credits: MoneyRow[]): CountedMoney {
  const paid = new Map<string, number>();
  const credited = new Map<string, number>();
  for (const r of allocated) paid.set(r.bill_id, (paid.get(r.bill_id) ?? 0) + Number(r.amount_fen));
  for (const r of reversed) paid.set(r.bill_id, (paid.get(r.bill_id) ?? 0) - Number(r.amount_fen));
  for (const r of credits) credited.set(r.bill_id, (credited.get(r.bill_id) ?? 0) + Math.abs(Number(r.amount_fen)));
  return { paid, credited };
}

/**
 * MONEY: what is paid and credited on D per invoice. Three flat reads summed here rather than a
 * join per allocation: every allocation dated on or before D, less those of payments reversed on
 * or before D (few), and the credits issued on or before D. Over a whole center a join per
 * allocation costs a row lookup each on MariaDB and is several times slower than these reads.
 */
export async function countedMoney(db: Executor, centerId: string, asOf: string, only: BillSelection = {}): Promise<CountedMoney> {
  if (only.billIds?.length === 0) return { paid: new Map(), credited: new Map() };
  const [allocated, reversed, credits] = await Promise.all(moneyQueries(centerId, asOf, only).map((q) => q.execute(db)));
  return summed(allocated.rows, reversed.rows, credits.rows);
}

/**
 * SQL: `query` once with each of the two `settled` conditions, joined by UNION ALL. Each is one
 * range of bills_settled_idx; asked as one OR, SQLite reads every bill of the center instead.
 */
function halves<R>(settled: readonly [RawBuilder<boolean>, RawBuilder<boolean>], query: (settled: RawBuilder<boolean>) => RawBuilder<R>) {
  return sql<R>`${query(settled[0])} union all ${query(settled[1])}`;
}

/** Not settled by D: settled_on NULL, or after D. */
const unsettledBy = (asOf: string) => [sql<boolean>`b.settled_on is null`, sql<boolean>`b.settled_on > ${asOf}`] as const;

/**
 * MONEY: countedMoney for the center's invoices not settled by D (county-l: 16,750 of 100,000 on
 * its last day), the others left out: their allocations, joined from the invoices' range of
 * bills_settled_idx; the center's reversed allocations (payments_reversed_idx); and the center's
 * credits from bills_settled_idx alone (a credit's settled_on is always NULL, but the second half
 * takes any other value too). Not joined from the invoices to their credits: bills_original_idx is
 * almost all NULL, so MariaDB's statistics make it read every bill of the center for that join.
 */
async function unsettledMoney(db: Executor, centerId: string, asOf: string): Promise<CountedMoney> {
  const invoices = sql`b.center_id = ${centerId} and b.kind = 'invoice' and b.status = 'issued' and b.issue_date <= ${asOf}`;
  const [allocated, reversed, credits] = await Promise.all([
    halves(unsettledBy(asOf), (settled) => sql<MoneyRow>`
      select pa.bill_id, pa.amount_fen from bills b join payment_allocations pa on pa.bill_id = b.id
      where ${invoices} and ${settled} and pa.allocated_on <= ${asOf}`).execute(db),
    reversedBy(centerId, asOf).execute(db),
    halves([sql<boolean>`b.settled_on is null`, sql<boolean>`b.settled_on > ''`], (settled) => sql<MoneyRow>`
      select b.original_bill_id as bill_id, b.total_fen as amount_fen from bills b
      where b.center_id = ${centerId} and b.kind = 'credit' and b.status = 'issued' and ${settled} and b.issue_date <= ${asOf}`).execute(db),
  ]);
  return summed(allocated.rows, reversed.rows, credits.rows);
}

interface IssuedInvoice {
  id: string;
  number: string | null;
  client_id: string;
  owner_id: string | null;
  issue_date: string;
  due_date: string;
  total_fen: number;
}

/**
 * The issued invoices of the filter on D; with `unsettledOnly` only those not settled by D. Without
 * `numbers` every column read is in bills_settled_idx (the number is not).
 */
async function issuedInvoices(db: Executor, centerId: string, asOf: string, filter: OpenFilter, unsettledOnly = false, numbers = true): Promise<IssuedInvoice[]> {
  let query = db
    .selectFrom("bills as b")
    .select(["b.id", sql<string | null>`${numbers ? sql.ref("b.number") : sql`null`}`.as("number"), "b.client_id", "b.owner_id", "b.issue_date", "b.due_date", "b.total_fen"])
    .where("b.status", "=", "issued")
    .where("b.issue_date", "<=", asOf)
    .where("b.kind", "=", "invoice");
  // SECURITY: one client's bills are reached through the center's client (see selectedIds).
  if (filter.clientId) query = query.innerJoin("clients as c", "c.id", "b.client_id").where("c.center_id", "=", centerId).where("c.id", "=", filter.clientId);
  else query = query.where("b.center_id", "=", centerId);
  if (filter.ownerId) query = query.where("b.owner_id", "=", filter.ownerId);
  if (filter.billIds) query = query.where("b.id", "in", filter.billIds);
  if (filter.overdueOnly) query = query.where("b.due_date", "<", asOf);
  // The halves of unsettledBy, each a range of bills_settled_idx, which also holds every column
  // read here but the number, so no bill row is read.
  const [open, later] = unsettledBy(asOf);
  const rows = unsettledOnly ? await query.where(open).unionAll(query.where(later)).execute() : await query.execute();
  return rows.map((r) => ({ ...r, issue_date: r.issue_date ?? asOf, due_date: r.due_date ?? r.issue_date ?? asOf, total_fen: Number(r.total_fen) }));
}

async function withMoney(invoices: Promise<IssuedInvoice[]>, money: Promise<CountedMoney>) {
  const [i, m] = await Promise.all([invoices, money]);
  return { invoices: i, money: m };
}

/** The invoices of the filter not settled by D, with their money (a client's or some bills' read alongside). */
async function unsettledOn(db: Executor, centerId: string, asOf: string, filter: OpenFilter, numbers: boolean) {
  const only: BillSelection = filter.billIds ? { billIds: filter.billIds } : filter.clientId ? { clientId: filter.clientId } : {};
  const money = filter.billIds || filter.clientId ? countedMoney(db, centerId, asOf, only) : unsettledMoney(db, centerId, asOf);
  return withMoney(issuedInvoices(db, centerId, asOf, filter, true, numbers), money);
}

export interface OpenFilter extends BillSelection {
  ownerId?: string;
  /** Only bills due before D with an open amount (the overdue list). */
  overdueOnly?: boolean;
  /** Only bills with an open amount above zero. */
  openOnly?: boolean;
}

/** Issued invoices (issued on or before D) with what is paid, credited and open on D, oldest due first. */
export async function openAmounts(db: Executor, scope: Pick<Scope, "centerId">, asOf: string, filter: OpenFilter = {}): Promise<OpenBill[]> {
  if (filter.billIds?.length === 0) return [];
  const only: BillSelection = filter.billIds ? { billIds: filter.billIds } : filter.clientId ? { clientId: filter.clientId } : {};
  // A bill settled by D has nothing open: the open and overdue lists need not read it.
  const { invoices, money } =
    filter.openOnly || filter.overdueOnly
      ? await unsettledOn(db, scope.centerId, asOf, filter, true)
      : await withMoney(issuedInvoices(db, scope.centerId, asOf, filter), countedMoney(db, scope.centerId, asOf, only));
  const today = asOf === EVER ? null : dayNumber(asOf);
  const bills = invoices
    .map((b) => {
      const paid = money.paid.get(b.id) ?? 0;
      const credited = money.credited.get(b.id) ?? 0;
      const open = b.total_fen - paid - credited;
      return { ...b, client_name: "", paid_fen: paid, credited_fen: credited, open_fen: open, status: paymentStatus(b.total_fen, paid, credited), days_overdue: today === null ? 0 : today - dayNumber(b.due_date) };
    })
    .filter((b) => !(filter.openOnly || filter.overdueOnly) || b.open_fen > 0)
    .sort((a, b) => a.due_date.localeCompare(b.due_date) || a.issue_date.localeCompare(b.issue_date) || (a.number ?? "").localeCompare(b.number ?? ""));
  const names = await namesOf(db, scope.centerId, "clients", [...new Set(bills.map((b) => b.client_id))]);
  for (const b of bills) b.client_name = names.get(b.client_id) ?? "";
  return bills;
}

/** The overdue list on D: invoices due before D with money still open, most overdue first. */
export async function overdueBills(db: Executor, scope: Pick<Scope, "centerId">, asOf: string, filter: { clientId?: string; ownerId?: string } = {}): Promise<OpenBill[]> {
  return openAmounts(db, scope, asOf, { ...filter, overdueOnly: true });
}

export interface AgingRow {
  /** Client id, or the rep's user id ("" for bills without a rep). */
  key: string;
  name: string;
  management: number[];
  statutory: number[];
  total_fen: number;
}

export interface Aging {
  asOf: string;
  byClient: AgingRow[];
  byRep: AgingRow[];
  totals: AgingRow;
}

const emptyRow = (key: string, name: string): AgingRow => ({ key, name, management: MANAGEMENT_BUCKETS.map(() => 0), statutory: STATUTORY_BUCKETS.map(() => 0), total_fen: 0 });

/** Names by id. Many clients (a center's aging) are read in one pass over the center's clients, several times faster than by id. */
async function namesOf(db: Executor, centerId: string, table: "clients" | "users", ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (table === "clients" && ids.length > 500) {
    for (const r of await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", centerId).execute()) names.set(r.id, r.name);
    return names;
  }
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows =
      table === "clients"
        ? await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", centerId).where("id", "in", chunk).execute()
        : await db.selectFrom("users").select(["id", "display_name as name"]).where("center_id", "=", centerId).where("id", "in", chunk).execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}

const BY_NAME = new Intl.Collator("zh");

/** The invoices open (or overpaid) on D with their amount; settled ones are never read. */
async function openOn(db: Executor, centerId: string, asOf: string, only: { clientId?: string }): Promise<{ bill: IssuedInvoice; open: number }[]> {
  const { invoices, money } = await unsettledOn(db, centerId, asOf, only, false);
  const open = [];
  for (const bill of invoices) {
    const amount = bill.total_fen - (money.paid.get(bill.id) ?? 0) - (money.credited.get(bill.id) ?? 0);
    if (amount !== 0) open.push({ bill, open: amount });
  }
  return open;
}

/**
 * 应收账款账龄 on D, per client and per sales rep (the bill's owner). Every bill's open amount goes
 * whole into one management and one statutory bucket, so each list adds up to `totals` to the fen.
 */
export async function aging(db: Executor, scope: Pick<Scope, "centerId">, asOf: string): Promise<Aging> {
  const dueBounds = bucketBounds(MANAGEMENT_BUCKETS, asOf);
  const ageBounds = bucketBounds(STATUTORY_BUCKETS, asOf);
  const clients = new Map<string, AgingRow>();
  const reps = new Map<string, AgingRow>();
  const totals = emptyRow("", "合计");
  for (const { bill, open } of await openOn(db, scope.centerId, asOf, {})) {
    const rep = bill.owner_id ?? "";
    let clientRow = clients.get(bill.client_id);
    if (!clientRow) clients.set(bill.client_id, (clientRow = emptyRow(bill.client_id, "")));
    let repRow = reps.get(rep);
    if (!repRow) reps.set(rep, (repRow = emptyRow(rep, "（未指定）")));
    const due = bucketOfDate(dueBounds, bill.due_date);
    const age = bucketOfDate(ageBounds, bill.issue_date);
    for (const row of [clientRow, repRow, totals]) {
      row.management[due] += open;
      row.statutory[age] += open;
      row.total_fen += open;
    }
  }
  const clientNames = await namesOf(db, scope.centerId, "clients", [...clients.keys()]);
  const repNames = await namesOf(db, scope.centerId, "users", [...reps.keys()].filter(Boolean));
  for (const row of clients.values()) row.name = clientNames.get(row.key) ?? row.key;
  for (const row of reps.values()) if (row.key) row.name = repNames.get(row.key) ?? row.key;
  const order = (a: AgingRow, b: AgingRow) => b.total_fen - a.total_fen || BY_NAME.compare(a.name, b.name);
  return { asOf, byClient: [...clients.values()].sort(order), byRep: [...reps.values()].sort(order), totals };
}

/** The open receivable of one client (or the whole center) on D: the aging's total. */
export async function receivableOn(db: Executor, scope: Pick<Scope, "centerId">, asOf: string, clientId?: string): Promise<number> {
  return (await openOn(db, scope.centerId, asOf, clientId ? { clientId } : {})).reduce((sum, o) => sum + o.open, 0);
}

/**
 * MONEY: payment money not yet allocated on D (the client's credit, 预收款): payments received on
 * or before D and not reversed by then, less their allocations dated on or before D.
 */
export async function unallocatedOn(db: Executor, scope: Pick<Scope, "centerId">, asOf: string, clientId?: string): Promise<number> {
  // SECURITY: one client's payments are reached through the center's client, as in selectedIds.
  const from = clientId ? sql`clients c join payments p on p.client_id = c.id` : sql`payments p`;
  const whose = clientId ? sql`c.center_id = ${scope.centerId} and c.id = ${clientId}` : sql`p.center_id = ${scope.centerId}`;
  const counted = sql`${whose} and p.received_on <= ${asOf} and (p.reversed_on is null or p.reversed_on > ${asOf})`;
  const [received, allocated] = await Promise.all([
    sql<{ s: number }>`select coalesce(sum(p.amount_fen), 0) as s from ${from} where ${counted}`.execute(db),
    sql<{ s: number }>`
      select coalesce(sum(pa.amount_fen), 0) as s from ${from} join payment_allocations pa on pa.payment_id = p.id
      where ${counted} and pa.allocated_on <= ${asOf}`.execute(db),
  ]);
  return Number(received.rows[0].s) - Number(allocated.rows[0].s);
}
