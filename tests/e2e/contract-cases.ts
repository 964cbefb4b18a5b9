// Browser tests of service contracts: a sales rep records a milestone contract (and is refused a
// schedule that does not add up to 100%), a monthly O&M contract that needs a manager's approval,
// records an acceptance, and finds them again with the list's filters. Permissions, scans and
// renewal are in contract-more-cases.ts. Money is worked out here by hand, not with the app's code.
import type { Locator, Page } from "playwright-core";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { assert, assertEqual, hydrated, pathOf, screenshot, type Session, type TestCase } from "./harness";
import { shanghaiToday } from "./inventory-support";

export const CONTRACT_PATH = /^\/contracts\/[0-9A-Z]{26}$/;

/** 10000001 → "¥100,000.01" */
export function yuan(fen: number): string {
  return `¥${Math.floor(fen / 100).toLocaleString("en-US")}.${String(fen % 100).padStart(2, "0")}`;
}

/** Days in month `m` (1–12) of `y`. */
function monthDays(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** fee × days ÷ monthDays, rounded half-up to the fen. */
function prorate(feeFen: number, days: number, ofDays: number): number {
  return Math.floor((2 * feeFen * days + ofDays) / (2 * ofDays));
}

/** The two definition panels of a contract page (合同信息, 金额与税务) as label → text. */
export async function facts(page: Page): Promise<Record<string, string>> {
  return page.locator("dl.deflist > div").evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [(r.querySelector("dt")?.textContent ?? "").trim(), (r.querySelector("dd")?.textContent ?? "").trim()])),
  );
}

/** The cells of each body row of `table`. */
export async function tableRows(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim())));
}

/** A panel by its heading. */
export function panel(page: Page, heading: string) {
  return page.locator(".panel", { has: page.locator("h2", { hasText: heading }) });
}

/** Clicks one of the contract's move buttons (提交签订, 开始履行 …) and waits for its notice. */
export async function move(page: Page, button: string, notice: string) {
  await hydrated(page, "h1");
  await page.getByRole("button", { name: button, exact: true }).click();
  await page.getByRole("status").filter({ hasText: notice }).waitFor();
}

export interface Header {
  title: string;
  client: string;
  category: string;
  pricing?: "按里程碑" | "按月服务费" | "按工作量";
  signedOn: string;
  start: string;
  end: string;
}

/** /contracts/new with the header filled in; waits for React first, since the pricing select is its state. */
export async function newContract(page: Page, h: Header) {
  await page.goto("/contracts/new");
  await hydrated(page, 'select[name="pricing"]');
  await page.locator('input[name="title"]').fill(h.title);
  await page.locator('input[name="client"]').fill(h.client);
  await page.locator('select[name="category_id"]').selectOption({ label: h.category });
  if (h.pricing && h.pricing !== "按里程碑") await page.locator('select[name="pricing"]').selectOption({ label: h.pricing });
  await page.locator('input[name="signed_on"]').fill(h.signedOn);
  await page.locator('input[name="start_date"]').fill(h.start);
  await page.locator('input[name="end_date"]').fill(h.end);
}

/** Types milestone rows, adding rows with 添加一行 when the editor shows fewer. */
export async function fillMilestones(page: Page, rows: [name: string, percent: string, date: string][]) {
  const names = page.locator('input[name="ms_name"]');
  while ((await names.count()) < rows.length) {
    const before = await names.count();
    await page.getByRole("button", { name: "添加一行", exact: true }).click();
    await names.nth(before).waitFor();
  }
  for (const [i, [name, percent, date]] of rows.entries()) {
    await names.nth(i).fill(name);
    await page.locator('input[name="ms_percent"]').nth(i).fill(percent);
    await page.locator('input[name="ms_date"]').nth(i).fill(date);
  }
}

export async function saveNew(page: Page) {
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL((url) => CONTRACT_PATH.test(url.pathname));
  await page.getByRole("status").filter({ hasText: "合同已保存为草拟" }).waitFor();
}

export function buildContractCases(s: Session): TestCase[] {
  const today = shanghaiToday();
  const tag = String(Date.now() % 100000);
  const shared: { sales?: Page; milestone?: { title: string; path: string }; monthly?: { title: string; path: string; number: string } } = {};
  const sales = async () => (shared.sales ??= await s.loginAs("demo-sales"));
  const cases: TestCase[] = [];
  const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });
  const msHeader = (title: string): Header => ({
    title, client: "示范县教育局", category: "技术服务/客户端开发", signedOn: today, start: today, end: addDays(today, 200),
  });

  test("合同：销售新建里程碑合同（用“添加一行”），三个里程碑金额合计恰为合同金额（末期取余额）", async () => {
    const page = await sales();
    await page.locator("nav.mainnav").getByRole("link", { name: "合同", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/contracts");
    await page.getByRole("link", { name: "新建合同" }).click();
    await page.waitForURL((url) => url.pathname === "/contracts/new");
    const title = `端到端家校通App开发${tag}`;
    await newContract(page, msHeader(title));
    await page.locator('input[name="amount"]').fill("100000.01");
    // Four rows on screen (three to start, one added); the blank fourth is not a milestone.
    await page.getByRole("button", { name: "添加一行", exact: true }).click();
    assertEqual(await page.locator('input[name="ms_name"]').count(), 4, "添加一行后的里程碑行数");
    await fillMilestones(page, [["签约预付款", "30", addDays(today, 10)], ["上线试运行", "40", addDays(today, 100)], ["终验", "30", addDays(today, 190)]]);
    await page.locator(".rows-editor tfoot", { hasText: "合计 100%" }).waitFor();
    await saveNew(page);
    const f = await facts(page);
    assertEqual(f["状态"], "草拟", "新合同的状态");
    assertEqual(f["客户"], "示范县教育局", "客户");
    assertEqual(f["收入类别"], "技术服务/客户端开发", "收入类别");
    assertEqual(f["合同期"], `${today} ~ ${addDays(today, 200)}`, "合同期");
    assert(f["合同金额"].startsWith("¥100,000.01"), `合同金额：${f["合同金额"]}`);
    const rows = await tableRows(page.locator("table.milestones"));
    assertEqual(rows.map((r) => [r[1], r[3], r[4]]), [
      ["签约预付款", "¥30,000.00", addDays(today, 10)],
      ["上线试运行", "¥40,000.00", addDays(today, 100)],
      ["终验", "¥30,000.01", addDays(today, 190)],
    ], "里程碑（名称、金额、计划日期）");
    assertEqual((await page.locator("table.milestones tfoot th.num").innerText()).trim(), "¥100,000.01", "里程碑金额合计");
    shared.milestone = { title, path: pathOf(page) };
    await screenshot(page, "contract-milestones.png");
  });

  test("合同：里程碑比例合计 90% → 400，写明“现为 90%”，已填的行都保留", async () => {
    const page = await sales();
    const title = `端到端比例不足${tag}`;
    await newContract(page, msHeader(title));
    await page.locator('input[name="amount"]').fill("50000");
    const typed: [string, string, string][] = [["预付", "30", addDays(today, 5)], ["交付", "40", addDays(today, 90)], ["终验", "20", addDays(today, 180)]];
    await fillMilestones(page, typed);
    await page.locator(".rows-editor tfoot td.warn", { hasText: "合计 90%" }).waitFor();
    const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/contracts/new"));
    await page.getByRole("button", { name: "保存", exact: true }).click();
    assertEqual((await answer).status(), 400, "提交的 HTTP 状态");
    await page.getByRole("alert").filter({ hasText: "里程碑比例合计应为 100%，现为 90%" }).waitFor();
    assertEqual(pathOf(page), "/contracts/new", "出错后仍在新建页");
    const kept = await page.locator(".rows-editor tbody tr").evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("input")).map((i) => i.value)).filter((r) => r.some(Boolean)),
    );
    assertEqual(kept, typed, "已填的里程碑行");
    assertEqual(await page.locator('input[name="title"]').inputValue(), title, "合同名称应保留");
    assertEqual(await page.locator('input[name="amount"]').inputValue(), "50000", "合同金额应保留");
    await screenshot(page, "contract-form-percent-error.png");
  });

  test("合同：按月服务费 8000 元、15 日起一年，首尾月按天折算；超过 5 万待审批，主任在首页批准，销售开始履行", async () => {
    const page = await sales();
    const [y, m] = today.split("-").map(Number);
    const ny = m === 12 ? y + 1 : y;
    const nm = m === 12 ? 1 : m + 1;
    const mm = String(nm).padStart(2, "0");
    const start = `${ny}-${mm}-15`;
    const end = `${ny + 1}-${mm}-14`;
    const title = `端到端融媒平台运维${tag}`;
    await newContract(page, { title, client: "示范县农商银行", category: "技术服务/系统运维", pricing: "按月服务费", signedOn: today, start, end });
    await page.locator('input[name="monthly_fee"]').fill("8000");
    assertEqual(await page.locator('input[name="ms_name"]').count(), 0, "按月服务费不应有里程碑行");
    await saveNew(page);

    const firstDays = monthDays(ny, nm) - 14;
    const first = prorate(800_000, firstDays, monthDays(ny, nm));
    const last = prorate(800_000, 14, monthDays(ny + 1, nm));
    const total = first + 11 * 800_000 + last;
    const months = await tableRows(panel(page, "月度服务费").locator("table.grid"));
    assertEqual(months.length, 13, "月度服务费的月数");
    assertEqual(months[0], [`${ny}-${mm}`, `${start} ~ ${ny}-${mm}-${monthDays(ny, nm)}`, `${firstDays}/${monthDays(ny, nm)}`, yuan(first)], "首月（折算）");
    assertEqual(months[1][3], "¥8,000.00", "整月");
    assertEqual(months[12], [`${ny + 1}-${mm}`, `${ny + 1}-${mm}-01 ~ ${end}`, `14/${monthDays(ny + 1, nm)}`, yuan(last)], "末月（折算）");
    assertEqual((await panel(page, "月度服务费").locator("tfoot th.num").innerText()).trim(), yuan(total), "月度服务费合计");
    const f = await facts(page);
    assert(f["合同金额"].startsWith(yuan(total)), `合同金额应为各月合计 ${yuan(total)}：${f["合同金额"]}`);
    assertEqual(f["月服务费（元）"], "¥8,000.00", "月服务费");
    await screenshot(page, "contract-monthly.png");

    await move(page, "提交签订", "已提交签订");
    assertEqual((await facts(page))["状态"], "待审批", "超过审批金额后的状态");
    await page.locator(".banner-warn", { hasText: "等待主任/经理审批签订" }).waitFor();
    assertEqual(await page.getByRole("button", { name: "批准签订" }).count(), 0, "销售不应看到“批准签订”");
    const number = (await facts(page))["合同编号"];
    shared.monthly = { title, path: pathOf(page), number };

    const manager = await s.loginAs("demo-manager");
    const pending = panel(manager, "待审批的合同");
    const row = pending.locator("tr", { hasText: number });
    await row.waitFor();
    assert((await row.innerText()).includes(yuan(total)), `待审批一行应显示金额 ${yuan(total)}：${await row.innerText()}`);
    await screenshot(manager, "contract-pending-home.png");
    await row.getByRole("link", { name: number }).click();
    await manager.waitForURL((url) => url.pathname === shared.monthly?.path);
    await move(manager, "批准签订", "已批准签订");
    const approved = await facts(manager);
    assertEqual(approved["状态"], "已签订", "批准后的状态");
    assert(approved["签订审批"].startsWith("黄主任 · "), `签订审批应写明审批人：${approved["签订审批"]}`);
    await screenshot(manager, "contract-approved.png");
    await manager.goto("/");
    assertEqual(await panel(manager, "待审批的合同").locator("tr", { hasText: number }).count(), 0, "批准后不应再在待审批中");

    await page.goto(shared.monthly.path);
    await move(page, "开始履行", "合同已开始履行");
    assertEqual((await facts(page))["状态"], "履行中", "开始履行后的状态");
  });

  test("合同：5 万以下直接签订；开始履行后登记第 1 个里程碑验收，显示登记人，已可开票金额等于该里程碑金额", async () => {
    const page = await sales();
    await newContract(page, { ...msHeader(`端到端小程序改版${tag}`), client: "青山茶业有限公司" });
    await page.locator('input[name="amount"]').fill("20000");
    await fillMilestones(page, [["首期交付", "40", addDays(today, 1)], ["终验", "60", addDays(today, 120)]]);
    await saveNew(page);
    await move(page, "提交签订", "已提交签订");
    assertEqual((await facts(page))["状态"], "已签订", "5 万以下提交后的状态");
    await move(page, "开始履行", "合同已开始履行");
    assertEqual((await facts(page))["已可开票金额"], "¥0.00", "验收前的已可开票金额");
    const first = page.locator("table.milestones tbody tr").first();
    await first.locator('input[name="note"]').fill(`验收单 YS-${tag}`);
    await first.getByRole("button", { name: "登记验收" }).click();
    await page.getByRole("status").filter({ hasText: "验收已登记" }).waitFor();
    const cells = (await tableRows(page.locator("table.milestones")))[0];
    assertEqual(cells[3], "¥8,000.00", "第 1 个里程碑金额");
    assert(cells[6].startsWith(`${today} 验收 · 张销售 于 `), `验收一栏应写明日期和登记人：${cells[6]}`);
    assert(cells[6].includes(`验收单 YS-${tag}`), `验收一栏应显示说明：${cells[6]}`);
    assertEqual(cells[5], today, "交付日期随验收填上");
    const f = await facts(page);
    assertEqual(f["已可开票金额"], "¥8,000.00", "已可开票金额");
    assertEqual(f["状态"], "履行中", "还有里程碑未验收时仍为履行中");
    assertEqual(await page.getByRole("button", { name: "整体验收" }).count(), 0, "还有里程碑未验收时不应出现“整体验收”");
    const second = page.locator("table.milestones tbody tr").nth(1);
    assertEqual(await second.getByRole("button", { name: "登记验收" }).count(), 1, "第 2 个里程碑仍可登记验收");
    await screenshot(page, "contract-accepted.png");
  });

  test("合同列表：按客户、按状态筛选能找到新建的合同；“60 天内到期”只列示范数据中快到期的", async () => {
    assert(shared.milestone && shared.monthly, "前面的测试没能建出合同");
    const page = await sales();
    await page.goto("/contracts");
    await page.locator('input[name="client"]').fill("示范县教育局");
    await page.getByRole("button", { name: "查询", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("client") === "示范县教育局");
    await page.locator("table.grid tbody tr", { hasText: shared.milestone.title }).waitFor();
    let rows = await tableRows(page.locator("table.grid").first());
    assert(rows.every((r) => r[2] === "示范县教育局"), `按客户筛选后只应有示范县教育局：${rows.map((r) => r[2]).join("、")}`);
    assert(!rows.some((r) => r[1] === shared.monthly?.title), "按客户筛选不应列出别的客户的合同");
    await screenshot(page, "contract-list-client.png");

    await page.goto("/contracts");
    await page.locator('select[name="status"]').selectOption({ label: "履行中" });
    await page.getByRole("button", { name: "查询", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "active");
    await page.locator("table.grid tbody tr", { hasText: shared.monthly.title }).waitFor();
    rows = await tableRows(page.locator("table.grid").first());
    assert(rows.every((r) => r[9] === "履行中"), `按状态筛选后只应有履行中：${rows.map((r) => r[9]).join("、")}`);
    assert(!rows.some((r) => r[1] === shared.milestone?.title), "草拟的合同不应出现在履行中");

    await page.goto("/contracts");
    await page.locator('input[name="ending"]').check();
    await page.getByRole("button", { name: "查询", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("ending") === "1");
    await page.locator("table.grid tbody tr", { hasText: "文旅活动直播服务框架协议" }).waitFor();
    rows = await tableRows(page.locator("table.grid").first());
    const titles = rows.map((r) => r[1]);
    assert(titles.includes("智慧水务营业收费系统运维服务"), `到期列表应有本月底到期的水务运维：${titles.join("、")}`);
    assert(!titles.includes("中小学安全教育专题节目制作（政府购买服务）"), "90 天后才到期的合同不应列出");
    for (const r of rows) {
      const end = r[6].split(" ~ ")[1];
      assert(end >= today && end <= addDays(today, 60), `到期列表中的合同应在 60 天内到期：${r[1]} ${r[6]}`);
      assert(["已签订", "履行中"].includes(r[9]), `到期列表只列履行中的合同：${r[1]} ${r[9]}`);
    }
    await screenshot(page, "contract-list-ending.png");
  });

  return cases;
}
