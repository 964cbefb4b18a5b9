// Sponsorships of an event: which client pays how much for which package. Every change is money,
// so every change is audited with the amount before and after.
import type { AppDb } from "~db/connection";
import { type Executor, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { Event, EventSponsor } from "~db/schema";
import { t } from "~/i18n";
import { nextStamp, nowIso } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { clientByName } from "~/modules/clients/clients.server";
import { clientOfCenter, type EventWriteResult, lockEditableEvent, refusal } from "./event-access.server";
import type { FieldErrors, SponsorFormValues, SponsorInput } from "./event-form";
import { refreshRevenue } from "~/modules/revenue/facts.server";

/** The posted client name → the center's client of that name. */
export async function resolveSponsor(db: Executor, scope: Scope, values: SponsorFormValues): Promise<{ ok: true; value: SponsorInput } | { ok: false; errors: FieldErrors }> {
  const client = await clientByName(db, scope, values.client);
  if (!client) return { ok: false, errors: { client: t("events.err.unknownClient", { name: values.client }) } };
  return { ok: true, value: { client_id: client.id, package: values.package, amount: values.amount } };
}

function closedForSponsors(event: Event): EventWriteResult | null {
  return event.status === "cancelled" ? refusal(409, { form: t("events.err.cancelledNoSponsors") }) : null;
}

export async function addSponsor(db: AppDb, scope: Scope, eventId: string, values: SponsorInput): Promise<EventWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockEditableEvent(trx, scope, eventId);
    if ("refused" in locked) return locked.refused;
    const closed = closedForSponsors(locked.event);
    if (closed) return closed;
    // SECURITY: a client id from another center is refused like a missing one.
    if (!(await clientOfCenter(trx, scope, values.client_id))) return refusal(400, { client: t("events.err.badClient") });
    const now = nowIso();
    const row: EventSponsor = {
      id: newId(),
      center_id: scope.centerId,
      event_id: eventId,
      client_id: values.client_id,
      package: values.package,
      amount_fen: values.amount,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("event_sponsors").values(row).execute();
    await recordAudit(trx, scope, { entity: "event_sponsor", entityId: row.id, action: "create", after: row });
    await refreshRevenue(trx, scope, [{ kind: "event", id: eventId }]);
    return { ok: true, id: row.id } as const;
  });
}

/** The event (editable, not cancelled) and then the sponsorship, both locked, or why not. */
async function lockSponsorForChange(trx: Executor, scope: Scope, eventId: string, sponsorId: string): Promise<{ before: EventSponsor } | { refused: EventWriteResult }> {
  const locked = await lockEditableEvent(trx, scope, eventId);
  if ("refused" in locked) return locked;
  const closed = closedForSponsors(locked.event);
  if (closed) return { refused: closed };
  const before = await lockRows(
    trx,
    trx.selectFrom("event_sponsors").selectAll().where("center_id", "=", scope.centerId).where("event_id", "=", eventId).where("id", "=", sponsorId),
  ).executeTakeFirst();
  return before ? { before } : { refused: refusal(404, { form: t("events.err.sponsorGone") }) };
}

/** `expectedUpdatedAt` is the sponsorship's stamp from the form: a change made in between wins. */
export async function updateSponsor(
  db: AppDb,
  scope: Scope,
  eventId: string,
  sponsorId: string,
  values: SponsorInput,
  expectedUpdatedAt: string,
): Promise<EventWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockSponsorForChange(trx, scope, eventId, sponsorId);
    if ("refused" in locked) return locked.refused;
    const { before } = locked;
    if (before.updated_at !== expectedUpdatedAt) return refusal(409, { form: t("common.staleForm") });
    if (values.client_id !== before.client_id && !(await clientOfCenter(trx, scope, values.client_id))) return refusal(400, { client: t("events.err.badClient") });
    const after: EventSponsor = { ...before, client_id: values.client_id, package: values.package, amount_fen: values.amount, updated_at: nextStamp(before.updated_at) };
    await trx
      .updateTable("event_sponsors")
      .set({ client_id: after.client_id, package: after.package, amount_fen: after.amount_fen, updated_at: after.updated_at })
      .where("center_id", "=", scope.centerId)
      .where("id", "=", sponsorId)
      .execute();
    await recordAudit(trx, scope, { entity: "event_sponsor", entityId: sponsorId, action: "update", before, after });
    await refreshRevenue(trx, scope, [{ kind: "event", id: eventId }]);
    return { ok: true, id: sponsorId } as const;
  });
}

export async function removeSponsor(db: AppDb, scope: Scope, eventId: string, sponsorId: string): Promise<EventWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockSponsorForChange(trx, scope, eventId, sponsorId);
    if ("refused" in locked) return locked.refused;
    const { before } = locked;
    await trx.deleteFrom("event_sponsors").where("center_id", "=", scope.centerId).where("id", "=", sponsorId).execute();
    await recordAudit(trx, scope, { entity: "event_sponsor", entityId: sponsorId, action: "delete", before });
    await refreshRevenue(trx, scope, [{ kind: "event", id: eventId }]);
    return { ok: true, id: sponsorId } as const;
  });
}
