// Tax settings, billing plans, bills and their lines, payments and allocations, culture-fee deductions.
import type { ReportGroup, TaxpayerStatus } from "./core";

export type BillingSchedule = "once_confirm" | "once_start" | "monthly_advance" | "monthly_arrears" | "milestone";
export type BillKind = "invoice" | "credit";
export type BillStatus = "draft" | "issued";
/** 专票 (special VAT invoice) or 普票 (ordinary invoice). */
export type InvoiceKind = "special" | "ordinary";
/** The four reasons a red-letter invoice may be raised for. */
export type CreditReason = "开票有误" | "销货退回" | "服务中止" | "销售折让";
export type PaymentMethod = "transfer" | "cash" | "cheque" | "acceptance" | "other";

export interface VatRatesTable {
  id: string;
  center_id: string;
  taxpayer_status: TaxpayerStatus;
  /** null: every report group without a rate of its own. */
  report_group: ReportGroup | null;
  rate_bp: number;
  valid_from: string;
  valid_to: string | null;
  note: string;
  created_at: string;
}

export interface CultureFeeRatesTable {
  id: string;
  center_id: string;
  rate_bp: number;
  valid_from: string;
  valid_to: string | null;
  /** Monthly advertising sales at or below this are exempt. */
  threshold_fen: number;
  note: string;
  created_at: string;
}

export interface TaxCodesTable {
  id: string;
  center_id: string;
  code: string;
  short_name: string;
  item_name: string;
  retired: number;
  created_at: string;
  updated_at: string;
}

export interface BillingPlansTable {
  id: string;
  center_id: string;
  source_kind: "order" | "event" | "contract";
  source_id: string;
  schedule: BillingSchedule;
  payment_days: number | null;
  created_at: string;
  updated_at: string;
}

export interface BillsTable {
  id: string;
  center_id: string;
  client_id: string;
  owner_id: string | null;
  kind: BillKind;
  status: BillStatus;
  number: string | null;
  invoice_kind: InvoiceKind;
  period_from: string | null;
  period_to: string | null;
  issue_date: string | null;
  due_date: string | null;
  original_bill_id: string | null;
  credit_reason: string;
  buyer_name: string;
  buyer_tax_id: string;
  buyer_address_phone: string;
  buyer_bank_account: string;
  net_fen: number;
  tax_fen: number;
  total_fen: number;
  tax_invoice_number: string;
  tax_invoice_date: string | null;
  notes: string;
  issued_by: string | null;
  issued_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  // settled_on (date, NULL while the invoice may be open) is derived and deliberately not declared
  // here, so no code that makes a bill can set it: new rows get NULL. app/modules/billing/
  // settlement.server.ts keeps it (and puts right a credit's copy of its invoice's value); it and
  // the receivables read it in SQL; the bulk dataset generator writes it with the same rule.
}

export interface BillLinesTable {
  id: string;
  center_id: string;
  bill_id: string;
  seq: number;
  source_kind: "order" | "event" | "contract" | null;
  source_id: string | null;
  source_key: string | null;
  slice: string;
  category_id: string | null;
  tax_code: string;
  short_name: string;
  item_name: string;
  description: string;
  quantity: number;
  tax_included: number;
  amount_fen: number;
  rate_bp: number;
  net_fen: number;
  tax_fen: number;
  total_fen: number;
  bears_culture_fee: number;
  service_from: string | null;
  service_to: string | null;
  original_line_id: string | null;
  created_at: string;
}

export interface PaymentsTable {
  id: string;
  center_id: string;
  client_id: string;
  received_on: string;
  amount_fen: number;
  method: PaymentMethod;
  payer: string;
  reference: string;
  notes: string;
  reversed_on: string | null;
  reversal_reason: string;
  idempotency_key: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PaymentAllocationsTable {
  id: string;
  center_id: string;
  payment_id: string;
  bill_id: string;
  amount_fen: number;
  allocated_on: string;
  created_by: string | null;
  created_at: string;
}

export interface CultureFeeDeductionsTable {
  id: string;
  center_id: string;
  month: string;
  payee: string;
  invoice_number: string;
  amount_fen: number;
  notes: string;
  created_by: string | null;
  created_at: string;
}
