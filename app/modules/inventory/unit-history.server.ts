// A unit's audit trail as its detail page shows it: changes in the form's words, with the site
// and category ids they mention replaced by names.
import type { Executor } from "~db/dialect";
import { changedFields, listAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { unitAuditChanges } from "./unit-views";

async function auditNames(db: Executor, scope: Scope, siteIds: string[], categoryIds: string[]) {
  const sites = siteIds.length
    ? await db.selectFrom("sites").select(["id", "code", "name"]).where("center_id", "=", scope.centerId).where("id", "in", siteIds).execute()
    : [];
  const categories = categoryIds.length
    ? await db.selectFrom("revenue_categories").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "in", categoryIds).execute()
    : [];
  return {
    sites: Object.fromEntries(sites.map((s) => [s.id, `${s.code} ${s.name}`])),
    categories: Object.fromEntries(categories.map((c) => [c.id, c.name])),
  };
}

export async function unitHistory(db: Executor, scope: Scope, unitId: string, limit = 30) {
  const { rows } = await listAudit(db, scope, { entity: "unit", entityId: unitId, limit });
  const entries = rows.map(({ before_json, after_json, ...row }) => ({ ...row, raw: changedFields(before_json, after_json) }));
  const idsOf = (name: string) => {
    const values = entries.flatMap((e) => e.raw.filter((c) => c.field === name).flatMap((c) => [c.from, c.to]));
    return [...new Set(values.filter((v): v is string => typeof v === "string" && v !== ""))];
  };
  const names = await auditNames(db, scope, idsOf("site_id"), idsOf("category_id"));
  return entries.map(({ raw, ...row }) => ({ ...row, changes: unitAuditChanges(raw, names) }));
}
