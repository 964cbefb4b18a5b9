// npm run daily: queue today's reminders for every center and deliver what is due through the
// centers' WeCom / DingTalk robots, once. Safe to run again (nothing is sent twice) and on several
// servers at once. The server runs it itself every day when DAILY_REMINDERS_AT (e.g. 08:30,
// Beijing time) is set.
import { runDaily } from "../app/modules/notify/daily.server";
import { openCheckedDatabase, runCli } from "./lib/open-checked";

await runCli(async () => {
  const db = await openCheckedDatabase();
  try {
    const r = await runDaily(db);
    console.log(`消息提醒：${r.centers} 个中心，新排队 ${r.queued} 条，已发送 ${r.sent} 条，待重试 ${r.retrying} 条，失败 ${r.failed} 条`);
  } finally {
    await db.destroy();
  }
});
