// npm run migrate [-- down]: bring the database to the latest schema (or undo the last step).
import { migrateDownOne, migrateToLatest } from "../db/migrate";
import { openCheckedDatabase, runCli } from "./lib/open-checked";

await runCli(async () => {
  const db = await openCheckedDatabase();
  try {
    const steps = process.argv[2] === "down" ? await migrateDownOne(db) : await migrateToLatest(db);
    console.log(steps.length ? steps.join("\n") : "数据库已是最新结构");
  } catch (error) {
    console.error(`错误：${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
});
