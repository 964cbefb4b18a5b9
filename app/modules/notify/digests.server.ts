// The digest reminders (issue 8): overdue bills, yesterday's payments, the month not closed and
// the weekly income digest. Each reports a day or a period, named in its dedupe key.
import type { Executor } from "~db/dialect";
import { addMonths } from "~/modules/analytics/series";
import { targetPage } from "~/modules/analytics/targets.server";
import type { Scope } from "~/modules/auth/scope";
import { overdueBills } from "~/modules/billing/receivables.server";
import { addDays, dayNumber, weekdayFromMonday } from "~/modules/inventory/calendar-dates";
import { closedThrough } from "~/modules/revenue/closing.server";
import { earnedWithin } from "~/modules/revenue/recognised-between.server";
import { formatFen } from "~/utils/money";
import type { QueuedMessage } from "./outbox.server";

/** Days overdue on which a bill enters a management aging bucket (31–60 … >365). */
export const OVERDUE_BUCKET_STARTS = [31, 61, 91, 181, 366] as const;
const BUCKET_LABELS: Record<number, string> = { 31: "31–60天", 61: "61–90天", 91: "91–180天", 181: "181–365天", 366: ">365天" };
/** How far back the overdue digest looks for the previous one (and so the longest stretch it covers). */
export const OVERDUE_LOOKBACK_DAYS = 30;
/** A month is reported as not closed from this day of the next month on (5 days after its end). */
const CLOSE_REMINDER_DAY = 6;

/** Markdown-safe enough for names inside a list item: no line breaks. */
export const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

export type CenterScope = Pick<Scope, "centerId">;

/** Monday of the ISO week `date` falls in. */
export function isoWeekMonday(date: string): string {
  return addDays(date, -weekdayFromMonday(date));
}

/** 'MM-DD' of a day, as the digests print dates inside one year. */
const monthDay = (date: string) => date.slice(5);

/**
 * The last day before today an overdue digest was queued for (any robot), within the lookback.
 * Strictly before today, so a re-run today finds the same day and makes the same message.
 */
async function lastOverdueDigest(db: Executor, scope: CenterScope, today: string): Promise<string | null> {
  const prefix = "overdue_bills:";
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.max("dedupe_key").as("key"))
    .where("center_id", "=", scope.centerId)
    .where("kind", "=", "overdue_bills")
    // Keys end in an ISO day, so they sort as the days do.
    .where("dedupe_key", ">=", `${prefix}${addDays(today, -OVERDUE_LOOKBACK_DAYS)}`)
    .where("dedupe_key", "<", `${prefix}${today}`)
    .executeTakeFirst();
  return row?.key ? String(row.key).slice(prefix.length) : null;
}

/** The highest bucket start a bill `daysOverdue` days overdue today reached in the last `windowDays` days (today included). */
export function bucketEntered(daysOverdue: number, windowDays: number): number | null {
  const reached = OVERDUE_BUCKET_STARTS.filter((s) => s <= daysOverdue && s > daysOverdue - windowDays);
  return reached.length ? reached[reached.length - 1] : null;
}

export async function overdueDigest(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
  // Everything since the last digest, so days the job did not run are not lost: a bill is days_overdue
  // days past due today, so it entered bucket s on the day it was s days past due.
  const last = await lastOverdueDigest(db, scope, today);
  const windowDays = last === null ? 1 : dayNumber(today) - dayNumber(last);
  const entered = (await overdueBills(db, scope, today)).flatMap((b) => {
    const bucket = bucketEntered(b.days_overdue, windowDays);
    return bucket === null ? [] : [{ ...b, bucket }];
  });
  if (!entered.length) return [];
  const total = entered.reduce((s, b) => s + b.open_fen, 0);
  const since = windowDays === 1 ? "今日" : `${addDays(today, 1 - windowDays)} 至今`;
  return [{
    kind: "overdue_bills",
    dedupeKey: `overdue_bills:${today}`,
    title: `逾期账款新增 ${entered.length} 笔（${today}）`,
    body: [
      `### 逾期账款新增（${today}）`,
      `${since}新进入逾期区间的账单 ${entered.length} 笔，未收合计 ${formatFen(total)}：`,
      ``,
      ...entered.map((b) => `- ${b.number ?? "（无号）"} ${oneLine(b.client_name)}：未收 ${formatFen(b.open_fen)}，到期 ${b.due_date}，逾期 ${b.days_overdue} 天，进入「${BUCKET_LABELS[b.bucket]}」`),
    ].join("\n"),
  }];
}

export async function paymentsYesterday(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
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

export async function monthNotClosed(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
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

/**
 * On Mondays: the week that ended yesterday and its Sunday's month up to that Sunday, to the day
 * (the month facts would count days not yet passed), then the year against its target.
 */
export async function weeklyDigest(db: Executor, scope: CenterScope, today: string): Promise<QueuedMessage[]> {
  const monday = isoWeekMonday(today);
  if (monday !== today) return [];
  const sunday = addDays(today, -1);
  const week = { from: addDays(today, -7), to: sunday };
  const month = { from: `${sunday.slice(0, 7)}-01`, to: sunday };
  const [weekIncome, monthIncome] = await earnedWithin(db, scope, [week, month]);
  // The year of the days reported: on a Monday 1 January the digest still closes last year.
  const year = Number(sunday.slice(0, 4));
  const targets = await targetPage(db, scope, year, sunday);
  const split = (income: typeof weekIncome) =>
    `- 其中科技服务：${formatFen(income.byGroup.get("tech_service") ?? 0)}；传统媒体：${formatFen(income.byGroup.get("traditional_media") ?? 0)}`;
  const t = targets.board.total;
  return [{
    kind: "weekly_digest",
    dedupeKey: `weekly_digest:${monday}`,
    title: `每周收入简报（${week.from} 至 ${monthDay(week.to)}）`,
    body: [
      `### 每周收入简报（${week.from} 至 ${monthDay(week.to)}）`,
      `- 上周（${monthDay(week.from)}–${monthDay(week.to)}）确认创收：${formatFen(weekIncome.totalFen)}`,
      split(weekIncome),
      `- 本月（${month.from} 至 ${monthDay(month.to)}）确认创收：${formatFen(monthIncome.totalFen)}`,
      split(monthIncome),
      // The year and its target as 首页 shows them: from the month facts, so whole months.
      `- ${year} 年累计创收（按月确认，含 ${sunday.slice(0, 7)} 全月，与首页看板一致）：${formatFen(t.actual_fen)}`,
      t.target_fen === null
        ? `- 年度目标：未设定`
        : `- 年度目标：${formatFen(t.target_fen)}，完成 ${bpText(t.progress_bp)}（时间进度 ${bpText(targets.board.elapsed_bp)}）`,
    ].join("\n"),
  }];
}
