// The daily reminders, run by the server at DAILY_REMINDERS_AT (HH:MM, Beijing time) and again for
// retries every few minutes after it. Several servers may run it: the outbox queues each message
// once and claims it under a row lock, so nothing is sent twice.
import type { AppDb } from "../../db/connection";
import { reportLines, runDaily } from "../../app/modules/notify/daily.server";
import { todayInShanghai } from "../../app/utils/time";

const CHECK_MINUTES = 5;

/** Beijing wall-clock "HH:MM" of an instant. */
function beijingTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

export function scheduleDaily(db: AppDb, at: string | undefined): () => void {
  if (!at || !/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) {
    if (at) console.error(`DAILY_REMINDERS_AT 应为 HH:MM（北京时间），现为“${at}”：不定时发送消息提醒`);
    return () => {};
  }
  const run = async () => {
    if (beijingTime(new Date()) < at) return;
    try {
      const r = await runDaily(db);
      if (r.queued || r.sent || r.failed) console.log(`${todayInShanghai()} ${reportLines(r).join("\n")}`);
    } catch (error) {
      console.error(`消息提醒失败：${(error as Error).message}`);
    }
  };
  const timer = setInterval(run, CHECK_MINUTES * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
