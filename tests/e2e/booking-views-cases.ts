// Browser tests of the screens around orders: finding space and holding it in one step, the
// occupancy grid, the bookings calendar, events with sponsors, the printable confirmation, the
// Excel export, and what a finance user may see. They book their own units on dates months ahead
// (picked from the search results, never hard-coded), so the demo's bookings never decide a result.
import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { assert, assertEqual, hydrated, mainText, pathOf, screenshot, type Session, type TestCase } from "./harness";
import { shanghaiToday } from "./inventory-support";

const ORDER_PATH = /^\/orders\/[0-9A-Z]{26}$/;
const EVENT_PATH = /^\/events\/[0-9A-Z]{26}$/;

interface AvailRow {
  code: string;
  free: number;
  days: number;
  fill: string;
}


/** The result rows of /orders/availability as shown: code, "free/days" and the fill text. */
async function availRows(page: Page): Promise<AvailRow[]> {
  return page.locator("table.avail-table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim());
      const ratio = cells.map((c) => /^(\d+)\/(\d+)$/.exec(c)).find(Boolean);
      return {
        code: (tr.querySelector("a.mono")?.textContent ?? "").trim(),
        free: ratio ? Number(ratio[1]) : -1,
        days: ratio ? Number(ratio[2]) : -1,
        fill: (tr.querySelector(".avail-fill .num")?.textContent ?? "").trim(),
      };
    }),
  );
}

/** "…：12 个广告位有空档" → 12; an empty result (no table, no summary count) → 0. */
async function availTotal(page: Page): Promise<number> {
  const summary = page.locator(".avail-summary");
  await summary.waitFor();
  const match = /(\d+)\s*个广告位有空档/.exec(await summary.innerText());
  assert(match, `找空位的结果摘要里找不到总数：${await summary.innerText()}`);
  return Number(match[1]);
}

/** Every result row of an availability search, page after page. */
async function allAvailRows(page: Page, query: string): Promise<AvailRow[]> {
  const rows: AvailRow[] = [];
  for (let p = 1; p <= 50; p++) {
    await page.goto(`/orders/availability?${query}&page=${p}`);
    const total = await availTotal(page);
    if (total === 0) break;
    rows.push(...(await availRows(page)));
    const pager = await page.locator(".pagination span").first().innerText();
    const match = /第\s*(\d+)\s*\/\s*(\d+)\s*页/.exec(pager);
    assert(match, `分页文字无法识别：${pager}`);
    if (Number(match[1]) >= Number(match[2])) break;
  }
  return rows;
}

/** A real client of the center, as the client list shows it. */
async function firstClient(page: Page): Promise<string> {
  await page.goto("/clients");
  const name = (await page.locator("table.grid tbody tr td a").first().innerText()).trim();
  assert(name, "客户列表里没有客户");
  return name;
}

/** Sheet name → every cell text on it. */
async function workbookTexts(bytes: Buffer): Promise<Map<string, Set<string>>> {
  assert(bytes.subarray(0, 4).toString("latin1") === "PK\u0003\u0004", "应为 .xlsx（ZIP）文件");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = new Map<string, Set<string>>();
  for (const sheet of workbook.worksheets) {
    const texts = new Set<string>();
    sheet.eachRow((row) => row.eachCell((cell) => texts.add(String(cell.text ?? "").trim())));
    sheets.set(sheet.name, texts);
  }
  return sheets;
}

export function buildBookingViewsCases(s: Session): TestCase[] {
  // Months ahead and well before the +150 days the order tests use, inside the demo permits.
  const from = addDays(shanghaiToday(), 110);
  const to = addDays(from, 6);
  const month = from.slice(0, 7);
  const tag = Date.now().toString(36).slice(-5).toUpperCase();
  const eventTitle = `端到端赞助晚会${tag}`;
  const shared: {
    sales?: Page;
    client?: string;
    codes?: [string, string];
    spare?: string;
    order?: string;
    number?: string;
    confirmed?: string;
  } = {};
  const sales = async () => (shared.sales ??= await s.loginAs("demo-sales"));
  const order = () => {
    assert(shared.order && shared.codes && shared.client && shared.number, "找空位的测试没能建出预留订单");
    return { path: shared.order, codes: shared.codes, client: shared.client, number: shared.number };
  };
  const cases: TestCase[] = [];
  const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

  test("找空位：按户外静态和 7 天查询，勾选两个广告位一键预留，再查时它们不再有空", async () => {
    const page = await sales();
    shared.client = await firstClient(page);

    await page.goto("/orders/availability");
    const filters = page.locator("form.avail-filters");
    await filters.locator('input[name="from"]').fill(from);
    await filters.locator('input[name="to"]').fill(to);
    await filters.locator('select[name="medium"]').selectOption({ label: "户外静态" });
    await filters.locator('input[name="minDays"]').fill("7");
    await page.getByRole("button", { name: "查询", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("medium") === "outdoor_static" && url.searchParams.get("from") === from);
    await page.locator(".avail-summary", { hasText: `${from} 至 ${to}，共 7 天` }).waitFor();
    const before = await availTotal(page);
    const rows = await availRows(page);
    assert(rows.length >= 3, `至少应有 3 个整段空闲的户外静态广告位，实际 ${rows.length} 个`);
    for (const r of rows) assertEqual([r.free, r.days], [7, 7], `至少空闲 7 天时 ${r.code} 的空闲天数`);
    shared.codes = [rows[0].code, rows[1].code];
    shared.spare = rows[2].code;
    await screenshot(page, "availability-search.png");

    await hydrated(page, "form.avail-results");
    for (const code of shared.codes) await page.getByRole("checkbox", { name: `选择 ${code}` }).check();
    await page.locator(".avail-actions", { hasText: "已选 2 个" }).waitFor();
    await page.getByRole("button", { name: "预留所选" }).click();
    await page.waitForURL((url) => url.pathname === "/orders/new");
    // The URL changes a moment before the new page replaces the results (whose checkboxes are also named "unit").
    const lineRows = page.locator("table.lines-table");
    await lineRows.waitFor();
    const values = (name: string) => lineRows.locator(`input[name="${name}"]`).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const units = await values("unit");
    assertEqual([...units].sort(), [...shared.codes].sort(), "新建订单页预填的广告位");
    const starts = await values("start_date");
    const ends = await values("end_date");
    assertEqual(starts, [from, from], "预填的开始日期");
    assertEqual(ends, [to, to], "预填的结束日期");

    await page.locator('input[name="client"]').fill(shared.client);
    await page.locator('input[name="title"]').fill(`端到端找空位预留${tag}`);
    await page.getByRole("button", { name: "预留", exact: true }).click();
    await page.waitForURL((url) => ORDER_PATH.test(url.pathname));
    await page.getByText("订单已创建").waitFor();
    shared.order = pathOf(page);
    const number = /DD\d{4}-\d{6}/.exec(await page.locator("h1").first().innerText());
    assert(number, "订单详情标题里应有订单号");
    shared.number = number[0];
    const lines = page.locator(".panel", { hasText: "投放明细" }).locator("table.grid tbody tr");
    assertEqual(await lines.count(), 2, "订单应有两行投放");
    for (const code of shared.codes) {
      const cells = (await lines.filter({ hasText: code }).first().locator("td").allInnerTexts()).map((c) => c.trim());
      assertEqual([cells[1], cells[2], cells[10]], [from, to, "预留"], `${code} 的投放行（开始、结束、状态）`);
    }
    await screenshot(page, "availability-hold-order.png");

    // The same search again: both faces are now taken on every day of the window.
    await page.goto(`/orders/availability?from=${from}&to=${to}&medium=outdoor_static&minDays=7`);
    assertEqual(await availTotal(page), before - 2, "预留后同样条件的结果应少 2 个");
    const after = (await availRows(page)).map((r) => r.code);
    for (const code of shared.codes) assert(!after.includes(code), `预留后 ${code} 不应再出现在“至少空闲 7 天”的结果里`);
    // A longer window with the three days after it: they stay, with only those days free.
    const longer = await allAvailRows(page, `from=${from}&to=${addDays(to, 3)}&medium=outdoor_static`);
    for (const code of shared.codes) {
      const row = longer.find((r) => r.code === code);
      assert(row, `放宽到 10 天后 ${code} 应仍有空档`);
      assert(row.days === 10 && row.free <= 3, `${code} 在 10 天里应最多空 3 天，实际 ${row.free}/${row.days}`);
      assert(row.fill !== "0.0%" && row.fill !== "", `${code} 的占用率应大于 0，实际 ${row.fill}`);
    }
  });

  test("占用表：预留的广告位在预留日有标记，点击格子打开订单；图例可见", async () => {
    const { path, codes, number } = order();
    const page = await sales();
    await page.goto(`/orders/grid?month=${month}&q=${encodeURIComponent(codes[0])}`);
    await page.locator(".og-legend").waitFor();
    assert(await page.locator(".og-legend").isVisible(), "占用表应显示图例");
    const legend = await page.locator(".og-legend").innerText();
    for (const word of ["已确认", "预留"]) assert(legend.includes(word), `图例应说明“${word}”：${legend}`);
    const row = page.locator("table.og tbody tr", { has: page.locator("th a", { hasText: codes[0] }) });
    await row.waitFor();
    const cell = row.locator("td.c", { has: page.locator(`a[aria-label="${from} ${codes[0]} ${number}"]`) });
    assertEqual(await cell.count(), 1, `${codes[0]} 在 ${from} 应有一个指向订单 ${number} 的格子`);
    const cls = (await cell.getAttribute("class")) ?? "";
    assert(cls.includes("m-hold"), `预留日的格子应标为预留（m-hold），实际 class="${cls}"`);
    assert(/\bf5\b/.test(cls), `独占的静态面预留后应为满（f5），实际 class="${cls}"`);
    // The day before the window stays unmarked.
    if (addDays(from, -1).slice(0, 7) === month) {
      const before = row.locator("td.c").nth(Number(from.slice(8, 10)) - 2);
      assertEqual(await before.locator("a").count(), 0, "预留前一天不应有订单链接");
    }
    await screenshot(page, "grid-hold.png");
    await hydrated(page, ".og-scroll");
    await cell.locator("a").click();
    await page.waitForURL((url) => url.pathname === path);
    await page.locator("h1", { hasText: number }).waitFor();
  });

  test("日历：预留和已确认画法不同，点击事件打开订单；周视图可用", async () => {
    const { path, codes, client } = order();
    assert(shared.spare, "找空位的测试没留下第三个空闲广告位");
    const page = await sales();
    // A confirmed order on a third free face of the same week, to compare with the hold.
    await page.goto("/orders/new");
    await page.locator('input[name="client"]').fill(client);
    await page.locator('input[name="title"]').fill(`端到端日历确认${tag}`);
    await page.locator('input[name="unit"]').first().fill(shared.spare);
    await page.locator('input[name="start_date"]').first().fill(from);
    await page.locator('input[name="end_date"]').first().fill(to);
    await page.getByRole("button", { name: "直接确认", exact: true }).click();
    await page.waitForURL((url) => ORDER_PATH.test(url.pathname));
    await page.locator(".tag", { hasText: "已确认" }).first().waitFor();
    shared.confirmed = pathOf(page);

    await page.goto(`/calendar?view=month&date=${from}&client=${encodeURIComponent(client)}`);
    await hydrated(page, ".rbc-calendar");
    await page.locator(".rbc-toolbar-label", { hasText: `${Number(from.slice(0, 4))}年${Number(from.slice(5, 7))}月` }).waitFor();
    const hold = page.locator(".rbc-month-view .rbc-event", { hasText: codes[0] }).first();
    const confirmed = page.locator(".rbc-month-view .rbc-event", { hasText: shared.spare }).first();
    await hold.waitFor();
    await confirmed.waitFor();
    const holdClass = (await hold.getAttribute("class")) ?? "";
    const confirmedClass = (await confirmed.getAttribute("class")) ?? "";
    assert(holdClass.includes("bk-hold") && !holdClass.includes("bk-confirmed"), `预留事件的 class 应为 bk-hold：${holdClass}`);
    assert(confirmedClass.includes("bk-confirmed") && !confirmedClass.includes("bk-hold"), `已确认事件的 class 应为 bk-confirmed：${confirmedClass}`);
    const look = (el: Element) => {
      const css = getComputedStyle(el);
      return `${css.backgroundColor}|${css.backgroundImage}|${css.borderStyle}`;
    };
    const [holdLook, confirmedLook] = [await hold.evaluate(look), await confirmed.evaluate(look)];
    assert(holdLook !== confirmedLook, `预留和已确认应画得不同，实际都为 ${holdLook}`);
    assert((await hold.innerText()).includes(codes[0]), "事件标题应含广告位编号");
    assert(await page.locator(".bk-legend").isVisible(), "日历应显示图例");
    await screenshot(page, "calendar-month.png");
    await hold.click();
    await page.waitForURL((url) => url.pathname === path);

    await page.goto(`/calendar?view=week&date=${from}&client=${encodeURIComponent(client)}`);
    await page.locator(".bk-view-week .rbc-time-view").waitFor();
    await page.locator(".rbc-event", { hasText: codes[1] }).first().waitFor();
    const header = await page.locator(".rbc-time-header .rbc-header").allInnerTexts();
    assertEqual(header.length, 7, "周视图应有 7 天");
    assert(header.every((h) => /日/.test(h)), `周视图的表头应为中文日期：${header.join("、")}`);
    await screenshot(page, "calendar-week.png");
  });

  test("活动：结束早于开始时报中文错误且不保存；新建后加赞助 5000 元，显示金额与大写，并出现在活动日历", async () => {
    const page = await sales();
    const clientName = shared.client ?? (await firstClient(page));
    const day = addDays(from, 2);
    await page.goto("/events/new");
    await page.locator('input[name="title"]').fill(eventTitle);
    await page.locator('select[name="type"]').selectOption({ label: "晚会" });
    await page.locator('input[name="venue"]').fill("县文化中心大剧院");
    await page.locator('input[name="starts_at"]').fill(`${day}T19:30`);
    await page.locator('input[name="ends_at"]').fill(`${day}T18:00`);
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.locator(".field-error", { hasText: "结束时间不能早于开始时间" }).waitFor();
    assertEqual(pathOf(page), "/events/new", "出错后仍在新建页");
    assertEqual(await page.locator('input[name="title"]').inputValue(), eventTitle, "已填的活动名称应保留");
    await page.goto(`/events?q=${encodeURIComponent(eventTitle)}`);
    await page.locator("table.grid tbody td", { hasText: "暂无记录" }).waitFor();

    await page.goto("/events/new");
    await page.locator('input[name="title"]').fill(eventTitle);
    await page.locator('select[name="type"]').selectOption({ label: "晚会" });
    await page.locator('input[name="venue"]').fill("县文化中心大剧院");
    await page.locator('input[name="starts_at"]').fill(`${day}T19:30`);
    await page.locator('input[name="ends_at"]').fill(`${day}T21:30`);
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.waitForURL((url) => EVENT_PATH.test(url.pathname));
    await page.getByText("活动已创建").waitFor();
    const eventPath = pathOf(page);
    assert((await mainText(page)).includes("县文化中心大剧院"), "详情页应显示地点");

    await page.locator('.sponsor-form input[name="client"]').fill(clientName);
    await page.locator('.sponsor-form input[name="package"]').fill("冠名");
    await page.locator('.sponsor-form input[name="amount"]').fill("5000");
    await page.getByRole("button", { name: "添加赞助" }).click();
    await page.getByText("赞助已添加").waitFor();
    const sponsors = page.locator("table.sponsors-table");
    await sponsors.locator("tbody tr", { hasText: clientName }).waitFor();
    const sponsorText = await sponsors.innerText();
    assert(sponsorText.includes("冠名") && sponsorText.includes("¥5,000.00"), `赞助表应有“冠名 ¥5,000.00”：${sponsorText}`);
    assert(sponsorText.includes("人民币伍仟元整"), `赞助合计的大写应为“人民币伍仟元整”：${sponsorText}`);
    await screenshot(page, "event-detail.png");

    await page.goto(`/events?q=${encodeURIComponent(eventTitle)}`);
    const listed = page.locator("table.grid tbody tr", { hasText: eventTitle });
    await listed.waitFor();
    assert((await listed.innerText()).includes("¥5,000.00"), "活动列表应显示赞助合计 ¥5,000.00");

    await page.goto(`/events/calendar?view=month&date=${day}`);
    await hydrated(page, ".rbc-calendar");
    const item = page.locator(".rbc-event", { hasText: eventTitle }).first();
    await item.waitFor();
    assert((await item.innerText()).includes("19:30"), "月视图的活动前应显示开始时间 19:30");
    await screenshot(page, "events-calendar.png");
    await item.click();
    await page.waitForURL((url) => url.pathname === eventPath);
  });

  test("打印确认单：有标题、客户、投放行、人民币大写和签章栏；打印样式隐藏顶部导航", async () => {
    const { path, codes, client, number } = order();
    const page = await sales();
    await page.goto(path);
    await page.getByRole("link", { name: "打印确认单" }).click();
    await page.waitForURL((url) => url.pathname === `${path}/print`);
    const sheet = page.locator("article.doc-sheet");
    await sheet.locator("h1", { hasText: "广告发布确认单" }).waitFor();
    const text = await sheet.innerText();
    for (const expected of [number, client, ...codes, from]) assert(text.includes(expected), `确认单应含“${expected}”`);
    assertEqual(await sheet.locator("table.doc-lines tbody tr").count(), 2, "确认单的投放行数");
    const words = (await sheet.locator(".doc-words").innerText()).trim();
    assert(/^人民币.+(整|分|角)$/.test(words), `大写金额应以“人民币”开头：${words}`);
    const signatures = sheet.locator(".doc-signature");
    assertEqual(await signatures.count(), 2, "应有甲乙双方两个签章栏");
    const signText = await signatures.first().innerText();
    assert(signText.includes(client), `甲方签章栏应写客户名称：${signText}`);
    assert(await page.locator("nav.mainnav").isVisible(), "屏幕上应有主导航");
    assert(await page.getByRole("button", { name: "打印" }).first().isVisible(), "屏幕上应有打印按钮");
    await screenshot(page, "print-screen.png");

    await page.emulateMedia({ media: "print" });
    try {
      assert(!(await page.locator("nav.mainnav").isVisible()), "打印时不应有主导航");
      assert(!(await page.locator("header.topbar").isVisible()), "打印时不应有顶栏");
      assert(!(await page.locator(".print-toolbar").isVisible()), "打印时不应有打印按钮栏");
      assert(await sheet.locator("h1", { hasText: "广告发布确认单" }).isVisible(), "打印时确认单本身应可见");
      await screenshot(page, "print-media.png");
    } finally {
      await page.emulateMedia({ media: null });
    }
  });

  test("导出 Excel：按期间筛选订单后下载，文件是 .xlsx，含“订单”和“投放明细”两张表及本次订单", async () => {
    const { codes, number } = order();
    const page = await sales();
    await page.goto("/orders");
    await page.locator('form.filters input[name="from"]').fill(from);
    await page.locator('form.filters input[name="to"]').fill(to);
    await page.getByRole("button", { name: "查询", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("from") === from && url.searchParams.get("to") === to);
    // The link carries the period once the filtered page is in place.
    const link = page.locator(`a[href*="from=${from}"][href*="to=${to}"]`, { hasText: "导出 Excel" });
    await link.waitFor();
    await page.locator("table.grid tbody tr", { hasText: number }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    assert(download.suggestedFilename().endsWith(".xlsx"), `下载的文件名应以 .xlsx 结尾：${download.suggestedFilename()}`);
    const file = await download.path();
    assert(file, "下载没有保存到文件");
    const sheets = await workbookTexts(fs.readFileSync(file));
    const names = [...sheets.keys()];
    assert(names.includes("订单") && names.includes("投放明细"), `工作表应含“订单”和“投放明细”，实际：${names.join("、")}`);
    assert(sheets.get("订单")!.has(number), `“订单”表应有本次订单 ${number}`);
    const lineTexts = [...sheets.get("投放明细")!];
    for (const code of codes) assert(lineTexts.some((v) => v.includes(code)), `“投放明细”表应有广告位 ${code}`);
  });

  test("财务：能看占用表和日历；找空位只能查看，没有“预留所选”", async () => {
    const page = await s.loginAs("demo-finance");
    await page.goto(`/orders/grid?month=${month}`);
    await page.locator("h1", { hasText: "占用表" }).waitFor();
    await page.locator("table.og tbody tr").first().waitFor();
    await page.goto(`/calendar?view=month&date=${from}`);
    await page.locator(".rbc-calendar").waitFor();
    await page.locator("h1", { hasText: "日历" }).waitFor();
    await page.goto(`/orders/availability?from=${from}&to=${to}&medium=outdoor_static`);
    await page.locator("table.avail-table tbody tr").first().waitFor();
    await page.getByText("你的角色只能查看空档").waitFor();
    assertEqual(await page.getByRole("button", { name: "预留所选" }).count(), 0, "财务不应看到“预留所选”");
    assertEqual(await page.locator('table.avail-table input[type="checkbox"]').count(), 0, "财务不应看到勾选框");
    await screenshot(page, "availability-finance.png");
  });

  return cases;
}
