// The server's own daily run (DAILY_REMINDERS_AT): nothing before the time; the first check after
// it each Beijing day looks for reminders, later checks only send what waits for a retry.
import { afterEach, expect, it, vi } from "vitest";
import type { AppDb } from "../../db/connection";
import type { DailyReport } from "../../app/modules/notify/daily.server";
import { CHECK_MINUTES, scheduleDaily } from "../../scripts/lib/daily-schedule";

const EMPTY: DailyReport = { centers: 0, queued: 0, sent: 0, retrying: 0, failed: 0, failures: [] };

afterEach(() => {
  vi.useRealTimers();
});

it("queues once a Beijing day after the set time and only delivers between", async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-27T00:20:00.000Z")); // 08:20 Beijing
  const calls: string[] = [];
  const stop = scheduleDaily({} as AppDb, "08:30", {
    runDaily: async (_db, { today }) => (calls.push(`queue ${today}`), EMPTY),
    deliverPending: async () => (calls.push("deliver"), EMPTY),
  });
  const tick = () => vi.advanceTimersByTimeAsync(CHECK_MINUTES * 60_000);
  await tick(); // 08:25
  expect(calls).toEqual([]);
  await tick(); // 08:30
  await tick(); // 08:35
  expect(calls).toEqual(["queue 2026-11-27", "deliver"]);
  // 16:00 UTC is midnight in Beijing: the next check after 08:30 on the 28th queues again.
  await vi.advanceTimersByTimeAsync(Date.parse("2026-11-28T00:30:00.000Z") - Date.now());
  expect(calls.filter((c) => c.startsWith("queue"))).toEqual(["queue 2026-11-27", "queue 2026-11-28"]);
  expect(calls.at(-1)).toBe("queue 2026-11-28");
  stop();
});

it("refuses a malformed time without scheduling anything", async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-27T04:00:00.000Z")); // 12:00 Beijing
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const calls: string[] = [];
  scheduleDaily({} as AppDb, "8:30", { runDaily: async () => (calls.push("queue"), EMPTY), deliverPending: async () => (calls.push("deliver"), EMPTY) });
  expect(error).toHaveBeenCalledWith(expect.stringContaining("DAILY_REMINDERS_AT 应为 HH:MM"));
  await vi.advanceTimersByTimeAsync(60 * 60_000);
  expect(calls).toEqual([]);
  error.mockRestore();
});
