// npm run center:create -- --code <code> --name <中心名称> --admin <username> [--admin-name <姓名>]
// Adds a center and its first admin; prints the admin's one-time password.
import { parseArgs } from "node:util";
import { migrateToLatest } from "../db/migrate";
import { isUniqueViolation } from "../db/dialect";
import { createCenterWithAdmin } from "../app/modules/centers/centers.server";
import { generatePassword } from "../app/modules/auth/password.server";
import { USERNAME_PATTERN } from "../app/modules/users/users.server";
import { openCheckedDatabase, runCli, StartupError } from "./lib/open-checked";

const USAGE = "用法：npm run center:create -- --code <中心代码> --name <中心名称> --admin <管理员用户名> [--admin-name <姓名>] [--taxpayer general|small]";

await runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        code: { type: "string" },
        name: { type: "string" },
        admin: { type: "string" },
        "admin-name": { type: "string" },
        taxpayer: { type: "string" },
      },
    }));
  } catch (error) {
    throw new StartupError(`${(error as Error).message}\n${USAGE}`);
  }
  const code = values.code?.trim().toLowerCase() ?? "";
  const name = values.name?.trim() ?? "";
  const admin = values.admin?.trim().toLowerCase() ?? "";
  const taxpayer = values.taxpayer ?? "small";
  if (!/^[a-z0-9-]{2,32}$/.test(code)) throw new StartupError(`中心代码应为 2 到 32 位小写字母、数字或短横线\n${USAGE}`);
  if (!name || name.length > 100) throw new StartupError(`请提供中心名称（最多 100 字）\n${USAGE}`);
  if (!USERNAME_PATTERN.test(admin)) throw new StartupError(`管理员用户名应为 3 到 32 位小写字母、数字、点、下划线或短横线\n${USAGE}`);
  if (taxpayer !== "general" && taxpayer !== "small") throw new StartupError(`纳税人类型只能是 general 或 small\n${USAGE}`);

  const db = await openCheckedDatabase();
  try {
    await migrateToLatest(db);
    const password = generatePassword();
    await createCenterWithAdmin(db, {
      code,
      name,
      taxpayer_status: taxpayer,
      admin: { username: admin, displayName: values["admin-name"]?.trim() || "管理员", password },
    });
    console.log(`已创建中心「${name}」（${code}）。管理员 ${admin} 的初始密码：${password}（只显示这一次，请登录后立即修改）`);
  } catch (error) {
    if (isUniqueViolation(error)) throw new StartupError(`中心代码 ${code} 或用户名 ${admin} 已存在`);
    throw error;
  } finally {
    await db.destroy();
  }
});
