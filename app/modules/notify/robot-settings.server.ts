// The robots of 设置 › 消息提醒: added, paused or resumed, given a new webhook, removed. Admin only.
// SECURITY: the audit trail gets the masked URL and whether a secret is set, never the key or secret.
import { newId } from "~db/ids";
import { type Executor, writeTransaction } from "~db/dialect";
import type { AppDb } from "~db/connection";
import type { RobotKind } from "~db/schema/notify";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { maskUrl, validateWebhook } from "~/modules/notify/robots.server";
import { ROBOT_REMOVED } from "./outbox.server";
import { nowIso } from "~/utils/time";
import { forbiddenFor, type NotifyResult, refuse } from "./settings.server";

export interface RobotInput {
  name: string;
  kind: string;
  webhook_url: string;
  secret: string;
  /** '' for a group robot, or the user whose own robot it is. */
  owner_id: string;
}

/** A refusal when the webhook or the signing secret cannot be this kind of robot's, else null. */
function addressRefusal(kind: RobotKind, url: string, secret: string): NotifyResult | null {
  if (url.length > 500) return refuse(400, "Webhook 地址过长", "webhook_url");
  const bad = validateWebhook(kind, url);
  if (bad) return refuse(400, bad, "webhook_url");
  if (kind === "wecom" && secret) return refuse(400, "企业微信机器人没有加签密钥，请留空", "secret");
  if (secret && !/^SEC[0-9a-zA-Z]{20,100}$/.test(secret)) return refuse(400, "钉钉加签密钥应以 SEC 开头，请从机器人安全设置中完整复制", "secret");
  return null;
}

/**
 * Messages still waiting for a robot that will not get them are failed with the reason, not left
 * pending. One being sent right now is left to its runner, which records how it went.
 */
function failWaiting(trx: Executor, centerId: string, robotId: string, reason: string) {
  return trx.updateTable("outbox").set({ status: "failed", last_error: reason }).where("center_id", "=", centerId).where("robot_id", "=", robotId).where("status", "=", "pending").execute();
}

export async function addRobot(db: AppDb, scope: Scope, input: RobotInput): Promise<NotifyResult> {
  const denied = forbiddenFor(scope);
  if (denied) return denied;
  const name = input.name.trim();
  const url = input.webhook_url.trim();
  const secret = input.secret.trim();
  if (!name) return refuse(400, "请填写机器人名称", "name");
  if (name.length > 50) return refuse(400, "机器人名称最多 50 个字", "name");
  if (input.kind !== "wecom" && input.kind !== "dingtalk") return refuse(400, "请选择企业微信或钉钉", "kind");
  const kind: RobotKind = input.kind;
  const badAddress = addressRefusal(kind, url, secret);
  if (badAddress) return badAddress;
  const ownerId = input.owner_id.trim() || null;
  return writeTransaction(db, async (trx) => {
    const same = await trx.selectFrom("robots").select("id").where("center_id", "=", scope.centerId).where("name", "=", name).executeTakeFirst();
    if (same) return refuse(400, `已有名为“${name}”的机器人`, "name");
    if (ownerId) {
      const owner = await trx.selectFrom("users").select("id").where("center_id", "=", scope.centerId).where("id", "=", ownerId).where("disabled", "=", 0).executeTakeFirst();
      if (!owner) return refuse(400, "所属人员不存在或已停用", "owner_id");
    }
    const now = nowIso();
    const id = newId();
    await trx.insertInto("robots").values({ id, center_id: scope.centerId, name, kind, webhook_url: url, secret, disabled: 0, owner_id: ownerId, created_at: now, updated_at: now }).execute();
    // SECURITY: the masked URL only, and never the secret.
    await recordAudit(trx, scope, { entity: "center", entityId: scope.centerId, action: "add_robot", after: { robot_id: id, name, kind, webhook: maskUrl(url), signed: secret !== "", owner_id: ownerId } });
    return { ok: true, id } as NotifyResult;
  });
}

export async function removeRobot(db: AppDb, scope: Scope, robotId: string): Promise<NotifyResult> {
  const denied = forbiddenFor(scope);
  if (denied) return denied;
  return writeTransaction(db, async (trx) => {
    const robot = await trx.selectFrom("robots").select(["id", "name", "kind", "webhook_url"]).where("center_id", "=", scope.centerId).where("id", "=", robotId).executeTakeFirst();
    if (!robot) return refuse(404, "机器人不存在");
    await trx.deleteFrom("notification_routes").where("center_id", "=", scope.centerId).where("robot_id", "=", robotId).execute();
    await trx.deleteFrom("robots").where("center_id", "=", scope.centerId).where("id", "=", robotId).execute();
    await failWaiting(trx, scope.centerId, robotId, ROBOT_REMOVED);
    await recordAudit(trx, scope, { entity: "center", entityId: scope.centerId, action: "remove_robot", before: { robot_id: robot.id, name: robot.name, kind: robot.kind, webhook: maskUrl(robot.webhook_url) } });
    return { ok: true, id: robotId } as NotifyResult;
  });
}

/**
 * Pauses or resumes a robot. A paused robot gets nothing new, and what was waiting for it is failed
 * (a group being reorganised should not get last week's reminders when it is resumed).
 */
export async function setRobotPaused(db: AppDb, scope: Scope, robotId: string, paused: boolean): Promise<NotifyResult> {
  const denied = forbiddenFor(scope);
  if (denied) return denied;
  return writeTransaction(db, async (trx) => {
    const robot = await trx.selectFrom("robots").select(["id", "name", "disabled"]).where("center_id", "=", scope.centerId).where("id", "=", robotId).executeTakeFirst();
    if (!robot) return refuse(404, "机器人不存在");
    if ((Number(robot.disabled) === 1) === paused) return { ok: true, id: robotId } as NotifyResult;
    await trx.updateTable("robots").set({ disabled: paused ? 1 : 0, updated_at: nowIso() }).where("center_id", "=", scope.centerId).where("id", "=", robotId).execute();
    if (paused) await failWaiting(trx, scope.centerId, robotId, "机器人已停用，未发送");
    await recordAudit(trx, scope, { entity: "center", entityId: scope.centerId, action: paused ? "pause_robot" : "resume_robot", before: { robot_id: robotId, name: robot.name, paused: !paused }, after: { robot_id: robotId, name: robot.name, paused } });
    return { ok: true, id: robotId } as NotifyResult;
  });
}

/**
 * A new webhook (a key rotated in the chat's robot settings) and, for DingTalk, a new signing secret;
 * a blank secret keeps the one set. Routes stay; messages waiting for a retry go to the new address.
 */
export async function replaceWebhook(db: AppDb, scope: Scope, robotId: string, input: { webhook_url: string; secret: string }): Promise<NotifyResult> {
  const denied = forbiddenFor(scope);
  if (denied) return denied;
  const url = input.webhook_url.trim();
  const secret = input.secret.trim();
  return writeTransaction(db, async (trx) => {
    const robot = await trx.selectFrom("robots").select(["id", "name", "kind", "webhook_url", "secret"]).where("center_id", "=", scope.centerId).where("id", "=", robotId).executeTakeFirst();
    if (!robot) return refuse(404, "机器人不存在");
    const badAddress = addressRefusal(robot.kind, url, secret);
    if (badAddress) return badAddress;
    const nextSecret = secret || robot.secret;
    await trx.updateTable("robots").set({ webhook_url: url, secret: nextSecret, updated_at: nowIso() }).where("center_id", "=", scope.centerId).where("id", "=", robotId).execute();
    await recordAudit(trx, scope, {
      entity: "center",
      entityId: scope.centerId,
      action: "replace_webhook",
      before: { robot_id: robotId, name: robot.name, webhook: maskUrl(robot.webhook_url), signed: robot.secret !== "" },
      after: { robot_id: robotId, name: robot.name, webhook: maskUrl(url), signed: nextSecret !== "", secret_changed: secret !== "" },
    });
    return { ok: true, id: robotId } as NotifyResult;
  });
}
