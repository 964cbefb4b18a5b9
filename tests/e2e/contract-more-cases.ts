// Browser tests of service contracts, continued: who may see and change them (finance reads only,
// another center gets 404), signed scans (a real PDF is kept and served, a text file named .pdf is
// refused), and renewing a contract that ends within 60 days. They work on the demo's contracts.
import type { Page } from "playwright-core";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { assert, assertEqual, expectErrorPage, hydrated, mainText, pathOf, screenshot, type Session, type TestCase } from "./harness";
import { CONTRACT_PATH, facts, move, tableRows } from "./contract-cases";
import { shanghaiToday } from "./inventory-support";

/** The smallest PDF a viewer opens: one empty page. */
const TINY_PDF = [
  "%PDF-1.4",
  "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
  "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
  "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj",
  "trailer << /Root 1 0 R >>",
  "%%EOF",
  "",
].join("\n");

/** The link of the first row of /contracts?q=… whose title is `title`. */
async function contractHref(page: Page, title: string): Promise<string> {
  await page.goto(`/contracts?q=${encodeURIComponent(title)}`);
  const link = page.locator("table.grid tbody tr td:nth-child(2) a", { hasText: title }).first();
  await link.waitFor();
  const href = await link.getAttribute("href");
  assert(href && CONTRACT_PATH.test(href), `合同链接：${href}`);
  return href;
}

export function buildContractMoreCases(s: Session): TestCase[] {
  const today = shanghaiToday();
  const shared: { sales?: Page; demoHref?: string } = {};
  const sales = async () => (shared.sales ??= await s.loginAs("demo-sales"));
  const cases: TestCase[] = [];
  const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

  test("合同权限：财务能看列表和详情但不能新建（/contracts/new → 403）；小河县销售打开示范县的合同 → 404", async () => {
    const finance = await s.loginAs("demo-finance");
    await finance.locator("nav.mainnav").getByRole("link", { name: "合同", exact: true }).click();
    await finance.waitForURL((url) => url.pathname === "/contracts");
    // The home page's tables may still be on screen right after the URL changes.
    await finance.locator("h1", { hasText: "服务合同" }).waitFor();
    await finance.locator("table.grid tbody tr").first().waitFor();
    assert((await tableRows(finance.locator("table.grid").first())).length >= 10, "财务应看到示范数据中的合同");
    assertEqual(await finance.getByRole("link", { name: "新建合同" }).count(), 0, "财务不应看到“新建合同”");
    assertEqual(await finance.getByText("只看我负责的").count(), 0, "财务不应有“只看我负责的”");
    await screenshot(finance, "contract-list-finance.png");
    shared.demoHref = await contractHref(finance, "健康科普系列短视频制作");
    await finance.goto(shared.demoHref);
    await finance.getByText("只有合同负责人可以修改此合同。").waitFor();
    for (const button of ["开始履行", "续签下一期", "终止合同", "上传扫描件"]) {
      assertEqual(await finance.getByRole("button", { name: button }).count(), 0, `财务不应看到“${button}”`);
    }
    const response = await finance.goto("/contracts/new");
    assertEqual(response?.status(), 403, "财务打开 /contracts/new 的 HTTP 状态");
    await expectErrorPage(finance, 403, "无权操作");

    const other = await s.loginAs("xiaohe-sales");
    const foreign = await other.goto(shared.demoHref);
    assertEqual(foreign?.status(), 404, "小河县销售打开示范县合同的 HTTP 状态");
    await expectErrorPage(other, 404, "页面不存在");
    assert(!(await mainText(other)).includes("健康科普"), "404 页不应泄露合同名称");
    await screenshot(other, "contract-foreign-404.png");
    await other.goto("/contracts");
    const theirs = await tableRows(other.locator("table.grid").first());
    assert(!theirs.some((r) => r.join(" ").includes("示范县")), `小河县的合同列表不应有示范县的合同：${JSON.stringify(theirs.slice(0, 3))}`);
  });

  test("合同附件：上传 PDF 扫描件后列在“合同附件”里并可下载；改名为 .pdf 的文本文件被拒", async () => {
    const page = await sales();
    const href = shared.demoHref ?? (await contractHref(page, "健康科普系列短视频制作"));
    await page.goto(href);
    await page.getByText("尚未上传合同扫描件").waitFor();
    // A file chosen before React takes the form over can be lost when it does.
    await hydrated(page, 'input[type="file"][name="file"]');
    const chooser = page.locator('input[type="file"][name="file"]');
    const submit = page.locator('form:has(input[name="file"]) button[type="submit"]');
    await chooser.setInputFiles({ name: "健康科普合同扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.from(TINY_PDF) });
    await submit.click();
    await page.getByRole("status").filter({ hasText: "附件已上传" }).waitFor();
    const link = page.locator("ul.file-list a", { hasText: "健康科普合同扫描件.pdf" });
    await link.waitFor();
    const fileHref = await link.getAttribute("href");
    assert(fileHref && fileHref.startsWith(`${href}/files/`), `附件链接：${fileHref}`);
    const download = await page.context().request.get(fileHref);
    assertEqual(download.status(), 200, "下载附件的状态");
    assertEqual(download.headers()["content-type"]?.split(";")[0], "application/pdf", "下载附件的类型");
    assertEqual((await download.body()).toString("latin1"), TINY_PDF, "下载的内容应与上传的相同");
    await screenshot(page, "contract-file-uploaded.png");

    await hydrated(page, 'input[type="file"][name="file"]');
    await chooser.setInputFiles({ name: "其实是文本.pdf", mimeType: "application/pdf", buffer: Buffer.from("这不是 PDF，只是改了扩展名的文本文件\n") });
    await submit.click();
    await page.locator('form:has(input[name="file"]) .field-error', { hasText: "合同扫描件只接受 PDF、JPG 或 PNG 文件" }).waitFor();
    assertEqual(await page.locator("ul.file-list li").count(), 1, "被拒的文件不应列出");
    await screenshot(page, "contract-file-refused.png");

    const other = await s.loginAs("xiaohe-sales");
    assertEqual((await other.context().request.get(fileHref)).status(), 404, "小河县销售下载示范县附件的状态");
  });

  test("合同续签：60 天内到期的合同“续签下一期”生成草稿（合同期从原结束次日起），原合同显示“已续签为”并移出到期列表", async () => {
    const page = await sales();
    await page.goto("/contracts?ending=1");
    const first = page.locator("table.grid tbody tr").first();
    await first.locator("a").first().waitFor();
    const [number, title, , , , , term] = (await tableRows(page.locator("table.grid").first()))[0];
    const [oldStart, oldEnd] = term.split(" ~ ");
    assert(oldEnd >= today && oldEnd <= addDays(today, 60), `到期列表的第一份合同应在 60 天内到期：${number} ${term}`);
    await first.getByRole("link", { name: number }).click();
    await page.waitForURL((url) => CONTRACT_PATH.test(url.pathname));
    const oldPath = pathOf(page);
    await move(page, "续签下一期", "已生成下一期合同草稿，请核对后提交签订");
    assert(pathOf(page) !== oldPath, "续签后应转到新合同");
    const next = await facts(page);
    assertEqual(next["状态"], "草拟", "新一期的状态");
    assert(next["合同编号"] && next["合同编号"] !== number, `新一期应有自己的编号：${next["合同编号"]}`);
    assertEqual(next["合同期"].split(" ~ ")[0], addDays(oldEnd, 1), "新一期从原合同结束次日开始");
    assert(next["合同期"].split(" ~ ")[1] > addDays(oldEnd, 1), `新一期的合同期：${next["合同期"]}`);
    assertEqual(next["续签自"], number, "新一期写明续签自");
    assertEqual(next["签订日期"], "—", "新一期尚未签订");
    assertEqual((await page.locator("h1").first().innerText()).trim(), title, "新一期沿用合同名称");
    await screenshot(page, "contract-renewal-draft.png");

    await page.goto(oldPath);
    const old = await facts(page);
    assertEqual(old["已续签为"], next["合同编号"], "原合同写明已续签为");
    assertEqual(old["合同期"], `${oldStart} ~ ${oldEnd}`, "原合同的合同期不变");
    assertEqual(await page.getByRole("button", { name: "续签下一期" }).count(), 0, "已续签的合同不应再出现“续签下一期”");
    await screenshot(page, "contract-renewed-old.png");

    await page.goto("/contracts?ending=1");
    await page.locator("table.grid tbody tr").first().waitFor();
    const numbers = (await tableRows(page.locator("table.grid").first())).map((r) => r[0]);
    assert(!numbers.includes(number), `已续签的合同不应再在到期列表中：${numbers.join("、")}`);
  });

  return cases;
}
