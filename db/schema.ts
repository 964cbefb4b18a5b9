// The one description of the database, shared by every query. Column conventions
// (docs/decisions/002-portable-columns.md): ids are 26-character text made by the app,
// money is integer fen, calendar dates 'YYYY-MM-DD' text, instants UTC ISO text, booleans 0/1.
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type Role = "admin" | "sales" | "finance" | "manager" | "auditor";
export type TaxpayerStatus = "general" | "small";
export type ClientKind = "enterprise" | "government" | "institution" | "agency" | "individual";

export interface CentersTable {
  id: string;
  code: string;
  name: string;
  taxpayer_status: TaxpayerStatus;
  tax_id: string;
  address: string;
  phone: string;
  bank_name: string;
  bank_account: string;
  /** How many days a new hold lasts before it lapses. */
  hold_days: Generated<number>;
  /** How many times its owner may renew a hold. */
  hold_max_renewals: Generated<number>;
  /** Signing a contract above this amount waits for a manager's approval. */
  contract_approval_fen: Generated<number>;
  /** How a contract number is made when none is typed: {YYYY} the year, {NNN…} the sequence. */
  contract_number_pattern: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  center_id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  center_id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface LoginFailuresTable {
  id: string;
  subject: string;
  failed_at: string;
}

export interface ClientsTable {
  id: string;
  center_id: string;
  name: string;
  kind: ClientKind;
  credit_code: string;
  contact_name: string;
  contact_phone: string;
  address: string;
  phone: string;
  bank_name: string;
  bank_account: string;
  owner_id: string | null;
  commission_bp: number;
  /** Days from issue to due date for this client's bills. */
  payment_days: Generated<number>;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: string;
  center_id: string;
  user_id: string | null;
  at: string;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

export type ReportGroup = "traditional_media" | "new_media" | "outdoor" | "tech_service" | "event" | "gov_service" | "other" | "subsidy";

export interface RevenueCategoriesTable {
  id: string;
  center_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  report_group: ReportGroup;
  bears_culture_fee: number;
  is_earned: number;
  vat_item_code: string;
  sort_order: number;
  retired: number;
  created_at: string;
  updated_at: string;
}

export type FacilityType = "unipole" | "wall" | "lightbox" | "led_screen" | "trivision" | "bus_shelter" | "kiosk" | "street_flag" | "hoarding" | "other";

export interface SitesTable {
  id: string;
  center_id: string;
  code: string;
  name: string;
  facility_type: FacilityType;
  address: string;
  district: string;
  latitude_e6: number | null;
  longitude_e6: number | null;
  width_cm: number;
  height_cm: number;
  illuminated: number;
  traffic_notes: string;
  created_at: string;
  updated_at: string;
}

export interface SiteFilesTable {
  id: string;
  center_id: string;
  site_id: string;
  purpose: "photo" | "permit_scan";
  owner_id: string;
  storage_key: string;
  content_type: string;
  size_bytes: number;
  original_name: string;
  created_at: string;
}

export interface PermitsTable {
  id: string;
  center_id: string;
  site_id: string;
  number: string;
  authority: string;
  start_date: string;
  end_date: string;
  created_at: string;
  updated_at: string;
}

export interface LeasesTable {
  id: string;
  center_id: string;
  site_id: string;
  lessor: string;
  annual_rent_fen: number;
  start_date: string;
  end_date: string;
  payment_terms: string;
  created_at: string;
  updated_at: string;
}

export type Medium =
  | "outdoor_static"
  | "led"
  | "app_splash"
  | "app_banner"
  | "wechat_headline"
  | "wechat_secondary"
  | "short_video"
  | "tv"
  | "radio"
  | "newspaper";
export type CapacityUnit = "face" | "spot" | "position" | "second";
export type UnitStatus = "available" | "maintenance" | "disabled";

export interface UnitsTable {
  id: string;
  center_id: string;
  code: string;
  name: string;
  medium: Medium;
  site_id: string | null;
  face: string;
  category_id: string;
  capacity: number;
  capacity_unit: CapacityUnit;
  loop_seconds: number;
  spot_seconds: number;
  status: UnitStatus;
  maintenance_from: string | null;
  maintenance_to: string | null;
  archived: number;
  notes: string;
  created_at: string;
  updated_at: string;
}

export type PriceBasis = "day" | "week" | "month" | "spot";
export type Daypart = "special" | "a" | "b";

export interface RateCardsTable {
  id: string;
  center_id: string;
  unit_id: string;
  effective_from: string;
  basis: PriceBasis;
  price_fen: number;
  min_days: number;
  surcharge_first_bp: number;
  surcharge_last_bp: number;
  created_by: string | null;
  created_at: string;
}

export interface RateCardSpotPricesTable {
  id: string;
  center_id: string;
  rate_card_id: string;
  daypart: Daypart;
  seconds: number;
  price_fen: number;
}

export interface NumberSequencesTable {
  id: string;
  center_id: string;
  series: string;
  year: number;
  last_value: number;
}

/** Stored order status; 执行中/已完成 are confirmed orders seen against today (see booking/status.ts). */
export type OrderStatus = "draft" | "hold" | "confirmed" | "cancelled" | "expired";
/** Categories the advertising law makes subject to prior review (广告审查). */
export type AdCategory = "general" | "medical" | "drug" | "medical_device" | "pesticide" | "veterinary_drug" | "health_food";

export interface OrdersTable {
  id: string;
  center_id: string;
  number: string;
  client_id: string;
  owner_id: string;
  title: string;
  product: string;
  ad_category: AdCategory;
  approval_number: string;
  status: OrderStatus;
  hold_expires_at: string | null;
  hold_renewals: number;
  start_date: string | null;
  end_date: string | null;
  list_fen: number;
  net_fen: number;
  terms: string;
  cancel_reason: string;
  confirmed_at: string | null;
  closed_at: string | null;
  idempotency_key: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type LineKind = "paid" | "bonus" | "public_service" | "internal";
/** draft: no capacity; queued: waits behind a full unit; hold: counts until expires_at; confirmed: counts; released: no longer counts. */
export type LineState = "draft" | "queued" | "hold" | "confirmed" | "released";

export interface OrderLinesTable {
  id: string;
  center_id: string;
  order_id: string;
  unit_id: string;
  start_date: string;
  end_date: string;
  quantity: number;
  /** Capacity taken per day in the unit's own measure: quantity, or spots × seconds on TV/radio. */
  daily_use: number;
  kind: LineKind;
  daypart: Daypart | null;
  seconds: number | null;
  position: "first" | "last" | null;
  list_fen: number;
  discount_bp: number;
  net_fen: number;
  net_fixed: number;
  content: string;
  state: LineState;
  expires_at: string | null;
  queued_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrderEventsTable {
  id: string;
  center_id: string;
  order_id: string;
  line_id: string | null;
  user_id: string | null;
  at: string;
  kind: string;
  detail: string;
}

export type EventType = "gala" | "expo" | "match" | "live" | "charity" | "other";
export type EventStatus = "planning" | "confirmed" | "done" | "cancelled";

export interface EventsTable {
  id: string;
  center_id: string;
  title: string;
  type: EventType;
  venue: string;
  /** 'YYYY-MM-DDTHH:mm', wall clock in Asia/Shanghai. */
  starts_at: string;
  ends_at: string;
  owner_id: string;
  category_id: string;
  budget_fen: number;
  status: EventStatus;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface EventSponsorsTable {
  id: string;
  center_id: string;
  event_id: string;
  client_id: string;
  package: string;
  amount_fen: number;
  created_at: string;
  updated_at: string;
}

/** How a contract is priced: fixed price paid by milestones, a monthly fee for a term, or time and materials. */
export type ContractPricing = "milestone" | "monthly" | "tm";
/** 草拟, 待审批, 已签订, 履行中, 已验收 (milestone contracts), 已完成 (fee and T&M contracts), 已终止. */
export type ContractStatus = "draft" | "pending" | "signed" | "active" | "accepted" | "completed" | "terminated";
export type DeliverableKind = "app" | "system" | "live" | "video" | "account" | "other";

export interface ContractsTable {
  id: string;
  center_id: string;
  number: string;
  title: string;
  client_id: string;
  category_id: string;
  owner_id: string;
  pricing: ContractPricing;
  status: ContractStatus;
  signed_on: string | null;
  start_date: string;
  end_date: string;
  /** The contract total; the sum of the months for a monthly fee; the ceiling for time and materials. */
  amount_fen: number;
  tax_included: number;
  monthly_fee_fen: number;
  approved_by: string | null;
  approved_at: string | null;
  return_reason: string;
  terminated_on: string | null;
  termination_reason: string;
  earned_fen: number | null;
  renewed_from_id: string | null;
  notes: string;
  idempotency_key: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContractMilestonesTable {
  id: string;
  center_id: string;
  contract_id: string;
  seq: number;
  name: string;
  percent_bp: number;
  amount_fen: number;
  planned_date: string;
  delivered_on: string | null;
  accepted_on: string | null;
  accepted_by: string | null;
  accepted_at: string | null;
  acceptance_note: string;
  created_at: string;
  updated_at: string;
}

export interface ContractRatesTable {
  id: string;
  center_id: string;
  contract_id: string;
  seq: number;
  name: string;
  unit: string;
  price_fen: number;
  created_at: string;
}

export interface ContractWorkLogsTable {
  id: string;
  center_id: string;
  contract_id: string;
  rate_id: string;
  work_date: string;
  quantity: number;
  amount_fen: number;
  note: string;
  created_by: string | null;
  created_at: string;
}

export interface ContractDeliverablesTable {
  id: string;
  center_id: string;
  contract_id: string;
  kind: DeliverableKind;
  name: string;
  url: string;
  due_date: string | null;
  delivered_on: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface ContractFilesTable {
  id: string;
  center_id: string;
  contract_id: string;
  storage_key: string;
  content_type: string;
  size_bytes: number;
  original_name: string;
  uploaded_by: string | null;
  created_at: string;
}

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

export interface DB {
  centers: CentersTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  clients: ClientsTable;
  audit_log: AuditLogTable;
  revenue_categories: RevenueCategoriesTable;
  sites: SitesTable;
  site_files: SiteFilesTable;
  permits: PermitsTable;
  leases: LeasesTable;
  units: UnitsTable;
  rate_cards: RateCardsTable;
  rate_card_spot_prices: RateCardSpotPricesTable;
  number_sequences: NumberSequencesTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_events: OrderEventsTable;
  events: EventsTable;
  event_sponsors: EventSponsorsTable;
  contracts: ContractsTable;
  contract_milestones: ContractMilestonesTable;
  contract_rates: ContractRatesTable;
  contract_work_logs: ContractWorkLogsTable;
  contract_deliverables: ContractDeliverablesTable;
  contract_files: ContractFilesTable;
  vat_rates: VatRatesTable;
  culture_fee_rates: CultureFeeRatesTable;
  tax_codes: TaxCodesTable;
  billing_plans: BillingPlansTable;
  bills: BillsTable;
  bill_lines: BillLinesTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
  culture_fee_deductions: CultureFeeDeductionsTable;
}

export type Center = Selectable<CentersTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Client = Selectable<ClientsTable>;
export type NewClient = Insertable<ClientsTable>;
export type ClientUpdate = Updateable<ClientsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type RevenueCategory = Selectable<RevenueCategoriesTable>;
export type Site = Selectable<SitesTable>;
export type Permit = Selectable<PermitsTable>;
export type Lease = Selectable<LeasesTable>;
export type Unit = Selectable<UnitsTable>;
export type RateCardRow = Selectable<RateCardsTable>;
export type Order = Selectable<OrdersTable>;
export type OrderLine = Selectable<OrderLinesTable>;
export type Event = Selectable<EventsTable>;
export type EventSponsor = Selectable<EventSponsorsTable>;
export type Contract = Selectable<ContractsTable>;
export type ContractMilestone = Selectable<ContractMilestonesTable>;
export type ContractRate = Selectable<ContractRatesTable>;
export type ContractWorkLog = Selectable<ContractWorkLogsTable>;
export type ContractDeliverable = Selectable<ContractDeliverablesTable>;
export type Bill = Selectable<BillsTable>;
export type BillLine = Selectable<BillLinesTable>;
export type Payment = Selectable<PaymentsTable>;
