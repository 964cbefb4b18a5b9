// Start-up with a bad DATABASE_URL or an unreachable server: one clear line, exit code 1.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

function run(script: string, env: Record<string, string>, args: string[] = []) {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), script, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stderr: result.stderr.trim(), stdout: result.stdout.trim() };
}

describe("start-up errors", () => {
  it.each([
    ["an unsupported scheme", "postgres://u:pw@localhost/db", /DATABASE_URL 的类型不受支持/],
    ["a URL without a database", "mysql://root:pw@127.0.0.1:3306", /缺少主机或数据库名/],
    ["a server that is not listening", "mysql://root:pw@127.0.0.1:1/rm", /连接被拒绝/],
  ])("names %s in one line and exits 1", (_label, url, message) => {
    const { code, stderr } = run("scripts/migrate.ts", { DATABASE_URL: url });
    expect(code).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain("pw@");
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it("creates a center and its admin from the command line, and refuses a duplicate", () => {
    const file = path.join(require("node:os").tmpdir(), `rm-center-${process.pid}-${Date.now()}.db`);
    const args = ["--code", "qingshan", "--name", "青山县融媒体中心", "--admin", "qs-admin"];
    const first = run("scripts/center-create.ts", { DATABASE_URL: `file:${file}` }, args);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/已创建中心「青山县融媒体中心」（qingshan）。管理员 qs-admin 的初始密码：\S+/);
    const again = run("scripts/center-create.ts", { DATABASE_URL: `file:${file}` }, args);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("错误：中心代码 qingshan 或用户名 qs-admin 已存在");
    const bad = run("scripts/center-create.ts", { DATABASE_URL: `file:${file}` }, ["--code", "X Y"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/中心代码应为/);
  });
});
