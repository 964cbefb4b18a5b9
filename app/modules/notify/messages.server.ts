// The reminders due today for one center (issue 8, "What is sent"). Each message carries a dedupe
// key that names the fact it reports, so a re-run of the daily job (the same day, or a later day
// while the fact still holds) yields the same key and the outbox queues it only once.
import type { Executor } from "~db/dialect";
import { addMonths } from "~/modules/analytics/series";
import { factTotals } from "~/modules/analytics/facts-query.server";
import { targetPage } from "~/modules/analytics/targets.server";
import type { Scope } from "~/modules/auth/scope";
import { overdueBills } from "~/modules/billing/receivables.server";
import { AD_CATEGORIES, isRegulated } from "~/modules/booking/model";
import { addDays, dayNumber, fromDayNumber } from "~/modules/inventory/calendar-dates";
import { expiringLeases, expiringPermits } from "~/modules/inventory/sites.server";
import { closedThrough } from "~/modules/revenue/closing.server";
import { formatFen } from "~/utils/money";
import { addDaysToInstant, formatInstant } from "~/utils/time";
import type { QueuedMessage } from "./outbox.server";

/** Expiry thresholds (days) for permits and leases: a message once as each is crossed. */
export const EXPIRY_THRESHOLDS = [30, 60, 90] as const;
/** Days overdue on which a bill enters a management aging bucket (31–60 … >365). */
export const OVERDUE_BUCKET_STARTS = [31, 61, 91, 181, 366] as const;
const BUCKET_LABELS: Record<number, string> = { 31: "31–60天", 61: "61–90天", 91: "91–180天", 181: "181–365天", 366: ">365天" };
/** A month is reported as not closed from this day of the next month on (5 days after its end). */
const CLOSE_REMINDER_DAY = 6;
const HOLD_WINDOW_HOURS = 48;
const APPROVAL_DAYS_AHEAD = 3;

/** The UTC instant at which a Beijing calendar day begins. */
const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
/** Markdown-safe enough for names inside a list item: no line breaks. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

export function expiryThreshold(daysLeft: number): number | null {
  return EXPIRY_THRESHOLDS.find((t) => daysLeft <= t) ?? null;
}

/** Monday of the ISO week `date` falls in. */
export function isoWeekMonday(date: string): string {
  const n = dayNumber(date);
  // dayNumber 0 is not assumed to be any weekday: the weekday is read from the calendar.
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return fromDayNumber(n - weekday);
}

type CenterScope = Pick<Scope, "centerId">;

async function holdExpiring(db: Executor, scope: CenterScope, now: string): Promise<QueuedMessage[]> {
  const until = addDaysToInstant(now, HOLD_WINDOW_HOURS / 24);
  const rows = await db
    .selectFrom("orders as o")
    .innerJoin("clients as c", "c.id", "o.client_id")
    .leftJoin("users as u", "u.id", "o.owner_id")
    .select(["o.id", "o.number", "o.title", "o.hold_expires_at", "c.name as client_name", "u.display_name as owner_name"])
    .where("o.center_id", "=", scope.centerId)
    .where("o.status", "=", "hold")
    .where("o.hold_expires_at", ">", now)
    .where("o.hold_expires_at", "<=", until)
    .orderBy("o.hold_expires_at")
    .orderBy("o.number")
    .execute();
  return rows.map((r) => ({
    kind: "hold_expiring",
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
    .select(["e.id", "e.at", "e.detail", "o.number", "c.name as client_name", "u.display_name as owner_name"])
    .where("e.center_id", "=", scope.centerId)
    .where("e.kind", "=", "promoted")
    .where("e.at", ">=", beijingMidnight(yesterday))
    .where("e.at", "<", beijingMidnight(today))
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    kind: "hold_promoted",
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
    .select(["o.id", "o.number", "o.title", "o.start_date", "c.name as client_name", "u.display_name as owner_name"])
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

async function overdueDigest(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
  // A bill enters a bucket on exactly one day, so listing today's entries needs no history.
  const entered = (await overdueBills(db, scope, today)).filter((b) => (OVERDUE_BUCKET_STARTS as readonly number[]).includes(b.days_overdue));
  if (!entered.length) return [];
  const total = entered.reduce((s, b) => s + b.open_fen, 0);
  return [{
    kind: "overdue_bills",
    dedupeKey: `overdue_bills:${today}`,
    title: `逾期账款新增 ${entered.length} 笔（${today}）`,
    body: [
      `### 逾期账款新增（${today}）`,
      `今日新进入逾期区间的账单 ${entered.length} 笔，未收合计 ${formatFen(total)}：`,
      ``,
      ...entered.map((b) => `- ${b.number ?? "（无号）"} ${oneLine(b.client_name)}：未收 ${formatFen(b.open_fen)}，到期 ${b.due_date}，逾期 ${b.days_overdue} 天，进入「${BUCKET_LABELS[b.days_overdue]}」`),
    ].join("\n"),
  }];
}

async function paymentsYesterday(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
  const yesterday = addDays(today, -1);
  const rows = await db
    .selectFrom("payments as p")
    .innerJoin("clients as c", "c.id", "p.client_id")
    .select(["p.id", "p.amount_fen", "p.payer", "p.reference", "c.name as client_name"])
    .where("p.center_id", "=", scope.centerId)
    .where("p.received_on", "=", yesterday)
    .where("p.reversed_on", "is", null)
    .orderBy("c.name")
    .orderBy("p.id")
    .execute();
  if (!rows.length) return [];
  const total = rows.reduce((s, r) => s + Number(r.amount_fen), 0);
  return [{
    kind: "payments_yesterday",
    dedupeKey: `payments_yesterday:${yesterday}`,
    title: `昨日收款 ${formatFen(total)}（${yesterday}）`,
    body: [
      `### 昨日收款（${yesterday}）`,
      `共 ${rows.length} 笔，合计 ${formatFen(total)}：`,
      ``,
      ...rows.map((r) => `- ${oneLine(r.client_name)}：${formatFen(Number(r.amount_fen))}${r.reference ? `（${oneLine(r.reference)}）` : ""}`),
    ].join("\n"),
  }];
}

async function monthNotClosed(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
  if (Number(today.slice(8, 10)) < CLOSE_REMINDER_DAY) return [];
  const lastMonth = addMonths(today.slice(0, 7), -1);
  const closed = await closedThrough(db, scope);
  if (closed !== null && closed >= lastMonth) return [];
  return [{
    kind: "month_not_closed",
    dedupeKey: `month_not_closed:${lastMonth}`,
    title: `${lastMonth} 尚未关账`,
    body: [
      `### 上月未关账`,
      `- 月份：${lastMonth}`,
      `- 已关账至：${closed ?? "尚无关账月份"}`,
      ``,
      `该月已结束超过 5 天，请核对收入后关账。`,
    ].join("\n"),
  }];
}

const bpText = (bp: number | null) => (bp === null ? "—" : `${(bp / 100).toFixed(1)}%`);

async function weeklyDigest(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
  const monday = isoWeekMonday(today);
  if (monday !== today) return [];
  const month = today.slice(0, 7);
  const year = Number(today.slice(0, 4));
  const groups = await factTotals(db, scope, { from: month, to: month, earned: true }, ["group"]);
  const targets = await targetPage(db, scope, year, today);
  const sum = (pick: (g: string | undefined) => boolean) => groups.filter((g) => pick(g.report_group)).reduce((s, g) => s + Number(g.amount_fen), 0);
  const monthTotal = sum(() => true);
  const tech = sum((g) => g === "tech_service");
  const traditional = sum((g) => g === "traditional_media");
  const t = targets.board.total;
  return [{
    kind: "weekly_digest",
    dedupeKey: `weekly_digest:${monday}`,
    title: `每周收入简报（${monday} 周）`,
    body: [
      `### 每周收入简报（${monday} 周）`,
      `收入按月确认，本周数字以本月至今计。`,
      ``,
      `- 本月至今（${month}）确认创收：${formatFen(monthTotal)}`,
      `- 其中科技服务：${formatFen(tech)}；传统媒体：${formatFen(traditional)}`,
      `- ${year} 年累计创收：${formatFen(t.actual_fen)}`,
      t.target_fen === null
        ? `- 年度目标：未设定`
        : `- 年度目标：${formatFen(t.target_fen)}，完成 ${bpText(t.progress_bp)}（时间进度 ${bpText(targets.board.elapsed_bp)}）`,
    ].join("\n"),
  }];
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
