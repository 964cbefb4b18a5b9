// The reminder kinds the daily job can send, who each is for, and its name in settings (issue 8).
// Pure and browser-safe: the settings page lists these to switch each kind on and route it.

export type ReminderAudience = "sales" | "operations" | "finance" | "managers";

export const REMINDER_KINDS = [
  { kind: "hold_expiring", label: "预留 48 小时内到期", audience: "sales" },
  { kind: "hold_promoted", label: "第二顺位预留已升为第一", audience: "sales" },
  { kind: "approval_missing", label: "广告审查批准文号未补，3 天后开始", audience: "sales" },
  { kind: "permit_expiring", label: "设置许可 30/60/90 天内到期", audience: "operations" },
  { kind: "lease_expiring", label: "场地租约 30/60/90 天内到期", audience: "operations" },
  { kind: "maintenance_overdue", label: "维护期已过仍未恢复", audience: "operations" },
  { kind: "overdue_bills", label: "逾期账款新增", audience: "finance" },
  { kind: "payments_yesterday", label: "昨日收款", audience: "finance" },
  { kind: "month_not_closed", label: "上月未关账", audience: "finance" },
  { kind: "weekly_digest", label: "每周收入简报", audience: "managers" },
] as const satisfies readonly { kind: string; label: string; audience: ReminderAudience }[];

export type ReminderKind = (typeof REMINDER_KINDS)[number]["kind"];

export const AUDIENCE_LABELS: Record<ReminderAudience, string> = { sales: "销售", operations: "运营", finance: "财务", managers: "管理层" };

export function isReminderKind(kind: string): kind is ReminderKind {
  return REMINDER_KINDS.some((k) => k.kind === kind);
}
