// The synthetic dataset's receivables per center: five years of issued bills (账单) with their
// lines, a few red-letter credits, and the payments that settled them (some in parts, some over-
// paid, some bounced), with their allocations and the ZD number sequences. Written in bulk, but
// every amount is what the billing services would store: lines through lineMoney at the center's
// VAT rate on the issue day, bill totals as the sums of their lines, allocations never above a
// bill's open amount, each allocation dated the later of the payment's day and the bill's issue day,
// and every invoice's settled_on what settlement.server.ts would keep. Drawn from the center's own
// seeded stream.
import type { Kysely, Transaction } from "kysely";
import type { Bill, BillLine, ClientKind, DB, Payment, PaymentMethod, RevenueCategory, Role, TaxpayerStatus } from "../../db/schema";
import { VAT_DEFAULTS, TAX_CODE_DEFAULTS } from "../../app/modules/billing/settings-seed";
import { type SettlementAllocation, type SettlementCredit, settledOnOf } from "../../app/modules/billing/settlement.server";
import { billTotals, lineMoney, vatRateOn } from "../../app/modules/billing/tax";
import { dayNumber, fromDayNumber } from "../../app/modules/inventory/calendar-dates";
import type { DatasetSize } from "./dataset";
import { DATASET_TODAY } from "./dataset-inventory";
import { Rng, seededId } from "./rng";

export interface BillsShape {
  bills: number;
  years: number;
}

/** Per center. county-l is the issue's figure (100,000 bills; the payments come to about 150,000). */
export const BILL_SHAPES: Record<DatasetSize, BillsShape> = {
  demo: { bills: 1_000, years: 5 },
  "county-l": { bills: 100_000, years: 5 },
  province: { bills: 5_000, years: 5 },
};

export interface BillsCenter {
  id: string;
  taxpayerStatus: TaxpayerStatus;
  users: { id: string; role: Role }[];
  clients: { id: string; kind: ClientKind; name: string; credit_code: string; address: string; phone: string; bank_name: string; bank_account: string; owner_id: string | null; payment_days: number }[];
  categories: RevenueCategory[];
}

/** A bill as written here: with the derived settled_on the typed schema leaves out. */
export type BillRow = Bill & { settled_on: string | null };

export interface BillRows {
  bills: BillRow[];
  lines: BillLine[];
  payments: Payment[];
  allocations: DB["payment_allocations"][];
  sequences: DB["number_sequences"][];
}

export function billsRng(seed: number, centerIndex: number): Rng {
  return new Rng((Math.imul(seed ^ 0x2545f491, 0x9e3779b1) + Math.imul(centerIndex + 1, 0x85ebca6b)) >>> 0);
}

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
const TODAY = dayNumber(DATASET_TODAY);
const iso = (ms: number) => new Date(ms).toISOString();
const officeIso = (rng: Rng, day: number) => iso(day * DAY_MS - BEIJING_MS + 9 * 3_600_000 + rng.int(8 * 3_600_000));
const METHODS: Record<PaymentMethod, number> = { transfer: 85, acceptance: 6, cheque: 4, cash: 3, other: 2 };
const REASONS = ["开票有误", "服务中止", "销售折让", "销货退回"];
const NAMES = new Map<string, { short: string; item: string }>(TAX_CODE_DEFAULTS.map((c) => [c.code, { short: c.short_name, item: c.item_name }]));
const AD_CODE = "3040303000000000000";

/** The payments a bill gets: 1 (35 %), 2 (40 %), 3 (15 %), a part only (4 %) or none yet (6 %). */
function paymentPlan(rng: Rng): number[] {
  const r = rng.float();
  if (r < 0.35) return [1];
  if (r < 0.75) return [0.5 + rng.int(30) / 100, 1];
  if (r < 0.9) return [0.3, 0.7, 1];
  if (r < 0.94) return [0.2 + rng.int(60) / 100];
  return [];
}

export function generateBills(rng: Rng, center: BillsCenter, shape: BillsShape): BillRows {
  const rows: BillRows = { bills: [], lines: [], payments: [], allocations: [], sequences: [] };
  const sales = center.users.filter((u) => u.role === "sales").map((u) => u.id);
  const payers = center.clients.filter((c) => c.kind !== "individual");
  const leaves = center.categories.filter((c) => c.report_group !== "subsidy" && !center.categories.some((k) => k.parent_id === c.id));
  if (!sales.length || !payers.length || !leaves.length) return rows;
  const rates = VAT_DEFAULTS.map((r) => ({ ...r, report_group: null }));
  const first = TODAY - shape.years * 365;
  // Later years bill more: the day is drawn with a density that rises over the span.
  const days = Array.from({ length: shape.bills }, () => first + Math.floor((TODAY - first) * Math.sqrt(rng.float()))).sort((a, b) => a - b);
  let invoiceSeq = 0;
  const credits: { original: BillRow; lines: BillLine[]; day: number; full: boolean }[] = [];
  for (const day of days) {
    const client = rng.pick(payers);
    const date = fromDayNumber(day);
    const at = officeIso(rng, day);
    const billId = seededId(rng, Date.parse(at));
    const lines: BillLine[] = [];
    for (let i = 0, n = 1 + rng.int(3); i < n; i++) {
      const category = rng.pick(leaves);
      const code = category.vat_item_code || AD_CODE;
      const names = NAMES.get(code) ?? NAMES.get(AD_CODE)!;
      const rate = vatRateOn(rates, center.taxpayerStatus, null, date) ?? 600;
      const amount = (1_000 + rng.int(199_000)) * 100 + (rng.chance(0.3) ? rng.int(100) : 0);
      lines.push({
        id: seededId(rng, Date.parse(at)), center_id: center.id, bill_id: billId, seq: i + 1, source_kind: null, source_id: null, source_key: null, slice: "all",
        category_id: category.id, tax_code: code, short_name: names.short, item_name: names.item, description: `${category.name}服务费`, quantity: 1, tax_included: 1,
        amount_fen: amount, rate_bp: rate, ...lineMoney(amount, true, rate), bears_culture_fee: category.bears_culture_fee, service_from: date, service_to: date,
        original_line_id: null, created_at: at,
      });
    }
    const totals = billTotals(lines);
    const bill: BillRow = {
      id: billId, center_id: center.id, client_id: client.id, owner_id: client.owner_id ?? rng.pick(sales), kind: "invoice", status: "issued", number: null,
      invoice_kind: client.kind === "enterprise" && rng.chance(0.6) ? "special" : "ordinary", period_from: date, period_to: date, issue_date: date,
      due_date: fromDayNumber(day + client.payment_days), original_bill_id: null, credit_reason: "", buyer_name: client.name, buyer_tax_id: client.credit_code,
      buyer_address_phone: `${client.address} ${client.phone}`.trim(), buyer_bank_account: `${client.bank_name} ${client.bank_account}`.trim(), ...totals,
      tax_invoice_number: day < TODAY - 7 && rng.chance(0.97) ? `${date.slice(2, 4)}331${String(++invoiceSeq).padStart(15, "0")}` : "",
      tax_invoice_date: null, notes: "", issued_by: null, issued_at: at, created_by: null, created_at: at, updated_at: at, settled_on: null,
    };
    bill.tax_invoice_date = bill.tax_invoice_number ? date : null;
    rows.bills.push(bill);
    rows.lines.push(...lines);
    let credited = 0;
    if (rng.chance(0.02) && day + 5 < TODAY) {
      const full = rng.chance(0.5);
      credits.push({ original: bill, lines, day: Math.min(TODAY - 1, day + 5 + rng.int(55)), full });
      credited = full ? totals.total_fen : lines[0].total_fen - lineMoney(Math.floor(lines[0].amount_fen / 2), true, lines[0].rate_bp).total_fen;
    }
    payBill(rng, rows, bill, totals.total_fen - credited, day + client.payment_days);
  }
  for (const c of credits) rows.bills.push(creditBill(rng, rows, c));
  settleBills(rows);
  numberBills(rng, rows, center.id);
  return rows;
}

/** Payments for one bill after its due date (a few early), never after the dataset's today. */
function payBill(rng: Rng, rows: BillRows, bill: Bill, payableFen: number, dueDay: number): void {
  let paid = 0;
  for (const share of paymentPlan(rng)) {
    const day = dueDay - 20 + rng.int(80);
    if (day >= TODAY || payableFen - paid <= 0) break;
    const amount = Math.min(payableFen - paid, share === 1 ? payableFen - paid : Math.max(1, Math.round(payableFen * share) - paid));
    if (amount <= 0) continue;
    const over = rng.chance(0.02) ? (100 + rng.int(4_900)) * 100 : 0;
    const at = officeIso(rng, day);
    const bounced = rng.chance(0.005) && day + 10 < TODAY;
    const payment: Payment = {
      id: seededId(rng, Date.parse(at)), center_id: bill.center_id, client_id: bill.client_id, received_on: fromDayNumber(day), amount_fen: amount + over,
      method: rng.weighted(METHODS), payer: bill.buyer_name, reference: `流水${rng.digits(12)}`, notes: "", reversed_on: bounced ? fromDayNumber(day + 3 + rng.int(7)) : null,
      reversal_reason: bounced ? "票据退回（余额不足）" : "", idempotency_key: null, created_by: null, created_at: at, updated_at: at,
    };
    rows.payments.push(payment);
    rows.allocations.push({ id: seededId(rng, Date.parse(at)), center_id: bill.center_id, payment_id: payment.id, bill_id: bill.id, amount_fen: amount, allocated_on: laterOf(payment.received_on, bill.issue_date!), created_by: null, created_at: at });
    // A bounced payment pays nothing: the bill stays open for the rest.
    if (!bounced) paid += amount;
  }
}

const laterOf = (a: string, b: string) => (a > b ? a : b);

/** Each invoice's settled_on from its allocations (with their payments' reversals) and credits. */
function settleBills(rows: BillRows): void {
  const reversedOn = new Map<string, string | null>();
  for (const p of rows.payments) reversedOn.set(p.id, p.reversed_on);
  const allocations = new Map<string, SettlementAllocation[]>();
  for (const a of rows.allocations) {
    const list = allocations.get(a.bill_id) ?? [];
    if (!list.length) allocations.set(a.bill_id, list);
    list.push({ allocated_on: a.allocated_on, amount_fen: a.amount_fen, reversed_on: reversedOn.get(a.payment_id) ?? null });
  }
  const credits = new Map<string, SettlementCredit[]>();
  for (const k of rows.bills) {
    if (k.kind !== "credit") continue;
    const list = credits.get(k.original_bill_id!) ?? [];
    if (!list.length) credits.set(k.original_bill_id!, list);
    list.push({ issue_date: k.issue_date!, total_fen: k.total_fen });
  }
  for (const b of rows.bills) {
    b.settled_on = b.kind === "invoice" ? settledOnOf({ issue_date: b.issue_date!, total_fen: b.total_fen }, allocations.get(b.id) ?? [], credits.get(b.id) ?? []) : null;
  }
}

/**
 * Numbers as issuing gives them: gapless per year in the order bills were issued (credits among
 * them), with one sequence row per year at its last value so the app continues from there.
 */
function numberBills(rng: Rng, rows: BillRows, centerId: string): void {
  rows.bills.sort((a, b) => (a.issued_at ?? "").localeCompare(b.issued_at ?? "") || a.id.localeCompare(b.id));
  const perYear = new Map<number, number>();
  for (const bill of rows.bills) {
    const year = Number(bill.issue_date!.slice(0, 4));
    const value = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, value);
    bill.number = `ZD${year}-${String(value).padStart(6, "0")}`;
  }
  for (const [year, value] of perYear) rows.sequences.push({ id: seededId(rng, Date.UTC(year, 0, 1)), center_id: centerId, series: "ZD", year, last_value: value });
}

function creditBill(rng: Rng, rows: BillRows, c: { original: BillRow; lines: BillLine[]; day: number; full: boolean }): BillRow {
  const date = fromDayNumber(c.day);
  const at = officeIso(rng, c.day);
  const id = seededId(rng, Date.parse(at));
  const reversed = c.full ? c.lines : [c.lines[0]];
  const lines: BillLine[] = reversed.map((l, i) => {
    const amount = c.full ? -l.amount_fen : -(l.amount_fen - Math.floor(l.amount_fen / 2));
    const money = c.full ? { net_fen: -l.net_fen, tax_fen: -l.tax_fen, total_fen: -l.total_fen } : lineMoney(amount, true, l.rate_bp);
    return { ...l, id: seededId(rng, Date.parse(at)), bill_id: id, seq: i + 1, amount_fen: amount, ...money, original_line_id: l.id, service_from: date, service_to: date, created_at: at };
  });
  rows.lines.push(...lines);
  const o = c.original;
  return {
    ...o, id, kind: "credit", number: null, issue_date: date, due_date: date, period_from: date, period_to: date, original_bill_id: o.id,
    credit_reason: rng.pick(REASONS), ...billTotals(lines), tax_invoice_number: "", tax_invoice_date: null, issued_at: at, created_at: at, updated_at: at, settled_on: null,
  };
}

const BATCH = 1_000;

export async function insertBills(db: Kysely<DB>, rows: BillRows): Promise<void> {
  const tables: [keyof DB, unknown[]][] = [
    ["number_sequences", rows.sequences], ["bills", rows.bills], ["bill_lines", rows.lines], ["payments", rows.payments], ["payment_allocations", rows.allocations],
  ];
  for (const [table, values] of tables) {
    for (let start = 0; start < values.length; start += 25_000) {
      await db.transaction().execute(async (trx: Transaction<DB>) => {
        const end = Math.min(values.length, start + 25_000);
        for (let i = start; i < end; i += BATCH) await trx.insertInto(table).values(values.slice(i, Math.min(end, i + BATCH)) as never).execute();
      });
    }
  }
}
