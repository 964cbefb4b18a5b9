// The scheduled sweep of lapsed holds. Capacity never depends on it (expiry is evaluated wherever
// capacity is counted); it records the expiry and moves queues up even when nobody books. Several
// servers may run it at once: each batch is a locked transaction, so the work is done once.
import type { AppDb } from "../../db/connection";
import { sweepExpiredHolds } from "../../app/modules/booking/queue.server";
import { nowIso } from "../../app/utils/time";

export function scheduleHoldSweep(db: AppDb, minutes: number): () => void {
  if (!(minutes > 0)) return () => {};
  const run = async () => {
    try {
      const n = await sweepExpiredHolds(db, nowIso());
      if (n) console.log(`预留到期处理：${n} 个预留已标记为过期`);
    } catch (error) {
      console.error(`预留到期处理失败：${(error as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(run, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
