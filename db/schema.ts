// The one description of the database, shared by every query. Column conventions
// (docs/decisions/002-portable-columns.md): ids are 26-character text made by the app,
// money is integer fen, calendar dates 'YYYY-MM-DD' text, instants UTC ISO text, booleans 0/1.
import type { Insertable, Selectable, Updateable } from "kysely";

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

export interface DB {
  centers: CentersTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  clients: ClientsTable;
  audit_log: AuditLogTable;
}

export type Center = Selectable<CentersTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Client = Selectable<ClientsTable>;
export type NewClient = Insertable<ClientsTable>;
export type ClientUpdate = Updateable<ClientsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
