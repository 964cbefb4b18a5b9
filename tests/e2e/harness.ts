// A tiny test runner, the browser, and the page helpers the browser tests share.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { DEMO_PASSWORD } from "./server";

// ---------- runner ----------

export type TestFn = () => Promise<void>;
export interface TestCase {
  name: string;
  fn: TestFn;
}

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: unknown;
}

export async function runTests(tests: TestCase[]): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const test of tests) {
    const started = Date.now();
    try {
      await test.fn();
      const ms = Date.now() - started;
      results.push({ name: test.name, ok: true, ms });
      console.log(`  ✓ ${test.name} (${ms} ms)`);
    } catch (error) {
      const ms = Date.now() - started;
      results.push({ name: test.name, ok: false, ms, error });
      console.log(`  ✗ ${test.name} (${ms} ms)`);
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(text.split("\n").map((line) => `      ${line}`).join("\n"));
    }
  }
  return results;
}

export class AssertionError extends Error {}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function assertEqual<T>(actual: T, expected: T, message: string) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${message}\n  期望：${e}\n  实际：${a}`);
}

// ---------- browser ----------

const CHROMIUM_PATHS = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = CHROMIUM_PATHS.find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error(`找不到 chromium（试过 ${CHROMIUM_PATHS.join("、")}）：请先 apt-get install -y chromium`);
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export const SCREENSHOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots");

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
}

/** Everything a test needs: the server address, the browser, and the contexts to close at the end. */
export class Session {
  private contexts: BrowserContext[] = [];
  /** Uncaught exceptions and console errors from every page, e.g. hydration mismatches. */
  readonly browserErrors: string[] = [];
  constructor(
    readonly baseUrl: string,
    readonly browser: Browser,
  ) {}

  async newPage(): Promise<Page> {
    const context = await this.browser.newContext({ baseURL: this.baseUrl, locale: "zh-CN", viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    this.contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => this.browserErrors.push(`[pageerror] ${page.url()}: ${error.message}`));
    page.on("console", (msg) => {
      // 4xx answers (403/404 pages, refused form posts) are expected; Chrome logs them as failed resources.
      if (msg.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
        this.browserErrors.push(`[console] ${page.url()}: ${msg.text()}`);
      }
    });
    return page;
  }

  /** A fresh context, logged in through the form; returns on the home page. */
  async loginAs(username: string, password = DEMO_PASSWORD): Promise<Page> {
    const page = await this.newPage();
    await submitLogin(page, username, password);
    await page.waitForURL((url) => url.pathname === "/", { timeout: 10_000 });
    await page.locator("h1", { hasText: "您好" }).waitFor();
    return page;
  }

  async closeAll() {
    await Promise.allSettled(this.contexts.map((c) => c.close()));
    this.contexts = [];
  }
}

export async function submitLogin(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** The main navigation as the user sees it: each label, and whether it is a link or a greyed-out item. */
export async function readNav(page: Page): Promise<{ label: string; kind: "link" | "closed" | "other" }[]> {
  const nav = page.locator("nav.mainnav");
  await nav.waitFor();
  return nav.locator(":scope > *").evaluateAll((elements) =>
    elements
      .filter((el) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).display !== "none")
      .map((el) => ({
        label: (el.textContent ?? "").trim(),
        kind:
          el.tagName === "A" && el.getAttribute("href")
            ? ("link" as const)
            : el.tagName === "SPAN" && el.classList.contains("nav-closed") && el.getAttribute("aria-disabled") === "true"
              ? ("closed" as const)
              : ("other" as const),
      })),
  );
}

/** The visible text of the main content area (or the whole body). */
export async function mainText(page: Page): Promise<string> {
  const main = page.locator("main.content");
  return (await main.count()) ? main.innerText() : page.locator("body").innerText();
}

/** "第 1 / 1 页，共 12 条" → 12 */
export async function listTotal(page: Page): Promise<number> {
  const text = await page.locator(".pagination span").first().innerText();
  const match = /共\s*(\d+)\s*条/.exec(text);
  assert(match, `分页文字里找不到总数：${text}`);
  return Number(match[1]);
}

export function pathOf(page: Page) {
  return new URL(page.url()).pathname;
}

/** The app's error page (403/404…), which keeps the navigation and the logout button. */
export async function expectErrorPage(page: Page, status: number, title: string) {
  const box = page.locator("section.error-page");
  await box.waitFor();
  assertEqual(await box.getAttribute("data-status"), String(status), "错误页的状态码");
  assertEqual((await box.locator("h1").innerText()).trim(), title, "错误页标题");
  assert(await page.locator("nav.mainnav").isVisible(), "错误页上应保留主导航");
  assert(await page.getByRole("button", { name: "退出登录" }).isVisible(), "错误页上应保留“退出登录”");
}

/** Runs last: uncaught exceptions and console errors collected from every page of every test. */
export function noBrowserErrorsCase(s: Session): TestCase {
  return {
    name: "浏览器中没有脚本错误（含水合错误）",
    fn: async () => assertEqual(s.browserErrors, [], "浏览器错误"),
  };
}

/** Waits until React has taken over the element, so that clicks reach its handlers. */
export async function hydrated(page: Page, selector: string) {
  await page.locator(selector).first().waitFor();
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return !!el && Object.keys(el).some((key) => key.startsWith("__reactFiber$"));
    },
    selector,
  );
}
