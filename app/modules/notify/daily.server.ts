// The daily reminders job: for every center, the messages due today are queued in the outbox (once
// per robot and dedupe key, so a re-run queues nothing new), then every due message is delivered
// through its robot. Safe to run on several servers at once: queuing is idempotent and delivery
// claims each message under a row lock.
import type { AppDb } from "~db/connection";
import { nowIso, todayInShanghai } from "~/utils/time";
import { reminderMessages } from "./messages.server";
import { type ClaimedMessage, type DeliveryFailure, deliverDue, enqueueAll, type SendOutcome } from "./outbox.server";
import { sendToRobot } from "./robots.server";

export interface DailyReport {
  centers: number;
  queued: number;
  sent: number;
  retrying: number;
  failed: number;
  /** What failed for good in this run; the errors hold no key or secret, so they may be logged. */
  failures: DeliveryFailure[];
}

/** The report as log lines: the counts, then each failure. */
export function reportLines(r: DailyReport): string[] {
  return [
    `消息提醒：${r.centers} 个中心，新排队 ${r.queued} 条，已发送 ${r.sent} 条，待重试 ${r.retrying} 条，失败 ${r.failed} 条`,
    ...r.failures.map((f) => `  失败：${f.title} → ${f.robotName}：${f.error}`),
  ];
}

/** Markdown as plain text, for robots that fall back to text. */
function plainText(markdown: string): string {
  return markdown.replace(/[*_`#>]/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
}

export function sendThroughRobot(message: ClaimedMessage): Promise<SendOutcome> {
  const { robot } = message;
  return sendToRobot({ kind: robot.kind, webhookUrl: robot.webhookUrl, secret: robot.secret || undefined }, { title: message.title, markdown: message.body, text: plainText(message.body) });
}

type RunOptions = { today?: string; now?: () => string; send?: (message: ClaimedMessage) => Promise<SendOutcome>; centerIds?: readonly string[] };

export async function runDaily(db: AppDb, opts: RunOptions = {}): Promise<DailyReport> {
  const now = opts.now ?? nowIso;
  const today = opts.today ?? todayInShanghai();
  let q = db.selectFrom("centers").select("id").orderBy("id");
  if (opts.centerIds) q = q.where("id", "in", opts.centerIds.length ? [...opts.centerIds] : [""]);
  const centers = await q.execute();
  let queued = 0;
  for (const center of centers) {
    queued += await enqueueAll(db, center.id, await reminderMessages(db, { centerId: center.id }, today, now()), now());
  }
  const delivered = await deliverDue(db, opts.send ?? sendThroughRobot, now, opts.centerIds);
  return { centers: centers.length, queued, ...delivered };
}

/** Only the delivery: what is due (retries) is sent; nothing new is looked for. */
export async function deliverPending(db: AppDb, opts: Omit<RunOptions, "today"> = {}): Promise<DailyReport> {
  const delivered = await deliverDue(db, opts.send ?? sendThroughRobot, opts.now ?? nowIso, opts.centerIds);
  return { centers: 0, queued: 0, ...delivered };
}
