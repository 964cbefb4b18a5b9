// The center's categories, units and sites as the import plan needs them, read by code.
import { type Executor, lockRows } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { categoryRefs, type Lookups } from "./plan";

export async function centerCategories(db: Executor, scope: Scope) {
  const rows = await db.selectFrom("revenue_categories").selectAll().where("center_id", "=", scope.centerId).orderBy("sort_order").execute();
  return categoryRefs(rows);
}

/**
 * CONCURRENCY: inside the commit transaction (`lock`), the center's units and sites are locked
 * (FOR UPDATE on MySQL/MariaDB; SQLite already holds the write lock), so what the plan decided
 * from them still holds when it is applied.
 */
export async function loadLookups(db: Executor, scope: Scope, options: { lock: boolean }): Promise<Lookups> {
  const unitQuery = db.selectFrom("units").selectAll().where("center_id", "=", scope.centerId);
  const siteQuery = db.selectFrom("sites").selectAll().where("center_id", "=", scope.centerId);
  const [categories, units, sites] = [
    await centerCategories(db, scope),
    await (options.lock ? lockRows(db, unitQuery) : unitQuery).execute(),
    await (options.lock ? lockRows(db, siteQuery) : siteQuery).execute(),
  ];
  return {
    categories,
    unitsByCode: new Map(units.map((u) => [u.code, u])),
    sitesByCode: new Map(sites.map((s) => [s.code, s])),
  };
}
