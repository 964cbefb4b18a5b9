// Browser tests of a finance month-end: generate this month's bills, fill in the missing tax id of
// the new pharmacy client and issue its bill, export it for the tax platform and import the invoice
// number back, take a partial payment and an over-payment, issue the other drafts and credit part
// of one, then the aging, the ledgers and the culture-fee sheet, each screen total compared with
// the rows under it and with its workbook. Earlier cases add orders and contracts to the same
// month, so only the pharmacy's figures are known in advance; the rest are added up here.
import type { Page } from "playwright-core";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { assert, assertEqual, hydrated, pathOf, screenshot, type Session, type TestCase } from "./harness";
import {
  agingTable, BILL_PATH, billListTotals, cellFen, cells, creditMoney, creditPart, cultureFeeLines, dataRows, download, endOfLastMonth, endOfMonth, facts, fen, figures,
  generate, issueAllDrafts, netOfInclusive, openOf, panel, percentOf, PHARMACY, plain, records, resultFile, sheet, showMonth, stats, submitPayment, tab,
  templateRows, typeCreditCode, workbook, yuan, zdNumber,
} from "./finance-support";
import { shanghaiToday, XLSX_TYPE } from "./inventory-support";

/** The pharmacy's milestone: ¥18,000.00 with 6 % VAT included. */
const PHARMACY_TOTAL = 1_800_000;
const VAT_BP = 600;

export function buildFinanceCases(s: Session): TestCase[] {
  const today = shanghaiToday();
  const year = today.slice(0, 4);
  const monthEnd = endOfMonth(today);
  const tag = String(Date.now() % 100000);
  const shared: {
    page?: Page;
    drafts?: number;
    bill?: { path: string; clientId: string; number?: string; code?: string; taxCode?: string; taxNumber?: string };
    credit?: { number: string; original: string; totalFen: number; advertising: boolean };
  } = {};
  const finance = async () => (shared.page ??= await s.loginAs("demo-finance"));
  const pharmacy = () => {
    assert(shared.bill?.number && shared.bill.code, "前面的测试没能开具药房的账单");
    return { ...shared.bill, number: shared.bill.number, code: shared.bill.code };
  };
  const cases: TestCase[] = [];
  const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

  test("财务：生成本月账单（截止本月最后一天），新客户药房的 18,000 元里程碑成为草稿；再生成一次没有新内容", async () => {
    const page = await finance();
    await page.locator("nav.mainnav").getByRole("link", { name: "财务", exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/finance"));
    await tab(page, "账单", "/finance/bills");
    await generate(page, monthEnd);
    const notice = await page.getByRole("status").filter({ hasText: "已生成" }).innerText();
    assert(Number(/新建草稿 (\d+) 张/.exec(notice)?.[1] ?? 0) >= 1, `应新建草稿：${notice}`);
    assertEqual(new URL(page.url()).searchParams.get("status"), "draft", "生成后列出草稿");

    const rows = await records(page.locator("table.bill-list"));
    assert(rows.every((r) => r["状态"] === "草稿"), "列表中应只有草稿");
    const mine = rows.filter((r) => r["客户"] === PHARMACY);
    assertEqual(mine.length, 1, "药房的草稿张数");
    const net = netOfInclusive(PHARMACY_TOTAL, VAT_BP);
    assertEqual([mine[0]["票种"], mine[0]["不含税金额"], mine[0]["税额"], mine[0]["价税合计"]], ["普票", yuan(net), yuan(PHARMACY_TOTAL - net), yuan(PHARMACY_TOTAL)], "药房草稿（票种、不含税、税额、合计）");
    assertEqual([yuan(net), yuan(PHARMACY_TOTAL - net)], ["¥16,981.13", "¥1,018.87"], "手算的不含税金额和税额");
    // The footer adds up every draft of the filter; all of them are on this page.
    const totals = await billListTotals(page);
    assertEqual(totals.count, rows.length, "合计行的张数");
    for (const [key, column] of [["net", "不含税金额"], ["tax", "税额"], ["total", "价税合计"]] as const) {
      assertEqual(totals[key], rows.reduce((sum, r) => sum + fen(r[column]), 0), `草稿的${column}合计`);
    }
    shared.drafts = rows.length;
    await screenshot(page, "finance-generated.png");

    await generate(page, monthEnd);
    await page.getByRole("status").filter({ hasText: "没有新的应开票内容" }).waitFor();
    const again = await billListTotals(page);
    assertEqual([again.count, again.total], [totals.count, totals.total], "再次生成后草稿的张数和金额不变");
  });

  test("财务：药房草稿缺纳税人识别号不能开具；从问题链接去补全客户资料（校验位手算），回到账单开具，取得 ZD 编号", async () => {
    const page = await finance();
    await page.goto("/finance/bills?status=draft");
    await page.locator("table.bill-list tbody tr", { hasText: PHARMACY }).getByRole("link", { name: PHARMACY }).click();
    await page.waitForURL((url) => BILL_PATH.test(url.pathname));
    const path = pathOf(page);
    const problems = page.locator(".bill-problems");
    const problemText = await problems.innerText();
    assert(problemText.includes("纳税人识别号"), `应列出缺纳税人识别号：${problemText}`);
    assert(await page.getByRole("button", { name: "开具", exact: true }).isDisabled(), "有问题时“开具”应不可用");
    const before = await facts(page);
    assertEqual(before["状态"], "草稿", "账单状态");
    const special = before["发票种类"] === "增值税专用发票";
    const clientHref = await page.locator("dl.deflist a", { hasText: PHARMACY }).getAttribute("href");
    const clientId = clientHref?.split("/").pop() ?? "";
    const taxCode = (await cells(page.locator("table.bill-lines")))[0][2];
    assert(/^\d{19}$/.test(taxCode), `明细行的税收分类编码：${taxCode}`);
    shared.bill = { path, clientId, taxCode };
    await screenshot(page, "finance-draft-problem.png");

    await problems.getByRole("link", { name: "去修改客户资料", exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/clients/${clientId}/edit`);
    const code = await typeCreditCode(page, `91330000MA2H${tag.padStart(5, "0")}`);
    if (special) {
      await page.locator('input[name="bank_name"]').fill("示范县农商银行城关支行");
      await page.locator('input[name="bank_account"]').fill(`2010100${tag.padStart(8, "0")}`);
    }
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/clients/${clientId}`);

    await page.goto(path);
    await page.locator(".bill-problems", { hasText: "资料齐全，可以开具。" }).waitFor();
    assertEqual((await facts(page))["纳税人识别号"], code, "购买方纳税人识别号取自客户资料");
    await hydrated(page, 'input[name="issue_date"]');
    assertEqual(await page.locator('input[name="issue_date"]').inputValue(), today, "开票日期默认为今天");
    await page.getByRole("button", { name: "开具", exact: true }).click();
    const number = zdNumber(await page.getByRole("status").filter({ hasText: "已开具，账单号" }).innerText(), year);
    assertEqual((await page.locator("h2").first().innerText()).trim(), `账单 ${number} 未收款`, "开具后的标题");
    const f = await facts(page);
    assertEqual([f["账单号"], f["状态"], f["开票日期"], f["到期日"], f["纳税人识别号"]], [number, "未收款", today, addDays(today, 30), code], "开具后的账单信息（到期日按客户 30 天）");
    assert(f["价税合计"].startsWith("¥18,000.00") && f["价税合计"].includes("人民币壹万捌仟元整"), `价税合计及大写：${f["价税合计"]}`);
    assert(f["未收金额"].startsWith("¥18,000.00"), `未收金额：${f["未收金额"]}`);
    const foot = (await cells(page.locator("table.bill-lines"), "tfoot"))[0].filter(Boolean);
    assertEqual(foot, ["合计", "16,981.13", "1,018.87", "18,000.00"], "明细合计（不含税、税额、价税合计）");
    assertEqual((await page.locator(".bill-words").innerText()).trim(), "价税合计（大写）：人民币壹万捌仟元整（¥18,000.00）", "大写金额");
    assertEqual(await page.getByRole("button", { name: "开具", exact: true }).count(), 0, "开具后不再有“开具”按钮");
    shared.bill = { ...shared.bill, number, code };
    await screenshot(page, "finance-issued.png");
  });

  test("税务平台：只勾选药房的账单导出批量开具文件，两张表的流水号、购买方、税号、含税金额与账单一致", async () => {
    const bill = pharmacy();
    const page = await finance();
    await tab(page, "税务平台", "/finance/tax-platform");
    const box = `input[type="checkbox"][aria-label="${bill.number}"]`;
    await hydrated(page, box);
    const text = await page.locator("tr", { has: page.locator(box) }).innerText();
    assert(text.includes(PHARMACY) && text.includes("¥18,000.00"), `待开票列表中药房的一行：${text}`);
    await page.locator(box).check();
    await page.locator(".export-bar", { hasText: "已选 1 张，价税合计 ¥18,000.00" }).waitFor();
    const file = await download(page, () => page.getByRole("button", { name: "导出税务平台批量开票文件" }).click());
    assert(file.name.endsWith(".xlsx"), `导出文件名：${file.name}`);
    const book = await workbook(file.bytes);

    const invoices = templateRows(book, "1-发票基本信息");
    assertEqual(invoices.length, 1, "只导出勾选的一张");
    const at = invoices[0];
    assertEqual([at("发票流水号"), at("发票类型"), at("是否含税"), at("购买方名称"), at("购买方纳税人识别号")], [bill.number, "普通发票", "是", PHARMACY, bill.code], "发票基本信息");

    const lines = templateRows(book, "2-发票明细信息");
    assertEqual(lines.length, 1, "药房账单的明细行数");
    const col = lines[0];
    assertEqual([col("发票流水号"), col("商品和服务税收编码"), col("数量"), col("税率")], [bill.number, bill.taxCode, 1, 0.06], "发票明细（流水号、编码、数量、税率）");
    assertEqual([cellFen(col("金额")), cellFen(col("单价"))], [PHARMACY_TOTAL, PHARMACY_TOTAL], "含税的金额和单价");
    assert(String(col("项目名称")).startsWith("*"), `项目名称应为 *简称*品名：${col("项目名称")}`);
  });

  test("税务平台：导入开票结果（20 位数电发票号码），预览 1 张待登记，确认后账单显示号码", async () => {
    const bill = pharmacy();
    const page = await finance();
    await page.goto("/finance/tax-platform");
    const taxNumber = `${year.slice(2)}${String(Date.now()).padStart(18, "0")}`;
    const buffer = await resultFile([{ serial: bill.number, number: taxNumber, date: today, buyer: PHARMACY }]);
    await hydrated(page, "#tax-result-file");
    await page.locator("#tax-result-file").setInputFiles({ name: "开票结果.xlsx", mimeType: XLSX_TYPE, buffer });
    await page.getByRole("button", { name: "上传并预览", exact: true }).click();
    await page.getByText("预览：开票结果.xlsx").waitFor();
    assertEqual(await stats(page), [["将登记号码", "1"], ["已登记，无变化", "0"], ["有问题的地方", "0"]], "预览的统计");
    const rows = await records(panel(page, "将登记的发票").locator("table.grid"));
    assertEqual(rows, [{ 行号: "2", "发票流水号（账单号）": bill.number, 数电发票号码: taxNumber, 开票日期: today, 购买方: PHARMACY, 价税合计: "¥18,000.00", 处理: "登记号码" }], "预览中的一行");
    await screenshot(page, "finance-tax-preview.png");
    await page.getByRole("button", { name: "确认导入（登记 1 张）", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "开票结果已导入：登记 1 张，0 张此前已登记" }).waitFor();
    assertEqual(await page.locator(`input[aria-label="${bill.number}"]`).count(), 0, "已登记号码的账单不再待导出");

    await page.goto(bill.path);
    assertEqual((await facts(page))["数电发票号码"], `${taxNumber}（${today}）`, "账单上的数电发票号码");
    shared.bill = { ...shared.bill!, taxNumber };
  });

  test("收款：药房先付 10,000 元手工核销（部分收款，余 8,000），再付 9,000 元自动核销（已收清，多出 1,000 元转预收款）", async () => {
    const bill = pharmacy();
    const page = await finance();
    await tab(page, "收款", "/finance/payments");
    await page.getByRole("link", { name: "登记收款", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/finance/payments/new");
    await hydrated(page, "select.client-select");
    await page.locator("select.client-select").selectOption({ label: `${PHARMACY}（未收 ¥18,000.00）` });
    await page.waitForURL((url) => url.searchParams.get("client") === bill.clientId);

    await hydrated(page, 'input[name="amount"]');
    await page.locator("h2", { hasText: "未收清的账单（1 张，共 ¥18,000.00）" }).waitFor();
    await page.locator('input[name="amount"]').fill("10000");
    await page.locator(".money-words", { hasText: "壹万元整" }).waitFor();
    await page.getByRole("radio", { name: "手工分配" }).check();
    await page.getByRole("textbox", { name: `核销账单 ${bill.number} 的金额（元）` }).fill("10000");
    await page.locator('input[name="reference"]').fill(`HM${tag}-1`);
    await page.locator(".alloc-summary", { hasText: "本次核销账单 ¥10,000.00，余 ¥0.00" }).waitFor();
    await submitPayment(page);
    assertEqual((await page.getByRole("status").innerText()).trim(), "收款已登记。", "第一笔收款的提示");

    await page.goto(bill.path);
    let f = await facts(page);
    assertEqual([f["状态"], f["已收款"], fen(f["未收金额"])], ["部分收款", "¥10,000.00", 800_000], "第一笔后账单的状态、已收款、未收金额");

    await page.goto(`/finance/payments/new?client=${bill.clientId}`);
    await hydrated(page, 'input[name="amount"]');
    await page.locator("h2", { hasText: "未收清的账单（1 张，共 ¥8,000.00）" }).waitFor();
    await page.locator('input[name="amount"]').fill("9000");
    const planned = page.locator("table.grid tbody tr", { hasText: bill.number });
    await planned.locator("td.alloc-col", { hasText: "¥8,000.00" }).waitFor();
    const summary = await page.locator(".alloc-summary", { hasText: "本次核销账单 ¥8,000.00，余 ¥1,000.00" }).innerText();
    assert(summary.includes("余额转为该客户的预收款"), `余额应说明转为预收款：${summary}`);
    await page.locator('input[name="reference"]').fill(`HM${tag}-2`);
    await submitPayment(page);
    assertEqual((await page.getByRole("status").innerText()).trim(), `收款已登记。其中 ¥1,000.00 未核销账单，已作为客户“${PHARMACY}”的预收款。`, "多付的提示");
    f = await facts(page);
    assertEqual([f["收款金额"].split(" ")[0], f["已核销"], f["未核销"], f["客户现有预收款"]], ["¥9,000.00", "¥8,000.00", "¥1,000.00", "¥1,000.00"], "第二笔收款的核销情况");
    await screenshot(page, "finance-payment.png");

    await page.goto(bill.path);
    f = await facts(page);
    assertEqual([f["状态"], f["已收款"], fen(f["未收金额"])], ["已收清", "¥18,000.00", 0], "收清后账单的状态、已收款、未收金额");
    const allocations = await records(panel(page, "收款核销").locator("table.grid"));
    assertEqual(allocations.map((a) => a["核销金额"]).sort(), ["¥10,000.00", "¥8,000.00"].sort(), "账单上的两笔核销");
  });

  test("批量开具其余草稿；对其中一张（优先广告收入）按行部分冲红 500 元（销售折让），原发票未收金额恰好减少该红字金额", async () => {
    const page = await finance();
    await page.goto("/finance/bills?status=draft");
    const drafts = await records(page.locator("table.bill-list"));
    assert(drafts.length >= 1, "应还有草稿可开具");
    assert(!drafts.some((d) => d["客户"] === PHARMACY), "药房的账单已开具，不应仍是草稿");
    assertEqual(drafts.length, (shared.drafts ?? 0) - 1, "剩下的草稿数");
    await issueAllDrafts(page, drafts.length);

    // Today's bills, and of those the first that carries advertising (a culture-fee line).
    await page.goto(`/finance/bills?status=issued&kind=invoice&from=${today}&to=${today}`);
    const issued = (await records(page.locator("table.bill-list"))).map((r) => r["账单号"]).filter((n) => n !== pharmacy().number);
    assertEqual(issued.length, drafts.length, "今天批量开具的账单数");
    await page.goto(`/finance/culture-fee?month=${today.slice(0, 7)}`);
    const ad = (await cultureFeeLines(page)).find((l) => issued.includes(l.number));
    const original = ad?.number ?? issued[0];
    await page.goto(`/finance/bills?status=issued&kind=invoice&from=${today}&to=${today}`);
    await page.getByRole("link", { name: original, exact: true }).click();
    await page.waitForURL((url) => BILL_PATH.test(url.pathname));
    await page.locator("h2", { hasText: `账单 ${original}` }).waitFor();
    const path = pathOf(page);
    const openBefore = await openOf(page);

    // The line to credit: the advertising one, else the first; its terms decide what 500 means.
    const lines = await records(page.locator("table.bill-lines"));
    const line = ad ? lines.find((l) => l["项目名称"].includes(ad.description)) : lines[0];
    assert(line, `找不到要冲红的明细行（${ad?.description}）`);
    const seq = line["行"];
    const inclusive = line["金额"].endsWith("含税") && !line["金额"].endsWith("不含税");
    const bp = Math.round(Number(line["税率"].replace("%", "")) * 100);
    const { net, tax, total } = creditMoney(50_000, inclusive, bp);

    await creditPart(page, { seq, amountFen: 50_000, reason: "销售折让", notes: `端到端折让${tag}` });
    const number = zdNumber(await page.getByRole("status").filter({ hasText: "已开具红字发票" }).innerText(), year);
    assert(number !== original, "红字发票应有自己的 ZD 编号");
    assertEqual(pathOf(page), path, "冲红后回到原发票");
    assertEqual(await openOf(page), openBefore + total, "原发票未收金额减少红字金额");
    assertEqual(await cells(panel(page, "红字发票").locator("table.grid")), [[number, today, "销售折让", yuan(net), yuan(tax), yuan(total)]], "原发票上的红字发票");
    assertEqual((await facts(page))["已红冲"], yuan(-total), "原发票的已红冲金额");

    await page.getByRole("link", { name: number, exact: true }).click();
    await page.waitForURL((url) => BILL_PATH.test(url.pathname) && url.pathname !== path);
    await page.locator("h2", { hasText: `红字发票 ${number}` }).waitFor();
    const f = await facts(page);
    assertEqual([f["类型"], f["原发票"], f["红冲原因"]], ["红字", original, "销售折让"], "红字发票的类型、原发票、原因");
    assert(f["价税合计"].startsWith(yuan(total)), `红字发票价税合计：${f["价税合计"]}`);
    const foot = (await cells(page.locator("table.bill-lines"), "tfoot"))[0].filter(Boolean);
    assertEqual(foot, ["合计", plain(net), plain(tax), plain(total)], "红字发票的明细合计");
    if (inclusive) assertEqual(total, -50_000, "含税行冲红 500 元，红字价税合计即 -500.00");
    shared.credit = { number, original, totalFen: total, advertising: Boolean(ad) };
    await screenshot(page, "finance-credit.png");
  });

  test("应收账龄：截至今天，按客户、按销售两张表在管理口径和法定口径下逐列合计相符，等于账单列表的未收合计和 Excel 合计行", async () => {
    const page = await finance();
    await page.goto("/finance/bills");
    const listOpen = (await billListTotals(page)).open;
    await tab(page, "应收账龄", "/finance/aging");
    assertEqual(await page.locator('input[name="as_of"]').inputValue(), today, "截止日期默认今天");

    const screen: Record<string, number[]> = {};
    for (const basis of ["management", "statutory"] as const) {
      if (basis === "statutory") {
        await page.getByRole("link", { name: "法定口径（开票年限）" }).click();
        await page.waitForURL((url) => url.searchParams.get("basis") === "statutory");
        // The address changes a moment before the new tables are drawn.
        await panel(page, "按客户").locator("th", { hasText: "1年以内" }).waitFor();
      }
      const buckets = basis === "management" ? 7 : 4;
      const byClient = await agingTable(page, "按客户", buckets);
      const byRep = await agingTable(page, "按销售负责人", buckets);
      assertEqual(byRep.foot, byClient.foot, "按销售与按客户的合计行相同");
      assert(!byClient.names.includes(PHARMACY), "药房已收清，不应在账龄表中");
      screen[basis] = byClient.foot;
      assertEqual(fen(await page.locator(".stat .stat-value").first().innerText()), byClient.foot[0], "应收余额统计");
      if (basis === "management") await screenshot(page, "finance-aging.png");
    }
    assertEqual(screen.statutory[0], screen.management[0], "两种口径的应收余额相同");
    assertEqual(screen.management[0], listOpen, "账龄合计等于账单列表的未收金额合计");

    const file = await download(page, () => page.getByRole("link", { name: "导出 Excel" }).click());
    assertEqual(file.name, `应收账款账龄分析表-${today}.xlsx`, "账龄表文件名");
    const book = await workbook(file.bytes);
    for (const name of ["按客户", "按销售"]) {
      const rows = dataRows(sheet(book, name));
      const last = rows[rows.length - 1];
      assertEqual(last[0], "合计", `“${name}”表末行`);
      assertEqual(last.slice(1, 14).map(cellFen), [...screen.management, ...screen.statutory.slice(1)], `“${name}”表合计行等于页面合计`);
    }
  });

  test("台账导出：本月开票台账和收款台账的页面合计等于 Excel 合计行，开票台账与账单列表相符；“上月”的账龄表按上月末导出", async () => {
    const bill = pharmacy();
    const credit = shared.credit;
    const page = await finance();
    await tab(page, "台账导出", "/finance/ledgers");
    await page.locator("a.quick.active", { hasText: "本月" }).waitFor();
    const [invoiceCard, receiptCard] = [page.locator(".ledger-card").nth(0), page.locator(".ledger-card").nth(1)];
    const inv = await figures(invoiceCard);
    const invCount = Number(/(\d+) 张/.exec(await invoiceCard.locator(".ledger-count").innerText())?.[1]);
    await screenshot(page, "finance-ledgers.png");

    const invFile = await download(page, () => invoiceCard.getByRole("link", { name: "下载 Excel" }).click());
    const invRows = dataRows(sheet(await workbook(invFile.bytes), "开票台账"));
    const invTotals = invRows.pop()!;
    assertEqual(invTotals[0], `合计（${invCount} 张）`, "开票台账合计行");
    assertEqual(invRows.length, invCount, "开票台账行数");
    assertEqual([cellFen(invTotals[6]), cellFen(invTotals[7]), cellFen(invTotals[8])], [inv["不含税金额"], inv["税额"], inv["价税合计"]], "开票台账合计行等于页面");
    assertEqual(invRows.reduce((sum, r) => sum + cellFen(r[8]), 0), inv["价税合计"], "开票台账各行价税合计之和");
    const mine = invRows.find((r) => r[0] === bill.number);
    assert(mine, `开票台账中应有 ${bill.number}`);
    assertEqual([mine[2], mine[3], mine[5], cellFen(mine[8]), mine[9]], [PHARMACY, bill.code, bill.taxNumber, PHARMACY_TOTAL, "已收清"], "开票台账中药房的一行");
    if (credit) {
      const red = invRows.find((r) => r[0] === credit.number);
      assert(red, `开票台账中应有红字发票 ${credit.number}`);
      assertEqual([cellFen(red[8]), red[9], red[10]], [credit.totalFen, "红字冲销", credit.original], "开票台账中的红字发票");
    }

    const rec = await figures(receiptCard);
    const recFile = await download(page, () => receiptCard.getByRole("link", { name: "下载 Excel" }).click());
    const recRows = dataRows(sheet(await workbook(recFile.bytes), "收款台账"));
    const recTotals = recRows.pop()!;
    assertEqual(recTotals.slice(5, 9).map((v) => (v === null ? 0 : cellFen(v))), [rec["收款金额"], rec["退票冲回"], rec["已核销金额"], rec["未核销金额"]], "收款台账合计行等于页面");
    const paid = recRows.filter((r) => r[1] === PHARMACY).map((r) => [cellFen(r[5]), cellFen(r[7]), cellFen(r[8])]);
    assertEqual(paid.sort((a, b) => b[0] - a[0]), [[1_000_000, 1_000_000, 0], [900_000, 800_000, 100_000]], "收款台账中药房的两笔（金额、已核销、未核销）");

    // The same month on the bill list adds up to the same figures.
    await page.goto(`/finance/bills?status=issued&from=${today.slice(0, 7)}-01&to=${monthEnd}`);
    const list = await billListTotals(page);
    assertEqual([list.count, list.net, list.tax, list.total], [invCount, inv["不含税金额"], inv["税额"], inv["价税合计"]], "账单列表本月已开具的张数与合计");

    await page.goto("/finance/ledgers");
    await page.locator("a.quick", { hasText: "上月" }).click();
    const lastEnd = endOfLastMonth(today);
    await page.waitForURL((url) => url.searchParams.get("to") === lastEnd);
    const aging = await download(page, () => page.getByRole("link", { name: `应收账款账龄分析表（截至 ${lastEnd}）` }).click());
    assertEqual(aging.name, `应收账款账龄分析表-${lastEnd}.xlsx`, "“上月”的账龄表应按上月末导出");
  });

  test("文化事业建设费：本月计算表逐项手算相符（计费依据等于广告明细合计，红字为负），Excel 的应缴金额等于页面", async () => {
    const [bill, credit, page] = [pharmacy(), shared.credit, await finance()];
    await tab(page, "文化事业建设费", "/finance/culture-fee");
    await showMonth(page, today.slice(0, 7));

    const computation = page.locator("table.computation");
    const items = Object.fromEntries((await cells(computation)).map((r) => [r[0], r[1]]));
    const fee = fen((await cells(computation, "tfoot"))[0][1]);
    const base = fen(items["广告服务含税收入（计费依据）"]);
    const deductions = -fen(items["减：支付给其他广告发布者的含税价款"]);
    const taxable = fen(items["计费销售额"]);
    assertEqual(taxable, Math.max(base - deductions, 0), "计费销售额 = 含税收入 − 扣除额");
    const lines = await cultureFeeLines(page);
    assertEqual(lines.reduce((sum, l) => sum + l.totalFen, 0), base, "广告收入明细的含税金额之和即计费依据");
    assertEqual(lines.reduce((sum, l) => sum + l.netFen, 0), fen(items["本月广告销售额（不含税）"]), "广告收入明细的不含税金额之和");
    assert(!lines.some((l) => l.number === bill.number), "药房的视频制作不计文化事业建设费");
    if (credit?.advertising) {
      const red = lines.find((l) => l.number === credit.number);
      assert(red, `明细中应有红字发票 ${credit.number}`);
      assertEqual(red.totalFen, credit.totalFen, "红字发票在明细中为负");
    }
    const rateText = items["费率"];
    const expected = items["是否免征"] === "是" || rateText === "—" ? 0 : percentOf(taxable, Math.round(Number(rateText.replace("%", "")) * 100));
    assertEqual(fee, expected, `应缴 = 计费销售额 × 费率 ${rateText}（四舍五入到分）`);
    if (lines.length) await page.locator("details summary", { hasText: "广告收入明细" }).click();
    await screenshot(page, "finance-culture-fee.png");

    const file = await download(page, () => page.getByRole("link", { name: "导出 Excel" }).click());
    const book = await workbook(file.bytes);
    const summary = dataRows(sheet(book, "计算表"));
    const due = summary.find((r) => r[0] === "应缴文化事业建设费");
    assert(due, "计算表中应有“应缴文化事业建设费”");
    assertEqual(cellFen(due[1]), fee, "Excel 的应缴金额等于页面");
    const adRows = dataRows(sheet(book, "广告收入明细"));
    const adTotals = adRows[adRows.length - 1];
    assertEqual([adTotals[0], cellFen(adTotals[6])], ["合计", base], "Excel 广告收入明细合计等于计费依据");
  });

  return cases;
}
