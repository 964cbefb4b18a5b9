// The demo center's two group robots, as an admin would set them up under 设置 › 消息提醒: the sales
// group on DingTalk (signed) for holds, approvals and sites, and the finance group on WeCom for
// money, closing and the managers' weekly digest. Their addresses are placeholders: `npm run daily`
// against the demo shows what would be sent and, without a real robot behind them, what failed.
import type { AppDb } from "../../db/connection";
import { REMINDER_KINDS } from "../../app/modules/notify/kinds";
import { addRobot } from "../../app/modules/notify/robot-settings.server";
import { notificationSettings, setKind } from "../../app/modules/notify/settings.server";
import type { Scope } from "../../app/modules/auth/scope";

export const DEMO_ROBOTS = {
  sales: { name: "经营部销售群（演示）", kind: "dingtalk" as const, webhook_url: "https://oapi.dingtalk.com/robot/send?access_token=demo0sales0group0token", secret: "SECdemo0sales0group0signing0secret" },
  finance: { name: "财务群（演示）", kind: "wecom" as const, webhook_url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo-finance-group-key", secret: "" },
};

export async function seedDemoRobots(db: AppDb, admin: Scope): Promise<void> {
  for (const robot of Object.values(DEMO_ROBOTS)) {
    const added = await addRobot(db, admin, { ...robot, owner_id: "" });
    if (!added.ok) throw new Error(`示范数据：机器人“${robot.name}”未能添加`);
  }
  const { robots } = await notificationSettings(db, admin);
  const idOf = (name: string) => robots.find((r) => r.name === name)!.id;
  for (const k of REMINDER_KINDS) {
    const to = k.audience === "sales" || k.audience === "operations" ? DEMO_ROBOTS.sales.name : DEMO_ROBOTS.finance.name;
    const routed = await setKind(db, admin, k.kind, { enabled: true, perOwner: false, robotIds: [idOf(to)] });
    if (!routed.ok) throw new Error(`示范数据：提醒“${k.label}”未能设置接收机器人`);
  }
}
