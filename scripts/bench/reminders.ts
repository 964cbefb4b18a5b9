// daily-reminders: everything the daily job looks for in the county-l center on a Monday (all ten
// kinds, the weekly digest's week and month read to the day from the income sources), as
// reminderMessages builds them before they are queued. Baseline, interleaved: the month's income
// read from the fact table alone (what a digest of whole months would cost). No target in the
// issue; the job has to stay far inside the server's 5-minute check for a center this size.
import type { AppDb } from "../../db/connection";
import { factTotals } from "../../app/modules/analytics/facts-query.server";
import { isoWeekMonday } from "../../app/modules/notify/digests.server";
import { reminderMessages } from "../../app/modules/notify/messages.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { DATASET_TODAY } from "./dataset-inventory";
import { type BenchResult, type DbLabel, summarise } from "./stats";

export async function benchDailyReminders(db: AppDb, opts: { centerId: string; label?: DbLabel; runs?: number; log?: (line: string) => void }): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const runs = opts.runs ?? 10;
  const scope = { centerId: opts.centerId };
  // The Monday of the dataset's last week, so the weekly digest is among the messages.
  const monday = isoWeekMonday(DATASET_TODAY) === DATASET_TODAY ? DATASET_TODAY : addDays(isoWeekMonday(DATASET_TODAY), 7);
  const now = new Date(`${monday}T08:30:00+08:00`).toISOString();
  const month = monday.slice(0, 7);
  const messages = () => reminderMessages(db, scope, monday, now);
  const baseline = () => factTotals(db, scope, { from: month, to: month, earned: true }, ["group"]);

  const first = await messages();
  const kinds = new Set(first.map((m) => m.kind));
  log(`daily-reminders：${monday}，${first.length} 条消息，${kinds.size} 种`);
  if (!kinds.has("weekly_digest")) throw new Error("每周收入简报没有生成");
  const samples: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await messages();
    samples.push(performance.now() - t);
    t = performance.now();
    await baseline();
    base.push(performance.now() - t);
  }
  return { ...summarise("daily-reminders", opts.label ?? "sqlite", samples, base, { messages: first.length, kinds: kinds.size }), day: monday };
}
