// Who may change an event, and the locked read every event write starts from.
import type { Executor } from "~db/dialect";
import { lockRows } from "~db/dialect";
import type { Event, Role } from "~db/schema";
import { t } from "~/i18n";
import type { Scope } from "~/modules/auth/scope";
import { can } from "~/modules/auth/permissions";
import type { FieldErrors } from "./event-form";

export type EventWriteResult = { ok: true; id: string } | { ok: false; status: 400 | 403 | 404 | 409; errors: FieldErrors };

export function refusal(status: 400 | 403 | 404 | 409, errors: FieldErrors): EventWriteResult {
  return { ok: false, status, errors };
}

/**
 * Sales change the events they are responsible for; nobody else changes events (the order matrix).
 * An event whose responsible person may not change events (a manager named as 负责人) stays open
 * to every salesperson, so it can never be left with nobody able to edit it.
 */
export function canEditEvent(scope: Scope, event: Pick<Event, "owner_id"> & { owner_role: Role | null }): boolean {
  if (!can(scope.role, "order", "update")) return false;
  if (scope.role !== "sales" || event.owner_id === scope.userId) return true;
  return event.owner_role === null || !can(event.owner_role, "order", "update");
}

/**
 * CONCURRENCY: the event row, locked for the rest of the transaction, so a status change and a
 * sponsor change of the same event cannot interleave. A refusal when it is missing or not the caller's.
 */
export async function lockEditableEvent(trx: Executor, scope: Scope, id: string): Promise<{ event: Event } | { refused: EventWriteResult }> {
  const event = await lockRows(trx, trx.selectFrom("events").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id)).executeTakeFirst();
  if (!event) return { refused: refusal(404, { form: t("events.err.notFound") }) };
  const owner = await trx.selectFrom("users").select("role").where("center_id", "=", scope.centerId).where("id", "=", event.owner_id).executeTakeFirst();
  if (!canEditEvent(scope, { owner_id: event.owner_id, owner_role: owner?.role ?? null })) return { refused: refusal(403, { form: t("events.err.notYours") }) };
  return { event };
}

export async function ownerIsActive(db: Executor, scope: Scope, ownerId: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("center_id", "=", scope.centerId).where("id", "=", ownerId).where("disabled", "=", 0).executeTakeFirst();
  return Boolean(row);
}

export async function clientOfCenter(db: Executor, scope: Scope, clientId: string) {
  return db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "=", clientId).executeTakeFirst();
}
