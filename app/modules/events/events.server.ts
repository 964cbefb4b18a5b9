// Events (活动) the center organises: list, detail, create, edit and status. Sponsors are in
// sponsors.server.ts; what billing and revenue read is in revenue.server.ts.
import type { AppDb } from "~db/connection";
import { type Executor, likeLiteral, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { Event, EventStatus, EventType } from "~db/schema";
import { t } from "~/i18n";
import { nextStamp, nowIso } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { assignableCategories, categoryIdByCode } from "~/modules/categories/categories.server";
import { addDays } from "~/modules/inventory/calendar-dates";
import { type EventWriteResult, lockEditableEvent, ownerIsActive, refusal } from "./event-access.server";
import type { EventFormValues } from "./event-form";
import { canMoveTo, EVENT_CATEGORY_CODE, localDate } from "./model";
import { refreshRevenue } from "~/modules/revenue/facts.server";

export { canEditEvent, type EventWriteResult } from "./event-access.server";
export { addSponsor, removeSponsor, resolveSponsor, updateSponsor } from "./sponsors.server";
export { calendarEvents } from "./revenue.server";

export const EVENT_PAGE_SIZE = 50;

export interface EventFilter {
  status?: EventStatus;
  type?: EventType;
  ownerId?: string;
  /** Events that overlap these days, both included ('YYYY-MM-DD'). */
  from?: string;
  to?: string;
  q?: string;
  page?: number;
}

/** Count and sum of each event's sponsorships, for joining onto event rows. */
function sponsorTotals(db: Executor, scope: Scope) {
  return db
    .selectFrom("event_sponsors")
    .select((eb) => ["event_id", eb.fn.countAll<number>().as("sponsor_count"), eb.fn.sum<number>("amount_fen").as("sponsor_fen")])
    .where("center_id", "=", scope.centerId)
    .groupBy("event_id")
    .as("s");
}

function filteredEvents(db: Executor, scope: Scope, filter: EventFilter) {
  let query = db.selectFrom("events").where("events.center_id", "=", scope.centerId);
  if (filter.status) query = query.where("events.status", "=", filter.status);
  if (filter.type) query = query.where("events.type", "=", filter.type);
  if (filter.ownerId) query = query.where("events.owner_id", "=", filter.ownerId);
  // Wall-clock text compares like time: "2026-03-31T20:00" < "2026-04-01" ≤ "2026-04-01T00:00".
  if (filter.to) query = query.where("events.starts_at", "<", addDays(filter.to, 1));
  if (filter.from) query = query.where("events.ends_at", ">=", filter.from);
  const term = (filter.q ?? "").trim().toLowerCase();
  if (term) {
    query = query.where((eb) =>
      eb.or([likeLiteral(eb.fn("lower", ["events.title"]), { contains: term }), likeLiteral(eb.fn("lower", ["events.venue"]), { contains: term })]),
    );
  }
  return query.leftJoin(sponsorTotals(db, scope), (join) => join.onRef("s.event_id", "=", "events.id"));
}

export async function listEvents(db: Executor, scope: Scope, filter: EventFilter = {}) {
  const page = Math.max(filter.page ?? 1, 1);
  const pageSize = EVENT_PAGE_SIZE;
  const query = filteredEvents(db, scope, filter);
  // A chosen period reads in time order; the whole list shows the latest first.
  const direction = filter.from || filter.to ? "asc" : "desc";
  const rows = await query
    .leftJoin("users", "users.id", "events.owner_id")
    .select((eb) => [
      "events.id",
      "events.title",
      "events.type",
      "events.venue",
      "events.starts_at",
      "events.ends_at",
      "events.owner_id",
      "events.budget_fen",
      "events.status",
      "users.display_name as owner_name",
      eb.fn.coalesce("s.sponsor_count", eb.lit(0)).as("sponsor_count"),
      eb.fn.coalesce("s.sponsor_fen", eb.lit(0)).as("sponsor_fen"),
    ])
    .orderBy("events.starts_at", direction)
    .orderBy("events.id", direction)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const sums = await query
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.sum<number>("events.budget_fen").as("budget_fen"),
      eb.fn.sum<number>("s.sponsor_fen").as("sponsor_fen"),
    ])
    .executeTakeFirstOrThrow();
  return {
    rows: rows.map((r) => ({ ...r, sponsor_count: Number(r.sponsor_count), sponsor_fen: Number(r.sponsor_fen), budget_fen: Number(r.budget_fen) })),
    total: Number(sums.n),
    page,
    pageSize,
    sums: { budgetFen: Number(sums.budget_fen ?? 0), sponsorFen: Number(sums.sponsor_fen ?? 0) },
  };
}

/** One event with its owner, category, sponsors and totals; undefined when not the caller's center's. */
export async function getEvent(db: Executor, scope: Scope, id: string) {
  const event = await db
    .selectFrom("events")
    .leftJoin("users", "users.id", "events.owner_id")
    .leftJoin("revenue_categories as c", "c.id", "events.category_id")
    .leftJoin("revenue_categories as p", "p.id", "c.parent_id")
    .selectAll("events")
    .select(["users.display_name as owner_name", "users.role as owner_role", "c.name as category_name", "p.name as category_parent_name"])
    .where("events.center_id", "=", scope.centerId)
    .where("events.id", "=", id)
    .executeTakeFirst();
  if (!event) return undefined;
  const sponsors = await db
    .selectFrom("event_sponsors")
    .innerJoin("clients", "clients.id", "event_sponsors.client_id")
    .selectAll("event_sponsors")
    .select("clients.name as client_name")
    .where("event_sponsors.center_id", "=", scope.centerId)
    .where("event_sponsors.event_id", "=", id)
    .orderBy("event_sponsors.created_at")
    .orderBy("event_sponsors.id")
    .execute();
  const rows = sponsors.map((s) => ({ ...s, amount_fen: Number(s.amount_fen) }));
  return {
    event: { ...event, budget_fen: Number(event.budget_fen) },
    sponsors: rows,
    sponsorFen: rows.reduce((sum, s) => sum + s.amount_fen, 0),
    cancelReason: event.status === "cancelled" ? await lastCancelReason(db, scope, id) : null,
  };
}

async function lastCancelReason(db: Executor, scope: Scope, id: string): Promise<string | null> {
  const row = await db
    .selectFrom("audit_log")
    .select("after_json")
    .where("center_id", "=", scope.centerId)
    .where("entity", "=", "event")
    .where("entity_id", "=", id)
    .where("action", "=", "cancel")
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  const after = row?.after_json ? (JSON.parse(row.after_json) as { cancel_reason?: unknown }) : null;
  return typeof after?.cancel_reason === "string" ? after.cancel_reason : null;
}

/** The event's own trail and its sponsors' (found by the event id inside the snapshots, so removed sponsors stay). */
export async function eventHistory(db: Executor, scope: Scope, id: string, limit = 50) {
  return db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.user_id")
    .selectAll("audit_log")
    .select("users.display_name as user_name")
    .where("audit_log.center_id", "=", scope.centerId)
    .where((eb) =>
      eb.or([
        eb.and([eb("audit_log.entity", "=", "event"), eb("audit_log.entity_id", "=", id)]),
        eb.and([
          eb("audit_log.entity", "=", "event_sponsor"),
          eb.or([
            likeLiteral(eb.fn.coalesce("audit_log.after_json", eb.val("")), { contains: `"event_id":"${id}"` }),
            likeLiteral(eb.fn.coalesce("audit_log.before_json", eb.val("")), { contains: `"event_id":"${id}"` }),
          ]),
        ]),
      ]),
    )
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(limit)
    .execute();
}

/** What the event form offers: active staff, assignable categories, and the default category. */
export async function eventFormChoices(db: Executor, scope: Scope) {
  const [owners, categories, defaultCategoryId] = await Promise.all([
    db.selectFrom("users").select(["id", "display_name"]).where("center_id", "=", scope.centerId).where("disabled", "=", 0).orderBy("display_name").execute(),
    assignableCategories(db, scope),
    categoryIdByCode(db, scope, EVENT_CATEGORY_CODE),
  ]);
  return { owners, categories, defaultCategoryId };
}

/** The category to store: the chosen one if assignable (or unchanged), else the center's 活动策划执行. */
async function resolveCategory(db: Executor, scope: Scope, chosen: string, current: string | null): Promise<string | { error: string }> {
  if (!chosen) {
    const id = await categoryIdByCode(db, scope, EVENT_CATEGORY_CODE);
    return id ?? { error: t("events.err.noEventCategory") };
  }
  if (chosen === current) return chosen;
  const allowed = await assignableCategories(db, scope);
  return allowed.some((c) => c.id === chosen) ? chosen : { error: t("events.err.badCategory") };
}

function toColumns(values: EventFormValues, categoryId: string) {
  const { budget, category_id: _c, ...rest } = values;
  return { ...rest, category_id: categoryId, budget_fen: budget };
}

export async function createEvent(db: AppDb, scope: Scope, values: EventFormValues): Promise<EventWriteResult> {
  return writeTransaction(db, async (trx) => {
    if (!(await ownerIsActive(trx, scope, values.owner_id))) return refusal(400, { owner_id: t("events.err.badOwner") });
    const category = await resolveCategory(trx, scope, values.category_id, null);
    if (typeof category !== "string") return refusal(400, { category_id: category.error });
    const now = nowIso();
    const row: Event = { id: newId(), center_id: scope.centerId, ...toColumns(values, category), status: "planning", created_at: now, updated_at: now };
    await trx.insertInto("events").values(row).execute();
    await recordAudit(trx, scope, { entity: "event", entityId: row.id, action: "create", after: row });
    await refreshRevenue(trx, scope, [{ kind: "event", id: row.id }]);
    return { ok: true, id: row.id } as const;
  });
}

/** `expectedUpdatedAt` comes from the form: if someone saved in between, nothing is written. */
export async function updateEvent(db: AppDb, scope: Scope, id: string, values: EventFormValues, expectedUpdatedAt: string): Promise<EventWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockEditableEvent(trx, scope, id);
    if ("refused" in locked) return locked.refused;
    const before = locked.event;
    if (before.updated_at !== expectedUpdatedAt) return refusal(409, { form: t("common.staleForm") });
    if (values.owner_id !== before.owner_id && !(await ownerIsActive(trx, scope, values.owner_id))) return refusal(400, { owner_id: t("events.err.badOwner") });
    const category = await resolveCategory(trx, scope, values.category_id, before.category_id);
    if (typeof category !== "string") return refusal(400, { category_id: category.error });
    const after: Event = { ...before, ...toColumns(values, category), updated_at: nextStamp(before.updated_at) };
    const { id: _id, center_id: _center, created_at: _created, ...patch } = after;
    await trx.updateTable("events").set(patch).where("center_id", "=", scope.centerId).where("id", "=", id).execute();
    // MONEY: a budget change is in this row's before/after like every other field.
    await recordAudit(trx, scope, { entity: "event", entityId: id, action: "update", before, after });
    await refreshRevenue(trx, scope, [{ kind: "event", id }]);
    return { ok: true, id } as const;
  });
}

/** The audit action for a status move, named for what the user did. */
function statusAction(from: EventStatus, to: EventStatus): string {
  if (to === "cancelled") return "cancel";
  if (to === "done") return "complete";
  if (from === "cancelled") return "restore";
  if (to === "confirmed" && from === "planning") return "confirm";
  return "reopen";
}

export async function setEventStatus(
  db: AppDb,
  scope: Scope,
  id: string,
  to: EventStatus,
  opts: { reason?: string; expectedUpdatedAt?: string; today: string },
): Promise<EventWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockEditableEvent(trx, scope, id);
    if ("refused" in locked) return locked.refused;
    const before = locked.event;
    if (opts.expectedUpdatedAt !== undefined && before.updated_at !== opts.expectedUpdatedAt) return refusal(409, { form: t("common.staleForm") });
    if (!canMoveTo(before.status, to)) {
      return refusal(409, { form: t("events.err.badTransition", { from: t(`events.status.${before.status}`), to: t(`events.status.${to}`) }) });
    }
    const reason = (opts.reason ?? "").trim();
    if (to === "cancelled" && !reason) return refusal(400, { reason: t("events.err.reasonRequired") });
    if (to === "done" && opts.today < localDate(before.starts_at)) return refusal(409, { form: t("events.err.notStarted", { date: localDate(before.starts_at) }) });
    const after: Event = { ...before, status: to, updated_at: nextStamp(before.updated_at) };
    await trx.updateTable("events").set({ status: to, updated_at: after.updated_at }).where("center_id", "=", scope.centerId).where("id", "=", id).execute();
    await recordAudit(trx, scope, {
      entity: "event",
      entityId: id,
      action: statusAction(before.status, to),
      before: { status: before.status },
      after: to === "cancelled" ? { status: to, cancel_reason: reason } : { status: to },
    });
    await refreshRevenue(trx, scope, [{ kind: "event", id }]);
    return { ok: true, id } as const;
  });
}
