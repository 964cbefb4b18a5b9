import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, likeLiteral, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { DB, FacilityType, Medium, Unit, UnitStatus } from "~db/schema";
import { nextStamp, nowIso } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import type { FieldErrors } from "~/utils/form";
import type { PermitState, SizeClass } from "./model";
import type { UnitFormValues } from "./unit-form";
import { type FactSource, refreshRevenue } from "~/modules/revenue/facts.server";

export interface UnitFilter {
  q?: string;
  medium?: Medium;
  facilityType?: FacilityType;
  district?: string;
  status?: UnitStatus;
  sizeClass?: SizeClass;
  /** valid | expiring (ends by `expiringBy`) | expired | none; outdoor units only. */
  permit?: Exclude<PermitState, "not_needed">;
  siteId?: string;
  includeArchived?: boolean;
  page?: number;
  pageSize?: number;
}

export interface PermitWindow {
  today: string;
  expiringBy: string;
}

const AREA = sql<number>`sites.width_cm * sites.height_cm`;
const LARGE = sql<boolean>`(${AREA} >= 100000 or sites.width_cm >= 400 or sites.height_cm >= 400)`;

/** The inventory list: units with their site, category and latest permit end; filtered and paged. */
export async function listUnits(db: Executor, scope: Scope, filter: UnitFilter, window: PermitWindow) {
  const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 500);
  const page = Math.max(filter.page ?? 1, 1);
  let query = db
    .selectFrom("units")
    .leftJoin("sites", "sites.id", "units.site_id")
    // Left, though every unit has a category: an inner join lets MariaDB start from the 22
    // categories when its statistics are stale (after a bulk import) and sort every unit.
    .leftJoin("revenue_categories as cat", "cat.id", "units.category_id")
    .where("units.center_id", "=", scope.centerId);
  if (!filter.includeArchived) query = query.where("units.archived", "=", 0);
  if (filter.medium) query = query.where("units.medium", "=", filter.medium);
  if (filter.status) query = query.where("units.status", "=", filter.status);
  if (filter.siteId) query = query.where("units.site_id", "=", filter.siteId);
  if (filter.facilityType) query = query.where("sites.facility_type", "=", filter.facilityType);
  if (filter.district) query = query.where("sites.district", "=", filter.district);
  if (filter.sizeClass === "large") query = query.where(LARGE);
  if (filter.sizeClass === "medium") query = query.where(sql<boolean>`not ${LARGE} and ${AREA} > 25000`);
  if (filter.sizeClass === "small") query = query.where(sql<boolean>`not ${LARGE} and ${AREA} <= 25000`);
  if (filter.permit) {
    // Sites by their latest permit end: one grouped pass over the center's permits, which both
    // databases compute once for the IN list (not per unit).
    const sitesWhere = (latestEnd: (max: Expression<string>, eb: ExpressionBuilder<DB, "permits">) => Expression<SqlBool>) =>
      db.selectFrom("permits").select("permits.site_id").where("permits.center_id", "=", scope.centerId).groupBy("permits.site_id").having((eb) => latestEnd(eb.fn.max("permits.end_date"), eb));
    query = query.where("units.site_id", "is not", null);
    if (filter.permit === "none") query = query.where("units.site_id", "not in", db.selectFrom("permits").select("permits.site_id").where("permits.center_id", "=", scope.centerId));
    if (filter.permit === "expired") query = query.where("units.site_id", "in", sitesWhere((end, eb) => eb(end, "<", window.today)));
    if (filter.permit === "expiring") query = query.where("units.site_id", "in", sitesWhere((end, eb) => eb.between(end, window.today, window.expiringBy)));
    if (filter.permit === "valid") query = query.where("units.site_id", "in", sitesWhere((end, eb) => eb(end, ">", window.expiringBy)));
  }
  const term = (filter.q ?? "").trim().toLowerCase();
  if (term) {
    query = query.where((eb) =>
      eb.or([
        likeLiteral(eb.fn("lower", ["units.code"]), { contains: term }),
        likeLiteral(eb.fn("lower", ["units.name"]), { contains: term }),
        likeLiteral(eb.fn("lower", ["sites.name"]), { contains: term }),
        likeLiteral(eb.fn("lower", ["sites.address"]), { contains: term }),
      ]),
    );
  }
  const rows = await query
    .select([
      "units.id",
      "units.code",
      "units.name",
      "units.medium",
      "units.face",
      "units.capacity",
      "units.capacity_unit",
      "units.status",
      "units.maintenance_from",
      "units.maintenance_to",
      "units.archived",
      "units.site_id",
      "sites.code as site_code",
      "sites.name as site_name",
      "sites.facility_type",
      "sites.district",
      "sites.width_cm",
      "sites.height_cm",
      "cat.name as category_name",
    ])
    .orderBy("units.code")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  // The total in its own narrow query: count(*) over () in the page query makes both databases
  // materialise every matching wide row before the page is cut (MariaDB: ~20 ms at 3,000 units).
  const total =
    page === 1 && rows.length < pageSize ? rows.length : Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  // The latest permit end of the page's sites in a second small query: as a correlated subquery in
  // the page query, MariaDB evaluates it for every matching row before sorting.
  const siteIds = [...new Set(rows.flatMap((r) => (r.site_id ? [r.site_id] : [])))];
  const ends = siteIds.length
    ? await db
        .selectFrom("permits")
        .select(["site_id", (eb) => eb.fn.max("end_date").as("permit_end")])
        .where("center_id", "=", scope.centerId)
        .where("site_id", "in", siteIds)
        .groupBy("site_id")
        .execute()
    : [];
  const endBySite = new Map(ends.map((e) => [e.site_id, e.permit_end as string | null]));
  return { rows: rows.map((r) => ({ ...r, permit_end: (r.site_id && endBySite.get(r.site_id)) || null })), total, page, pageSize };
}

export async function getUnit(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom("units")
    .innerJoin("revenue_categories as cat", "cat.id", "units.category_id")
    .leftJoin("sites", "sites.id", "units.site_id")
    .selectAll("units")
    .select(["cat.name as category_name", "sites.code as site_code", "sites.name as site_name"])
    .where("units.center_id", "=", scope.centerId)
    .where("units.id", "=", id)
    .executeTakeFirst();
}

export type UnitWriteResult = { ok: true; id: string } | { ok: false; status: 400 | 404 | 409; errors: FieldErrors };

/** Site and category must be this center's; the category must not be retired for a new mapping. */
async function checkReferences(trx: Executor, scope: Scope, values: UnitFormValues, previousCategory: string | null): Promise<FieldErrors | null> {
  if (values.site_id) {
    const site = await trx.selectFrom("sites").select("id").where("center_id", "=", scope.centerId).where("id", "=", values.site_id).executeTakeFirst();
    if (!site) return { site_id: "点位不存在" };
  }
  const category = await trx
    .selectFrom("revenue_categories")
    .select(["id", "retired"])
    .where("center_id", "=", scope.centerId)
    .where("id", "=", values.category_id)
    .executeTakeFirst();
  if (!category) return { category_id: "收入类别不存在" };
  if (category.retired && category.id !== previousCategory) return { category_id: "该收入类别已停用，请选择其他类别" };
  return null;
}

export async function createUnit(db: AppDb, scope: Scope, values: UnitFormValues): Promise<UnitWriteResult> {
  try {
    return await writeTransaction(db, (trx) => insertUnit(trx, scope, values));
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 400, errors: { code: "本中心已有该编号的广告位" } };
    throw error;
  }
}

export async function insertUnit(trx: Executor, scope: Scope, values: UnitFormValues): Promise<UnitWriteResult> {
  const problems = await checkReferences(trx, scope, values, null);
  if (problems) return { ok: false, status: 400, errors: problems };
  const now = nowIso();
  const row: Unit = { id: newId(), center_id: scope.centerId, ...values, archived: 0, created_at: now, updated_at: now };
  await trx.insertInto("units").values(row).execute();
  await recordAudit(trx, scope, { entity: "unit", entityId: row.id, action: "create", after: row });
  return { ok: true, id: row.id };
}

export async function updateUnit(db: AppDb, scope: Scope, id: string, values: UnitFormValues, expectedUpdatedAt: string | null): Promise<UnitWriteResult> {
  try {
    return await writeTransaction(db, (trx) => applyUnitUpdate(trx, scope, id, values, expectedUpdatedAt));
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 400, errors: { code: "本中心已有该编号的广告位" } };
    throw error;
  }
}

/** The confirmed orders with lines on a unit: their income moves with the unit's category or medium. */
async function ordersOnUnit(trx: Executor, scope: Scope, unitId: string): Promise<FactSource[]> {
  const rows = await trx.selectFrom("order_lines").select("order_id").distinct().where("center_id", "=", scope.centerId).where("unit_id", "=", unitId).where("state", "=", "confirmed").execute();
  return rows.map((r) => ({ kind: "order", id: r.order_id }));
}

/** `expectedUpdatedAt` null skips the stale-form check (the import updates by code). */
export async function applyUnitUpdate(trx: Executor, scope: Scope, id: string, values: UnitFormValues, expectedUpdatedAt: string | null): Promise<UnitWriteResult> {
  const before = await lockRows(trx, trx.selectFrom("units").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id)).executeTakeFirst();
  if (!before) return { ok: false, status: 404, errors: {} };
  if (expectedUpdatedAt !== null && before.updated_at !== expectedUpdatedAt) return { ok: false, status: 409, errors: { form: "该记录已被他人修改，请刷新页面后重新编辑" } };
  const problems = await checkReferences(trx, scope, values, before.category_id);
  if (problems) return { ok: false, status: 400, errors: problems };
  const after: Unit = { ...before, ...values, updated_at: nextStamp(before.updated_at) };
  const { id: _i, center_id: _c, created_at: _t, ...patch } = after;
  await trx.updateTable("units").set(patch).where("center_id", "=", scope.centerId).where("id", "=", id).execute();
  await recordAudit(trx, scope, { entity: "unit", entityId: id, action: "update", before, after });
  if (before.category_id !== after.category_id || before.medium !== after.medium) await refreshRevenue(trx, scope, await ordersOnUnit(trx, scope, id));
  return { ok: true, id };
}

/** Units are never deleted (bookings and income point at them); archiving hides them from sale. */
export async function setUnitArchived(db: AppDb, scope: Scope, id: string, archived: boolean): Promise<UnitWriteResult> {
  return writeTransaction(db, async (trx) => {
    const before = await lockRows(trx, trx.selectFrom("units").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id)).executeTakeFirst();
    if (!before) return { ok: false, status: 404, errors: {} } as const;
    const patch = { archived: archived ? 1 : 0, updated_at: nowIso() };
    await trx.updateTable("units").set(patch).where("center_id", "=", scope.centerId).where("id", "=", id).execute();
    await recordAudit(trx, scope, { entity: "unit", entityId: id, action: archived ? "archive" : "restore", before, after: { ...before, ...patch } });
    return { ok: true, id } as const;
  });
}

/** Districts in use, for the list's filter. */
export async function districts(db: Executor, scope: Scope): Promise<string[]> {
  const rows = await db.selectFrom("sites").select("district").distinct().where("center_id", "=", scope.centerId).orderBy("district").execute();
  return rows.map((r) => r.district);
}
