// Orders and holds: every write runs in one transaction that locks the units it books
// (lockAndSettle), re-checks every day, and writes lines, totals, the order trail and the audit
// trail together. See docs/decisions/009-booking.md.
import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { AdCategory, Order, OrderLine } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { addDaysToInstant, formatInstant, nextStamp, nowIso, todayInShanghai } from "~/utils/time";
import type { BookingResult } from "./booking-result";
import { recordOrderEvent } from "./events.server";
import { findConflicts, type LineInput, type LockedUnit, type PreparedLine, prepareLines } from "./lines.server";
import { isRegulated, orderStage } from "./model";
import { nextNumber } from "./numbers.server";
import { lockAndSettle, promoteQueued } from "./queue.server";
import { refreshRevenue } from "~/modules/revenue/facts.server";

export interface OrderHeader {
  clientId: string;
  title: string;
  product: string;
  adCategory: AdCategory;
  approvalNumber: string;
  terms: string;
}

export type BookingIntent = "draft" | "hold" | "confirm";

const fail = (status: 400 | 404 | 409, message: string, more: Partial<Extract<BookingResult, { ok: false }>> = {}): BookingResult => ({ ok: false, status, message, ...more });

/** Who may change an order: its owner, while they can write orders at all. */
export function canChangeOrder(scope: Scope, order: Pick<Order, "owner_id">): boolean {
  return scope.role === "sales" && scope.userId === order.owner_id;
}

async function holdSettings(trx: Executor, scope: Scope) {
  return trx.selectFrom("centers").select(["hold_days", "hold_max_renewals"]).where("id", "=", scope.centerId).executeTakeFirstOrThrow();
}

function lineRow(scope: Scope, orderId: string, line: PreparedLine, state: OrderLine["state"], expiresAt: string | null, now: string): OrderLine {
  return {
    id: newId(),
    center_id: scope.centerId,
    order_id: orderId,
    unit_id: line.unitId,
    start_date: line.startDate,
    end_date: line.endDate,
    quantity: line.quantity,
    daily_use: line.daily_use,
    kind: line.kind,
    daypart: line.daypart,
    seconds: line.seconds,
    position: line.position,
    list_fen: line.list_fen,
    discount_bp: line.discount_bp,
    net_fen: line.net_fen,
    net_fixed: line.net_fixed,
    content: line.content,
    state,
    expires_at: state === "hold" || state === "queued" ? expiresAt : null,
    queued_at: state === "queued" ? now : null,
    created_at: now,
    updated_at: now,
  };
}

/** Recomputes the order's span and totals from its live lines (released lines keep their history but leave the totals). */
async function refreshTotals(trx: Executor, orderId: string, now: string): Promise<{ list_fen: number; net_fen: number; start_date: string | null; end_date: string | null }> {
  const lines = await trx.selectFrom("order_lines").select(["start_date", "end_date", "list_fen", "net_fen", "state"]).where("order_id", "=", orderId).execute();
  const order = await trx.selectFrom("orders").select("status").where("id", "=", orderId).executeTakeFirstOrThrow();
  // A cancelled or expired order keeps what it was worth; a live one counts its unreleased lines.
  const live = order.status === "cancelled" || order.status === "expired" ? lines : lines.filter((l) => l.state !== "released");
  const totals = {
    list_fen: live.reduce((s, l) => s + Number(l.list_fen), 0),
    net_fen: live.reduce((s, l) => s + Number(l.net_fen), 0),
    start_date: live.map((l) => l.start_date).sort()[0] ?? null,
    end_date: live.map((l) => l.end_date).sort().at(-1) ?? null,
  };
  await trx.updateTable("orders").set({ ...totals, updated_at: now }).where("id", "=", orderId).execute();
  return totals;
}

function approvalProblem(header: Pick<OrderHeader, "adCategory" | "approvalNumber">): string | null {
  return isRegulated(header.adCategory) && !header.approvalNumber.trim()
    ? "该广告属于医疗、药品、医疗器械、农药、兽药或保健食品类，须先取得广告审查批准文号，填写后才能确认"
    : null;
}

export interface CreateOrderInput {
  header: OrderHeader;
  lines: LineInput[];
  intent: BookingIntent;
  /** When a unit is full on some days, queue that line behind the current hold instead of refusing. */
  queueIfFull: boolean;
  idempotencyKey: string;
}

/** Creates an order as a draft, a hold, or straight away confirmed. A repeated idempotency key returns the first order. */
export async function createOrder(db: AppDb, scope: Scope, input: CreateOrderInput, now = nowIso()): Promise<BookingResult> {
  if (!scope.userId) throw new Error("an order needs a signed-in owner");
  const existing = await findByKey(db, scope, input.idempotencyKey);
  if (existing) return { ok: true, id: existing, created: false };
  try {
    return await writeTransaction(db, async (trx) => {
      const client = await trx.selectFrom("clients").select("id").where("center_id", "=", scope.centerId).where("id", "=", input.header.clientId).executeTakeFirst();
      if (!client) return fail(400, "请选择本中心的客户", { errors: { client_id: "请选择本中心的客户" } });
      if (input.intent !== "draft" && !input.lines.length) return fail(400, "请至少添加一行投放");
      if (input.intent === "confirm") {
        const problem = approvalProblem(input.header);
        if (problem) return fail(400, problem, { errors: { approval_number: problem } });
      }
      const units = await lockAndSettle(trx, scope, input.lines.map((l) => l.unitId), now);
      // Checked after the lock: a double submit waits here for the first, then finds its order.
      const again = await findByKey(trx, scope, input.idempotencyKey);
      if (again) return { ok: true, id: again, created: false } as const;
      const prepared = await prepareLines(trx, scope, units, input.lines);
      if (!prepared.ok) return fail(400, "投放明细有误，请按提示修改", { lineErrors: prepared.errors });

      const states: OrderLine["state"][] = prepared.lines.map(() => (input.intent === "draft" ? "draft" : input.intent === "confirm" ? "confirmed" : "hold"));
      if (input.intent !== "draft") {
        const conflicts = await findConflicts(trx, scope, units, prepared.lines, now);
        const queueable = input.intent === "hold" && input.queueIfFull && conflicts.every((c) => c.kind === "full");
        if (conflicts.length && !queueable) return fail(409, conflicts.map((c) => c.message).join("；"), { conflicts });
        for (const c of conflicts) states[c.index] = "queued";
      }

      const settings = await holdSettings(trx, scope);
      const expiresAt = input.intent === "hold" ? addDaysToInstant(now, settings.hold_days) : null;
      const id = newId();
      const order: Order = {
        id,
        center_id: scope.centerId,
        number: await nextNumber(trx, scope.centerId, "DD", Number(todayInShanghai(new Date(now)).slice(0, 4))),
        client_id: input.header.clientId,
        owner_id: scope.userId!,
        title: input.header.title,
        product: input.header.product,
        ad_category: input.header.adCategory,
        approval_number: input.header.approvalNumber,
        status: input.intent === "confirm" ? "confirmed" : input.intent,
        hold_expires_at: expiresAt,
        hold_renewals: 0,
        start_date: null,
        end_date: null,
        list_fen: 0,
        net_fen: 0,
        terms: input.header.terms,
        cancel_reason: "",
        confirmed_at: input.intent === "confirm" ? now : null,
        closed_at: null,
        idempotency_key: input.idempotencyKey,
        created_by: scope.userId,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto("orders").values(order).execute();
      const rows = prepared.lines.map((line, i) => lineRow(scope, id, line, states[i], expiresAt, now));
      if (rows.length) await trx.insertInto("order_lines").values(rows).execute();
      const totals = await refreshTotals(trx, id, now);
      const queued = states.filter((s) => s === "queued").length;
      const detail = (expiresAt ? `预留至 ${formatInstant(expiresAt)}` : input.intent === "draft" ? "新建草稿" : "新建并确认") + (queued ? `，${queued} 行排队等候` : "");
      await recordOrderEvent(trx, { centerId: scope.centerId, orderId: id, userId: scope.userId, at: now, kind: "created", detail });
      await recordAudit(trx, scope, { entity: "order", entityId: id, action: "create", after: { ...order, ...totals } });
      for (const row of rows) await recordAudit(trx, scope, { entity: "order_line", entityId: row.id, action: "create", after: auditLine(row) });
      if (order.status === "confirmed") await refreshRevenue(trx, scope, [{ kind: "order", id }]);
      return { ok: true, id, created: true, queued } as const;
    });
  } catch (error) {
    // Two submits of one form that both got past the check: the unique key lets only one in.
    if (isUniqueViolation(error)) {
      const first = await findByKey(db, scope, input.idempotencyKey);
      if (first) return { ok: true, id: first, created: false };
    }
    throw error;
  }
}

async function findByKey(db: Executor, scope: Scope, key: string): Promise<string | null> {
  const row = await db.selectFrom("orders").select("id").where("center_id", "=", scope.centerId).where("idempotency_key", "=", key).executeTakeFirst();
  return row?.id ?? null;
}

function auditLine(line: Pick<OrderLine, "id" | "unit_id" | "start_date" | "end_date" | "quantity" | "kind" | "list_fen" | "discount_bp" | "net_fen" | "state">) {
  const { id, unit_id, start_date, end_date, quantity, kind, list_fen, discount_bp, net_fen, state } = line;
  return { id, unit_id, start_date, end_date, quantity, kind, list_fen, discount_bp, net_fen, state };
}

/** Loads the order for a change by its owner, locked; answers 404 for another center's id. */
async function orderForChange(trx: Executor, scope: Scope, orderId: string): Promise<{ order: Order; lines: OrderLine[] } | BookingResult> {
  const order = await trx.selectFrom("orders").selectAll().where("center_id", "=", scope.centerId).where("id", "=", orderId).executeTakeFirst();
  if (!order) return fail(404, "订单不存在");
  if (!canChangeOrder(scope, order)) return fail(409, "只有订单的负责人可以修改它");
  const lines = await trx.selectFrom("order_lines").selectAll().where("order_id", "=", orderId).orderBy("created_at").orderBy("id").execute();
  return { order, lines };
}

/**
 * Runs a change to one order: locks the order's units (plus `extraUnits`), settles them, re-reads
 * the order (a hold may have just lapsed), and hands over to `change`.
 */
async function changeOrder(
  db: AppDb,
  scope: Scope,
  orderId: string,
  now: string,
  extraUnits: string[],
  change: (trx: Executor, ctx: { order: Order; lines: OrderLine[]; units: Map<string, LockedUnit> }) => Promise<BookingResult>,
): Promise<BookingResult> {
  return writeTransaction(db, async (trx) => {
    const first = await orderForChange(trx, scope, orderId);
    if ("ok" in first) return first;
    const units = await lockAndSettle(trx, scope, [...first.lines.map((l) => l.unit_id), ...extraUnits], now);
    const current = await orderForChange(trx, scope, orderId);
    if ("ok" in current) return current;
    const result = await change(trx, { ...current, units });
    // The order's stamp always moves on, even within one millisecond, so a stale form is caught.
    if (result.ok) await trx.updateTable("orders").set({ updated_at: nextStamp(current.order.updated_at, now) }).where("id", "=", orderId).execute();
    // A confirmed order is income: whatever changed it (or confirmed it), its facts follow.
    const after = result.ok ? await trx.selectFrom("orders").select("status").where("id", "=", orderId).executeTakeFirst() : undefined;
    if (result.ok && (current.order.status === "confirmed" || after?.status === "confirmed")) await refreshRevenue(trx, scope, [{ kind: "order", id: orderId }]);
    return result;
  });
}

const STAGE_REFUSAL: Record<string, string> = {
  cancelled: "订单已取消，不能再修改",
  expired: "预留已过期，占用的资源已释放；如仍需要，请重新预留",
  completed: "订单已执行完毕，不能再修改",
};

function refuseStage(order: Order, now: string, allowed: string[]): BookingResult | null {
  const stage = orderStage(order, todayInShanghai(new Date(now)), now);
  if (allowed.includes(stage)) return null;
  return fail(409, STAGE_REFUSAL[stage] ?? `订单当前状态不能进行此操作`);
}

/** Draft → hold: the lines take capacity (or queue, if allowed) until the hold expires. */
export async function placeHold(db: AppDb, scope: Scope, orderId: string, queueIfFull: boolean, now = nowIso()): Promise<BookingResult> {
  return changeOrder(db, scope, orderId, now, [], async (trx, { order, lines, units }) => {
    const refused = refuseStage(order, now, ["draft"]);
    if (refused) return refused;
    if (!lines.length) return fail(400, "请至少添加一行投放");
    const conflicts = await findConflicts(trx, scope, units, lines.map(asChecked), now, { orderId });
    if (conflicts.length && !(queueIfFull && conflicts.every((c) => c.kind === "full"))) return fail(409, conflicts.map((c) => c.message).join("；"), { conflicts });
    const settings = await holdSettings(trx, scope);
    const expiresAt = addDaysToInstant(now, settings.hold_days);
    const queuedIds = new Set(conflicts.map((c) => lines[c.index].id));
    for (const line of lines) {
      const state = queuedIds.has(line.id) ? "queued" : "hold";
      await trx.updateTable("order_lines").set({ state, expires_at: expiresAt, queued_at: state === "queued" ? now : null, updated_at: now }).where("id", "=", line.id).execute();
    }
    await trx.updateTable("orders").set({ status: "hold", hold_expires_at: expiresAt, updated_at: now }).where("id", "=", orderId).execute();
    await recordOrderEvent(trx, { centerId: scope.centerId, orderId, userId: scope.userId, at: now, kind: "held", detail: `预留至 ${formatInstant(expiresAt)}` + (queuedIds.size ? `，${queuedIds.size} 行排队等候` : "") });
    return { ok: true, id: orderId, queued: queuedIds.size };
  });
}

function asChecked(line: OrderLine) {
  return { unitId: line.unit_id, startDate: line.start_date, endDate: line.end_date, daily_use: Number(line.daily_use) };
}

/** Hold or draft → confirmed, re-checking capacity, unit status, permits and the approval number inside the transaction. */
export async function confirmOrder(db: AppDb, scope: Scope, orderId: string, now = nowIso()): Promise<BookingResult> {
  return changeOrder(db, scope, orderId, now, [], async (trx, { order, lines, units }) => {
    const refused = refuseStage(order, now, ["draft", "hold"]);
    if (refused) return refused;
    if (!lines.length) return fail(400, "请至少添加一行投放");
    const problem = approvalProblem({ adCategory: order.ad_category, approvalNumber: order.approval_number });
    if (problem) return fail(400, problem, { errors: { approval_number: problem } });
    const queued = lines.filter((l) => l.state === "queued");
    if (queued.length) {
      const codes = queued.map((l) => units.get(l.unit_id)?.code).join("、");
      return fail(409, `${codes} 仍在排队等候前一顺位释放，不能确认；可以删除这些行后再确认`);
    }
    const conflicts = await findConflicts(trx, scope, units, lines.map(asChecked), now, { orderId });
    if (conflicts.length) return fail(409, conflicts.map((c) => c.message).join("；"), { conflicts });
    await trx.updateTable("order_lines").set({ state: "confirmed", expires_at: null, updated_at: now }).where("order_id", "=", orderId).execute();
    await trx.updateTable("orders").set({ status: "confirmed", confirmed_at: now, hold_expires_at: null, updated_at: now }).where("id", "=", orderId).execute();
    await recordOrderEvent(trx, { centerId: scope.centerId, orderId, userId: scope.userId, at: now, kind: "confirmed", detail: "订单已确认" });
    await recordAudit(trx, scope, { entity: "order", entityId: orderId, action: "confirm", before: { status: order.status }, after: { status: "confirmed", net_fen: order.net_fen } });
    return { ok: true, id: orderId };
  });
}

/** Cancels from any state before completion; the capacity goes to the next in the queue at once. */
export async function cancelOrder(db: AppDb, scope: Scope, orderId: string, reason: string, now = nowIso()): Promise<BookingResult> {
  if (!reason.trim()) return fail(400, "请填写取消原因", { errors: { reason: "请填写取消原因" } });
  return changeOrder(db, scope, orderId, now, [], async (trx, { order, units }) => {
    const refused = refuseStage(order, now, ["draft", "hold", "confirmed", "running"]);
    if (refused) return refused;
    await trx.updateTable("order_lines").set({ state: "released", updated_at: now }).where("order_id", "=", orderId).execute();
    await trx.updateTable("orders").set({ status: "cancelled", cancel_reason: reason.trim().slice(0, 200), closed_at: now, hold_expires_at: null, updated_at: now }).where("id", "=", orderId).execute();
    await recordOrderEvent(trx, { centerId: scope.centerId, orderId, userId: scope.userId, at: now, kind: "cancelled", detail: reason.trim().slice(0, 200) });
    await recordAudit(trx, scope, { entity: "order", entityId: orderId, action: "cancel", before: { status: order.status, net_fen: order.net_fen }, after: { status: "cancelled", cancel_reason: reason.trim() } });
    await promoteQueued(trx, scope, units, now);
    return { ok: true, id: orderId };
  });
}

/** The owner extends a live hold by the center's hold period, a limited number of times. */
export async function renewHold(db: AppDb, scope: Scope, orderId: string, now = nowIso()): Promise<BookingResult> {
  return changeOrder(db, scope, orderId, now, [], async (trx, { order }) => {
    const refused = refuseStage(order, now, ["hold"]);
    if (refused) return refused;
    const settings = await holdSettings(trx, scope);
    if (order.hold_renewals >= settings.hold_max_renewals) return fail(409, `预留已续期 ${order.hold_renewals} 次，达到本中心上限（${settings.hold_max_renewals} 次），请确认订单或让出资源`);
    const expiresAt = addDaysToInstant(now, settings.hold_days);
    await trx.updateTable("orders").set({ hold_expires_at: expiresAt, hold_renewals: order.hold_renewals + 1, updated_at: now }).where("id", "=", orderId).execute();
    await trx.updateTable("order_lines").set({ expires_at: expiresAt, updated_at: now }).where("order_id", "=", orderId).where("state", "in", ["hold", "queued"]).execute();
    await recordOrderEvent(trx, { centerId: scope.centerId, orderId, userId: scope.userId, at: now, kind: "renewed", detail: `续期至 ${formatInstant(expiresAt)}（第 ${order.hold_renewals + 1} 次）` });
    return { ok: true, id: orderId };
  });
}

/** Header fields (title, product, ad category, approval number, terms); a stale form is refused. */
export async function updateOrderHeader(db: AppDb, scope: Scope, orderId: string, header: Omit<OrderHeader, "clientId">, expectedUpdatedAt: string, now = nowIso()): Promise<BookingResult> {
  return changeOrder(db, scope, orderId, now, [], async (trx, { order }) => {
    const refused = refuseStage(order, now, ["draft", "hold", "confirmed", "running"]);
    if (refused) return refused;
    if (order.updated_at !== expectedUpdatedAt) return fail(409, "订单已被修改，请刷新后重试");
    if (order.status === "confirmed") {
      const problem = approvalProblem(header);
      if (problem) return fail(400, problem, { errors: { approval_number: problem } });
    }
    const after = { title: header.title, product: header.product, ad_category: header.adCategory, approval_number: header.approvalNumber, terms: header.terms };
    await trx.updateTable("orders").set({ ...after, updated_at: now }).where("id", "=", orderId).execute();
    await recordOrderEvent(trx, { centerId: scope.centerId, orderId, userId: scope.userId, at: now, kind: "updated", detail: "修改订单信息" });
    await recordAudit(trx, scope, { entity: "order", entityId: orderId, action: "update", before: { title: order.title, product: order.product, ad_category: order.ad_category, approval_number: order.approval_number, terms: order.terms }, after });
    return { ok: true, id: orderId };
  });
}

/**
 * Adds a line, or replaces one (`lineId`). On a hold or confirmed order the new dates and
 * quantity are checked like a new booking (no queueing on a change); every change is audited,
 * since it changes money.
 */
export async function saveLine(db: AppDb, scope: Scope, orderId: string, lineId: string | null, input: LineInput, expectedUpdatedAt: string, now = nowIso()): Promise<BookingResult> {
  return changeOrder(db, scope, orderId, now, [input.unitId], async (trx, { order, lines, units }) => {
    const refused = refuseStage(order, now, ["draft", "hold", "confirmed", "running"]);
    if (refused) return refused;
    if (order.updated_at !== expectedUpdatedAt) return fail(409, "订单已被修改，请刷新后重试");
    const old = lineId ? lines.find((l) => l.id === lineId) : null;
    if (lineId && (!old || old.state === "released")) return fail(404, "投放明细不存在");
    const prepared = await prepareLines(trx, scope, units, [input]);
    if (!prepared.ok) return fail(400, prepared.errors[0].message, { lineErrors: prepared.errors });
    const line = prepared.lines[0];
    const state: OrderLine["state"] = order.status === "draft" ? "draft" : order.status === "confirmed" ? "confirmed" : old?.state === "queued" ? "queued" : "hold";
    if (state === "hold" || state === "confirmed") {
      const conflicts = await findConflicts(trx, scope, units, [line], now, { lineId: old?.id });
      if (conflicts.length) return fail(409, conflicts[0].message, { conflicts });
    }
    const row = lineRow(scope, orderId, line, state, order.hold_expires_at, now);
    if (old) {
      const { id: _id, created_at: _c, queued_at: _q, ...changes } = row;
      await trx.updateTable("order_lines").set({ ...changes, queued_at: old.queued_at }).where("id", "=", old.id).execute();
    } else {
      await trx.insertInto("order_lines").values(row).execute();
    }
    const savedId = old?.id ?? row.id;
    await refreshTotals(trx, orderId, now);
    await promoteQueued(trx, scope, units, now);
    const unit = units.get(line.unitId)!;
    await recordOrderEvent(trx, { centerId: scope.centerId, orderId, lineId: savedId, userId: scope.userId, at: now, kind: old ? "line_changed" : "line_added", detail: `${unit.code} ${line.startDate} 至 ${line.endDate} × ${line.quantity}` });
    await recordAudit(trx, scope, { entity: "order_line", entityId: savedId, action: old ? "update" : "create", before: old ? auditLine(old) : undefined, after: auditLine({ ...row, id: savedId }) });
    return { ok: true, id: orderId };
  });
}

export async function removeLine(db: AppDb, scope: Scope, orderId: string, lineId: string, expectedUpdatedAt: string, now = nowIso()): Promise<BookingResult> {
  return changeOrder(db, scope, orderId, now, [], async (trx, { order, lines, units }) => {
    const refused = refuseStage(order, now, ["draft", "hold", "confirmed"]);
    if (refused) return refused;
    if (order.updated_at !== expectedUpdatedAt) return fail(409, "订单已被修改，请刷新后重试");
    const old = lines.find((l) => l.id === lineId && l.state !== "released");
    if (!old) return fail(404, "投放明细不存在");
    await trx.deleteFrom("order_lines").where("id", "=", lineId).execute();
    await refreshTotals(trx, orderId, now);
    await promoteQueued(trx, scope, units, now);
    const unit = units.get(old.unit_id);
    await recordOrderEvent(trx, { centerId: scope.centerId, orderId, lineId, userId: scope.userId, at: now, kind: "line_removed", detail: `${unit?.code ?? ""} ${old.start_date} 至 ${old.end_date}` });
    await recordAudit(trx, scope, { entity: "order_line", entityId: lineId, action: "delete", before: auditLine(old) });
    return { ok: true, id: orderId };
  });
}
