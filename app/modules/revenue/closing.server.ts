// Month closing: every month up to a center's `closed_through` is closed. Facts reported in a
// closed month are never changed again; a later change's difference for it is reported in the
// month the change is made (docs/decisions/012-revenue-facts-and-closing.md).
import type { AppDb } from "~db/connection";
import { type Executor, insertIfAbsent, lockRows, writeTransaction } from "~db/dialect";
import { addMonths, isMonthKey } from "~/modules/analytics/series";
import { recordAudit } from "~/modules/audit/audit.server";
import { can } from "~/modules/auth/permissions";
import type { Scope } from "~/modules/auth/scope";
import { nowIso, todayInShanghai } from "~/utils/time";

/** The last closed month 'YYYY-MM', or null when no month is closed. */
export async function closedThrough(db: Executor, scope: Pick<Scope, "centerId">): Promise<string | null> {
  const row = await db.selectFrom("revenue_closings").select("closed_through").where("center_id", "=", scope.centerId).executeTakeFirst();
  return row?.closed_through ?? null;
}

/** CONCURRENCY: the center's closing row, locked for the rest of the transaction (made on first use). */
export async function lockClosing(trx: Executor, scope: Pick<Scope, "centerId">): Promise<string | null> {
  const locked = () => lockRows(trx as never, trx.selectFrom("revenue_closings").select("closed_through").where("center_id", "=", scope.centerId)).executeTakeFirst();
  // The row exists after first use; inserting only when it is missing keeps MariaDB from taking a
  // shared lock on it first (INSERT IGNORE on a duplicate), which two transactions would then both
  // try to upgrade: a deadlock.
  let row = await locked();
  if (!row) {
    await insertIfAbsent(trx, "revenue_closings", { center_id: scope.centerId, closed_through: null, closed_at: null, closed_by: null });
    row = await locked();
  }
  return row?.closed_through ?? null;
}

/**
 * CONCURRENCY: a refusal when `date` falls in a closed month (bills, credits and payments are dated
 * in open months only, so a closed month's invoiced and collected figures never change).
 * Locks the closing row, so the month cannot close before the caller commits.
 */
export async function closedDateRefusal(trx: Executor, scope: Pick<Scope, "centerId">, date: string, what: string): Promise<string | null> {
  const closed = await lockClosing(trx, scope);
  if (!closed || date.slice(0, 7) > closed) return null;
  return `${what}所在月份已关账（${closed} 及以前已关账），请使用 ${addMonths(closed, 1)} 及以后的日期`;
}

export type CloseResult = { ok: true; closedThrough: string } | { ok: false; status: 400 | 403 | 409; message: string };

/**
 * Closes every month up to `month`: only a month that has ended, and only forward. From then on
 * no fact reported in those months changes; a later change is reported in the month it is made.
 */
export async function closeMonth(db: AppDb, scope: Scope, month: string, expected: string | null, today = todayInShanghai()): Promise<CloseResult> {
  if (!can(scope.role, "billing", "update")) return { ok: false, status: 403, message: "只有财务可以关账" };
  if (!isMonthKey(month)) return { ok: false, status: 400, message: "请选择要关账的月份（YYYY-MM）" };
  if (month >= today.slice(0, 7)) return { ok: false, status: 400, message: `只能关闭已经结束的月份（${addMonths(today.slice(0, 7), -1)} 及以前）` };
  return writeTransaction(db, async (trx) => {
    const closed = await lockClosing(trx, scope);
    if (closed !== expected) return { ok: false, status: 409, message: `关账状态已被他人修改（现为 ${closed ?? "未关账"}），请刷新后重试` };
    if (closed && month <= closed) return { ok: false, status: 400, message: `${closed} 及以前已关账` };
    const at = nowIso();
    await trx.updateTable("revenue_closings").set({ closed_through: month, closed_at: at, closed_by: scope.userId }).where("center_id", "=", scope.centerId).execute();
    await recordAudit(trx, scope, { entity: "revenue", entityId: scope.centerId, action: "close_month", before: { closed_through: closed }, after: { closed_through: month } });
    return { ok: true, closedThrough: month };
  });
}
