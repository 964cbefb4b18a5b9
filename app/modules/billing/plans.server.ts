// The billing plan of an order, event or contract: when its income is billed (the schedule) and,
// optionally, payment terms of its own. A source without a stored plan has the default for its
// kind: orders and events are billed once, from their start; a milestone contract on each
// acceptance; a monthly-fee or time-and-materials contract month by month in arrears.
import { type AppDb } from "~db/connection";
import { type Executor, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { BillingSchedule, ContractPricing } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import type { SourceKind } from "~/modules/income/seam";
import { nowIso } from "~/utils/time";
import { type BillingResult, billingRefusal, refuseUnlessFinance } from "./access";
import { SCHEDULE_LABEL, SCHEDULES } from "./schedule";
import { refreshRevenue } from "~/modules/revenue/facts.server";

export interface SourceId {
  kind: SourceKind;
  id: string;
}

export interface BillingPlan {
  source: SourceId;
  schedule: BillingSchedule;
  /** Days from issue to due date; null: the client's terms. */
  paymentDays: number | null;
  /** False when nothing is stored and the default applies. */
  stored: boolean;
}

export function defaultSchedule(kind: SourceKind, pricing: ContractPricing | null = null): BillingSchedule {
  if (kind !== "contract") return "once_start";
  return pricing === "milestone" ? "milestone" : "monthly_arrears";
}

export const planKey = (source: SourceId) => `${source.kind}:${source.id}`;

const NOT_FOUND: Record<SourceKind, string> = { order: "订单不存在", event: "活动不存在", contract: "合同不存在" };

/** Whether the source is one of the center's, and for a contract its pricing. */
async function sourceOf(db: Executor, scope: Scope, source: SourceId): Promise<{ pricing: ContractPricing | null } | null> {
  if (source.kind === "contract") {
    const row = await db.selectFrom("contracts").select("pricing").where("center_id", "=", scope.centerId).where("id", "=", source.id).executeTakeFirst();
    return row ? { pricing: row.pricing } : null;
  }
  const table = source.kind === "order" ? "orders" : "events";
  const row = await db.selectFrom(table).select("id").where("center_id", "=", scope.centerId).where("id", "=", source.id).executeTakeFirst();
  return row ? { pricing: null } : null;
}

function storedPlan(db: Executor, scope: Scope, source: SourceId) {
  return db
    .selectFrom("billing_plans")
    .selectAll()
    .where("center_id", "=", scope.centerId)
    .where("source_kind", "=", source.kind)
    .where("source_id", "=", source.id);
}

/** The plan of one source (the default when none is stored); 404 for another center's source. */
export async function getBillingPlan(db: Executor, scope: Scope, source: SourceId): Promise<BillingResult<{ plan: BillingPlan }>> {
  const found = await sourceOf(db, scope, source);
  if (!found) return billingRefusal(404, { form: NOT_FOUND[source.kind] });
  const row = await storedPlan(db, scope, source).executeTakeFirst();
  const plan: BillingPlan = row
    ? { source, schedule: row.schedule, paymentDays: row.payment_days === null ? null : Number(row.payment_days), stored: true }
    : { source, schedule: defaultSchedule(source.kind, found.pricing), paymentDays: null, stored: false };
  return { ok: true, plan };
}

/** The plans of many sources at once (for generation and issuing), keyed by planKey. */
export async function plansFor(db: Executor, scope: Scope, sources: readonly SourceId[]): Promise<Map<string, BillingPlan>> {
  const plans = new Map<string, BillingPlan>();
  const unique = new Map(sources.map((s) => [planKey(s), s]));
  for (const kind of ["order", "event", "contract"] as const) {
    const ids = [...unique.values()].filter((s) => s.kind === kind).map((s) => s.id);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await db
        .selectFrom("billing_plans")
        .select(["source_id", "schedule", "payment_days"])
        .where("center_id", "=", scope.centerId)
        .where("source_kind", "=", kind)
        .where("source_id", "in", chunk)
        .execute();
      for (const r of rows) {
        plans.set(`${kind}:${r.source_id}`, { source: { kind, id: r.source_id }, schedule: r.schedule, paymentDays: r.payment_days === null ? null : Number(r.payment_days), stored: true });
      }
      const pricing = new Map<string, ContractPricing>();
      if (kind === "contract") {
        const contracts = await db.selectFrom("contracts").select(["id", "pricing"]).where("center_id", "=", scope.centerId).where("id", "in", chunk).execute();
        for (const c of contracts) pricing.set(c.id, c.pricing);
      }
      for (const id of chunk) {
        if (!plans.has(`${kind}:${id}`)) plans.set(`${kind}:${id}`, { source: { kind, id }, schedule: defaultSchedule(kind, pricing.get(id) ?? null), paymentDays: null, stored: false });
      }
    }
  }
  return plans;
}

export interface PlanInput {
  schedule: string;
  /** Days from issue to due date (0–365); null or '' for the client's terms. */
  paymentDays: number | string | null;
}

function parsePlan(source: SourceId, input: PlanInput): { schedule: BillingSchedule; paymentDays: number | null } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const schedule = SCHEDULES.find((s) => s === input.schedule);
  if (!schedule) errors.schedule = `请选择开票方式：${SCHEDULES.map((s) => SCHEDULE_LABEL[s]).join("、")}`;
  else if (schedule === "milestone" && source.kind !== "contract") errors.schedule = "只有合同可以按里程碑开票";
  let paymentDays: number | null = null;
  const raw = typeof input.paymentDays === "string" ? input.paymentDays.trim() : input.paymentDays;
  if (raw !== null && raw !== "") {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 365) errors.payment_days = "付款期限应为 0 到 365 之间的整数天数，留空则按客户的付款期限";
    else paymentDays = n;
  }
  if (Object.keys(errors).length || !schedule) return { errors };
  return { schedule, paymentDays };
}

/** Finance sets how a source is billed. Audited on the source's own history. */
export async function setBillingPlan(db: AppDb, scope: Scope, source: SourceId, input: PlanInput): Promise<BillingResult<{ plan: BillingPlan }>> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const parsed = parsePlan(source, input);
  if ("errors" in parsed) return billingRefusal(400, parsed.errors);
  return writeTransaction(db, async (trx) => {
    const found = await sourceOf(trx, scope, source);
    if (!found) return billingRefusal(404, { form: NOT_FOUND[source.kind] });
    const row = await lockRows(trx, storedPlan(trx, scope, source)).executeTakeFirst();
    const now = nowIso();
    const before = row ? { schedule: row.schedule, payment_days: row.payment_days } : { schedule: defaultSchedule(source.kind, found.pricing), payment_days: null };
    const after = { schedule: parsed.schedule, payment_days: parsed.paymentDays };
    if (row) {
      await trx.updateTable("billing_plans").set({ ...after, updated_at: now }).where("id", "=", row.id).execute();
    } else {
      await trx
        .insertInto("billing_plans")
        .values({ id: newId(), center_id: scope.centerId, source_kind: source.kind, source_id: source.id, ...after, created_at: now, updated_at: now })
        .execute();
    }
    await recordAudit(trx, scope, { entity: source.kind, entityId: source.id, action: "billing_plan", before, after });
    // The plan decides how income is cut for VAT, so the source's facts follow it.
    await refreshRevenue(trx, scope, [source]);
    return { ok: true, plan: { source, schedule: parsed.schedule, paymentDays: parsed.paymentDays, stored: true } };
  });
}
