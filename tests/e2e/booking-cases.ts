// Browser tests of orders and holds: a sales rep holds a face, queues a second hold behind it,
// cancels the first (the second moves up), confirms, changes a price, and meets the approval rule.
// Dates sit months ahead so the demo's own bookings never touch them.
import type { Page } from "playwright-core";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { assert, assertEqual, mainText, pathOf, screenshot, type Session, type TestCase } from "./harness";
import { shanghaiToday } from "./inventory-support";

const ORDER_PATH = /^\/orders\/[0-9A-Z]{26}$/;
export const BOOKING_UNIT = "CG-DLZ02-B";

export function buildBookingCases(s: Session): TestCase[] {
  const from = addDays(shanghaiToday(), 150); // inside the demo permits, after the demo bookings
  const to = addDays(from, 6);
  const shared: { sales?: Page; first?: string; second?: string; client?: string } = {};
  const sales = async () => (shared.sales ??= await s.loginAs("demo-sales"));
  const cases: TestCase[] = [];
  const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

  async function fillOrder(page: Page, fields: { client: string; title: string; unit: string; adCategory?: string }) {
    await page.goto("/orders/new");
    await page.locator('input[name="client"]').fill(fields.client);
    await page.locator('input[name="title"]').fill(fields.title);
    if (fields.adCategory) await page.locator('select[name="ad_category"]').selectOption({ label: fields.adCategory });
    await page.locator('input[name="unit"]').first().fill(fields.unit);
    await page.locator('input[name="start_date"]').first().fill(from);
    await page.locator('input[name="end_date"]').first().fill(to);
  }

  test("销售：新建订单，客户不存在时报错且不保存；改正后预留成功", async () => {
    const page = await sales();
    await page.goto("/clients");
    shared.client = (await page.locator("table.grid tbody tr td a").first().innerText()).trim();
    await fillOrder(page, { client: "没有这个客户", title: "端到端预留", unit: BOOKING_UNIT });
    await page.getByRole("button", { name: "预留", exact: true }).click();
    await page.getByText("没有名为“没有这个客户”的客户").waitFor();
    assertEqual(pathOf(page), "/orders/new", "出错后仍在新建页");
    assertEqual(await page.locator('input[name="unit"]').first().inputValue(), BOOKING_UNIT, "已填的广告位编号应保留");
    await page.locator('input[name="client"]').fill(shared.client);
    await page.getByRole("button", { name: "预留", exact: true }).click();
    await page.waitForURL((url) => ORDER_PATH.test(url.pathname));
    await page.getByRole("status").filter({ hasText: "订单已创建" }).waitFor();
    const text = await mainText(page);
    assert(text.includes("预留有效至"), "详情页应写明预留有效期");
    assert(/DD\d{4}-\d{6}/.test(text), "应显示订单号");
    shared.first = pathOf(page);
    await screenshot(page, "order-hold.png");
  });

  test("销售：同一广告位同一日期再预留被拒（写明广告位和日期）；勾选排队后成为第二顺位", async () => {
    assert(shared.first && shared.client, "前一个测试没能建出预留");
    const page = await sales();
    await fillOrder(page, { client: shared.client, title: "端到端排队", unit: BOOKING_UNIT });
    await page.getByRole("button", { name: "预留", exact: true }).click();
    const alert = page.locator(".banner-error", { hasText: "已满" });
    await alert.waitFor();
    const message = await alert.innerText();
    assert(message.includes(BOOKING_UNIT) && message.includes(`${from} 至 ${to}`), `拒绝信息应写明广告位和日期：${message}`);
    await page.locator('input[name="queue_if_full"]').check();
    await page.getByRole("button", { name: "预留", exact: true }).click();
    await page.waitForURL((url) => ORDER_PATH.test(url.pathname));
    await page.getByText("第2顺位").waitFor();
    await page.getByText("有投放行正在排队").waitFor();
    shared.second = pathOf(page);
    await screenshot(page, "order-queued.png");
  });

  test("销售：取消第一顺位（须填原因），排队的预留自动升位并记录", async () => {
    assert(shared.first && shared.second, "前面的测试没能建出两个预留");
    const page = await sales();
    await page.goto(shared.first);
    await page.locator('input[name="reason"]').fill("客户改期");
    await page.getByRole("button", { name: "取消订单" }).click();
    await page.getByText("订单已取消").first().waitFor();
    await page.locator(".tag", { hasText: "已取消" }).first().waitFor();
    await page.goto(shared.second);
    await page.locator("td", { hasText: "升位" }).waitFor();
    assert(!(await mainText(page)).includes("第2顺位"), "升位后不应再显示第二顺位");
  });

  test("销售：确认订单，修改成交价后合计与大写随之更新", async () => {
    assert(shared.second, "前面的测试没能建出第二个订单");
    const page = await sales();
    await page.goto(shared.second);
    await page.getByRole("button", { name: "确认订单" }).click();
    await page.getByRole("status").filter({ hasText: "订单已确认" }).waitFor();
    await page.locator(".tag", { hasText: "已确认" }).first().waitFor();
    await page.locator("table.grid").getByRole("link", { name: "修改", exact: true }).first().click();
    await page.locator("#line-form h2", { hasText: "修改投放行" }).waitFor();
    await page.locator('#line-form input[name="net"]').fill("1234.50");
    await page.getByRole("button", { name: "保存投放行" }).click();
    await page.getByRole("status").filter({ hasText: "投放行已保存" }).waitFor();
    const text = await mainText(page);
    assert(text.includes("¥1,234.50"), "成交价合计应为 ¥1,234.50");
    assert(text.includes("人民币壹仟贰佰叁拾肆元伍角"), "大写应随成交价更新");
    await screenshot(page, "order-confirmed.png");
  });

  test("销售：保健食品广告没有广告审查批准文号时不能确认，页面说明原因", async () => {
    assert(shared.client, "没有客户");
    const page = await sales();
    await fillOrder(page, { client: shared.client, title: "端到端保健食品", unit: "CG-LED01", adCategory: "保健食品（须审查）" });
    await page.locator('input[name="quantity"]').first().fill("1");
    await page.getByRole("button", { name: "预留", exact: true }).click();
    await page.waitForURL((url) => ORDER_PATH.test(url.pathname));
    await page.getByText("尚未填写广告审查批准文号，不能确认").waitFor();
    await page.getByRole("button", { name: "确认订单" }).click();
    await page.locator(".banner-error", { hasText: "须先取得广告审查批准文号" }).waitFor();
    await page.locator(".tag", { hasText: "预留" }).first().waitFor();
  });

  test("财务：可以查看订单列表和详情，但没有修改按钮", async () => {
    assert(shared.second, "没有订单");
    const page = await s.loginAs("demo-finance");
    await page.goto("/orders");
    await page.locator("table.grid tbody tr").first().waitFor();
    await page.goto(shared.second);
    assertEqual(await page.getByRole("button", { name: "取消订单" }).count(), 0, "财务不应看到取消按钮");
  });

  return cases;
}
