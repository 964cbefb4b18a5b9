// Browser tests of the inventory screens. They make their own site, units, prices and imports
// (codes carry a per-run tag), so they never depend on how much inventory the demo seed holds.
import fs from "node:fs";
import type { Page } from "playwright-core";
import { assert, assertEqual, expectErrorPage, listTotal, mainText, pathOf, screenshot, type Session, type TestCase } from "./harness";
import { firstSheetTexts, importCsv, IMPORT_HEADERS, nextMonth, problemRows, shanghaiToday, uploadForImport, XLSX_TYPE } from "./inventory-support";

const UNIT_DETAIL = /^\/inventory\/units\/[^/]+$/;

export function buildInventoryCases(s: Session): TestCase[] {
  const tag = Date.now().toString(36).slice(-5).toUpperCase();
  const ids = {
    siteCode: `E2E-S-${tag}`,
    siteName: `端到端测试点位${tag}`,
    district: `端到端镇${tag}`,
    staticCode: `E2E-A-${tag}`,
    staticName: `端到端测试单立柱${tag} A面`,
    ledCode: `E2E-L-${tag}`,
  };
  const shared: { manager?: Page; siteId?: string; staticId?: string } = {};
  const manager = async () => (shared.manager ??= await s.loginAs("demo-manager"));
  const staticId = () => {
    assert(shared.staticId, "前面的测试没能新建户外静态广告位");
    return shared.staticId;
  };

  const cases: TestCase[] = [];
  const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

  test("经理：新建点位，再新建户外静态广告位（名称为空时报错、不保存）", async () => {
    const page = await manager();
    await page.goto("/inventory/sites/new");
    await page.locator('input[name="code"]').fill(ids.siteCode);
    await page.locator('input[name="name"]').fill(ids.siteName);
    await page.locator('select[name="facility_type"]').selectOption({ label: "单立柱" });
    await page.locator('input[name="district"]').fill(ids.district);
    await page.locator('input[name="width_m"]').fill("6");
    await page.locator('input[name="height_m"]').fill("3");
    await page.getByText("按宽高自动判定：大型（18").waitFor();
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL((url) => /^\/inventory\/sites\/[^/]+$/.test(url.pathname) && url.pathname !== "/inventory/sites/new");
    await page.locator("h1", { hasText: ids.siteName }).waitFor();
    shared.siteId = pathOf(page).split("/")[3];

    await page.goto("/inventory");
    const before = await listTotal(page);
    await page.goto("/inventory/units/new");
    await page.locator('select[name="medium"]').selectOption({ label: "户外静态" });
    await page.locator('input[name="code"]').fill(ids.staticCode);
    await page.locator('select[name="site_id"]').selectOption(shared.siteId);
    await page.locator('input[name="face"]').fill("A面");
    await page.getByText("静态画面独占，日容量固定为 1 面").waitFor();
    await page.getByRole("button", { name: "保存" }).click();
    await page.locator(".field-error", { hasText: "请填写广告位名称" }).waitFor();
    assertEqual(pathOf(page), "/inventory/units/new", "提交失败后的路径");
    assert(await page.getByText("请修正标出的内容后再提交").isVisible(), "表单顶部应有错误提示");
    assertEqual(await page.locator('input[name="code"]').inputValue(), ids.staticCode, "已填的编号应保留");
    assertEqual(await page.locator('select[name="site_id"]').inputValue(), shared.siteId, "已选的点位应保留");
    await screenshot(page, "unit-form-error.png");
    await page.goto(`/inventory?q=${ids.staticCode}`);
    assertEqual(await listTotal(page), 0, "按编号搜索应找不到广告位");
    await page.goto("/inventory");
    assertEqual(await listTotal(page), before, "广告位总数不应变化");

    await page.goto(`/inventory/units/new?site=${shared.siteId}`);
    assertEqual(await page.locator('select[name="site_id"]').inputValue(), shared.siteId, "从点位来时应预选该点位");
    await page.locator('input[name="code"]').fill(ids.staticCode);
    await page.locator('input[name="name"]').fill(ids.staticName);
    await page.locator('input[name="face"]').fill("A面");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL((url) => UNIT_DETAIL.test(url.pathname) && url.pathname !== "/inventory/units/new");
    await page.locator("h1", { hasText: ids.staticCode }).waitFor();
    shared.staticId = pathOf(page).split("/")[3];
    assert((await page.locator("h1").first().innerText()).includes(ids.staticName), "详情页标题应含名称");
    const text = await mainText(page);
    for (const expected of ["户外静态", "A面", "1 面", ids.siteName, "6.00×3.00 米 大型"]) {
      assert(text.includes(expected), `详情页应显示“${expected}”`);
    }
    // No permit on the new site yet: the unit exists but cannot be sold today.
    assert(text.includes("不可售：点位没有有效的设置许可"), "无许可的户外广告位应提示今天不可售");
    await screenshot(page, "unit-detail.png");
    await page.goto("/inventory");
    assertEqual(await listTotal(page), before + 1, "新建后广告位总数");
  });

  test("经理：LED 广告位，轮播 60 秒 ÷ 每条 5 秒，表单即时显示“12 条”", async () => {
    assert(shared.siteId, "前面的测试没能新建点位");
    const page = await manager();
    await page.goto("/inventory/units/new");
    await page.locator('select[name="medium"]').selectOption({ label: "LED屏" });
    await page.getByText("日容量：填写轮播时长和单条时长后自动计算").waitFor();
    await page.locator('input[name="loop_seconds"]').fill("60");
    await page.locator('input[name="spot_seconds"]').fill("5");
    await page.getByText("日容量：12 条（轮播时长 ÷ 单条时长，自动计算）").waitFor();
    await page.locator('input[name="spot_seconds"]').fill("7");
    await page.getByText("日容量：8 条").waitFor();
    await page.locator('input[name="spot_seconds"]').fill("5");
    await page.getByText("日容量：12 条").waitFor();
    await page.locator('input[name="code"]').fill(ids.ledCode);
    await page.locator('input[name="name"]').fill(`端到端测试LED屏${tag}`);
    await page.locator('select[name="site_id"]').selectOption(shared.siteId);
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL((url) => UNIT_DETAIL.test(url.pathname) && url.pathname !== "/inventory/units/new");
    await page.locator("h1", { hasText: ids.ledCode }).waitFor();
    const text = await mainText(page);
    assert(text.includes("12 条"), "LED 详情页应显示日容量 12 条");
    assert(text.includes("轮播 60 秒 ÷ 每条 5 秒 = 12 条/天"), "LED 详情页应说明容量的算法");

    // The list's filters: this run's district holds exactly the two new units.
    await page.goto("/inventory");
    await page.locator('select[name="district"]').selectOption(ids.district);
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL((url) => url.searchParams.get("district") === ids.district);
    await page.locator(".pagination span", { hasText: "共 2 条" }).waitFor();
    const codes = await page.locator("table.grid tbody tr td:first-child a").allInnerTexts();
    assertEqual([...codes].sort(), [ids.ledCode, ids.staticCode].sort(), "按乡镇筛选的结果");
    await page.locator('select[name="medium"]').selectOption({ label: "LED屏" });
    await page.getByRole("button", { name: "查询" }).click();
    await page.locator(".pagination span", { hasText: "共 1 条" }).waitFor();
    assertEqual(await page.locator("table.grid tbody tr td:first-child a").allInnerTexts(), [ids.ledCode], "乡镇 + LED屏 的结果");
  });

  test("经理：刊例价按月 3000 元，试算下月整月 → ¥3,000.00（人民币叁仟元整）", async () => {
    const page = await manager();
    const today = shanghaiToday();
    const month = nextMonth(today);
    await page.goto(`/inventory/units/${staticId()}/rates`);
    await page.getByText("维护刊例价后即可试算报价。").waitFor();
    await page.locator('input[name="effective_from"]').fill(`${today.slice(0, 8)}01`);
    await page.locator('select[name="basis"]').selectOption("month");
    await page.locator('input[name="price"]').fill("3000");
    await page.getByRole("button", { name: "新增刊例价" }).click();
    await page.waitForURL((url) => url.searchParams.get("saved") === "1");
    await page.getByText("刊例价已保存").waitFor();
    assert((await mainText(page)).includes("¥3,000.00"), "价格历史应显示 ¥3,000.00");

    await page.locator('input[name="from"]').fill(month.from);
    await page.locator('input[name="to"]').fill(month.to);
    await page.getByRole("button", { name: "试算" }).click();
    await page.waitForURL((url) => url.searchParams.get("from") === month.from);
    const total = page.locator(".stat", { hasText: "合计" });
    await total.waitFor();
    assertEqual((await total.locator(".stat-value").innerText()).trim(), "¥3,000.00", "合计");
    assert((await total.innerText()).includes("大写：人民币叁仟元整"), `大写金额：${await total.innerText()}`);
    const days = page.locator(".stat", { hasText: "投放天数" }).locator(".stat-value");
    assertEqual((await days.innerText()).trim(), String(month.days), "投放天数");
    await screenshot(page, "rates-quote.png");
  });

  test("导入：下载模板 → 上传 → 预览 → 确认导入，示例广告位出现在列表中", async () => {
    const page = await manager();
    await page.goto("/inventory");
    const before = await listTotal(page);
    await page.goto("/inventory/import");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载导入模板" }).click()]);
    const file = await download.path();
    assert(file, `模板下载失败：${await download.failure()}`);
    const buffer = fs.readFileSync(file);
    assertEqual(buffer.subarray(0, 2).toString("latin1"), "PK", "模板应为 .xlsx（ZIP）文件");
    assert(download.suggestedFilename().endsWith(".xlsx"), `模板文件名：${download.suggestedFilename()}`);

    await uploadForImport(page, { name: download.suggestedFilename(), mimeType: XLSX_TYPE, buffer });
    await page.locator("h2", { hasText: "预览：" }).waitFor();
    const rows = await problemRows(page);
    assert(rows.some((r) => r.includes("HW-001") && r.includes("新建")), `预览应列出新建 HW-001：${JSON.stringify(rows)}`);
    assert(rows.some((r) => r.includes("DW-001") && r.includes("新建")), `预览应列出新建点位 DW-001：${JSON.stringify(rows)}`);
    await screenshot(page, "import-preview.png");
    await page.goto("/inventory?q=HW-001");
    assertEqual(await listTotal(page), 0, "预览后尚未导入");

    await uploadForImport(page, { name: download.suggestedFilename(), mimeType: XLSX_TYPE, buffer });
    await page.getByRole("button", { name: "确认导入" }).click();
    await page.getByText("导入完成：").waitFor();
    assert((await mainText(page)).includes("广告位新建 1 个"), "导入结果应为新建 1 个广告位");
    await page.goto("/inventory?q=HW-001");
    assertEqual(await page.locator("table.grid tbody tr td:first-child a").allInnerTexts(), ["HW-001"], "导入后按编号搜索");
    assert((await mainText(page)).includes("城关镇人民路单立柱"), "列表应显示示例广告位的名称");
    await page.goto("/inventory");
    assertEqual(await listTotal(page), before + 1, "导入后广告位总数");

    const exported = await page.context().request.get("/inventory/export.xlsx");
    assertEqual(exported.status(), 200, "导出的状态");
    const texts = await firstSheetTexts(await exported.body());
    for (const code of ["HW-001", ids.staticCode, ids.ledCode]) assert(texts.has(code), `导出文件应含 ${code}`);
  });

  test("导入：表头改名、未知媒体类型、空名称 → 中文问题清单，什么都不保存", async () => {
    const page = await manager();
    await page.goto("/inventory");
    const before = await listTotal(page);
    const good = { code: `E2E-CSV1-${tag}`, name: "导入测试正常行", medium: "户外静态", siteCode: `E2E-CS1-${tag}` };

    const renamed = IMPORT_HEADERS.map((h) => (h === "广告位名称" ? "名字" : h));
    await uploadForImport(page, { name: "改了表头.csv", mimeType: "text/csv", buffer: importCsv([good], renamed) });
    const banner = page.locator(".banner-error");
    await banner.waitFor();
    const message = await banner.innerText();
    for (const part of ["缺少列：广告位名称", "无法识别的列：名字", "请使用导入模板中的列标题"]) {
      assert(message.includes(part), `表头错误提示应含“${part}”：${message}`);
    }

    const csv = importCsv([
      good,
      { code: `E2E-CSV2-${tag}`, name: "导入测试未知媒体", medium: "热气球", siteCode: `E2E-CS2-${tag}` },
      { code: `E2E-CSV3-${tag}`, name: "", medium: "户外静态", siteCode: `E2E-CS3-${tag}` },
    ]);
    await uploadForImport(page, { name: "有错误的资源.csv", mimeType: "text/csv", buffer: csv });
    await page.locator("h2", { hasText: "个问题，文件未导入" }).waitFor();
    assert((await banner.innerText()).includes("文件未导入：2 行有问题"), `顶部提示：${await banner.innerText()}`);
    const problems = await problemRows(page);
    const medium = problems.find((p) => p[0] === "3" && p[1] === "媒体类型");
    assert(medium?.[2].includes("媒体类型“热气球”不在可选值中"), `第 3 行应报媒体类型错误：${JSON.stringify(problems)}`);
    const name = problems.find((p) => p[0] === "4" && p[1] === "广告位名称");
    assert(name?.[2].includes("请填写广告位名称"), `第 4 行应报名称为空：${JSON.stringify(problems)}`);
    assert(!problems.some((p) => p[0] === "2"), `正常的第 2 行不应有问题：${JSON.stringify(problems)}`);
    await screenshot(page, "import-errors.png");

    await page.goto(`/inventory?q=${good.code}`);
    assertEqual(await listTotal(page), 0, "有错误的文件中正常的行也不应导入");
    await page.goto("/inventory");
    assertEqual(await listTotal(page), before, "广告位总数不应变化");
  });

  test("导入：图片和损坏的 .xlsx 被拒绝，并提示原因", async () => {
    const page = await manager();
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 40, height: 40 } });
    await uploadForImport(page, { name: "现场照片.png", mimeType: "image/png", buffer: png });
    await page.locator(".banner-error", { hasText: "该文件不是 Excel（.xlsx）或 CSV 表格" }).waitFor();
    const fakeZip = Buffer.concat([Buffer.from("PK\u0003\u0004", "latin1"), Buffer.alloc(200, 7)]);
    await uploadForImport(page, { name: "资源清单.xlsx", mimeType: XLSX_TYPE, buffer: fakeZip });
    await page.locator(".banner-error", { hasText: "无法读取该 Excel 文件" }).waitFor();
    assertEqual(await page.locator("h2", { hasText: "预览：" }).count(), 0, "被拒的文件不应出现预览");
  });

  test("销售：可看资源列表和广告位详情，无新建/编辑；/inventory/units/new 与导入 → 403", async () => {
    const page = await s.loginAs("demo-sales");
    await page.locator("nav.mainnav").getByRole("link", { name: "资源" }).click();
    await page.waitForURL((url) => url.pathname === "/inventory");
    await page.locator("h1", { hasText: "资源" }).waitFor();
    assertEqual(await page.locator("nav.mainnav a.active").allInnerTexts(), ["资源"], "当前高亮的导航项");
    assertEqual(await page.getByRole("link", { name: "新建广告位" }).count(), 0, "销售不应看到“新建广告位”");
    assert((await listTotal(page)) > 0, "销售应能看到广告位");
    await screenshot(page, "inventory-sales.png");

    await page.goto(`/inventory?q=${ids.staticCode}`);
    await page.getByRole("link", { name: ids.staticCode }).click();
    await page.waitForURL((url) => url.pathname === `/inventory/units/${staticId()}`);
    await page.locator("h1", { hasText: ids.staticCode }).waitFor();
    assertEqual(await page.getByRole("link", { name: "编辑", exact: true }).count(), 0, "销售不应看到“编辑”");
    assertEqual(await page.getByRole("button", { name: "归档" }).count(), 0, "销售不应看到“归档”");
    await page.getByRole("link", { name: "刊例价与报价" }).click();
    await page.getByRole("button", { name: "试算" }).waitFor();
    assertEqual(await page.getByRole("button", { name: "新增刊例价" }).count(), 0, "销售不应能新增刊例价");

    for (const path of ["/inventory/sites", "/inventory/expiring", `/inventory/sites/${shared.siteId}`]) {
      const response = await page.goto(path);
      assertEqual(response?.status(), 200, `销售打开 ${path} 的 HTTP 状态`);
    }
    // Reading is enough for the export and the blank template.
    const exported = await page.context().request.get("/inventory/export.xlsx");
    assertEqual(exported.status(), 200, "销售导出的状态");
    assert((await firstSheetTexts(await exported.body())).has(ids.staticCode), "销售导出的文件应含新建的广告位");
    assertEqual((await page.context().request.get("/inventory/template.xlsx")).status(), 200, "销售下载模板的状态");
    for (const path of ["/inventory/units/new", "/inventory/import", "/inventory/sites/new"]) {
      const response = await page.goto(path);
      assertEqual(response?.status(), 403, `${path} 的 HTTP 状态`);
      await expectErrorPage(page, 403, "无权操作");
    }
    await page.goto("/settings");
    await page.waitForURL((url) => url.pathname === "/settings/categories");
    assertEqual(await page.locator("nav.tabs a").allInnerTexts(), ["收入类别"], "销售的设置页签");
    await page.getByText("只有管理员可以修改收入类别。").waitFor();
  });

  return cases;
}
