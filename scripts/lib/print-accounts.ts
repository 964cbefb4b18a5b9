import type { DemoAccount } from "./demo-seed";

const ROLE_NAMES = { admin: "管理员", sales: "销售", finance: "财务", manager: "主任/经理", auditor: "审计" } as const;

export function printAccounts(accounts: DemoAccount[]) {
  console.log("\n已创建示范数据。登录账号（密码只显示这一次，请妥善保存）：");
  for (const a of accounts) {
    console.log(`  ${a.center}  ${ROLE_NAMES[a.role].padEnd(6, "　")}  用户名 ${a.username.padEnd(16)} 密码 ${a.password}`);
  }
  console.log("");
}
