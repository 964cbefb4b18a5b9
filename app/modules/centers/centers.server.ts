import type { AppDb } from "~db/connection";
import { type Executor, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { Insertable } from "kysely";
import type { Center, CentersTable, Role, TaxpayerStatus } from "~db/schema";
import { nextStamp, nowIso } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { hashPassword } from "~/modules/auth/password.server";
import { seedBillingSettings } from "~/modules/billing/settings-seed";
import { seedCategories } from "~/modules/categories/categories.server";

export interface CenterProfile {
  name: string;
  taxpayer_status: TaxpayerStatus;
  tax_id: string;
  address: string;
  phone: string;
  bank_name: string;
  bank_account: string;
  hold_days: number;
  hold_max_renewals: number;
  contract_approval_fen: number;
  contract_number_pattern: string;
}

export interface NewCenterInput extends Partial<CenterProfile> {
  code: string;
  name: string;
  admin: { username: string; displayName: string; password: string };
}

/** A new center and its first admin, in one transaction (used by `npm run center:create` and the seed). */
export async function createCenterWithAdmin(db: AppDb, input: NewCenterInput): Promise<{ centerId: string; adminId: string }> {
  const passwordHash = await hashPassword(input.admin.password);
  return writeTransaction(db, async (trx) => {
    const now = nowIso();
    const centerId = newId();
    const center: Insertable<CentersTable> = {
      id: centerId,
      code: input.code,
      name: input.name,
      taxpayer_status: input.taxpayer_status ?? "small",
      tax_id: input.tax_id ?? "",
      address: input.address ?? "",
      phone: input.phone ?? "",
      bank_name: input.bank_name ?? "",
      bank_account: input.bank_account ?? "",
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("centers").values(center).execute();
    const adminId = await insertUser(trx, centerId, {
      username: input.admin.username,
      displayName: input.admin.displayName,
      role: "admin",
      passwordHash,
    });
    await seedCategories(trx, centerId);
    await seedBillingSettings(trx, centerId);
    // The closing row every change to revenue facts locks: made here so it never has to be made under contention.
    await trx.insertInto("revenue_closings").values({ center_id: centerId, closed_through: null, closed_at: null, closed_by: null }).execute();
    const scope = { centerId, userId: null };
    await recordAudit(trx, scope, { entity: "center", entityId: centerId, action: "create", after: center });
    return { centerId, adminId };
  });
}

export async function insertUser(
  db: Executor,
  centerId: string,
  input: { username: string; displayName: string; role: Role; passwordHash: string },
): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto("users")
    .values({
      id,
      center_id: centerId,
      username: input.username.trim().toLowerCase(),
      display_name: input.displayName,
      role: input.role,
      password_hash: input.passwordHash,
      disabled: 0,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function getCenter(db: Executor, scope: Scope): Promise<Center> {
  return db.selectFrom("centers").selectAll().where("id", "=", scope.centerId).executeTakeFirstOrThrow();
}

export type UpdateCenterResult = { ok: true } | { ok: false; reason: "stale" };

export async function updateCenterProfile(
  db: AppDb,
  scope: Scope,
  profile: CenterProfile,
  expectedUpdatedAt: string,
): Promise<UpdateCenterResult> {
  return writeTransaction(db, async (trx) => {
    const before = await lockRows(trx, trx.selectFrom("centers").selectAll().where("id", "=", scope.centerId)).executeTakeFirstOrThrow();
    if (before.updated_at !== expectedUpdatedAt) return { ok: false, reason: "stale" } as const;
    const after = { ...before, ...profile, updated_at: nextStamp(before.updated_at) };
    await trx.updateTable("centers").set({ ...profile, updated_at: after.updated_at }).where("id", "=", scope.centerId).execute();
    await recordAudit(trx, scope, { entity: "center", entityId: scope.centerId, action: "update", before, after });
    return { ok: true } as const;
  });
}
