import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, lockRows, writeTransaction } from "~db/dialect";
import type { Role, User } from "~db/schema";
import { t } from "~/i18n";
import { nowIso } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import { insertUser } from "~/modules/centers/centers.server";
import type { Scope } from "~/modules/auth/scope";
import { generatePassword, hashPassword, isStrongEnough, verifyPassword } from "~/modules/auth/password.server";
import { endOtherSessions } from "~/modules/auth/session.server";

export type PublicUser = Omit<User, "password_hash">;

const PUBLIC_COLUMNS = [
  "id",
  "center_id",
  "username",
  "display_name",
  "role",
  "disabled",
  "password_changed_at",
  "created_at",
  "updated_at",
] as const;

export async function listUsers(db: Executor, scope: Scope): Promise<PublicUser[]> {
  return db
    .selectFrom("users")
    .select(PUBLIC_COLUMNS)
    .where("center_id", "=", scope.centerId)
    .orderBy("disabled")
    .orderBy("username")
    .execute();
}

/** Enabled users of the caller's center, for "owner" pickers. */
export async function listActiveUsers(db: Executor, scope: Scope, roles?: Role[]) {
  let query = db
    .selectFrom("users")
    .select(["id", "display_name", "role"])
    .where("center_id", "=", scope.centerId)
    .where("disabled", "=", 0);
  if (roles) query = query.where("role", "in", roles);
  return query.orderBy("display_name").execute();
}

export async function getUser(db: Executor, scope: Scope, id: string): Promise<PublicUser | undefined> {
  return db.selectFrom("users").select(PUBLIC_COLUMNS).where("center_id", "=", scope.centerId).where("id", "=", id).executeTakeFirst();
}

export type UserWriteResult<T = object> = ({ ok: true } & T) | { ok: false; message: string; field?: string };

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;

export async function createUser(
  db: AppDb,
  scope: Scope,
  input: { username: string; displayName: string; role: Role },
): Promise<UserWriteResult<{ id: string; password: string }>> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) return { ok: false, field: "username", message: t("users.badUsername") };
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    return await writeTransaction(db, async (trx) => {
      const id = await insertUser(trx, scope.centerId, { username, displayName: input.displayName, role: input.role, passwordHash });
      const after = await getUser(trx, scope, id);
      await recordAudit(trx, scope, { entity: "user", entityId: id, action: "create", after });
      return { ok: true as const, id, password };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "username", message: t("users.duplicateUsername") };
    throw error;
  }
}

/** Disable/enable or change role. Guards: not yourself, and never the center's last enabled admin. */
export async function updateUserAccess(
  db: AppDb,
  scope: Scope,
  id: string,
  change: { disabled?: boolean; role?: Role },
): Promise<UserWriteResult | null> {
  return writeTransaction(db, async (trx) => {
    // CONCURRENCY: lock the center's admins so two admins can't demote each other at once.
    const admins = await lockRows(
      trx,
      trx.selectFrom("users").select(["id"]).where("center_id", "=", scope.centerId).where("role", "=", "admin").where("disabled", "=", 0),
    ).execute();
    const before = await lockRows(trx, trx.selectFrom("users").select(PUBLIC_COLUMNS).where("center_id", "=", scope.centerId).where("id", "=", id)).executeTakeFirst();
    if (!before) return null;
    if (change.disabled && id === scope.userId) return { ok: false, message: t("users.cannotDisableSelf") };
    const losesAdmin = before.role === "admin" && !before.disabled && (change.disabled === true || (change.role !== undefined && change.role !== "admin"));
    if (losesAdmin && admins.length <= 1) return { ok: false, message: t("users.cannotDemoteLastAdmin") };

    const updated_at = nowIso();
    const patch = {
      ...(change.disabled === undefined ? {} : { disabled: change.disabled ? 1 : 0 }),
      ...(change.role === undefined ? {} : { role: change.role }),
      updated_at,
    };
    await trx.updateTable("users").set(patch).where("id", "=", id).where("center_id", "=", scope.centerId).execute();
    if (change.disabled) await endOtherSessions(trx, id, null);
    const action = change.role !== undefined ? "change_role" : change.disabled ? "disable" : "enable";
    await recordAudit(trx, scope, { entity: "user", entityId: id, action, before, after: { ...before, ...patch } });
    return { ok: true };
  });
}

export async function resetPassword(db: AppDb, scope: Scope, id: string): Promise<{ password: string } | null> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return writeTransaction(db, async (trx) => {
    const user = await getUser(trx, scope, id);
    if (!user) return null;
    const now = nowIso();
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
      .where("id", "=", id)
      .where("center_id", "=", scope.centerId)
      .execute();
    await endOtherSessions(trx, id, null);
    await recordAudit(trx, scope, { entity: "user", entityId: id, action: "reset_password" });
    return { password };
  });
}

export async function changeOwnPassword(
  db: AppDb,
  scope: Scope,
  sessionId: string,
  input: { current: string; next: string; confirm: string },
): Promise<UserWriteResult> {
  const userId = scope.userId!;
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.current, user.password_hash))) return { ok: false, field: "current", message: t("account.wrongCurrent") };
  if (!isStrongEnough(input.next)) return { ok: false, field: "next", message: t("account.tooShort") };
  if (input.next !== input.confirm) return { ok: false, field: "confirm", message: t("account.mismatch") };
  const passwordHash = await hashPassword(input.next);
  await writeTransaction(db, async (trx) => {
    const now = nowIso();
    await trx.updateTable("users").set({ password_hash: passwordHash, password_changed_at: now, updated_at: now }).where("id", "=", userId).execute();
    await endOtherSessions(trx, userId, sessionId);
    await recordAudit(trx, scope, { entity: "user", entityId: userId, action: "change_password" });
  });
  return { ok: true };
}
