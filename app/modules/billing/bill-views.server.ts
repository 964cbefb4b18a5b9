// What the bill screens read: the filtered, paged list with its totals, and one bill with its
// lines, credits, payments and what is open on a day. MONEY: open = total − allocations on or
// before the day from payments not reversed by then − credits issued by then (decision 011);
// the status words come from paymentStatus, the one definition the receivables reports use.
import { sql } from "kysely";
import type { Executor } from "~db/dialect";
import type { Bill, BillKind, BillStatus } from "~db/schema";
import { can } from "~/modules/auth/permissions";
import type { Scope } from "~/modules/auth/scope";
import { todayInShanghai } from "~/utils/time";
import { type BillingResult, billingRefusal } from "./access";
import { draftProblems } from "./bills.server";
import { creditableLines } from "./credits.server";
import { type PaymentStatus, paymentStatus } from "./receivables.server";
import { printedItemName } from "./tax";

export const BILL_PAGE_SIZE = 50;

export type BillStatusWord = PaymentStatus | "草稿" | "红字发票";

export interface BillFilter {
  status?: BillStatus;
  kind?: BillKind;
  clientId?: string;
  ownerId?: string;
  /** Issue dates from..to, both included. */
  issuedFrom?: string;
  issuedTo?: string;
  /** Issued invoices in this payment status on `asOf`. */
  paymentStatus?: PaymentStatus;
  page?: number;
  pageSize?: number;
  /** The day open amounts and status words are for (default today). */
  asOf?: string;
}

/** Finance, admins, managers and auditors read every bill; a sales rep the bills of their own clients. */
function readAccess(scope: Scope): "all" | "own" | null {
  if (scope.role === "sales") return scope.userId ? "own" : null;
  return can(scope.role, "billing", "read") ? "all" : null;
}

function words(kind: string, status: string, total: number, paid: number, credited: number): BillStatusWord {
  if (status === "draft") return "草稿";
  if (kind === "credit") return "红字发票";
  return paymentStatus(total, paid, credited);
}

/** Bills of the center with paid, credited and open amounts on D (zero for drafts and credits). */
function withMoney(db: Executor, scope: Scope, asOf: string, access: "all" | "own") {
  const issuedInvoice = sql<boolean>`b.kind = 'invoice' and b.status = 'issued'`;
  const paid = sql<number>`(select coalesce(sum(pa.amount_fen), 0) from payment_allocations pa inner join payments p on p.id = pa.payment_id
    where pa.bill_id = b.id and pa.allocated_on <= ${asOf} and (p.reversed_on is null or p.reversed_on > ${asOf}))`;
  const credited = sql<number>`(select coalesce(-sum(k.total_fen), 0) from bills k
    where k.original_bill_id = b.id and k.kind = 'credit' and k.status = 'issued' and k.issue_date <= ${asOf})`;
  let query = db
    .selectFrom("bills as b")
    .innerJoin("clients as c", "c.id", "b.client_id")
    .leftJoin("users as u", "u.id", "b.owner_id")
    .selectAll("b")
    .select([
      "c.name as client_name",
      "u.display_name as owner_name",
      sql<number>`case when ${issuedInvoice} then ${paid} else 0 end`.as("paid_fen"),
      sql<number>`case when ${issuedInvoice} then ${credited} else 0 end`.as("credited_fen"),
    ])
    .where("b.center_id", "=", scope.centerId);
  if (access === "own") query = query.where((eb) => eb.or([eb("b.owner_id", "=", scope.userId), eb("c.owner_id", "=", scope.userId)]));
  return query;
}

type MoneyRow = Bill & { client_name: string; owner_name: string | null; paid_fen: number; credited_fen: number };

export interface BillListRow extends Bill {
  client_name: string;
  owner_name: string | null;
  paid_fen: number;
  credited_fen: number;
  open_fen: number;
  status_word: BillStatusWord;
}

function toListRow(r: MoneyRow): BillListRow {
  const total = Number(r.total_fen);
  const paid = Number(r.paid_fen);
  const credited = Number(r.credited_fen);
  const receivable = r.kind === "invoice" && r.status === "issued";
  return {
    ...r,
    net_fen: Number(r.net_fen),
    tax_fen: Number(r.tax_fen),
    total_fen: total,
    paid_fen: paid,
    credited_fen: credited,
    open_fen: receivable ? total - paid - credited : 0,
    status_word: words(r.kind, r.status, total, paid, credited),
  };
}

/** The status word of an issued invoice in SQL, mirroring paymentStatus. */
function statusSql() {
  return sql<string>`case
    when x.credited_fen > 0 and x.credited_fen >= x.total_fen then ${"已红冲"}
    when x.total_fen - x.paid_fen - x.credited_fen <= 0 then ${"已收清"}
    when x.paid_fen = 0 and x.credited_fen = 0 then ${"未收款"}
    else ${"部分收款"} end`;
}

export interface BillList {
  rows: BillListRow[];
  total: number;
  page: number;
  pageSize: number;
  totals: { net_fen: number; tax_fen: number; total_fen: number; open_fen: number };
}

export async function listBills(db: Executor, scope: Scope, filter: BillFilter = {}): Promise<BillingResult<{ list: BillList }>> {
  const access = readAccess(scope);
  if (!access) return billingRefusal(403, { form: "没有查看账单的权限" });
  const asOf = filter.asOf ?? todayInShanghai();
  let inner = withMoney(db, scope, asOf, access);
  if (filter.status) inner = inner.where("b.status", "=", filter.status);
  if (filter.kind) inner = inner.where("b.kind", "=", filter.kind);
  if (filter.clientId) inner = inner.where("b.client_id", "=", filter.clientId);
  if (filter.ownerId) inner = inner.where("b.owner_id", "=", filter.ownerId);
  if (filter.issuedFrom) inner = inner.where("b.issue_date", ">=", filter.issuedFrom);
  if (filter.issuedTo) inner = inner.where("b.issue_date", "<=", filter.issuedTo);
  if (filter.paymentStatus) inner = inner.where("b.kind", "=", "invoice").where("b.status", "=", "issued");
  let outer = db.selectFrom(inner.as("x"));
  if (filter.paymentStatus) outer = outer.where(statusSql(), "=", filter.paymentStatus);

  const pageSize = Math.min(Math.max(1, Math.floor(filter.pageSize ?? BILL_PAGE_SIZE)), 500);
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const openSql = sql<number>`case when x.kind = 'invoice' and x.status = 'issued' then x.total_fen - x.paid_fen - x.credited_fen else 0 end`;
  const [rows, sums] = await Promise.all([
    outer
      .selectAll("x")
      // Drafts first: they are finance's work still to do.
      .orderBy(sql`case when x.status = 'draft' then 0 else 1 end`)
      .orderBy("x.issue_date", "desc")
      .orderBy("x.number", "desc")
      .orderBy("x.created_at", "desc")
      .orderBy("x.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    outer
      .select((eb) => [
        eb.fn.countAll<number>().as("count"),
        eb.fn.coalesce(eb.fn.sum<number>("x.net_fen"), eb.lit(0)).as("net_fen"),
        eb.fn.coalesce(eb.fn.sum<number>("x.tax_fen"), eb.lit(0)).as("tax_fen"),
        eb.fn.coalesce(eb.fn.sum<number>("x.total_fen"), eb.lit(0)).as("total_fen"),
        sql<number>`coalesce(sum(${openSql}), 0)`.as("open_fen"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    ok: true,
    list: {
      rows: (rows as MoneyRow[]).map(toListRow),
      total: Number(sums.count),
      page,
      pageSize,
      totals: { net_fen: Number(sums.net_fen), tax_fen: Number(sums.tax_fen), total_fen: Number(sums.total_fen), open_fen: Number(sums.open_fen) },
    },
  };
}

export interface BillDetailLine {
  id: string;
  seq: number;
  printed_name: string;
  tax_code: string;
  description: string;
  quantity: number;
  tax_included: boolean;
  amount_fen: number;
  rate_bp: number;
  net_fen: number;
  tax_fen: number;
  total_fen: number;
  bears_culture_fee: boolean;
  source_kind: string | null;
  source_id: string | null;
  slice: string;
  service_from: string | null;
  service_to: string | null;
  original_line_id: string | null;
  /** Issued invoices: what credits may still reverse of the line. */
  creditable_fen: number;
}

export interface BillDetail extends BillListRow {
  lines: BillDetailLine[];
  credits: { id: string; number: string | null; issue_date: string | null; credit_reason: string; net_fen: number; tax_fen: number; total_fen: number }[];
  original: { id: string; number: string | null } | null;
  allocations: { payment_id: string; received_on: string; method: string; payer: string; reference: string; allocated_on: string; amount_fen: number; reversed_on: string | null }[];
  /** Drafts: what would stop the issue. */
  problems: string[];
  as_of: string;
}

/** One bill with everything its page shows; 404 for another center's bill (or a bill a sales rep may not see). */
export async function getBill(db: Executor, scope: Scope, billId: string, asOf = todayInShanghai()): Promise<BillingResult<{ bill: BillDetail }>> {
  const access = readAccess(scope);
  if (!access) return billingRefusal(403, { form: "没有查看账单的权限" });
  const row = (await withMoney(db, scope, asOf, access).where("b.id", "=", billId).executeTakeFirst()) as MoneyRow | undefined;
  if (!row) return billingRefusal(404, { form: "账单不存在" });
  const base = toListRow(row);
  const receivable = row.kind === "invoice" && row.status === "issued";
  const [creditable, credits, original, allocations, problems] = await Promise.all([
    creditableLines(db, row),
    db
      .selectFrom("bills")
      .select(["id", "number", "issue_date", "credit_reason", "net_fen", "tax_fen", "total_fen"])
      .where("center_id", "=", scope.centerId)
      .where("original_bill_id", "=", billId)
      .where("kind", "=", "credit")
      .orderBy("issue_date")
      .orderBy("number")
      .execute(),
    row.original_bill_id ? db.selectFrom("bills").select(["id", "number"]).where("center_id", "=", scope.centerId).where("id", "=", row.original_bill_id).executeTakeFirst() : undefined,
    db
      .selectFrom("payment_allocations as pa")
      .innerJoin("payments as p", "p.id", "pa.payment_id")
      .select(["pa.payment_id", "p.received_on", "p.method", "p.payer", "p.reference", "pa.allocated_on", "pa.amount_fen", "p.reversed_on"])
      .where("pa.center_id", "=", scope.centerId)
      .where("pa.bill_id", "=", billId)
      .orderBy("pa.allocated_on")
      .orderBy("pa.created_at")
      .execute(),
    draftProblems(db, scope, row),
  ]);
  const lines: BillDetailLine[] = creditable.map(({ line: l, creditableFen }) => ({
    id: l.id,
    seq: l.seq,
    printed_name: l.short_name && l.item_name ? printedItemName(l.short_name, l.item_name) : "",
    tax_code: l.tax_code,
    description: l.description,
    quantity: Number(l.quantity),
    tax_included: Boolean(l.tax_included),
    amount_fen: Number(l.amount_fen),
    rate_bp: Number(l.rate_bp),
    net_fen: Number(l.net_fen),
    tax_fen: Number(l.tax_fen),
    total_fen: Number(l.total_fen),
    bears_culture_fee: Boolean(l.bears_culture_fee),
    source_kind: l.source_kind,
    source_id: l.source_id,
    slice: l.slice,
    service_from: l.service_from,
    service_to: l.service_to,
    original_line_id: l.original_line_id,
    creditable_fen: receivable ? creditableFen : 0,
  }));
  return {
    ok: true,
    bill: {
      ...base,
      lines,
      credits: credits.map((k) => ({ ...k, net_fen: Number(k.net_fen), tax_fen: Number(k.tax_fen), total_fen: Number(k.total_fen) })),
      original: original ?? null,
      allocations: allocations.map((a) => ({ ...a, amount_fen: Number(a.amount_fen) })),
      problems,
      as_of: asOf,
    },
  };
}
