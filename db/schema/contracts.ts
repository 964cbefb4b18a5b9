// Service contracts with their milestones, rates, work logs, deliverables and scans.

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
