// npm run seed: migrate, then put the demo centers into an empty database and print the accounts.
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "./lib/demo-seed";
import { openCheckedDatabase, runCli } from "./lib/open-checked";
import { printAccounts } from "./lib/print-accounts";

await runCli(async () => {
  const db = await openCheckedDatabase();
  try {
    await migrateToLatest(db);
    const accounts = await seedDemo(db, { password: process.env.DEMO_PASSWORD });
    if (accounts) printAccounts(accounts);
    else console.log("数据库中已有中心，未写入示范数据");
  } finally {
    await db.destroy();
  }
});
