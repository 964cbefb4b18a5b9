// Applying an import plan inside the caller's transaction. Two ways, same result and same audit
// trail: row by row through the domain functions (insertSite/applySiteUpdate/insertUnit/
// applyUnitUpdate), or, for large files, batched inserts that write the very rows and audit
// entries those functions would write. The plan was made from rows locked in this transaction
// with this center's categories and sites, which is what the domain functions check per row.
import type { Executor } from "~db/dialect";
import { newId } from "~db/ids";
import type { AuditEntry, Site, Unit } from "~db/schema";
import { nowIso } from "~/utils/time";
import type { Scope } from "~/modules/auth/scope";
import type { FieldErrors } from "~/utils/form";
import { applySiteUpdate, insertSite } from "../sites.server";
import { applyUnitUpdate, insertUnit } from "../units.server";
import { headerOfField } from "./columns";
import { type Lookups, type Plan, siteColumns } from "./plan";
import type { Problem } from "./validate";

export type CommitMode = "rows" | "batched";

/** Thrown inside the transaction to roll it back with the problems to show. */
export class ImportAborted extends Error {
  constructor(readonly problems: Problem[]) {
    super("import aborted");
  }
}

function fieldProblems(row: number, target: "unit" | "site", errors: FieldErrors): Problem[] {
  const list = Object.entries(errors).map(([field, message]) => ({ row, column: headerOfField(target, field), message: message ?? "" }));
  return list.length ? list : [{ row, column: null, message: "该行无法保存" }];
}

export async function applyPlan(trx: Executor, scope: Scope, plan: Plan, lookups: Lookups, mode: CommitMode): Promise<void> {
  const siteIds = new Map([...lookups.sitesByCode].map(([code, site]) => [code, site.id]));
  if (mode === "batched") return applyBatched(trx, scope, plan, siteIds);
  for (const s of plan.sites) {
    const result = s.existing ? await applySiteUpdate(trx, scope, s.existing.id, s.values, null) : await insertSite(trx, scope, s.values);
    if (!result.ok) throw new ImportAborted(fieldProblems(s.row, "site", result.errors));
    siteIds.set(s.code, result.id);
  }
  for (const u of plan.units) {
    const values = { ...u.values, site_id: u.siteCode ? (siteIds.get(u.siteCode) ?? null) : null };
    const result = u.existing ? await applyUnitUpdate(trx, scope, u.existing.id, values, null) : await insertUnit(trx, scope, values);
    if (!result.ok) throw new ImportAborted(fieldProblems(u.row, "unit", result.errors));
  }
}

// 500 rows × ≤19 columns stays far below both MySQL's 65,535 and SQLite's 32,766 placeholders.
const CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

async function applyBatched(trx: Executor, scope: Scope, plan: Plan, siteIds: Map<string, string>): Promise<void> {
  const now = nowIso();
  const audit: AuditEntry[] = [];
  const entry = (entity: "site" | "unit", entityId: string, action: "create" | "update", before: unknown, after: unknown): AuditEntry => ({
    id: newId(),
    center_id: scope.centerId,
    user_id: scope.userId,
    at: now,
    entity,
    entity_id: entityId,
    action,
    before_json: before === null ? null : JSON.stringify(before),
    after_json: JSON.stringify(after),
  });

  const newSites: Site[] = [];
  for (const s of plan.sites) {
    if (s.existing) {
      const after: Site = { ...s.existing, ...siteColumns(s.values), updated_at: now };
      const { id, center_id: _c, created_at: _t, ...patch } = after;
      await trx.updateTable("sites").set(patch).where("center_id", "=", scope.centerId).where("id", "=", id).execute();
      audit.push(entry("site", id, "update", s.existing, after));
    } else {
      const row: Site = { id: newId(), center_id: scope.centerId, ...siteColumns(s.values), created_at: now, updated_at: now };
      newSites.push(row);
      siteIds.set(s.code, row.id);
      audit.push(entry("site", row.id, "create", null, row));
    }
  }
  for (const chunk of chunks(newSites)) await trx.insertInto("sites").values(chunk).execute();

  const newUnits: Unit[] = [];
  for (const u of plan.units) {
    const values = { ...u.values, site_id: u.siteCode ? (siteIds.get(u.siteCode) ?? null) : null };
    if (u.existing) {
      const after: Unit = { ...u.existing, ...values, updated_at: now };
      const { id, center_id: _c, created_at: _t, ...patch } = after;
      await trx.updateTable("units").set(patch).where("center_id", "=", scope.centerId).where("id", "=", id).execute();
      audit.push(entry("unit", id, "update", u.existing, after));
    } else {
      const row: Unit = { id: newId(), center_id: scope.centerId, ...values, archived: 0, created_at: now, updated_at: now };
      newUnits.push(row);
      audit.push(entry("unit", row.id, "create", null, row));
    }
  }
  for (const chunk of chunks(newUnits)) await trx.insertInto("units").values(chunk).execute();
  for (const chunk of chunks(audit)) await trx.insertInto("audit_log").values(chunk).execute();
}
