// Facts, holds and month arithmetic for the dashboard and targets tests. Facts are written straight
// into revenue_facts (the dashboard reads only the table); holds straight into orders.
import type { AppDb } from "../../db/connection";
import { newId } from "../../db/ids";
import type { LineKind, Medium } from "../../db/schema";
import { nowIso } from "../../app/utils/time";
import { recountMonthTotals } from "../../app/modules/revenue/facts.server";

/** The center's category ids by code (traditional.tv, tech, subsidy …). */
export async function categoryIds(db: AppDb, centerId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom("revenue_categories").select(["id", "code"]).where("center_id", "=", centerId).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

export interface DashFact {
  month: string;
  forMonth?: string;
  categoryId: string;
  amountFen: number;
  earned?: boolean;
  clientId?: string;
  ownerId?: string;
  medium?: Medium | "";
  lineKind?: LineKind | "";
  useDays?: number;
}

export async function insertDashFacts(db: AppDb, centerId: string, facts: DashFact[]): Promise<void> {
  const rows = facts.map((f) => ({
    id: newId(), center_id: centerId, month: f.month, for_month: f.forMonth ?? f.month, source_kind: "contract" as const, source_id: newId(), origin: "schedule" as const,
    category_id: f.categoryId, client_id: f.clientId ?? "", owner_id: f.ownerId ?? "", medium: f.medium ?? "", line_kind: f.lineKind ?? "",
    earned: f.earned === false ? 0 : 1, amount_fen: f.amountFen, use_days: f.useDays ?? 0,
  }));
  for (let i = 0; i < rows.length; i += 200) await db.insertInto("revenue_facts").values(rows.slice(i, i + 200)).execute();
  await recountMonthTotals(db, { centerId });
}

/** 'YYYY-MM' n months after `month` (n may be negative). */
export function monthPlus(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** An order on hold until `expiresAt` (a UTC instant), owned by `ownerId`. */
export async function insertHold(db: AppDb, centerId: string, o: { clientId: string; ownerId: string; expiresAt: string; title?: string }): Promise<{ id: string; number: string }> {
  const id = newId();
  const now = nowIso();
  const number = `YL-T${id.slice(-10)}`;
  await db
    .insertInto("orders")
    .values({
      id, center_id: centerId, number, client_id: o.clientId, owner_id: o.ownerId, title: o.title ?? "预留订单", product: "测试产品", ad_category: "general", approval_number: "",
      status: "hold", hold_expires_at: o.expiresAt, hold_renewals: 0, start_date: null, end_date: null, list_fen: 0, net_fen: 0, terms: "", cancel_reason: "",
      confirmed_at: null, closed_at: null, idempotency_key: id, created_by: o.ownerId, created_at: now, updated_at: now,
    })
    .execute();
  return { id, number };
}
