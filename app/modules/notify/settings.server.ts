// 设置 › 消息提醒: what the page shows (robots, kinds, the last messages of the outbox), each kind's
// switches and robots, and the test message. Adding, pausing, re-keying and removing robots are in
// robot-settings.server.ts. Admin only (center:update), checked here as well as in the route.
// SECURITY: a robot's webhook key and DingTalk secret never leave this module unmasked: the page
// gets maskUrl(webhook) and whether a secret is set; the audit trail gets the masked URL only.
import { writeTransaction, type Executor } from "~db/dialect";
import type { AppDb } from "~db/connection";
import type { RobotKind } from "~db/schema/notify";
import { recordAudit } from "~/modules/audit/audit.server";
import { can } from "~/modules/auth/permissions";
import type { Scope } from "~/modules/auth/scope";
import { maskUrl, sendToRobot } from "~/modules/notify/robots.server";
import { isReminderKind, REMINDER_KINDS } from "~/modules/notify/kinds";

export type NotifyResult = { ok: true; id: string } | { ok: false; status: 400 | 403 | 404; message: string; field?: string };

export interface RobotView {
  id: string;
  name: string;
  kind: RobotKind;
  maskedUrl: string;
  hasSecret: boolean;
  /** The user whose own robot this is, or null for a group robot. */
  ownerId: string | null;
  ownerName: string | null;
  /** Paused: nothing new is queued for it. */
  disabled: boolean;
}

export interface OutboxView {
  id: string;
  kind: string;
  /** Shown on hover in the log: the title already names the kind. */
  kindLabel: string;
  title: string;
  robotName: string;
  status: string;
  attempts: number;
  lastError: string;
  createdAt: string;
  sentAt: string | null;
  /** When a message waiting for a retry is tried next. */
  nextAttemptAt: string | null;
}

export const refuse = (status: 400 | 403 | 404, message: string, field?: string): NotifyResult => ({ ok: false, status, message, field });
export const forbiddenFor = (scope: Scope) => (can(scope.role, "center", "update") ? null : refuse(403, "只有管理员可以设置消息提醒"));

export const TEST_MESSAGE = "融媒经营台测试消息";

export async function notificationSettings(db: Executor, scope: Scope) {
  if (forbiddenFor(scope)) throw new Error("notificationSettings: admin only");
  const [robots, routes, switches, users, outbox, counts] = await Promise.all([
    db
      .selectFrom("robots")
      .leftJoin("users", (j) => j.onRef("users.id", "=", "robots.owner_id").onRef("users.center_id", "=", "robots.center_id"))
      .select(["robots.id", "robots.name", "robots.kind", "robots.webhook_url", "robots.secret", "robots.disabled", "robots.owner_id", "users.display_name as owner_name"])
      .where("robots.center_id", "=", scope.centerId)
      .orderBy("robots.name")
      .execute(),
    db.selectFrom("notification_routes").select(["kind", "robot_id"]).where("center_id", "=", scope.centerId).execute(),
    db.selectFrom("reminder_kinds").select(["kind", "enabled", "per_owner"]).where("center_id", "=", scope.centerId).execute(),
    db.selectFrom("users").select(["id", "display_name", "role"]).where("center_id", "=", scope.centerId).where("disabled", "=", 0).orderBy("display_name").execute(),
    db
      .selectFrom("outbox")
      .leftJoin("robots", "robots.id", "outbox.robot_id")
      .select(["outbox.id", "outbox.kind", "outbox.title", "outbox.status", "outbox.attempts", "outbox.last_error", "outbox.created_at", "outbox.sent_at", "outbox.next_attempt_at", "robots.name as robot_name"])
      .where("outbox.center_id", "=", scope.centerId)
      .orderBy("outbox.created_at", "desc")
      .orderBy("outbox.id", "desc")
      .limit(50)
      .execute(),
    db
      .selectFrom("outbox")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("center_id", "=", scope.centerId)
      .where("status", "in", ["pending", "failed"])
      .groupBy("status")
      .execute(),
  ]);
  const labels = new Map<string, string>(REMINDER_KINDS.map((k) => [k.kind, k.label]));
  const robotViews: RobotView[] = robots.map((r) => ({
    id: r.id, name: r.name, kind: r.kind, maskedUrl: maskUrl(r.webhook_url), hasSecret: r.secret !== "", ownerId: r.owner_id, ownerName: r.owner_id ? (r.owner_name ?? "（已停用）") : null,
    disabled: Number(r.disabled) === 1,
  }));
  const switchOf = new Map(switches.map((k) => [k.kind, k]));
  const routeMap: Record<string, string[]> = {};
  for (const r of routes) (routeMap[r.kind] ??= []).push(r.robot_id);
  const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  return {
    robots: robotViews,
    kinds: REMINDER_KINDS.map((k) => {
      const row = switchOf.get(k.kind);
      return { kind: k.kind, label: k.label, audience: k.audience, enabled: row ? Number(row.enabled) === 1 : true, perOwner: row ? Number(row.per_owner) === 1 : false };
    }),
    /** Who a robot may belong to: the center's active users. */
    users: users.map((u) => ({ id: u.id, name: u.display_name, role: u.role })),
    routes: routeMap,
    outbox: outbox.map<OutboxView>((o) => ({
      id: o.id,
      kind: o.kind,
      kindLabel: labels.get(o.kind) ?? o.kind,
      title: o.title,
      robotName: o.robot_name ?? "（已删除）",
      status: o.status,
      attempts: Number(o.attempts),
      lastError: o.last_error,
      createdAt: o.created_at,
      sentAt: o.sent_at,
      nextAttemptAt: o.status === "pending" ? o.next_attempt_at : null,
    })),
    pending: count("pending"),
    failed: count("failed"),
  };
}

export interface KindSettings {
  enabled: boolean;
  perOwner: boolean;
  robotIds: string[];
}

/** Switches a reminder kind on or off, per owner or not (sales kinds only), and routes it to robots. */
export async function setKind(db: AppDb, scope: Scope, kind: string, input: KindSettings): Promise<NotifyResult> {
  const denied = forbiddenFor(scope);
  if (denied) return denied;
  if (!isReminderKind(kind)) return refuse(400, "没有这种提醒");
  if (input.perOwner && REMINDER_KINDS.find((k) => k.kind === kind)!.audience !== "sales") return refuse(400, "只有销售提醒可以按负责人发送");
  const wanted = [...new Set(input.robotIds.filter((id) => id !== ""))];
  return writeTransaction(db, async (trx) => {
    if (wanted.length) {
      const found = await trx.selectFrom("robots").select("id").where("center_id", "=", scope.centerId).where("id", "in", wanted).execute();
      if (found.length !== wanted.length) return refuse(404, "机器人不存在");
    }
    const beforeRoutes = await trx.selectFrom("notification_routes").select("robot_id").where("center_id", "=", scope.centerId).where("kind", "=", kind).execute();
    const beforeRow = await trx.selectFrom("reminder_kinds").select(["enabled", "per_owner"]).where("center_id", "=", scope.centerId).where("kind", "=", kind).executeTakeFirst();
    await trx.deleteFrom("notification_routes").where("center_id", "=", scope.centerId).where("kind", "=", kind).execute();
    if (wanted.length) await trx.insertInto("notification_routes").values(wanted.map((robot_id) => ({ center_id: scope.centerId, kind, robot_id }))).execute();
    await trx.deleteFrom("reminder_kinds").where("center_id", "=", scope.centerId).where("kind", "=", kind).execute();
    await trx.insertInto("reminder_kinds").values({ center_id: scope.centerId, kind, enabled: input.enabled ? 1 : 0, per_owner: input.perOwner ? 1 : 0 }).execute();
    await recordAudit(trx, scope, {
      entity: "center",
      entityId: scope.centerId,
      action: "set_routes",
      before: { kind, enabled: beforeRow ? Number(beforeRow.enabled) === 1 : true, per_owner: beforeRow ? Number(beforeRow.per_owner) === 1 : false, robots: beforeRoutes.map((r) => r.robot_id).sort() },
      after: { kind, enabled: input.enabled, per_owner: input.perOwner, robots: [...wanted].sort() },
    });
    return { ok: true, id: kind } as NotifyResult;
  });
}

/** Sends the test message to one robot now; the outcome is a text to show, never a throw. */
export async function sendTestMessage(db: Executor, scope: Scope, robotId: string, opts: { fetchImpl?: typeof fetch; timeoutMs?: number } = {}): Promise<{ ok: false; status: 403 | 404; message: string } | { ok: true; sent: boolean; text: string }> {
  if (forbiddenFor(scope)) return { ok: false, status: 403, message: "只有管理员可以设置消息提醒" };
  const robot = await db.selectFrom("robots").select(["kind", "webhook_url", "secret"]).where("center_id", "=", scope.centerId).where("id", "=", robotId).executeTakeFirst();
  if (!robot) return { ok: false, status: 404, message: "机器人不存在" };
  let outcome: Awaited<ReturnType<typeof sendToRobot>>;
  try {
    outcome = await sendToRobot(
      { kind: robot.kind, webhookUrl: robot.webhook_url, secret: robot.secret || undefined },
      { title: TEST_MESSAGE, markdown: TEST_MESSAGE, text: TEST_MESSAGE },
      opts,
    );
  } catch {
    outcome = { ok: false, retry: false, error: "发送失败" };
  }
  return outcome.ok ? { ok: true, sent: true, text: "机器人已收到测试消息（errcode 0）" } : { ok: true, sent: false, text: outcome.error };
}
