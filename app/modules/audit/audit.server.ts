// The audit trail. Every change to money, bookings, prices and users calls recordAudit inside
// the same transaction as the change, so the trail can never disagree with the data.
import { newId } from "~db/ids";
import type { Executor } from "~db/dialect";
import type { AuditEntry } from "~db/schema";
import { nowIso } from "~/utils/time";
import type { Scope } from "~/modules/auth/scope";

export type AuditEntity = "client" | "user" | "center" | "category" | "site" | "unit" | "permit" | "lease" | "rate_card" | "import" | "order" | "order_line" | "event" | "event_sponsor" | "contract" | "bill" | "payment" | "tax_setting" | "culture_fee" | "revenue" | "subsidy" | "target";

export interface AuditInput {
  entity: AuditEntity;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Fields never written to the trail. SECURITY: hashes and secrets stay out of the log. */
const SECRET_FIELDS = new Set(["password_hash", "password"]);

function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (SECRET_FIELDS.has(key) ? undefined : v));
}

export async function recordAudit(db: Executor, scope: Pick<Scope, "centerId" | "userId">, input: AuditInput) {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      center_id: scope.centerId,
      user_id: scope.userId,
      at: nowIso(),
      entity: input.entity,
      entity_id: input.entityId,
      action: input.action,
      before_json: toJson(input.before),
      after_json: toJson(input.after),
    })
    .execute();
}

export interface AuditRow extends AuditEntry {
  user_name: string | null;
}

export async function listAudit(
  db: Executor,
  scope: Scope,
  filter: { entity?: string; entityId?: string; limit?: number; offset?: number } = {},
): Promise<{ rows: AuditRow[]; total: number }> {
  let query = db.selectFrom("audit_log").where("audit_log.center_id", "=", scope.centerId);
  if (filter.entity) query = query.where("audit_log.entity", "=", filter.entity);
  if (filter.entityId) query = query.where("audit_log.entity_id", "=", filter.entityId);
  const rows = await query
    .leftJoin("users", "users.id", "audit_log.user_id")
    .selectAll("audit_log")
    .select("users.display_name as user_name")
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0)
    .execute();
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** The fields that differ between two snapshots, for showing a change in one line. */
export function changedFields(before: string | null, after: string | null): { field: string; from: unknown; to: unknown }[] {
  const a = (before ? JSON.parse(before) : {}) as Record<string, unknown>;
  const b = (after ? JSON.parse(after) : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => !["updated_at", "created_at", "id", "center_id"].includes(k),
  );
  // A new record has no "before": its empty fields are not changes worth showing.
  const isNew = before === null;
  const blank = (v: unknown) => v === undefined || v === null || v === "" || (isNew && v === 0);
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]) && !(blank(a[k]) && blank(b[k])))
    .map((k) => ({ field: k, from: a[k], to: b[k] }));
}
