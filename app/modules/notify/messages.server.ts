// The reminders due today for one center (issue 8, "What is sent"). Each message carries a dedupe
// key that names the fact it reports, so a re-run of the daily job (the same day, or a later day
// while the fact still holds) yields the same key and the outbox queues it only once. The digests
// (overdue bills, payments, month closing, the weekly income) live in digests.server.ts.
import type { Executor } from "~db/dialect";
import { AD_CATEGORIES, isRegulated } from "~/modules/booking/model";
import { addDays, dayNumber } from "~/modules/inventory/calendar-dates";
import { expiringLeases, expiringPermits } from "~/modules/inventory/sites.server";
import { formatFen } from "~/utils/money";
import { addDaysToInstant, formatInstant } from "~/utils/time";
import { type CenterScope, monthNotClosed, oneLine, overdueDigest, paymentsYesterday, weeklyDigest } from "./digests.server";
import type { QueuedMessage } from "./outbox.server";


/** Expiry thresholds (days) for permits and leases: a message once as each is crossed. */
export const EXPIRY_THRESHOLDS = [30, 60, 90] as const;
const HOLD_WINDOW_HOURS = 48;
const APPROVAL_DAYS_AHEAD = 3;

/** The UTC instant at which a Beijing calendar day begins. */
const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

export function expiryThreshold(daysLeft: number): number | null {
  return EXPIRY_THRESHOLDS.find((t) => daysLeft <= t) ?? null;
}

async function holdExpiring(db: Executor, scope: CenterScope, now: string): Promise<QueuedMessage[]> {
  const until = addDaysToInstant(now, HOLD_WINDOW_HOURS / 24);
  const rows = await db
    .selectFrom("orders as o")
    .innerJoin("clients as c", "c.id", "o.client_id")
    .leftJoin("users as u", "u.id", "o.owner_id")
    .select(["o.id", "o.number", "o.title", "o.hold_expires_at", "o.owner_id", "c.name as client_name", "u.display_name as owner_name"])
    .where("o.center_id", "=", scope.centerId)
    .where("o.status", "=", "hold")
    .where("o.hold_expires_at", ">", now)
    .where("o.hold_expires_at", "<=", until)
    .orderBy("o.hold_expires_at")
    .orderBy("o.number")
    .execute();
  return rows.map((r) => ({
    kind: "hold_expiring",
    ownerId: r.owner_id,
    dedupeKey: `hold_expiring:${r.id}:${r.hold_expires_at}`,
    title: `预留即将到期：${r.number}`,
    body: [
      `### 预留即将到期`,
      `- 订单：${r.number}（${oneLine(r.title)}）`,
      `- 客户：${oneLine(r.client_name)}`,
      `- 负责人：${oneLine(r.owner_name ?? "")}`,
      `- 到期时间：${formatInstant(r.hold_expires_at!)}`,
      ``,
      `请在到期前确认或续期，否则预留将自动释放。`,
    ].join("\n"),
  }));
}

async function holdPromoted(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
  const yesterday = addDays(today, -1);
  const rows = await db
    .selectFrom("order_events as e")
    .innerJoin("orders as o", "o.id", "e.order_id")
    .innerJoin("clients as c", "c.id", "o.client_id")
    .leftJoin("users as u", "u.id", "o.owner_id")
    .select(["e.id", "e.at", "e.detail", "o.number", "o.owner_id", "c.name as client_name", "u.display_name as owner_name"])
    .where("e.center_id", "=", scope.centerId)
    .where("e.kind", "=", "promoted")
    .where("e.at", ">=", beijingMidnight(yesterday))
    .where("e.at", "<", beijingMidnight(today))
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    kind: "hold_promoted",
    ownerId: r.owner_id,
    dedupeKey: `hold_promoted:${r.id}`,
    title: `预留已升为第一顺位：${r.number}`,
    body: [
      `### 第二顺位预留已升为第一`,
      `- 订单：${r.number}`,
      `- 客户：${oneLine(r.client_name)}`,
      `- 负责人：${oneLine(r.owner_name ?? "")}`,
      `- 明细：${oneLine(r.detail)}`,
      `- 时间：${formatInstant(r.at)}`,
    ].join("\n"),
  }));
}

async function approvalMissing(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
  const regulated = AD_CATEGORIES.filter(isRegulated);
  const rows = await db
    .selectFrom("orders as o")
    .innerJoin("clients as c", "c.id", "o.client_id")
    .leftJoin("users as u", "u.id", "o.owner_id")
    .select(["o.id", "o.number", "o.title", "o.start_date", "o.owner_id", "c.name as client_name", "u.display_name as owner_name"])
    .where("o.center_id", "=", scope.centerId)
    .where("o.status", "in", ["hold", "confirmed"])
    .where("o.ad_category", "in", regulated)
    .where("o.approval_number", "=", "")
    .where("o.start_date", ">=", today)
    .where("o.start_date", "<=", addDays(today, APPROVAL_DAYS_AHEAD))
    .orderBy("o.start_date")
    .orderBy("o.number")
    .execute();
  return rows.map((r) => ({
    kind: "approval_missing",
    ownerId: r.owner_id,
    dedupeKey: `approval_missing:${r.id}:${r.start_date}`,
    title: `广告审查批准文号未补：${r.number}`,
    body: [
      `### 广告审查批准文号未补`,
      `- 订单：${r.number}（${oneLine(r.title)}）`,
      `- 客户：${oneLine(r.client_name)}`,
      `- 负责人：${oneLine(r.owner_name ?? "")}`,
      `- 开始日期：${r.start_date}`,
      ``,
      `该广告属于须事先审查的类别，请在开始前补录批准文号。`,
    ].join("\n"),
  }));
}

async function siteExpiries(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
  const until = addDays(today, EXPIRY_THRESHOLDS[EXPIRY_THRESHOLDS.length - 1]);
  const permits = await expiringPermits(db, scope, today, until);
  const leases = await expiringLeases(db, scope, today, until);
  const out: QueuedMessage[] = [];
  for (const p of permits) {
    const left = dayNumber(p.end_date) - dayNumber(today);
    const t = expiryThreshold(left)!;
    out.push({
      kind: "permit_expiring",
      dedupeKey: `permit_expiring:${p.id}:${t}`,
      title: `设置许可 ${t} 天内到期：${p.site_code}`,
      body: [
        `### 设置许可即将到期`,
        `- 点位：${p.site_code} ${oneLine(p.site_name)}${p.district ? `（${oneLine(p.district)}）` : ""}`,
        `- 许可证号：${oneLine(p.number)}`,
        `- 发证机关：${oneLine(p.authority)}`,
        `- 到期日期：${p.end_date}（剩余 ${left} 天）`,
      ].join("\n"),
    });
  }
  for (const l of leases) {
    const left = dayNumber(l.end_date) - dayNumber(today);
    const t = expiryThreshold(left)!;
    out.push({
      kind: "lease_expiring",
      dedupeKey: `lease_expiring:${l.id}:${t}`,
      title: `场地租约 ${t} 天内到期：${l.site_code}`,
      body: [
        `### 场地租约即将到期`,
        `- 点位：${l.site_code} ${oneLine(l.site_name)}${l.district ? `（${oneLine(l.district)}）` : ""}`,
        `- 出租方：${oneLine(l.lessor)}`,
        `- 年租金：${formatFen(Number(l.annual_rent_fen))}`,
        `- 到期日期：${l.end_date}（剩余 ${left} 天）`,
      ].join("\n"),
    });
  }
  return out;
}

async function maintenanceOverdue(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
  const rows = await db
    .selectFrom("units")
    .select(["id", "code", "name", "maintenance_from", "maintenance_to"])
    .where("center_id", "=", scope.centerId)
    .where("status", "=", "maintenance")
    .where("archived", "=", 0)
    .where("maintenance_to", "is not", null)
    .where("maintenance_to", "<", today)
    .orderBy("maintenance_to")
    .orderBy("code")
    .execute();
  return rows.map((r) => ({
    kind: "maintenance_overdue",
    dedupeKey: `maintenance_overdue:${r.id}:${r.maintenance_to}`,
    title: `维护期已过仍未恢复：${r.code}`,
    body: [
      `### 维护期已过仍未恢复`,
      `- 资源：${r.code} ${oneLine(r.name)}`,
      `- 维护期：${r.maintenance_from ?? "—"} 至 ${r.maintenance_to}`,
      ``,
      `请确认维护是否完成，并将资源恢复为可售或延长维护期。`,
    ].join("\n"),
  }));
}

/**
 * The messages due today for one center. `today` is the Beijing calendar day the daily job runs
 * for; `now` the instant (holds are measured against it).
 */
export async function reminderMessages(db: Executor, scope: CenterScope, today: string, now: string): Promise<QueuedMessage[]> {
  // One after another: `db` may be a transaction, which runs on one connection.
  const parts: QueuedMessage[][] = [];
  parts.push(await holdExpiring(db, scope, now));
  parts.push(await holdPromoted(db, scope, today));
  parts.push(await approvalMissing(db, scope, today));
  parts.push(await siteExpiries(db, scope, today));
  parts.push(await maintenanceOverdue(db, scope, today));
  parts.push(await overdueDigest(db, scope, today));
  parts.push(await paymentsYesterday(db, scope, today));
  parts.push(await monthNotClosed(db, scope, today));
  parts.push(await weeklyDigest(db, scope, today));
  return parts.flat();
}
