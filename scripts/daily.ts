// npm run daily: queue today's reminders for every center and deliver what is due through the
// centers' WeCom / DingTalk robots, once. Safe to run again (nothing is sent twice) and on several
// servers at once. The server runs it itself every day when DAILY_REMINDERS_AT (e.g. 08:30,
// Beijing time) is set.
import { reportLines, runDaily } from "../app/modules/notify/daily.server";
import { openCheckedDatabase, runCli } from "./lib/open-checked";

await runCli(async () => {
  const db = await openCheckedDatabase();
  try {
    for (const line of reportLines(await runDaily(db))) console.log(line);
  } finally {
    await db.destroy();
  }
});
