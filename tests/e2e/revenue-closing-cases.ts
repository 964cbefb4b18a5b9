// Browser tests of month closing and of who sees 报表: finance closes last month and is then refused
// a payment dated in it (the payment list unchanged); sales have no 报表 and are refused its pages
// and downloads.
import { assert, assertEqual, expectErrorPage, hydrated, listTotal, pathOf, readNav, type Session, type TestCase } from "./harness";
import { records } from "./finance-support";
import { shanghaiToday } from "./inventory-support";
import { addMonths } from "./revenue-support";

/** The demo client the refused payment is for. */
const WATER_WORKS = "示范县自来水有限公司";

export function buildRevenueClosingCases(s: Session): TestCase[] {
  const thisMonth = shanghaiToday().slice(0, 7);
  const lastMonth = addMonths(thisMonth, -1);
  const twoMonthsAgo = addMonths(thisMonth, -2);
  const tag = String(Date.now() % 100000);
  const cases: TestCase[] = [];
  const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

  test("财务：月度关账——两个月前及以前已关账；关闭上月后，登记日期在上月的收款被拒（提示已关账），收款列表不变", async () => {
    const page = await s.loginAs("demo-finance");
    await page.locator("nav.mainnav").getByRole("link", { name: "财务", exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/finance"));
    await page.locator("nav.tabs").getByRole("link", { name: "月度关账", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/finance/closing");
    await page.locator(".page-head h2", { hasText: "月度关账" }).waitFor();
    const status = page.locator(".closing-status");
    assert((await status.innerText()).startsWith(`${twoMonthsAgo} 及以前已关账`), `关账状态：${await status.innerText()}`);
    const months = await records(page.locator(".revenue-page table.grid").last());
    const state = (m: string) => months.find((r) => r["月份"] === m)?.["状态"];
    assertEqual([state(lastMonth), state(twoMonthsAgo), state(addMonths(thisMonth, -3))], ["未关账", "已关账", "已关账"], "上月、两个月前、三个月前的状态");

    // Close last month (the form asks first).
    await hydrated(page, 'select[name="month"]');
    assertEqual(await page.locator('select[name="month"] option').allInnerTexts(), [lastMonth], "可关账的月份只有上月");
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page.getByRole("button", { name: "关账", exact: true }).click();
    await page.getByRole("status").filter({ hasText: `已关账至 ${lastMonth}。` }).waitFor();
    assert(asked.includes(`确认关闭 ${lastMonth} 及以前的所有月份`), `关账前的确认：${asked}`);
    assert((await status.innerText()).startsWith(`${lastMonth} 及以前已关账`), `关账后的状态：${await status.innerText()}`);
    await page.getByText(`上月（${lastMonth}）及以前均已关账，暂无可关账的月份。`).waitFor();
    const after = await records(page.locator(".revenue-page table.grid").last());
    assertEqual(after.find((r) => r["月份"] === lastMonth)?.["状态"], "已关账", "上月已关账");

    // A payment dated in the month just closed.
    await page.locator("nav.tabs").getByRole("link", { name: "收款", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/finance/payments");
    const count = await listTotal(page);
    const collected = (await page.locator(".stat").first().innerText()).replace(/\s+/g, " ");
    await page.getByRole("link", { name: "登记收款", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/finance/payments/new");
    await hydrated(page, "select.client-select");
    const option = await page.locator("select.client-select option").evaluateAll(
      (opts, name) => (opts as HTMLOptionElement[]).find((o) => o.textContent?.startsWith(name))?.value ?? "",
      WATER_WORKS,
    );
    assert(option, `客户列表中应有“${WATER_WORKS}”`);
    await page.locator("select.client-select").selectOption(option);
    await page.waitForURL((url) => url.searchParams.get("client") === option);
    await hydrated(page, 'input[name="amount"]');
    const day = `${lastMonth}-15`;
    await page.locator('input[name="received_on"]').fill(day);
    await page.locator('input[name="amount"]').fill("1234.56");
    await page.getByRole("radio", { name: "暂不分配" }).check();
    await page.locator('input[name="reference"]').fill(`GZ${tag}`);
    await page.getByRole("button", { name: "登记收款", exact: true }).click();
    const refusal = (await page.getByRole("alert").filter({ hasText: "已关账" }).first().innerText()).trim();
    assert(refusal.includes(`收款日期所在月份已关账（${lastMonth} 及以前已关账）`), `拒绝的提示：${refusal}`);
    assertEqual(pathOf(page), "/finance/payments/new", "被拒后仍在登记页");
    assertEqual(await page.locator('input[name="received_on"]').inputValue(), day, "填写的日期保留");

    await page.goto("/finance/payments");
    assertEqual(await listTotal(page), count, "收款笔数不变");
    assertEqual((await page.locator(".stat").first().innerText()).replace(/\s+/g, " "), collected, "实收金额不变");
    assertEqual(await page.getByText(`GZ${tag}`).count(), 0, "列表中没有被拒的那笔");
  });

  test("销售：导航没有“报表”，打开 /reports/income 和收入目标得到 403，导出也被拒", async () => {
    const page = await s.loginAs("demo-sales");
    const nav = (await readNav(page)).map((n) => n.label);
    assert(nav.length > 0 && !nav.includes("报表"), `销售的导航不应有“报表”：${nav.join("、")}`);
    for (const where of ["/reports/income", "/reports/targets", "/reports/dashboard"]) {
      await page.goto(where);
      await expectErrorPage(page, 403, "无权操作");
    }
    const file = await page.request.get("/reports/income.xlsx");
    assertEqual(file.status(), 403, "销售下载收入明细表");
    await page.goto("/");
    await page.locator("h1", { hasText: "您好" }).waitFor();
    assertEqual(await page.locator(".dashboard").count(), 0, "销售的首页没有经营看板");
  });

  return cases;
}
