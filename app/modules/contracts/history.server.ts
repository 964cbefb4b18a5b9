// The contract page's change trail: the audit rows on the contract, with the ids they hold
// (client, category, people, the contract renewed from) turned into names.
import type { Executor } from "~db/dialect";
import { changedFields, listAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";

const ID_TABLES = { client_id: "clients", category_id: "revenue_categories", owner_id: "users", approved_by: "users", renewed_from_id: "contracts" } as const;
type IdField = keyof typeof ID_TABLES;

async function names(db: Executor, scope: Scope, ids: Record<IdField, Set<string>>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const users = [...ids.owner_id, ...ids.approved_by];
  const lookups: [string[], () => Promise<{ id: string; label: string }[]>][] = [
    [[...ids.client_id], () => db.selectFrom("clients").select(["id", "name as label"]).where("center_id", "=", scope.centerId).where("id", "in", [...ids.client_id]).execute()],
    [[...ids.category_id], () => db.selectFrom("revenue_categories").select(["id", "name as label"]).where("center_id", "=", scope.centerId).where("id", "in", [...ids.category_id]).execute()],
    [users, () => db.selectFrom("users").select(["id", "display_name as label"]).where("center_id", "=", scope.centerId).where("id", "in", users).execute()],
    [[...ids.renewed_from_id], () => db.selectFrom("contracts").select(["id", "number as label"]).where("center_id", "=", scope.centerId).where("id", "in", [...ids.renewed_from_id]).execute()],
  ];
  for (const [wanted, load] of lookups) if (wanted.length) for (const r of await load()) out.set(r.id, r.label);
  return out;
}

export async function contractHistory(db: Executor, scope: Scope, contractId: string) {
  const { rows } = await listAudit(db, scope, { entity: "contract", entityId: contractId, limit: 100 });
  const withChanges = rows.map((r) => ({ ...r, changes: changedFields(r.before_json, r.after_json) }));
  const ids = { client_id: new Set<string>(), category_id: new Set<string>(), owner_id: new Set<string>(), approved_by: new Set<string>(), renewed_from_id: new Set<string>() };
  for (const r of withChanges) {
    for (const c of r.changes) {
      if (c.field in ids) for (const v of [c.from, c.to]) if (typeof v === "string" && v) ids[c.field as IdField].add(v);
    }
  }
  const known = await names(db, scope, ids);
  const show = (field: string, v: unknown) => (field in ID_TABLES && typeof v === "string" ? (known.get(v) ?? v) : v);
  return withChanges.map((r) => ({
    id: r.id,
    at: r.at,
    user_name: r.user_name,
    entity: r.entity,
    action: r.action,
    changes: r.changes.map((c) => ({ field: c.field, from: show(c.field, c.from), to: show(c.field, c.to) })),
  }));
}
