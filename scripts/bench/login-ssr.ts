// login-page-ssr: the real HTTP server (scripts/lib/server.ts, the same express + Remix stack as
// `npm start`) rendering GET /login, loaded over loopback by concurrent fetch workers in this
// process. Baseline: GET /healthz, a bare resource route of the same server (no React render).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import type { AppDb } from "../../db/connection";
import { startServer } from "../lib/server";
import { type BenchResult, type DbLabel, round, summarise } from "./stats";

const CONCURRENCY = 8;
const WARMUP = 200;
const REQUESTS = 2000;
const ROUNDS = 4;

/** The server needs build/index.js; build it once when missing. Build output goes to stderr. */
export function ensureBuild(log: (line: string) => void) {
  if (fs.existsSync("build/index.js")) return;
  log("找不到 build/index.js，正在运行 npx remix build …");
  execFileSync("npx", ["remix", "build"], { stdio: ["ignore", process.stderr, process.stderr] });
}

interface LoadResult {
  latencies: number[];
  seconds: number;
  errors: number;
}

async function load(url: string, total: number): Promise<LoadResult> {
  let issued = 0;
  let errors = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const worker = async () => {
    while (issued < total) {
      issued++;
      const t0 = performance.now();
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { latencies, seconds: (performance.now() - started) / 1000, errors };
}

export async function benchLoginPageSsr(db: AppDb, label: DbLabel, log: (line: string) => void): Promise<BenchResult> {
  ensureBuild(log);
  const server = await startServer({ db, port: 0, host: "127.0.0.1" });
  try {
    const { port } = server.address() as AddressInfo;
    const page = `http://127.0.0.1:${port}/login`;
    const health = `http://127.0.0.1:${port}/healthz`;
    await load(page, WARMUP);
    await load(health, WARMUP);
    // Alternating rounds, so that noise from other processes hits both sides alike.
    const target: LoadResult = { latencies: [], seconds: 0, errors: 0 };
    const baseline: LoadResult = { latencies: [], seconds: 0, errors: 0 };
    for (let i = 0; i < ROUNDS; i++) {
      for (const [url, into] of [[page, target], [health, baseline]] as const) {
        const r = await load(url, REQUESTS / ROUNDS);
        into.latencies.push(...r.latencies);
        into.seconds += r.seconds;
        into.errors += r.errors;
      }
    }
    if (target.errors || baseline.errors) log(`login-page-ssr：非 200 或失败的请求 /login ${target.errors} 次，/healthz ${baseline.errors} 次`);
    return summarise("login-page-ssr", label, target.latencies, baseline.latencies, {
      req_per_s: round(REQUESTS / target.seconds, 1),
      baseline_req_per_s: round(REQUESTS / baseline.seconds, 1),
    });
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
