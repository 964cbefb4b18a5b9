// The daily reminders, run by the server at DAILY_REMINDERS_AT (HH:MM, Beijing time): the first
// check after that time each day looks for reminders and sends them; later checks, every few
// minutes, only send what waits for a retry. Several servers may run it: the outbox queues each
// message once and claims it under a row lock, so nothing is sent twice.
import type { AppDb } from "../../db/connection";
import { type DailyReport, deliverPending, reportLines, runDaily } from "../../app/modules/notify/daily.server";
import { todayInShanghai } from "../../app/utils/time";

export const CHECK_MINUTES = 5;

/** Beijing wall-clock "HH:MM" of an instant. */
function beijingTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** The two jobs, replaceable in tests. */
export interface DailyJobs {
  runDaily: (db: AppDb, opts: { today: string }) => Promise<DailyReport>;
  deliverPending: (db: AppDb) => Promise<DailyReport>;
}

export function scheduleDaily(db: AppDb, at: string | undefined, jobs: DailyJobs = { runDaily, deliverPending }): () => void {
  if (!at || !/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) {
    if (at) console.error(`DAILY_REMINDERS_AT 应为 HH:MM（北京时间），现为“${at}”：不定时发送消息提醒`);
    return () => {};
  }
  let queuedOn: string | null = null;
  let running = false;
  const run = async () => {
    // A run slower than the interval is not overlapped by the next check.
    if (running || beijingTime(new Date()) < at) return;
    running = true;
    const today = todayInShanghai();
    try {
      const r = queuedOn === today ? await jobs.deliverPending(db) : await jobs.runDaily(db, { today });
      queuedOn = today;
      if (r.queued || r.sent || r.failed) console.log(`${today} ${reportLines(r).join("\n")}`);
    } catch (error) {
      console.error(`消息提醒失败：${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, CHECK_MINUTES * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
