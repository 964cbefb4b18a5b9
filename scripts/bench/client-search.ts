// client-search-prefix: the client list's search box, typed with the first one or two characters
// of a name. Target: searchClients() as the clients page calls it (count + page of 20, owner join).
// Baseline: one hand-written indexed prefix query returning the same page size.
import { sql } from "kysely";
import { searchClients } from "../../app/modules/clients/clients.server";
import type { AppDb } from "../../db/connection";
import type { GeneratedCenter } from "./dataset";
import { type BenchResult, type DbLabel, summarise } from "./stats";

const WARMUP = 20;
const ITERATIONS = 200;
const PAGE_SIZE = 20;

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `count` items spread evenly over `items` (first and last included), order kept. */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]);
}

/**
 * ~50 prefixes that occur in the center's names, fixed by the (deterministic) data: the most
 * common 1- and 2-character prefixes (what people type first: the county name, 浙江, a town) and
 * an even spread over the rarer ones.
 */
export async function searchPrefixes(db: AppDb, centerId: string): Promise<string[]> {
  const names = (await db.selectFrom("clients").select("name").where("center_id", "=", centerId).execute()).map((r) => r.name);
  const ranked = (len: number) => {
    const counts = new Map<string, number>();
    for (const name of names) {
      const p = [...name].slice(0, len).join("");
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])).map(([p]) => p);
  };
  const one = ranked(1);
  const two = ranked(2);
  return [...one.slice(0, 10), ...spread(one.slice(10), 5), ...two.slice(0, 10), ...spread(two.slice(10), 25)];
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function benchClientSearchPrefix(db: AppDb, label: DbLabel, center: GeneratedCenter, log: (line: string) => void): Promise<BenchResult> {
  const prefixes = await searchPrefixes(db, center.id);
  log(`client-search-prefix：${prefixes.length} 个前缀 ${prefixes.join(" ")}`);
  const scope = { centerId: center.id, userId: center.adminId, role: "admin" as const };
  const target = (q: string) => searchClients(db, scope, { q, pageSize: PAGE_SIZE });
  const baseline = (q: string) =>
    sql<{ id: string; name: string }>`select id, name from clients where center_id = ${center.id} and name like ${`${q}%`} order by name limit 20`.execute(db);

  for (let i = 0; i < WARMUP; i++) {
    await target(prefixes[i % prefixes.length]);
    await baseline(prefixes[i % prefixes.length]);
  }
  // Interleaved, so that noise from other processes hits both sides alike.
  const samples: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const q = prefixes[i % prefixes.length];
    samples.push(await time(() => target(q)));
    base.push(await time(() => baseline(q)));
  }
  return summarise("client-search-prefix", label, samples, base);
}
