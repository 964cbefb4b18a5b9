// npm run sweep-holds: mark lapsed holds expired and move queued holds up, once, for every center.
import { sweepExpiredHolds } from "../app/modules/booking/queue.server";
import { nowIso } from "../app/utils/time";
import { openCheckedDatabase, runCli } from "./lib/open-checked";

await runCli(async () => {
  const db = await openCheckedDatabase();
  try {
    console.log(`已处理 ${await sweepExpiredHolds(db, nowIso())} 个到期预留`);
  } finally {
    await db.destroy();
  }
});
