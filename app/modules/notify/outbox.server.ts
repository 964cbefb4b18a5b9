// The outbox: every reminder is written here first, once per robot and dedupe key (a re-run of the
// daily job finds it there and queues nothing), then claimed under row locks and delivered, so two
// runners on one database never send the same message twice. Failures wait and retry with a
// growing delay up to a limit; then the message is marked failed with the robot's error.
import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { RobotKind } from "~db/schema";
import { addDaysToInstant } from "~/utils/time";

export interface QueuedMessage {
  kind: string;
  /** What makes two messages the same one: e.g. kind + entity + day. */
  dedupeKey: string;
  title: string;
  /** Markdown. */
  body: string;
  /** The user the message is about (a hold's or order's rep): per-owner kinds go to their own robots. */
  ownerId?: string;
}

/** How long after each failed attempt the next one is made (minutes); after the last, the message fails. */
export const RETRY_MINUTES = [1, 5, 30, 120] as const;
/** How long a runner may hold a claimed message before another may take it over. */
const CLAIM_MINUTES = 5;

/** Why a message never went: its robot was removed while it waited (also said by the settings page). */
export const ROBOT_REMOVED = "机器人已删除，未发送";

const minutesLater = (instant: string, minutes: number) => addDaysToInstant(instant, minutes / 1440);

/** Which robots a message of the center goes to; see loadRouting. */
export type Routing = (message: Pick<QueuedMessage, "kind" | "ownerId">) => string[];

/**
 * The center's routing, read once (three queries) for a whole run: a kind switched off goes
 * nowhere; a per-owner kind goes to its owner's own enabled robots when the owner has one; else a
 * kind goes to every enabled robot it is routed to. A kind without a switch row is on, to the group.
 */
export async function loadRouting(db: Executor, centerId: string): Promise<Routing> {
  const switches = await db.selectFrom("reminder_kinds").select(["kind", "enabled", "per_owner"]).where("center_id", "=", centerId).execute();
  const routed = await db
    .selectFrom("notification_routes as r")
    .innerJoin("robots as b", (j) => j.onRef("b.id", "=", "r.robot_id").onRef("b.center_id", "=", "r.center_id"))
    .select(["r.kind", "b.id"])
    .where("r.center_id", "=", centerId)
    .where("b.disabled", "=", 0)
    .orderBy("b.id")
    .execute();
  const owned = await db.selectFrom("robots").select(["id", "owner_id"]).where("center_id", "=", centerId).where("owner_id", "is not", null).where("disabled", "=", 0).orderBy("id").execute();
  const switchOf = new Map(switches.map((k) => [k.kind, { enabled: Number(k.enabled) === 1, perOwner: Number(k.per_owner) === 1 }]));
  return (message) => {
    const sw = switchOf.get(message.kind) ?? { enabled: true, perOwner: false };
    if (!sw.enabled) return [];
    if (sw.perOwner && message.ownerId) {
      const own = owned.filter((r) => r.owner_id === message.ownerId).map((r) => r.id);
      if (own.length) return own;
    }
    return routed.filter((r) => r.kind === message.kind).map((r) => r.id);
  };
}

/** The robots one message goes to (loadRouting, for a single message). */
export async function robotsFor(db: Executor, centerId: string, message: Pick<QueuedMessage, "kind" | "ownerId">): Promise<string[]> {
  return (await loadRouting(db, centerId))(message);
}

/**
 * Queues each message for each robot it goes to. A message with the same dedupe key already queued
 * for a robot is left as it is. Returns how many rows were new.
 */
export async function enqueueAll(db: Executor, centerId: string, messages: readonly QueuedMessage[], now: string): Promise<number> {
  if (!messages.length) return 0;
  const routing = await loadRouting(db, centerId);
  let added = 0;
  for (const message of messages) {
    for (const robotId of routing(message)) {
      try {
        await db
          .insertInto("outbox")
          .values({
            id: newId(), center_id: centerId, robot_id: robotId, kind: message.kind, dedupe_key: message.dedupeKey, title: message.title, body: message.body,
            status: "pending", attempts: 0, next_attempt_at: now, claimed_by: null, claimed_until: null, last_error: "", created_at: now, sent_at: null,
          })
          .execute();
        added++;
      } catch (error) {
        // Queued before (this run or an earlier one): the first one stands.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }
  return added;
}

/** Queues one message (enqueueAll of one). */
export function enqueue(db: Executor, centerId: string, message: QueuedMessage, now: string): Promise<number> {
  return enqueueAll(db, centerId, [message], now);
}

export interface ClaimedMessage {
  id: string;
  centerId: string;
  kind: string;
  title: string;
  body: string;
  attempts: number;
  robot: { id: string; name: string; kind: RobotKind; webhookUrl: string; secret: string };
}

/**
 * CONCURRENCY: takes up to `limit` messages that are due (pending and due, or claimed by a runner
 * that let its claim lapse) for this claim, under row locks in one transaction. The update repeats
 * the due condition and the rows are read back by the claim's own token, so a runner that waited
 * on another's locks takes none of the rows the other took.
 */
export async function claimDue(db: AppDb, now: string, limit = 50, centerIds?: readonly string[]): Promise<ClaimedMessage[]> {
  const token = newId();
  const due = (q: any) =>
    q
      .where((eb: any) => eb.or([eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now)]), eb.and([eb("status", "=", "sending"), eb("claimed_until", "<", now)])]))
      .$if(centerIds !== undefined, (qb: any) => qb.where("center_id", "in", centerIds!.length ? centerIds : [""]));
  return writeTransaction(db, async (trx) => {
    const ids = (await lockRows(trx, due(trx.selectFrom("outbox").select("id")).orderBy("next_attempt_at").orderBy("id").limit(limit)).execute()).map((r: { id: string }) => r.id);
    if (!ids.length) return [];
    await due(trx.updateTable("outbox").set({ status: "sending", claimed_by: token, claimed_until: minutesLater(now, CLAIM_MINUTES) }).where("id", "in", ids)).execute();
    const rows = await trx
      .selectFrom("outbox as o")
      .innerJoin("robots as b", "b.id", "o.robot_id")
      .select(["o.id", "o.center_id", "o.kind", "o.title", "o.body", "o.attempts", "b.id as robot_id", "b.name as robot_name", "b.kind as robot_kind", "b.webhook_url", "b.secret"])
      .where("o.claimed_by", "=", token)
      .where("o.status", "=", "sending")
      .execute();
    // A message whose robot was removed while a runner held it can never go: failed, not reclaimed forever.
    const orphans = ids.filter((id: string) => !rows.some((r) => r.id === id));
    if (orphans.length) await trx.updateTable("outbox").set({ status: "failed", last_error: ROBOT_REMOVED, claimed_until: null }).where("id", "in", orphans).where("claimed_by", "=", token).execute();
    return rows.map((r) => ({
      id: r.id, centerId: r.center_id, kind: r.kind, title: r.title, body: r.body, attempts: Number(r.attempts),
      robot: { id: r.robot_id, name: r.robot_name, kind: r.robot_kind, webhookUrl: r.webhook_url, secret: r.secret },
    }));
  });
}

export type SendOutcome = { ok: true } | { ok: false; retry: boolean; error: string };

/** Records how a claimed message's attempt went: sent, waiting for its next attempt, or failed for good. */
export async function recordAttempt(db: AppDb, message: ClaimedMessage, outcome: SendOutcome, now: string): Promise<void> {
  const attempts = message.attempts + 1;
  const patch = outcome.ok
    ? { status: "sent" as const, attempts, sent_at: now, last_error: "", claimed_until: null }
    : outcome.retry && attempts <= RETRY_MINUTES.length
      ? { status: "pending" as const, attempts, next_attempt_at: minutesLater(now, RETRY_MINUTES[attempts - 1]), last_error: outcome.error.slice(0, 500), claimed_until: null }
      : { status: "failed" as const, attempts, last_error: outcome.error.slice(0, 500), claimed_until: null };
  await db.updateTable("outbox").set(patch).where("id", "=", message.id).where("status", "=", "sending").execute();
}

/** A delivery that failed for good in this run: the robot's error, already without keys or secrets. */
export interface DeliveryFailure {
  robotName: string;
  kind: string;
  title: string;
  error: string;
}

/** Claims and delivers every due message (of these centers, when given), a batch at a time, through `send`. */
export async function deliverDue(
  db: AppDb,
  send: (message: ClaimedMessage) => Promise<SendOutcome>,
  now: () => string,
  centerIds?: readonly string[],
): Promise<{ sent: number; retrying: number; failed: number; failures: DeliveryFailure[] }> {
  const tally = { sent: 0, retrying: 0, failed: 0, failures: [] as DeliveryFailure[] };
  for (;;) {
    const batch = await claimDue(db, now(), 50, centerIds);
    if (!batch.length) return tally;
    for (const message of batch) {
      const outcome = await send(message);
      await recordAttempt(db, message, outcome, now());
      if (outcome.ok) tally.sent++;
      else if (outcome.retry && message.attempts + 1 <= RETRY_MINUTES.length) tally.retrying++;
      else {
        tally.failed++;
        tally.failures.push({ robotName: message.robot.name, kind: message.kind, title: message.title, error: outcome.error });
      }
    }
  }
}
