// Centers, their people and sessions, clients, the audit trail and the revenue category tree.
import type { Generated } from "kysely";

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
