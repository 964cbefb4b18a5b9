// Reading orders for the screens: the filtered list and one order with its lines, queue places
// and trail. Writes live in orders.server.ts.
import type { Executor } from "~db/dialect";
import { likeLiteral } from "~db/dialect";
import type { ExpressionBuilder } from "kysely";
import type { DB } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import { inclusiveDays } from "~/modules/inventory/calendar-dates";
import { type OrderStage, orderStage } from "./model";

export interface OrderFilter {
  q?: string;
  stage?: OrderStage;
  ownerId?: string;
  clientId?: string;
  /** Orders whose span overlaps from..to. */
  from?: string;
  to?: string;
  page?: number;
}

export const ORDER_PAGE_SIZE = 50;

/** The SQL twin of orderStage(): orders that read as `stage` today. Used by the list and the export. */
export function stageCondition(stage: OrderStage, today: string, now: string) {
  return (eb: ExpressionBuilder<DB, "orders">) => {
    switch (stage) {
      case "draft":
      case "cancelled":
        return eb("orders.status", "=", stage);
      case "hold":
        return eb.and([eb("orders.status", "=", "hold"), eb("orders.hold_expires_at", ">", now)]);
      case "expired":
        return eb.or([eb("orders.status", "=", "expired"), eb.and([eb("orders.status", "=", "hold"), eb("orders.hold_expires_at", "<=", now)])]);
      case "confirmed":
        return eb.and([eb("orders.status", "=", "confirmed"), eb("orders.start_date", ">", today)]);
      case "running":
        return eb.and([eb("orders.status", "=", "confirmed"), eb("orders.start_date", "<=", today), eb("orders.end_date", ">=", today)]);
      case "completed":
        return eb.and([eb("orders.status", "=", "confirmed"), eb("orders.end_date", "<", today)]);
    }
  };
}

export async function listOrders(db: Executor, scope: Scope, filter: OrderFilter, today: string, now: string) {
  const page = Math.max(filter.page ?? 1, 1);
  let query = db.selectFrom("orders").innerJoin("clients", "clients.id", "orders.client_id").innerJoin("users", "users.id", "orders.owner_id").where("orders.center_id", "=", scope.centerId);
  if (filter.ownerId) query = query.where("orders.owner_id", "=", filter.ownerId);
  if (filter.clientId) query = query.where("orders.client_id", "=", filter.clientId);
  if (filter.from) query = query.where("orders.end_date", ">=", filter.from);
  if (filter.to) query = query.where("orders.start_date", "<=", filter.to);
  const term = (filter.q ?? "").trim();
  if (term) {
    query = query.where((eb) => eb.or([likeLiteral(eb.ref("orders.number"), { contains: term }), likeLiteral(eb.ref("orders.title"), { contains: term }), likeLiteral(eb.ref("clients.name"), { contains: term })]));
  }
  if (filter.stage) query = query.where(stageCondition(filter.stage, today, now));
  const rows = await query
    .select((eb) => [
      "orders.id", "orders.number", "orders.title", "orders.status", "orders.hold_expires_at", "orders.start_date", "orders.end_date",
      "orders.list_fen", "orders.net_fen", "orders.ad_category", "orders.approval_number", "orders.created_at",
      "clients.name as client_name", "users.display_name as owner_name",
      eb.fn.countAll<number>().over().as("total"),
    ])
    .orderBy("orders.created_at", "desc")
    .orderBy("orders.id", "desc")
    .limit(ORDER_PAGE_SIZE)
    .offset((page - 1) * ORDER_PAGE_SIZE)
    .execute();
  return {
    rows: rows.map(({ total: _t, ...r }) => ({ ...r, list_fen: Number(r.list_fen), net_fen: Number(r.net_fen), stage: orderStage(r, today, now) })),
    total: Number(rows[0]?.total ?? 0),
    page,
    pageSize: ORDER_PAGE_SIZE,
  };
}

export async function getOrderDetail(db: Executor, scope: Scope, id: string, today: string, now: string) {
  const order = await db
    .selectFrom("orders")
    .innerJoin("clients", "clients.id", "orders.client_id")
    .innerJoin("users", "users.id", "orders.owner_id")
    .selectAll("orders")
    .select(["clients.name as client_name", "users.display_name as owner_name"])
    .where("orders.center_id", "=", scope.centerId)
    .where("orders.id", "=", id)
    .executeTakeFirst();
  if (!order) return null;
  const lines = await db
    .selectFrom("order_lines")
    .innerJoin("units", "units.id", "order_lines.unit_id")
    .selectAll("order_lines")
    .select(["units.code as unit_code", "units.name as unit_name", "units.medium", "units.capacity_unit", "units.capacity"])
    .where("order_lines.order_id", "=", id)
    .orderBy("order_lines.start_date")
    .orderBy("units.code")
    .orderBy("order_lines.id")
    .execute();
  // 第二顺位 and beyond: a queued line's place is 2 + the live queued lines ahead of it (queued
  // earlier) on its unit that overlap its days; one query reads the queues of all its units.
  const queued = lines.filter((l) => l.state === "queued");
  const places = new Map<string, number>();
  if (queued.length) {
    const queues = await db
      .selectFrom("order_lines")
      .select(["id", "unit_id", "start_date", "end_date", "queued_at"])
      .where("unit_id", "in", [...new Set(queued.map((l) => l.unit_id))])
      .where("state", "=", "queued")
      .where("expires_at", ">", now)
      .execute();
    const before = (a: { queued_at: string | null; id: string }, b: { queued_at: string | null; id: string }) => (a.queued_at ?? "") < (b.queued_at ?? "") || (a.queued_at === b.queued_at && a.id < b.id);
    for (const line of queued) {
      const ahead = queues.filter((q) => q.unit_id === line.unit_id && q.start_date <= line.end_date && q.end_date >= line.start_date && before(q, line));
      places.set(line.id, 2 + ahead.length);
    }
  }
  const events = await db
    .selectFrom("order_events")
    .leftJoin("users", "users.id", "order_events.user_id")
    .select(["order_events.id", "order_events.at", "order_events.kind", "order_events.detail", "users.display_name as user_name"])
    .where("order_events.order_id", "=", id)
    .orderBy("order_events.at", "desc")
    .orderBy("order_events.id", "desc")
    .execute();
  return {
    order: { ...order, list_fen: Number(order.list_fen), net_fen: Number(order.net_fen), stage: orderStage(order, today, now) },
    lines: lines.map((l) => ({
      ...l,
      list_fen: Number(l.list_fen),
      net_fen: Number(l.net_fen),
      days: inclusiveDays(l.start_date, l.end_date),
      queuePlace: places.get(l.id) ?? null,
      lapsed: (l.state === "hold" || l.state === "queued") && !!l.expires_at && l.expires_at <= now,
    })),
    events,
  };
}

/** Units by code for the order forms, with what the form needs to show. */
export async function unitsByCodes(db: Executor, scope: Scope, codes: string[]) {
  if (!codes.length) return [];
  return db
    .selectFrom("units")
    .select(["id", "code", "name", "medium", "capacity", "capacity_unit", "archived"])
    .where("center_id", "=", scope.centerId)
    .where("code", "in", [...new Set(codes)])
    .execute();
}

export async function unitsByIds(db: Executor, scope: Scope, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom("units")
    .select(["id", "code", "name", "medium", "capacity", "capacity_unit", "archived"])
    .where("center_id", "=", scope.centerId)
    .where("id", "in", [...new Set(ids)].slice(0, 200))
    .where("archived", "=", 0)
    .orderBy("code")
    .execute();
}
