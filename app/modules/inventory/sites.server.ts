import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { Lease, Permit, Site } from "~db/schema";
import { nextStamp, nowIso } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import type { FieldErrors } from "~/utils/form";
import type { SiteFormValues } from "./site-form";

export type WriteResult = { ok: true; id: string } | { ok: false; status: 400 | 404 | 409; errors: FieldErrors };

function toColumns(v: SiteFormValues) {
  const { latitude, longitude, width_m, height_m, ...rest } = v;
  return { ...rest, latitude_e6: latitude, longitude_e6: longitude, width_cm: width_m, height_cm: height_m };
}

export async function getSite(db: Executor, scope: Scope, id: string): Promise<Site | undefined> {
  return db.selectFrom("sites").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id).executeTakeFirst();
}

export async function getSiteByCode(db: Executor, scope: Scope, code: string): Promise<Site | undefined> {
  return db.selectFrom("sites").selectAll().where("center_id", "=", scope.centerId).where("code", "=", code).executeTakeFirst();
}

export async function createSite(db: AppDb, scope: Scope, values: SiteFormValues): Promise<WriteResult> {
  try {
    return await writeTransaction(db, (trx) => insertSite(trx, scope, values));
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 400, errors: { code: "本中心已有该编号的点位" } };
    throw error;
  }
}

/** Inside a caller's transaction (the import uses it too). */
export async function insertSite(trx: Executor, scope: Scope, values: SiteFormValues): Promise<WriteResult> {
  const now = nowIso();
  const row: Site = { id: newId(), center_id: scope.centerId, ...toColumns(values), created_at: now, updated_at: now };
  await trx.insertInto("sites").values(row).execute();
  await recordAudit(trx, scope, { entity: "site", entityId: row.id, action: "create", after: row });
  return { ok: true, id: row.id };
}

export async function updateSite(db: AppDb, scope: Scope, id: string, values: SiteFormValues, expectedUpdatedAt: string | null): Promise<WriteResult> {
  try {
    return await writeTransaction(db, (trx) => applySiteUpdate(trx, scope, id, values, expectedUpdatedAt));
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 400, errors: { code: "本中心已有该编号的点位" } };
    throw error;
  }
}

/** `expectedUpdatedAt` null skips the stale-form check (the import updates by code). */
export async function applySiteUpdate(trx: Executor, scope: Scope, id: string, values: SiteFormValues, expectedUpdatedAt: string | null): Promise<WriteResult> {
  const before = await lockRows(trx, trx.selectFrom("sites").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id)).executeTakeFirst();
  if (!before) return { ok: false, status: 404, errors: {} };
  if (expectedUpdatedAt !== null && before.updated_at !== expectedUpdatedAt) return { ok: false, status: 409, errors: { form: "该记录已被他人修改，请刷新页面后重新编辑" } };
  const after: Site = { ...before, ...toColumns(values), updated_at: nextStamp(before.updated_at) };
  const { id: _i, center_id: _c, created_at: _t, ...patch } = after;
  await trx.updateTable("sites").set(patch).where("center_id", "=", scope.centerId).where("id", "=", id).execute();
  await recordAudit(trx, scope, { entity: "site", entityId: id, action: "update", before, after });
  return { ok: true, id };
}

export interface PermitInput {
  number: string;
  authority: string;
  start_date: string;
  end_date: string;
}

export async function addPermit(db: AppDb, scope: Scope, siteId: string, input: PermitInput): Promise<WriteResult> {
  return writeTransaction(db, async (trx) => {
    if (!(await getSite(trx, scope, siteId))) return { ok: false, status: 404, errors: {} } as const;
    const now = nowIso();
    const row: Permit = { id: newId(), center_id: scope.centerId, site_id: siteId, ...input, created_at: now, updated_at: now };
    await trx.insertInto("permits").values(row).execute();
    await recordAudit(trx, scope, { entity: "permit", entityId: row.id, action: "create", after: row });
    return { ok: true, id: row.id } as const;
  });
}

export interface LeaseInput {
  lessor: string;
  annual_rent_fen: number;
  start_date: string;
  end_date: string;
  payment_terms: string;
}

export async function addLease(db: AppDb, scope: Scope, siteId: string, input: LeaseInput): Promise<WriteResult> {
  return writeTransaction(db, async (trx) => {
    if (!(await getSite(trx, scope, siteId))) return { ok: false, status: 404, errors: {} } as const;
    const now = nowIso();
    const row: Lease = { id: newId(), center_id: scope.centerId, site_id: siteId, ...input, created_at: now, updated_at: now };
    await trx.insertInto("leases").values(row).execute();
    await recordAudit(trx, scope, { entity: "lease", entityId: row.id, action: "create", after: row });
    return { ok: true, id: row.id } as const;
  });
}

export async function sitePermits(db: Executor, scope: Scope, siteId: string) {
  return db.selectFrom("permits").selectAll().where("center_id", "=", scope.centerId).where("site_id", "=", siteId).orderBy("end_date", "desc").execute();
}

export async function siteLeases(db: Executor, scope: Scope, siteId: string) {
  return db.selectFrom("leases").selectAll().where("center_id", "=", scope.centerId).where("site_id", "=", siteId).orderBy("end_date", "desc").execute();
}

/** Permits ending between `today` and `until` (inclusive), soonest first, with their site. */
export async function expiringPermits(db: Executor, scope: Pick<Scope, "centerId">, today: string, until: string) {
  return db
    .selectFrom("permits")
    .innerJoin("sites", "sites.id", "permits.site_id")
    .selectAll("permits")
    .select(["sites.code as site_code", "sites.name as site_name", "sites.district"])
    .where("permits.center_id", "=", scope.centerId)
    .where("permits.end_date", ">=", today)
    .where("permits.end_date", "<=", until)
    // A permit already renewed (a later one on the same site) is not "expiring".
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("permits as later").select("later.id").whereRef("later.site_id", "=", "permits.site_id").whereRef("later.end_date", ">", "permits.end_date"))),
    )
    .orderBy("permits.end_date")
    .execute();
}

export async function expiringLeases(db: Executor, scope: Pick<Scope, "centerId">, today: string, until: string) {
  return db
    .selectFrom("leases")
    .innerJoin("sites", "sites.id", "leases.site_id")
    .selectAll("leases")
    .select(["sites.code as site_code", "sites.name as site_name", "sites.district"])
    .where("leases.center_id", "=", scope.centerId)
    .where("leases.end_date", ">=", today)
    .where("leases.end_date", "<=", until)
    // A lease already renewed (a later one on the same site) is not "expiring".
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("leases as later").select("later.id").whereRef("later.site_id", "=", "leases.site_id").whereRef("later.end_date", ">", "leases.end_date"))),
    )
    .orderBy("leases.end_date")
    .execute();
}
