// Builds the app once and runs it on a free port against a fresh SQLite file, for the browser tests.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const DEMO_PASSWORD = "Demo-pass-2026";
const STARTED = "融媒经营台已启动";
const START_TIMEOUT_MS = 60_000;

export interface RunningServer {
  baseUrl: string;
  /** The DATABASE_URL the server was started with (file:… for the fresh SQLite file). */
  databaseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

export function buildApp(root: string) {
  if (process.env.E2E_SKIP_BUILD === "1") {
    console.log("跳过构建（E2E_SKIP_BUILD=1）");
    return;
  }
  // BUILD_DIR (if set) reaches remix.config.js through the environment, and startApp passes the
  // same variable to the server, so a run can build into a folder of its own; unset means build/.
  const dir = process.env.BUILD_DIR;
  console.log(`构建中：npx remix build${dir ? `（BUILD_DIR=${dir}）` : ""} …`);
  const started = Date.now();
  const result = spawnSync("npx", ["remix", "build"], { cwd: root, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) {
    throw new Error(`remix build 失败（退出码 ${result.status}）\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** A server on a fresh SQLite file, or on `databaseUrl` (which the caller owns and cleans up). */
export async function startApp(root: string, opts: { databaseUrl?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dbFile = path.join(os.tmpdir(), `rongmei-e2e-${process.pid}-${Date.now()}-${port}.db`);
  // Uploads and pending imports of this run stay out of the working copy's data/ folder.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "rongmei-e2e-files-"));
  const databaseUrl = opts.databaseUrl ?? `file:${dbFile}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "node_modules/.bin/tsx"), "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DEMO_PASSWORD,
      UPLOAD_DIR: path.join(scratch, "uploads"),
      IMPORT_DIR: path.join(scratch, "imports"),
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));

  let exited = child.exitCode !== null;
  const exitPromise = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));

  const stop = async () => {
    if (!exited && child.pid) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        if (!exited) child.kill("SIGKILL");
      }, 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`服务器 ${START_TIMEOUT_MS / 1000} 秒内未启动`)), START_TIMEOUT_MS);
      const check = () => {
        if (log.includes(STARTED)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on("data", check);
      child.stderr?.on("data", check);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`服务器进程提前退出（退出码 ${code}）`));
      });
      check();
    });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- 服务器输出 ---\n${log}`);
  }
  return { baseUrl: `http://127.0.0.1:${port}`, databaseUrl, output: () => log, stop };
}
