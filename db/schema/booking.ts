// Orders, their lines and trail; events and their sponsors.
import type { Daypart } from "./inventory";

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
