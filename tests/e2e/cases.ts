// The browser tests. They run in order and share a little state (the admin's page, a client id).
import type { Page } from "playwright-core";
import { assert, assertEqual, expectErrorPage, listTotal, mainText, pathOf, readNav, screenshot, type Session, submitLogin, type TestCase } from "./harness";

type NavKind = "link" | "closed";
const L: NavKind = "link";

/**
 * What each role's top navigation must show, worked out by hand from nav.ts + permissions.ts:
 * 资源 needs inventory:read, 订单/日历 order:read, 合同 contract:read, 客户 client:read, 财务 billing:read, 报表 report:read,
 * 设置 any of user:read / center:update / category:read / audit:read (so sales see it too, for the
 * read-only category tree; sales read 财务 for their own clients' bills). 报表 is not yet open.
 */
const NAV_BY_ROLE: Record<string, [string, NavKind][]> = {
  admin: [["首页", L], ["资源", L], ["订单", L], ["日历", L], ["合同", L], ["客户", L], ["财务", L], ["报表", L], ["设置", L]],
  sales: [["首页", L], ["资源", L], ["订单", L], ["日历", L], ["合同", L], ["客户", L], ["财务", L], ["设置", L]],
  finance: [["首页", L], ["资源", L], ["订单", L], ["日历", L], ["合同", L], ["客户", L], ["财务", L], ["报表", L], ["设置", L]],
  manager: [["首页", L], ["资源", L], ["订单", L], ["日历", L], ["合同", L], ["客户", L], ["财务", L], ["报表", L], ["设置", L]],
  auditor: [["首页", L], ["资源", L], ["订单", L], ["日历", L], ["合同", L], ["客户", L], ["财务", L], ["报表", L], ["设置", L]],
};

const ROLE_LABEL: Record<string, string> = { admin: "管理员", sales: "销售", finance: "财务", manager: "主任/经理", auditor: "审计（只读）" };

export function buildCases(s: Session): TestCase[] {
  const shared: { admin?: Page; clientId?: string; clientName?: string } = {};
  // Logged in lazily: a failed navigation check must not take every later admin test down with it.
  const adminPage = async () => (shared.admin ??= await s.loginAs("demo-admin"));

  const cases: TestCase[] = [];
  const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

  test("错误密码：提示“用户名或密码错误”，停在 /login", async () => {
    const page = await s.newPage();
    await submitLogin(page, "demo-admin", "wrong-pass-123");
    await page.getByText("用户名或密码错误").waitFor();
    assertEqual(pathOf(page), "/login", "登录失败后的路径");
    assert((await page.locator("nav.mainnav").count()) === 0, "未登录时不应出现主导航");
    assertEqual(await page.locator('input[name="username"]').inputValue(), "demo-admin", "用户名应保留");
  });

  for (const role of Object.keys(NAV_BY_ROLE)) {
    test(`角色 ${role}：登录后到首页，导航与权限一致`, async () => {
      const page = await s.loginAs(`demo-${role}`);
      if (role === "admin") shared.admin = page;
      assertEqual(pathOf(page), "/", "登录后的路径");
      const h1 = await page.locator("h1").first().innerText();
      assert(h1.includes("您好"), `首页标题应含“您好”：${h1}`);
      assert(h1.includes(ROLE_LABEL[role]), `首页标题应显示角色“${ROLE_LABEL[role]}”：${h1}`);
      const nav = await readNav(page);
      assertEqual(
        nav.map((n) => [n.label, n.kind]),
        NAV_BY_ROLE[role],
        `demo-${role} 的导航（标签与链接/未开通）`,
      );
      const active = page.locator("nav.mainnav a.active");
      assertEqual(await active.allInnerTexts(), ["首页"], "当前高亮的导航项");
      assert((await page.locator(".brand-center").innerText()).includes("示范县融媒体中心"), "顶栏应显示本中心名称");
      await screenshot(page, `home-${role}.png`);
    });
  }

  test("销售访问 /settings/users：403“无权操作”，导航仍在", async () => {
    const page = await s.loginAs("demo-sales");
    const response = await page.goto("/settings/users");
    assertEqual(response?.status(), 403, "HTTP 状态");
    await expectErrorPage(page, 403, "无权操作");
    assertEqual((await readNav(page)).map((n) => n.label), ["首页", "资源", "订单", "日历", "合同", "客户", "财务", "设置"], "403 页上的导航");
    await screenshot(page, "forbidden-sales.png");
  });

  test("审计访问 /clients/new：403", async () => {
    const page = await s.loginAs("demo-auditor");
    const response = await page.goto("/clients/new");
    assertEqual(response?.status(), 403, "HTTP 状态");
    await expectErrorPage(page, 403, "无权操作");
  });

  test("管理员：客户列表、搜索“医院”", async () => {
    const page = await adminPage();
    await page.locator("nav.mainnav").getByRole("link", { name: "客户" }).click();
    await page.waitForURL((url) => url.pathname === "/clients");
    await page.locator("h1", { hasText: "客户" }).waitFor();
    const names = await page.locator("table.grid tbody tr td:first-child a").allInnerTexts();
    for (const seeded of ["示范县人民医院", "示范县教育局", "星河房地产开发有限公司"]) {
      assert(names.includes(seeded), `列表中应有种子客户“${seeded}”：${names.join("、")}`);
    }
    assertEqual(await listTotal(page), 14, "种子客户总数");
    await screenshot(page, "clients-list.png");

    await page.locator('input[name="q"]').fill("医院");
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "医院");
    // The URL can change a moment before React has drawn the new rows: wait for the new total.
    await page.locator(".pagination span", { hasText: "共 1 条" }).waitFor();
    const filtered = await page.locator("table.grid tbody tr td:first-child a").allInnerTexts();
    assertEqual(filtered, ["示范县人民医院"], "搜索“医院”的结果");
    assertEqual(await listTotal(page), 1, "搜索结果条数");
  });

  test("管理员：通过表单新建客户，跳到详情页", async () => {
    const page = await adminPage();
    await page.goto("/clients");
    await page.getByRole("link", { name: "新建客户" }).click();
    await page.waitForURL((url) => url.pathname === "/clients/new");
    const name = `端到端测试广告有限公司${Date.now() % 100000}`;
    await page.locator('input[name="name"]').fill(name);
    await page.locator('select[name="kind"]').selectOption({ label: "广告代理" });
    await page.locator('input[name="contact_name"]').fill("测试联系人");
    await page.locator('input[name="contact_phone"]').fill("0571-88886666");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL((url) => /^\/clients\/[^/]+$/.test(url.pathname) && url.pathname !== "/clients/new");
    await page.locator("h1", { hasText: name }).waitFor();
    assertEqual((await page.locator("h1").first().innerText()).trim(), name, "详情页标题");
    const text = await mainText(page);
    assert(text.includes("广告代理"), "详情页应显示客户类型“广告代理”");
    assert(text.includes("测试联系人"), "详情页应显示联系人");
    assert(text.includes("新建"), "详情页的操作记录应有“新建”");
    shared.clientId = pathOf(page).split("/")[2];
    shared.clientName = name;
    await screenshot(page, "client-detail.png");
  });

  test("管理员：编辑客户（/clients/:id/edit），改联系人后详情页显示新值", async () => {
    assert(shared.clientId, "前面的测试没能新建客户");
    const page = await adminPage();
    await page.goto(`/clients/${shared.clientId}`);
    await page.getByRole("link", { name: "编辑", exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/clients/${shared.clientId}/edit`);
    await page.locator("h1", { hasText: "编辑客户" }).waitFor();
    assertEqual(await page.locator('input[name="name"]').inputValue(), shared.clientName, "表单中的客户名称");
    assertEqual(await page.locator('input[name="contact_name"]').inputValue(), "测试联系人", "表单中的联系人");
    assertEqual(await page.locator('input[name="contact_phone"]').inputValue(), "0571-88886666", "表单中的电话");
    assertEqual(await page.locator('select[name="kind"] option:checked').innerText(), "广告代理", "表单中的客户类型");
    await page.locator('input[name="contact_name"]').fill("改后联系人");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL((url) => url.pathname === `/clients/${shared.clientId}`);
    await page.getByText("改后联系人", { exact: true }).waitFor();
    const facts = await page.locator("dl div").evaluateAll((rows) =>
      Object.fromEntries(rows.map((r) => [r.querySelector("dt")?.textContent?.trim(), r.querySelector("dd")?.textContent?.trim()])),
    );
    assertEqual(facts["联系人"], "改后联系人", "详情页的联系人");
    assertEqual(facts["联系电话"], "0571-88886666", "未改的电话应保留");
    assert((await mainText(page)).includes("联系人：测试联系人 → 改后联系人"), "操作记录应写明联系人的修改");
  });

  test("管理员：客户名称为空时提示“请填写客户名称”，不保存", async () => {
    const page = await adminPage();
    await page.goto("/clients");
    const before = await listTotal(page);
    await page.goto("/clients/new");
    const marker = `空名标记${Date.now() % 100000}`;
    await page.locator('input[name="contact_name"]').fill(marker);
    await page.getByRole("button", { name: "保存" }).click();
    await page.locator(".field-error", { hasText: "请填写客户名称" }).waitFor();
    assertEqual(pathOf(page), "/clients/new", "提交失败后的路径");
    assertEqual(await page.locator('input[name="contact_name"]').inputValue(), marker, "已填内容应保留");
    assert(await page.getByText("请修正标出的内容后再提交").isVisible(), "表单顶部应有错误提示");
    await screenshot(page, "client-form-error.png");
    await page.goto(`/clients?q=${encodeURIComponent(marker)}`);
    assertEqual(await listTotal(page), 0, "按标记搜索应找不到客户");
    await page.goto("/clients");
    assertEqual(await listTotal(page), before, "客户总数不应变化");
  });

  test("设置：中心信息与操作日志（含刚新建的客户）", async () => {
    const page = await adminPage();
    let response = await page.goto("/settings/center");
    assertEqual(response?.status(), 200, "/settings/center 状态");
    assertEqual(await page.locator("nav.tabs a").allInnerTexts(), ["用户", "中心信息", "收入类别", "消息提醒", "操作日志"], "设置页签");
    assertEqual(await page.locator('input[name="name"]').inputValue(), "示范县融媒体中心", "中心名称");
    response = await page.goto("/settings/audit");
    assertEqual(response?.status(), 200, "/settings/audit 状态");
    const rows = await page.locator("table.grid tbody tr").evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim())),
    );
    const created = rows.filter((r) => r[2] === "客户" && r[3] === "新建");
    assert(created.length >= 1, `操作日志中应有“客户 / 新建”一行：${JSON.stringify(rows.slice(0, 5))}`);
    const mine = created.find((r) => r.join(" ").includes(shared.clientName ?? "?"));
    assert(mine, `操作日志中应有新建“${shared.clientName}”的记录：${JSON.stringify(created.slice(0, 3))}`);
    assertEqual(mine[1], "系统管理员", "新建客户的操作人");
    await screenshot(page, "settings-audit.png");
  });

  test("隔离：小河县管理员打开示范县客户 → 404", async () => {
    assert(shared.clientId, "前面的测试没能取得示范县客户的 id");
    const page = await s.loginAs("xiaohe-admin");
    assert((await page.locator(".brand-center").innerText()).includes("小河县融媒体中心"), "顶栏中心名称");
    const response = await page.goto(`/clients/${shared.clientId}`);
    assertEqual(response?.status(), 404, "HTTP 状态");
    await expectErrorPage(page, 404, "页面不存在");
    assert(!(await mainText(page)).includes(shared.clientName ?? "?"), "404 页不应泄露客户名称");
    await page.goto("/clients");
    const names = await page.locator("table.grid tbody tr td:first-child a").allInnerTexts();
    assert(!names.some((n) => n.startsWith("示范县")), `小河县的客户列表不应有示范县的客户：${names.join("、")}`);
    assertEqual(await listTotal(page), 3, "小河县客户数");
  });

  test("不存在的地址 → 404 页面，导航仍在", async () => {
    const page = await adminPage();
    const response = await page.goto("/no-such-page/at-all");
    assertEqual(response?.status(), 404, "HTTP 状态");
    await expectErrorPage(page, 404, "页面不存在");
  });

  test("跨站 POST /logout（Origin: http://evil.example）→ 403，会话仍有效", async () => {
    const page = await adminPage();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "rm_session");
    assert(session, `找不到会话 cookie：${cookies.map((c) => c.name).join(",")}`);
    const cookie = `rm_session=${session.value}`;
    const forged = await fetch(`${s.baseUrl}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "http://evil.example", Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
    });
    assertEqual(forged.status, 403, "跨站 POST 的状态");
    const body = await forged.text();
    assert(body.includes("请求来源校验失败"), `403 的内容：${body.slice(0, 200)}`);
    const still = await fetch(`${s.baseUrl}/`, { redirect: "manual", headers: { Cookie: cookie } });
    assertEqual(still.status, 200, "被拒的跨站请求后会话应仍有效（GET / 的状态）");
  });

  test("退出登录：回到 /login，再访问 / 跳到 /login", async () => {
    const page = await adminPage();
    const session = (await page.context().cookies()).find((c) => c.name === "rm_session");
    await page.goto("/");
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await page.locator('input[name="username"]').waitFor();
    await page.goto("/");
    assertEqual(pathOf(page), "/login", "退出后访问 / 的路径");
    await page.goto("/clients");
    assertEqual(pathOf(page), "/login", "退出后访问 /clients 的路径");
    assertEqual(new URL(page.url()).searchParams.get("next"), "/clients", "登录页应带上 next");
    if (session) {
      const old = await fetch(`${s.baseUrl}/`, { redirect: "manual", headers: { Cookie: `rm_session=${session.value}` } });
      assertEqual(old.status, 302, "旧会话 cookie 应已失效（GET / 的状态）");
    }
  });

  return cases;
}
