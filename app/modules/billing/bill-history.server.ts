// A bill's change trail: its own audit rows and those of the payments allocated to it, newest
// first, with the client and people ids they hold turned into names.
import type { Executor } from "~db/dialect";
import { type AuditRow, changedFields, listAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";

const LIMIT = 100;

async function names(db: Executor, scope: Scope, clientIds: string[], userIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (clientIds.length) {
    for (const r of await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "in", clientIds).execute()) out.set(r.id, r.name);
  }
  if (userIds.length) {
    for (const r of await db.selectFrom("users").select(["id", "display_name"]).where("center_id", "=", scope.centerId).where("id", "in", userIds).execute()) out.set(r.id, r.display_name);
  }
  return out;
}

export async function billHistory(db: Executor, scope: Scope, billId: string, paymentIds: readonly string[]) {
  const own = await listAudit(db, scope, { entity: "bill", entityId: billId, limit: LIMIT });
  const payments: AuditRow[] = [];
  for (const paymentId of new Set(paymentIds)) payments.push(...(await listAudit(db, scope, { entity: "payment", entityId: paymentId, limit: 20 })).rows);
  const rows = [...own.rows, ...payments].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id)).slice(0, LIMIT);
  const withChanges = rows.map((r) => ({ ...r, changes: changedFields(r.before_json, r.after_json) }));
  const clients = new Set<string>();
  const users = new Set<string>();
  for (const r of withChanges) {
    for (const c of r.changes) {
      for (const v of [c.from, c.to]) {
        if (typeof v !== "string" || !v) continue;
        if (c.field === "client_id") clients.add(v);
        if (c.field === "owner_id" || c.field === "issued_by") users.add(v);
      }
    }
  }
  const known = await names(db, scope, [...clients], [...users]);
  const show = (field: string, v: unknown) => (["client_id", "owner_id", "issued_by"].includes(field) && typeof v === "string" ? (known.get(v) ?? v) : v);
  return withChanges.map((r) => ({
    id: r.id,
    at: r.at,
    user_name: r.user_name,
    entity: r.entity,
    action: r.action,
    changes: r.changes.map((c) => ({ field: c.field, from: show(c.field, c.from), to: show(c.field, c.to) })),
  }));
}
