// Group robots, message routing and the outbox (reminders, issue 8).
export type RobotKind = "wecom" | "dingtalk";
/** pending: waits for its next attempt; sending: claimed by a runner until claimed_until; sent; failed: gave up. */
export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

export interface RobotsTable {
  id: string;
  center_id: string;
  name: string;
  kind: RobotKind;
  /** SECURITY: holds the robot's key or access token; shown masked, never logged. */
  webhook_url: string;
  /** DingTalk signing secret ('' when signing is off). SECURITY: never shown or logged. */
  secret: string;
  disabled: number;
  /** The user whose own robot this is (a rep's chat), or null for a group robot. */
  owner_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A reminder kind's switches in one center; a kind without a row is on and not per owner. */
export interface ReminderKindsTable {
  center_id: string;
  kind: string;
  enabled: number;
  /** Sales kinds: each message goes to its owner's own robots; owners without one go to the routed robots. */
  per_owner: number;
}

export interface NotificationRoutesTable {
  center_id: string;
  kind: string;
  robot_id: string;
}

export interface OutboxTable {
  id: string;
  center_id: string;
  robot_id: string;
  kind: string;
  /** What makes two messages the same one, e.g. kind + entity + day. */
  dedupe_key: string;
  title: string;
  /** Markdown. */
  body: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  last_error: string;
  created_at: string;
  sent_at: string | null;
}
