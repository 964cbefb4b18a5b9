// Browser tests of revenue intelligence, as the people who use it: the manager's dashboard (the
// technical-services-vs-traditional-advertising chart with its crossover month, read back from the
// table beside it; earned income and fiscal subsidy apart; a full-page screenshot), setting the
// year's targets, the reports and their workbooks (closing and who sees 报表 are in
// revenue-closing-cases.ts). The finance cases before these add bills and payments this month, so
// every expected figure is worked out from the page itself.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { cells, panel, sheet, yuan } from "./finance-support";
import { assert, assertEqual, hydrated, SCREENSHOT_DIR, screenshot, type Session, type TestCase } from "./harness";
import { shanghaiToday } from "./inventory-support";
import {
  addMonths, chartTexts, column, daysThroughMonthEnd, exportReport, firstCrossover, footRow, money, percentBp, pngSize, screenTable, sheetHead, sheetRow, statCards,
  wanHundredths,
} from "./revenue-support";

/** 报表's tabs: the label, the address and the page's title. */
const REPORTS = [
  { tab: "收入明细表", path: "/reports/income", title: "收入明细表" },
  { tab: "收入结构分析", path: "/reports/structure", title: "收入结构分析" },
  { tab: "技术服务与传统广告", path: "/reports/tech-vs-ads", title: "技术服务与传统广告对比" },
  { tab: "销售业绩", path: "/reports/sales", title: "销售业绩" },
  { tab: "上刊率", path: "/reports/occupancy", title: "上刊率" },
  { tab: "客户贡献", path: "/reports/clients", title: "客户贡献" },
  { tab: "统计年报", path: "/reports/statistics", title: "统计年报" },
] as const;

const STAT_HEADINGS = ["传统广播电视广告收入", "新媒体广告收入", "其他广告收入（含户外）", "技术服务等其他创收收入", "财政补助收入"];

export function buildRevenueCases(s: Session): TestCase[] {
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  const thisMonth = today.slice(0, 7);
  const cases: TestCase[] = [];
  const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

  /** 首页 as the manager sees it, the dashboard drawn. */
  const managerHome = async (page: Page) => {
    await page.locator(".dashboard").getByRole("heading", { name: "经营看板", exact: true }).waitFor();
  };

  /** One of 报表's tabs; waits for the page's own title. */
  const reportTab = async (page: Page, report: (typeof REPORTS)[number]) => {
    await page.locator("nav.tabs").getByRole("link", { name: report.tab, exact: true }).click();
    await page.waitForURL((url) => url.pathname === report.path);
    await page.locator(".page-head h2", { hasText: report.title }).first().waitFor();
  };

  /** A report's period filter (from/to months), submitted; waits for the address to carry it. */
  const choosePeriod = async (page: Page, from: string, to: string) => {
    await hydrated(page, 'input[name="from"]');
    await page.locator('input[name="from"]').fill(from);
    await page.locator('input[name="to"]').fill(to);
    await page.locator("form.report-filters").getByRole("button", { name: "查询", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("from") === from && url.searchParams.get("to") === to);
  };

  test("经理：首页看板——技术服务与传统媒体广告对比图是中文 SVG，标出首次超过的月份且与旁边的表一致；创收与财政补助分开；整页截图", async () => {
    const page = await s.loginAs("demo-manager");
    await managerHome(page);
    const closing = (await page.locator(".dash-closing").innerText()).trim();
    const closed = /^(\d{4}-\d{2}) 及以前已关账，之后对这些月份的更正计入更正当月$/.exec(closing)?.[1];
    assert(closed && closed < thisMonth, `看板应说明关账到哪个月：${closing}`);

    // The chart: a real SVG, drawn on the server, with Chinese labels.
    const tech = page.locator(".dash-tech");
    await tech.getByRole("heading", { name: "技术服务与传统媒体广告（近24个月）", exact: true }).waitFor();
    const figure = tech.locator("figure.chart-figure").first();
    const svg = figure.locator(".chart-svg > svg");
    assertEqual(await svg.count(), 1, "对比图是一张 <svg>");
    assertEqual(await figure.locator(".chart-svg").getAttribute("aria-label"), "技术服务与传统媒体广告（近24个月）", "图的无障碍名称");
    const texts = await chartTexts(svg);
    const words = texts.map((t) => t.text);
    for (const label of ["技术服务", "传统媒体广告", "全部广告", "万元"]) assert(words.includes(label), `图中应有中文“${label}”（有：${words.join("、")}）`);

    // The crossover month, in words and on the chart.
    const sentence = (await tech.locator(".dash-crossover").innerText()).trim();
    const month = /^技术服务收入于 (\d{4}-\d{2}) 首次超过传统媒体广告$/.exec(sentence)?.[1];
    assert(month, `应写明技术服务首次超过传统媒体广告的月份：${sentence}`);
    const mark = texts.find((t) => t.text === `首次超过 ${month}`);
    assert(mark, `图上应标出“首次超过 ${month}”（图中文字：${words.join("、")}）`);

    // The table beside the chart: 24 consecutive months up to this one, in 万元.
    const table = await cells(figure.locator(".chart-table table"));
    const months = table.map((r) => r[0]);
    assertEqual(months.length, 24, "表中的月数");
    assertEqual(months, Array.from({ length: 24 }, (_, i) => addMonths(thisMonth, i - 23)), "表中为截至本月的连续 24 个月");
    const techWan = table.map((r) => wanHundredths(r[1]));
    const traditionalWan = table.map((r) => wanHundredths(r[2]));
    assertEqual(firstCrossover(months, techWan, traditionalWan), month, "按表中数字，技术服务首次超过传统媒体广告（上月未超过）的月份");
    const i = months.indexOf(month);
    assert(techWan[i] > traditionalWan[i] && techWan[i - 1] <= traditionalWan[i - 1], `${months[i - 1]}→${month}：技术服务 ${table[i - 1][1]}→${table[i][1]}，传统 ${table[i - 1][2]}→${table[i][2]}`);
    assertEqual(await figure.locator("tbody tr.dash-mark td").first().innerText(), month, "表中突出显示的行即该月");

    // The mark sits over that month on the time axis (placed from two of the axis' own month labels).
    const axis = texts.filter((t) => months.includes(t.text)).map((t) => ({ i: months.indexOf(t.text), x: t.x }));
    assert(axis.length >= 2, `横轴上应有月份标签：${words.join("、")}`);
    const [a, b] = [axis[0], axis[axis.length - 1]];
    const step = (b.x - a.x) / (b.i - a.i);
    const expectedX = a.x + (i - a.i) * step;
    assert(Math.abs(mark.x - expectedX) < step / 2, `“首次超过”标记应在 ${month} 上方：x=${mark.x.toFixed(1)}，该月在 x=${expectedX.toFixed(1)}（每月 ${step.toFixed(1)}）`);

    // Earned income and fiscal subsidy apart: their own columns, and the structure leaves the subsidy out.
    const periods = page.locator(".dash-periods table");
    const heads = await periods.locator("thead th").allInnerTexts();
    assert(heads.includes("确认收入（创收）") && heads.includes("财政补助"), `收入概览应分列创收与财政补助：${heads.join("、")}`);
    const yearRow = await periods.locator('tbody tr[data-period="year"] td').allInnerTexts();
    const [earnedCol, subsidyCol] = [heads.indexOf("确认收入（创收）"), heads.indexOf("财政补助")];
    const ytdEarned = money(yearRow[earnedCol]);
    const ytdSubsidy = money(yearRow[subsidyCol]);
    assert(ytdEarned > 0, `本年累计创收：${yearRow[earnedCol]}`);
    assert(ytdSubsidy > 0, `示范中心按季收到财政补助，本年累计应不为零：${yearRow[subsidyCol]}`);
    const range = /(\d{4}-\d{2}) 至 (\d{4}-\d{2})/.exec(yearRow[0]);
    assertEqual(range?.slice(1), [`${year}-01`, thisMonth], `本年累计的期间：${yearRow[0]}`);

    const structure = page.locator(".dash-structure");
    await structure.getByRole("heading", { name: `收入结构（${year}-01 至 ${thisMonth}，创收）`, exact: true }).waitFor();
    const shares = await cells(structure.locator("table"));
    const foot = await cells(structure.locator("table"), "tfoot");
    assert(!shares.some((r) => r[0].includes("财政补助")), "收入结构的类别中不应有财政补助");
    assertEqual(footRow(foot, "创收合计")[1], yuan(shares.reduce((sum, r) => sum + money(r[1]), 0)), "各一级类别金额之和即创收合计");
    assertEqual(money(footRow(foot, "创收合计")[1]), ytdEarned, "收入结构的创收合计等于本年累计创收");
    assertEqual(money(footRow(foot, "财政补助（不计入创收结构）")[1]), ytdSubsidy, "财政补助另列，等于本年累计财政补助");

    await screenshot(page, "dashboard-manager.png");
    const file = path.join(SCREENSHOT_DIR, "dashboard-manager.png");
    assert(fs.existsSync(file), `截图文件应存在：${file}`);
    const size = pngSize(file);
    assert(size.width >= 1280 && size.height > 800, `应为整页截图：${size.width}×${size.height}`);
  });

  test("经理：设定收入目标——“abc”“1.234”被拒（中文提示，什么都不保存）；保存全年 3,000,000 元和技术服务 1,000,000 元后，首页显示进度条、同样的目标和按当前进度的预计", async () => {
    const page = await s.loginAs("demo-manager");
    await managerHome(page);
    const targets = page.locator(".dash-targets");
    await targets.getByRole("heading", { name: `${year} 年收入目标`, exact: true }).waitFor();
    await targets.getByRole("link", { name: "设置目标", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/reports/targets" && url.searchParams.get("year") === String(year));
    await page.locator(".page-head h2", { hasText: "收入目标" }).waitFor();

    const amounts = () => page.locator("form[method='post'] input[inputmode='decimal']").evaluateAll((els) => Object.fromEntries(els.map((el) => [(el as HTMLInputElement).name, (el as HTMLInputElement).value])));
    await hydrated(page, 'input[name="total"]');
    const before = await amounts();
    const total = page.getByRole("textbox", { name: "全部创收（中心合计）", exact: true });
    const techInput = page.getByRole("textbox", { name: "技术服务", exact: true });
    const techField = (await techInput.getAttribute("name")) ?? "";
    assert(techField.startsWith("category."), `技术服务的目标输入框：${techField}`);

    // Not amounts: refused in Chinese, and nothing stored.
    await total.fill("abc");
    await techInput.fill("1.234");
    await page.getByRole("button", { name: "保存目标", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "有 2 项金额填写有误，未保存任何目标。" }).waitFor();
    const fieldErrors = await page.locator(".field-error").allInnerTexts();
    assertEqual(fieldErrors, ["金额格式不正确：请填写元，最多两位小数", "金额格式不正确：请填写元，最多两位小数"], "两个输入框下的提示");
    assertEqual(new URL(page.url()).searchParams.get("saved"), null, "被拒后没有“已保存”");
    await page.goto(`/reports/targets?year=${year}`);
    await hydrated(page, 'input[name="total"]');
    assertEqual(await amounts(), before, "被拒后重新打开，所有目标与之前相同");

    // Real amounts: saved, shown with a bar and the forecast.
    await total.fill("3,000,000");
    await techInput.fill("1000000");
    await page.getByRole("button", { name: "保存目标", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("saved") !== null);
    const changed = [before.total !== "3000000.00", before[techField] !== "1000000.00"].filter(Boolean).length;
    await page.getByRole("status").filter({ hasText: changed ? `目标已保存：${changed} 项变更` : "没有变更" }).waitFor();
    await hydrated(page, 'input[name="total"]');
    const saved = await amounts();
    assertEqual([money(saved.total), money(saved[techField])], [300_000_000, 100_000_000], "保存后输入框中的目标金额");
    const totalRow = page.locator('tr[data-subject="total"] td');
    assertEqual(await page.locator('tr[data-subject="total"] .dash-bar').count(), 1, "目标页上全部创收一行有进度条");
    const pageActual = money(await totalRow.nth(2).innerText());
    const pageForecast = money((await totalRow.nth(4).innerText()).split("\n")[0]);

    // 首页: the same target, its bar and its forecast.
    await page.locator("nav.mainnav").getByRole("link", { name: "首页", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await managerHome(page);
    const line = targets.locator('.dash-target[data-subject="total:"]');
    await line.waitFor();
    assertEqual((await line.locator(".dash-target-name").innerText()).trim(), "全部创收", "目标名称");
    const words = (await line.locator(".dash-target-figures").innerText()).replace(/\s+/g, " ").trim();
    const m = /^已完成 (¥[\d,]+\.\d{2}) \/ 目标 (¥[\d,]+\.\d{2})（([\d.]+%)） ?按当前进度预计全年 (¥[\d,]+\.\d{2})（([\d.]+%)）$/.exec(words);
    assert(m, `首页目标一行的文字：${words}`);
    const [actual, target, progress, forecast, forecastPct] = [money(m[1]), money(m[2]), percentBp(m[3])!, money(m[4]), percentBp(m[5])!];
    assertEqual(m[2], "¥3,000,000.00", "首页显示的全年目标");
    const ytd = money((await page.locator('.dash-periods tr[data-period="year"] td').nth(1).innerText()));
    assertEqual(actual, ytd, "已完成等于本年累计创收");
    assertEqual([actual, forecast], [pageActual, pageForecast], "首页与目标页的已完成和预计全年相同");
    const days = daysThroughMonthEnd(today);
    const expectedForecast = Math.round((actual * days.year) / days.elapsed);
    assert(Math.abs(forecast - expectedForecast) <= 1, `预计全年 = 已完成 ÷ ${days.elapsed} 天 × ${days.year} 天 ≈ ${yuan(expectedForecast)}，页面为 ${yuan(forecast)}`);
    assert(Math.abs(progress - (actual * 10000) / target) <= 6, `完成比例 ${m[3]} ≈ ${yuan(actual)} ÷ ${yuan(target)}`);
    assert(Math.abs(forecastPct - (forecast * 10000) / target) <= 6, `预计比例 ${m[5]} ≈ ${yuan(forecast)} ÷ ${yuan(target)}`);
    const bar = line.locator(".dash-bar");
    assertEqual(await bar.getAttribute("role"), "img", "进度条");
    assertEqual(await bar.getAttribute("aria-label"), `${m[3]} / ${m[5]}`, "进度条的说明（完成 / 预计）");

    const techLine = targets.locator(".dash-target", { has: page.locator(".dash-target-name", { hasText: /^技术服务$/ }) });
    assertEqual(await techLine.locator(".dash-bar").count(), 1, "技术服务目标有进度条");
    assert((await techLine.locator(".dash-target-figures").innerText()).includes("目标 ¥1,000,000.00"), "技术服务的目标金额");
    assert((await techLine.locator(".dash-target-figures").innerText()).includes("按当前进度预计全年"), "技术服务有预计全年");
    await targets.scrollIntoViewIfNeeded();
    await screenshot(page, "dashboard-manager-targets.png");
  });

  test("报表：收入结构分析（上年全年）总额等于一级类别之和、占比合计 100.00%，Excel 合计行与页面相同；技术服务与传统广告写明首次超过的月份；统计年报五项相加；上刊率有户外静态和 LED屏；每张报表都能下载带标题行的工作簿", async () => {
    const page = await s.loginAs("demo-manager");
    await page.locator("nav.mainnav").getByRole("link", { name: "报表", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/reports/income");
    await page.locator(".page-head h2", { hasText: "收入明细表" }).waitFor();

    // 收入结构分析 for last year.
    const [from, to] = [`${year - 1}-01`, `${year - 1}-12`];
    await reportTab(page, REPORTS[1]);
    await choosePeriod(page, from, to);
    const byCategory = panel(page, `按收入类别（${from} 至 ${to}）`);
    await byCategory.waitFor();
    const t = await screenTable(byCategory.locator("table"));
    const [current, share] = [column(t.heads, "本期"), column(t.heads, "占创收比重")];
    const tops = t.rows.filter((r) => r.kind === "");
    const subsidies = t.rows.filter((r) => r.kind === "mark-muted" && !r.cells[0].startsWith("　"));
    assert(tops.length >= 5, `一级类别行：${tops.map((r) => r.cells[0]).join("、")}`);
    const earned = money(footRow(t.foot, "创收合计")[current]);
    assertEqual(tops.reduce((sum, r) => sum + money(r.cells[current]), 0), earned, "一级类别本期之和等于创收合计");
    assertEqual(tops.reduce((sum, r) => sum + (percentBp(r.cells[share]) ?? 0), 0), 10000, "一级类别占创收比重之和为 100.00%");
    assertEqual(footRow(t.foot, "创收合计")[share], "100.00%", "创收合计的比重");
    const subsidy = money(footRow(t.foot, "财政补助合计（不计入创收）")[current]);
    assert(subsidy > 0, "上年有财政补助");
    assertEqual(subsidies.reduce((sum, r) => sum + money(r.cells[current]), 0), subsidy, "财政补助各行之和等于财政补助合计");
    assert(subsidies.every((r) => r.cells[share] === "—"), "财政补助不占创收比重");
    const cards = await statCards(page.locator(".report-stats"));
    assertEqual([money(cards["创收（不含税）"]), money(cards["财政补助（另列）"])], [earned, subsidy], "统计卡片：创收与财政补助分列");
    const byMonth = await screenTable(panel(page, `按月收入结构（${from} 至 ${to}）`).locator("table"));
    const monthEarned = column(byMonth.heads, "创收合计");
    assertEqual(byMonth.rows.length, 12, "按月表的月数");
    assertEqual(byMonth.rows.reduce((sum, r) => sum + money(r.cells[monthEarned]), 0), earned, "按月创收之和等于创收合计");

    const structureFile = await exportReport(page);
    const link = new URL(structureFile.href, page.url());
    assertEqual([link.pathname, link.searchParams.get("from"), link.searchParams.get("to"), link.search], ["/reports/structure.xlsx", from, to, new URL(page.url()).search], "导出链接是同一路径加 .xlsx，带着页面的筛选条件");
    const ws = sheet(structureFile.book, "按类别");
    assertEqual(sheetHead(ws).title, `按收入类别（${from} 至 ${to}）`, "工作表标题行");
    assertEqual(Math.round(Number(sheetRow(ws, "创收合计")[1]) * 100), earned, "Excel 创收合计等于页面");
    assertEqual(sheetRow(ws, "创收合计")[2], 1, "Excel 创收合计比重为 100%");
    assertEqual(Math.round(Number(sheetRow(ws, "财政补助合计（不计入创收）")[1]) * 100), subsidy, "Excel 财政补助合计等于页面");
    for (const r of tops) assertEqual(Math.round(Number(sheetRow(ws, r.cells[0])[1]) * 100), money(r.cells[current]), `Excel 中“${r.cells[0]}”本期等于页面`);

    // 技术服务与传统广告 over the dashboard's 24 months.
    await reportTab(page, REPORTS[2]);
    const [since, until] = [addMonths(thisMonth, -23), thisMonth];
    await choosePeriod(page, since, until);
    const sentence = (await page.locator("p.crossover").innerText()).trim();
    const month = /^技术服务收入在 (\d{4}-\d{2}) 首次超过传统媒体广告收入$/.exec(sentence)?.[1];
    assert(month, `应写明首次超过的月份：${sentence}`);
    const tva = await screenTable(panel(page, `技术服务与传统广告按月对比（${since} 至 ${until}）`).locator("table"));
    const [cMonth, cTech, cTrad, cMark] = ["报告月份", "技术服务", "传统媒体广告", "标记"].map((h) => column(tva.heads, h));
    const months = tva.rows.map((r) => r.cells[cMonth]);
    assertEqual(months.length, 24, "对比表的月数");
    if (month >= since) {
      const marked = tva.rows.filter((r) => r.kind === "mark-highlight");
      assertEqual(marked.map((r) => [r.cells[cMonth], r.cells[cMark]]), [[month, "首次超过"]], "表中标出的首次超过月份");
      const found = firstCrossover(months, tva.rows.map((r) => money(r.cells[cTech])), tva.rows.map((r) => money(r.cells[cTrad])));
      if (month > since) assertEqual(found, month, "按表中数字，首次超过的月份");
    }
    const tvaCards = await statCards(page.locator(".report-stats"));
    assertEqual(money(tvaCards["技术服务"]), money(footRow(tva.foot, "合计")[cTech]), "技术服务卡片等于合计行");

    // 统计年报 for last year: headings 1–4 make 创收合计, 5 is the subsidy, shown apart.
    await reportTab(page, REPORTS[6]);
    await page.getByRole("link", { name: "‹ 上一年", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("year") === String(year - 1));
    const ret = await screenTable(panel(page, `${year - 1} 年广播电视收入统计`).locator("table"));
    const [cNo, cHeading, cAmount] = ["序号", "统计项目", "金额（元，不含税）"].map((h) => column(ret.heads, h));
    const numbered = ret.rows.filter((r) => /^\d$/.test(r.cells[cNo]));
    assertEqual(numbered.map((r) => [r.cells[cNo], r.cells[cHeading]]), STAT_HEADINGS.map((h, i) => [String(i + 1), h]), "五个统计项目");
    const amountOf = (label: string) => {
      const row = [...ret.rows.map((r) => r.cells), ...ret.foot].find((r) => r[cHeading] === label);
      assert(row, `统计表中没有“${label}”`);
      return money(row[cAmount]);
    };
    const statEarned = amountOf("创收合计（1至4项）");
    const statSubsidy = amountOf("财政补助收入合计");
    assertEqual(numbered.slice(0, 4).reduce((sum, r) => sum + money(r.cells[cAmount]), 0), statEarned, "第 1 至 4 项之和等于创收合计");
    assertEqual(money(numbered[4].cells[cAmount]), statSubsidy, "第 5 项等于财政补助收入合计");
    const statCardsShown = await statCards(page.locator(".report-stats"));
    assertEqual([money(statCardsShown["创收合计（1至4项）"]), money(statCardsShown["财政补助收入合计"])], [statEarned, statSubsidy], "统计卡片分列创收合计与财政补助");
    assertEqual([statEarned, statSubsidy], [earned, subsidy], "同一年的统计年报与收入结构分析：创收与财政补助相同");

    // 上刊率: both media, each month's capacity = its uses + free.
    await reportTab(page, REPORTS[4]);
    const occ = await screenTable(page.locator(".report-panel table").first());
    const cMedium = column(occ.heads, "媒体");
    const media = new Set(occ.rows.map((r) => r.cells[cMedium]));
    assert(media.has("户外静态") && media.has("LED屏"), `上刊率应有户外静态和 LED屏：${[...media].join("、")}`);
    const parts = ["付费", "配送", "公益", "自用", "空闲"].map((h) => column(occ.heads, h));
    const capacity = column(occ.heads, "可售量（容量·天）");
    const num = (text: string) => Number(text.replace(/,/g, ""));
    for (const r of occ.rows) {
      assertEqual(parts.reduce((sum, c) => sum + num(r.cells[c]), 0), num(r.cells[capacity]), `${r.cells[0]} ${r.cells[cMedium]}：付费+配送+公益+自用+空闲＝可售量`);
    }

    // Every report's workbook: a real .xlsx whose first sheet has the report's title and the page's columns.
    for (const report of REPORTS) {
      await reportTab(page, report);
      const titled = page.locator(".report-panel > h2");
      const title = (await titled.count()) ? (await titled.first().innerText()).trim() : report.title;
      const shown = await screenTable(page.locator(".report-panel table.report-table").first());
      const file = await exportReport(page);
      const first = file.book.worksheets[0];
      assert(first, `${report.title}：工作簿里没有工作表`);
      const head = sheetHead(first);
      assertEqual(head.title, title, `${report.title}：第一张工作表的标题行`);
      assertEqual(head.unit, report.title === "上刊率" ? "单位：容量·天、%" : "单位：元", `${report.title}：第二行写明单位`);
      assertEqual(head.headers, shown.heads, `${report.title}：工作表的列与页面相同`);
    }
  });

  return cases;
}
