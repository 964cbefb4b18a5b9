// Browser tests of 设置 › 消息提醒 (issue 8): the admin adds a WeCom robot (a http:// address refused,
// the key never shown), switches and routes reminder kinds and deletes a robot, and sees in the
// outbox what the daily job sent and what the robots refused; other roles are refused the page.
// The daily job itself runs here, in the runner process, against the server's database, with msw
// standing in for the two robots (the machine has no internet, and the server must not be touched).
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import type { Locator, Page } from "playwright-core";
import { createDb, parseDatabaseUrl } from "../../db/connection";
import { type DailyReport, runDaily } from "../../app/modules/notify/daily.server";
import { RETRY_MINUTES } from "../../app/modules/notify/outbox.server";
import { todayInShanghai } from "../../app/utils/time";
import { records } from "./finance-support";
import { assert, assertEqual, expectErrorPage, hydrated, screenshot, type Session, type TestCase } from "./harness";

const PAGE = "/settings/notifications";
const SALES_ROBOT = "经营部销售群（演示）";
const FINANCE_ROBOT = "财务群（演示）";
/** The demo robots' credentials (scripts/lib/demo-seed-robots.ts): none may reach the page. */
const DEMO_SECRETS = ["demo0sales0group0token", "SECdemo0sales0group0signing0secret", "demo-finance-group-key"];
const WECOM_HOOK = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send";
const DINGTALK_HOOK = "https://oapi.dingtalk.com/robot/send";

/** The panel under an exact heading (机器人, 添加机器人, 提醒内容与接收, 发送记录). */
function panel(page: Page, heading: string): Locator {
  return page.locator("section.panel").filter({ has: page.getByRole("heading", { name: heading, exact: true }) });
}

async function openSettings(page: Page) {
  await page.goto(PAGE);
  await hydrated(page, 'select[name="owner_id"]');
}

/** The robots table as records (the address without the 更换地址 form folded under it); empty when the center has none. */
async function robotRows(page: Page): Promise<Record<string, string>[]> {
  const table = panel(page, "机器人").locator("table.grid");
  if (!(await table.count())) return [];
  return (await records(table)).map((r) => ({ ...r, "Webhook 地址": r["Webhook 地址"].replace(/更换地址.*$/, "") }));
}

async function fillRobot(page: Page, robot: { name: string; kind: "wecom" | "dingtalk"; url: string; secret?: string }) {
  const form = panel(page, "添加机器人");
  await form.locator('input[name="name"]').fill(robot.name);
  await form.locator('select[name="kind"]').selectOption(robot.kind);
  await form.locator('input[name="webhook_url"]').fill(robot.url);
  await form.locator('input[name="secret"]').fill(robot.secret ?? "");
}

/** Submits the add form and returns the HTTP status of the post. */
async function submitRobot(page: Page): Promise<number> {
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith(PAGE));
  await panel(page, "添加机器人").getByRole("button", { name: "添加", exact: true }).click();
  return (await answer).status();
}

async function deleteRobot(page: Page, name: string) {
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  await panel(page, "机器人").locator("tr", { hasText: name }).getByRole("button", { name: "删除", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("done") === "remove_robot");
  await page.getByRole("status").filter({ hasText: "机器人已删除。" }).waitFor();
  assertEqual(asked, `删除机器人“${name}”及其提醒设置？`, "删除前的确认");
}

/** Saves one row of 提醒内容与接收 and reloads the page, so what is checked next comes from the database. */
async function saveRow(page: Page, label: string) {
  await panel(page, "提醒内容与接收").locator("tr", { hasText: label }).getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("done") === "set_routes");
  await page.getByRole("status").filter({ hasText: "提醒设置已保存。" }).waitFor();
  await openSettings(page);
}

const box = (page: Page, name: string) => page.getByRole("checkbox", { name, exact: true });

/** The page as served (markup and loader data), and the DOM now: neither may hold a secret. */
async function assertNoSecrets(page: Page, secrets: string[], where: string) {
  const served = await (await page.request.get(PAGE)).text();
  const dom = await page.content();
  for (const secret of secrets) {
    assert(!served.includes(secret), `${where}：服务器返回的页面含有密钥 ${secret}`);
    assert(!dom.includes(secret), `${where}：页面 DOM 含有密钥 ${secret}`);
  }
}

export function buildNotifyCases(s: Session, databaseUrl: string): TestCase[] {
  const tag = String(Date.now() % 100000);
  const cases: TestCase[] = [];
  const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

  test("管理员添加企业微信机器人：http:// 地址被拒（中文提示，未添加）；https 地址添加后只显示 key=***，页面中没有密钥；测试消息显示失败原因且不含密钥；更换地址（错误地址在该行提示）、停用再启用", async () => {
    const page = await s.loginAs("demo-admin");
    await page.locator("nav.mainnav").getByRole("link", { name: "设置", exact: true }).click();
    await page.locator("nav.tabs").getByRole("link", { name: "消息提醒", exact: true }).click();
    await page.waitForURL((url) => url.pathname === PAGE);
    await hydrated(page, 'select[name="owner_id"]');
    const before = await robotRows(page);
    const name = `企微测试群${tag}`;
    const key = `9f3c7a21-4b6e-4d0a-b8e5-${tag.padStart(5, "0")}2c1f0e9`;

    await fillRobot(page, { name, kind: "wecom", url: `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}` });
    assertEqual(await submitRobot(page), 400, "http:// 地址提交的 HTTP 状态");
    const urlField = panel(page, "添加机器人").locator("label.field", { has: page.locator('input[name="webhook_url"]') });
    assertEqual((await urlField.getByRole("alert").innerText()).trim(), "企业微信机器人的 Webhook 地址必须以 https:// 开头", "Webhook 地址旁的提示");
    assertEqual(await panel(page, "添加机器人").locator('input[name="name"]').inputValue(), name, "被拒后名称保留");
    assertEqual(await robotRows(page), before, "被拒后机器人列表不变");
    await openSettings(page);
    assertEqual(await robotRows(page), before, "重新打开后机器人列表不变");

    await fillRobot(page, { name, kind: "wecom", url: `${WECOM_HOOK}?key=${key}` });
    const added = await submitRobot(page);
    assert(added < 400, `https 地址提交的 HTTP 状态：${added}`);
    await page.waitForURL((url) => url.searchParams.get("done") === "add_robot");
    await page.getByRole("status").filter({ hasText: "机器人已添加。" }).waitFor();
    const row = (await robotRows(page)).find((r) => r["名称"] === name);
    assert(row, `机器人列表中应有“${name}”`);
    assertEqual(
      [row["类型"], row["Webhook 地址"], row["签名"], row["所属"]],
      ["企业微信", `${WECOM_HOOK}?key=***`, "—", "群机器人"],
      "新机器人的类型、地址（已掩码）、签名、所属",
    );
    assertEqual((await robotRows(page)).length, before.length + 1, "机器人多了一个");
    await assertNoSecrets(page, [key, ...DEMO_SECRETS], "添加后");

    // The server cannot reach WeCom: the answer shown is the failure, with the key masked.
    const robotRow = panel(page, "机器人").locator("tr", { hasText: name });
    await hydrated(page, "form.inline-form button.linklike");
    await robotRow.getByRole("button", { name: "发送测试消息", exact: true }).click();
    const answer = robotRow.getByRole("status");
    await answer.waitFor({ timeout: 20_000 });
    const text = (await answer.innerText()).trim();
    assert(/^无法连接企业微信机器人（.+），稍后重试$|^企业微信机器人在 \d+ 毫秒内无答复/.test(text), `测试消息的答复应为连接失败：${text}`);
    assertEqual(await answer.getAttribute("class"), "danger-text small", "失败答复以警示色显示");
    assert(!text.includes(key), `测试消息的答复不应含密钥：${text}`);
    await assertNoSecrets(page, [key], "测试消息后");

    // A rotated key: a bad address is refused in the robot's row and changes nothing; a good one
    // is shown masked. Then the robot is paused and resumed.
    const rotated = `0d9e8f7a-6b5c-4d3e-8f2a-${tag.padStart(5, "0")}7c6b5a4`;
    await robotRow.locator("summary", { hasText: "更换地址" }).click();
    await page.getByLabel(`${name}的新 Webhook 地址`, { exact: true }).fill(WECOM_HOOK);
    await robotRow.getByRole("button", { name: "保存新地址", exact: true }).click();
    assertEqual((await robotRow.getByRole("alert").innerText()).trim(), "企业微信机器人的 Webhook 地址缺少 key 参数，请从群机器人设置中完整复制", "新地址被拒的提示在该机器人一行");
    await page.getByLabel(`${name}的新 Webhook 地址`, { exact: true }).fill(`${WECOM_HOOK}?key=${rotated}`);
    await robotRow.getByRole("button", { name: "保存新地址", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("done") === "replace_webhook");
    await page.getByRole("status").filter({ hasText: "Webhook 地址已更换。" }).waitFor();
    assertEqual((await robotRows(page)).find((r) => r["名称"] === name)?.["Webhook 地址"], `${WECOM_HOOK}?key=***`, "更换后的地址已掩码");
    await assertNoSecrets(page, [key, rotated], "更换地址后");
    await hydrated(page, "form.inline-form button.linklike");
    await robotRow.getByRole("button", { name: "停用", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("done") === "pause_robot");
    await robotRow.getByRole("button", { name: "启用", exact: true }).waitFor();
    assert((await robotRow.locator("td").first().innerText()).includes("已停用"), "停用的机器人标明已停用");
    await robotRow.getByRole("button", { name: "启用", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("done") === "resume_robot");
    await robotRow.getByRole("button", { name: "停用", exact: true }).waitFor();

    await deleteRobot(page, name);
    assertEqual(await robotRows(page), before, "删除后机器人列表复原");
  });

  test("管理员设置提醒：关闭一种、另一种改为按负责人、一种加发新机器人，保存后重新打开仍保持；删除机器人后其接收设置随之删除", async () => {
    const page = await s.loginAs("demo-admin");
    await openSettings(page);
    const name = `钉钉测试群${tag}`;
    const token = `a7c4e19b0d2f${tag}5e8a1c3b7d9f0e2a4c6`;
    const secret = `SEC${tag}f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0`;
    await fillRobot(page, { name, kind: "dingtalk", url: `${DINGTALK_HOOK}?access_token=${token}`, secret });
    await submitRobot(page);
    await page.getByRole("status").filter({ hasText: "机器人已添加。" }).waitFor();
    const row = (await robotRows(page)).find((r) => r["名称"] === name);
    assertEqual([row?.["类型"], row?.["Webhook 地址"], row?.["签名"]], ["钉钉", `${DINGTALK_HOOK}?access_token=***`, "已设置"], "钉钉机器人的类型、地址、签名");
    await assertNoSecrets(page, [token, secret], "添加钉钉机器人后");

    // The same name again is refused beside the name, and nothing is added.
    const count = (await robotRows(page)).length;
    await hydrated(page, 'select[name="owner_id"]');
    await fillRobot(page, { name, kind: "dingtalk", url: `${DINGTALK_HOOK}?access_token=other${token}` });
    assertEqual(await submitRobot(page), 400, "重名提交的 HTTP 状态");
    const nameField = panel(page, "添加机器人").locator("label.field", { has: page.locator('input[name="name"]') });
    assertEqual((await nameField.getByRole("alert").innerText()).trim(), `已有名为“${name}”的机器人`, "名称旁的提示");
    assertEqual((await robotRows(page)).length, count, "重名时未添加");

    const off = "维护期已过仍未恢复";
    const perOwner = "预留 48 小时内到期";
    const routed = "场地租约 30/60/90 天内到期";
    await openSettings(page);
    assert(await box(page, `${off} 开启`).isChecked(), `“${off}”原为开启`);
    assert(!(await box(page, `${perOwner} 按负责人`).isChecked()), `“${perOwner}”原不按负责人`);
    assertEqual(await box(page, `${off} 按负责人`).count(), 0, "运营提醒没有“按负责人”");
    assertEqual(await box(page, `${routed} → ${name}`).isChecked(), false, "新机器人原未接收租约提醒");

    await box(page, `${off} 开启`).uncheck();
    await saveRow(page, off);
    assertEqual(await box(page, `${off} 开启`).isChecked(), false, `重新打开后“${off}”仍为关闭`);
    assert((await panel(page, "提醒内容与接收").locator("tr", { hasText: off }).getAttribute("class"))?.includes("muted"), "关闭的提醒以灰色显示");

    await box(page, `${perOwner} 按负责人`).check();
    await saveRow(page, perOwner);
    assertEqual(await box(page, `${perOwner} 按负责人`).isChecked(), true, `重新打开后“${perOwner}”仍按负责人`);
    assertEqual(await box(page, `${perOwner} 开启`).isChecked(), true, `“${perOwner}”仍开启`);
    assertEqual(await box(page, `${off} 开启`).isChecked(), false, `保存另一行后“${off}”仍为关闭`);

    await box(page, `${routed} → ${name}`).check();
    await saveRow(page, routed);
    assertEqual(
      [await box(page, `${routed} → ${name}`).isChecked(), await box(page, `${routed} → ${SALES_ROBOT}`).isChecked(), await box(page, `${routed} → ${FINANCE_ROBOT}`).isChecked()],
      [true, true, false],
      "租约提醒发往新机器人，并仍发往销售群",
    );

    // Put the demo's switches back, so that the daily job of the next case sees the demo's routing.
    await box(page, `${off} 开启`).check();
    await saveRow(page, off);
    await box(page, `${perOwner} 按负责人`).uncheck();
    await saveRow(page, perOwner);
    assertEqual([await box(page, `${off} 开启`).isChecked(), await box(page, `${perOwner} 按负责人`).isChecked()], [true, false], "恢复后的开关");

    await deleteRobot(page, name);
    assertEqual((await robotRows(page)).some((r) => r["名称"] === name), false, "删除后机器人不在列表中");
    assertEqual(await box(page, `${routed} → ${name}`).count(), 0, "接收设置中不再有该机器人");
    assertEqual(await box(page, `${routed} → ${SALES_ROBOT}`).isChecked(), true, "租约提醒仍发往销售群");
  });

  test("发送记录：每日提醒由钉钉机器人收下的显示“已发送”，企业微信机器人拒绝的重试到上限后显示“失败”及 errcode 93000；条数与任务结果一致，页面中没有密钥", async () => {
    // The demo's finance kinds may have nothing to say today (e.g. once last month is closed), so a
    // WeCom robot of this case also gets the permit reminders, which the demo has every day.
    const page = await s.loginAs("demo-admin");
    await openSettings(page);
    const wecomName = `企微提醒群${tag}`;
    const wecomKey = `5d1e8c0a-77b3-4f29-9e6d-${tag.padStart(5, "0")}b4a81c2`;
    const permits = "设置许可 30/60/90 天内到期";
    await fillRobot(page, { name: wecomName, kind: "wecom", url: `${WECOM_HOOK}?key=${wecomKey}` });
    await submitRobot(page);
    await page.getByRole("status").filter({ hasText: "机器人已添加。" }).waitFor();
    await openSettings(page);
    await box(page, `${permits} → ${wecomName}`).check();
    await saveRow(page, permits);
    assertEqual([await box(page, `${permits} → ${wecomName}`).isChecked(), await box(page, `${permits} → ${SALES_ROBOT}`).isChecked()], [true, true], "许可提醒发往销售群和本例的企业微信机器人");

    const seen = { dingtalk: 0, wecom: 0 };
    const robots = setupServer(
      http.post(DINGTALK_HOOK, () => {
        seen.dingtalk++;
        return HttpResponse.json({ errcode: 0, errmsg: "ok" });
      }),
      http.post(WECOM_HOOK, () => {
        seen.wecom++;
        return HttpResponse.json({ errcode: 93000, errmsg: "invalid webhook url" });
      }),
    );
    // Every refusal is retried (RETRY_MINUTES) before it fails for good: the first run sends, later
    // runs on a clock moved past each wait make the further attempts, as the server's schedule would.
    const db = createDb(parseDatabaseUrl(databaseUrl));
    const runs: DailyReport[] = [];
    const today = todayInShanghai();
    robots.listen({ onUnhandledRequest: "error" });
    try {
      const admin = await db.selectFrom("users").select("center_id").where("username", "=", "demo-admin").executeTakeFirstOrThrow();
      let clock = Date.now();
      runs.push(await runDaily(db, { centerIds: [admin.center_id], today }));
      for (const minutes of RETRY_MINUTES) {
        clock += minutes * 60_000 + 1000;
        const at = new Date(clock).toISOString();
        runs.push(await runDaily(db, { centerIds: [admin.center_id], today, now: () => at }));
      }
    } finally {
      robots.close();
      await db.destroy();
    }
    const [first, ...later] = runs;
    const last = runs[runs.length - 1];
    const sent = runs.reduce((n, r) => n + r.sent, 0);
    const failed = runs.reduce((n, r) => n + r.failed, 0);
    assertEqual(first.centers, 1, "任务处理的中心数");
    assert(first.sent > 0 && first.retrying > 0, `示范中心应既有发往钉钉群的、也有发往企业微信群的提醒：${JSON.stringify(first)}`);
    assertEqual([first.queued, first.failed], [first.sent + first.retrying, 0], "首次运行：新排队 = 已发送 + 待重试");
    assertEqual(later.map((r) => [r.queued, r.sent]), later.map(() => [0, 0]), "重试时不再排队、不重复发送");
    assertEqual([sent, failed, last.retrying], [first.sent, first.retrying, 0], "最终：已发送、失败、待重试");
    assertEqual(last.failures.map((f) => `${f.robotName === FINANCE_ROBOT || f.robotName === wecomName ? "企业微信" : f.robotName}|${f.error}`), last.failures.map(() => "企业微信|机器人拒绝：errcode 93000 invalid webhook url"), "任务报告的失败");
    const attempts = RETRY_MINUTES.length + 1;
    assertEqual([seen.dingtalk, seen.wecom], [first.sent, first.retrying * attempts], "机器人收到的请求数（钉钉、企业微信）");
    assert(first.queued <= 50, `发送记录只列最近 50 条，本次排队 ${first.queued} 条`);

    await openSettings(page);
    const log = panel(page, "发送记录");
    // The hint's wording may change; its two counts (not yet sent, failed) are what is checked.
    const hint = (await log.locator("p.muted").innerText()).trim();
    assertEqual(/(\d+) 条，失败 (\d+) 条/.exec(hint)?.slice(1).map(Number), [0, failed], `发送记录的说明（未发出、失败）：${hint}`);
    const rows = await records(log.locator("table.grid"));
    const sales = rows.filter((r) => r["机器人"] === SALES_ROBOT);
    const wecom = rows.filter((r) => r["机器人"] === FINANCE_ROBOT || r["机器人"] === wecomName);
    const ours = rows.filter((r) => r["机器人"] === wecomName);
    assertEqual([sales.length, wecom.length, rows.length], [sent, failed, first.queued], "发送记录条数（钉钉销售群、企业微信群、合计）");
    const isPermit = (r: Record<string, string>) => /^设置许可 \d+ 天内到期：/.test(r["内容"]);
    assert(ours.length > 0 && ours.every(isPermit), `本例的企业微信机器人收到的是许可提醒：${JSON.stringify(ours)}`);
    assertEqual(ours.length, sales.filter(isPermit).length, "许可提醒两个群各一条");
    assertEqual([...new Set(sales.map((r) => `${r["状态"]}|${r["尝试次数"]}|${r["错误信息"]}`))], ["已发送|1|—"], "钉钉销售群的记录");
    assertEqual([...new Set(wecom.map((r) => `${r["状态"]}|${r["尝试次数"]}|${r["错误信息"]}`))], [`失败|${attempts}|机器人拒绝：errcode 93000 invalid webhook url`], "企业微信群的记录");
    assert(rows.every((r) => r["内容"] && r["内容"] !== "—" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(r["排队时间"])), `每条记录有内容和排队时间：${JSON.stringify(rows[0])}`);
    assert(ours.every((r) => r["发出 / 下次尝试"] === "—"), `失败的记录没有发出时间：${JSON.stringify(ours[0])}`);
    assert(sales.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 发出$/.test(r["发出 / 下次尝试"])), `已发送的记录有发出时间：${JSON.stringify(sales[0])}`);
    assertEqual(await log.locator("td.danger-text").count(), failed, "失败以警示色显示");
    await assertNoSecrets(page, [wecomKey, ...DEMO_SECRETS], "发送记录");
    await screenshot(page, "settings-notifications.png");
  });

  test("非管理员（财务、销售、经理）打开 /settings/notifications 得到 403，提交添加机器人也被拒", async () => {
    for (const user of ["demo-finance", "demo-sales", "demo-manager"]) {
      const page = await s.loginAs(user);
      const response = await page.goto(PAGE);
      assertEqual(response?.status(), 403, `${user} 打开消息提醒的 HTTP 状态`);
      await expectErrorPage(page, 403, "无权操作");
      const post = await page.request.post(PAGE, {
        headers: { Origin: s.baseUrl },
        form: { intent: "add_robot", name: `越权机器人${tag}`, kind: "wecom", webhook_url: `${WECOM_HOOK}?key=forbidden${tag}`, secret: "", owner_id: "" },
      });
      assertEqual(post.status(), 403, `${user} 提交添加机器人的 HTTP 状态`);
    }
    const admin = await s.loginAs("demo-admin");
    await openSettings(admin);
    assertEqual((await robotRows(admin)).filter((r) => r["名称"].startsWith("越权机器人")), [], "没有越权添加的机器人");
  });

  return cases;
}
