// SECURITY: login throttling. Failures are counted per account and per address over a window;
// past `slowAfter` failures each attempt waits longer, past `lockAfter` attempts are refused
// until the window has passed. Counting rows in the database keeps it right across servers.
import type { AppDb } from "~db/connection";
import { newId } from "~db/ids";
import { addMinutes, nowIso } from "~/utils/time";

export interface ThrottlePolicy {
  windowMinutes: number;
  slowAfter: number;
  lockAfter: number;
  delayStepMs: number;
  maxDelayMs: number;
}

export const DEFAULT_POLICY: ThrottlePolicy = {
  windowMinutes: 15,
  slowAfter: 5,
  lockAfter: 10,
  delayStepMs: 500,
  maxDelayMs: 3000,
};

export type ThrottleVerdict = { kind: "allow"; delayMs: number } | { kind: "locked"; minutes: number };

export function subjectsFor(username: string, ip: string): string[] {
  return [`user:${username.trim().toLowerCase()}`.slice(0, 100), `ip:${ip}`.slice(0, 100)];
}

export async function checkThrottle(
  db: AppDb,
  subjects: string[],
  policy: ThrottlePolicy = DEFAULT_POLICY,
  now: string = nowIso(),
): Promise<ThrottleVerdict> {
  const since = addMinutes(now, -policy.windowMinutes);
  const rows = await db
    .selectFrom("login_failures")
    .where("subject", "in", subjects)
    .where("failed_at", ">", since)
    .select(["subject", (eb) => eb.fn.countAll<number>().as("failures"), (eb) => eb.fn.min("failed_at").as("oldest")])
    .groupBy("subject")
    .execute();
  let worst = 0;
  let oldest = now;
  for (const row of rows) {
    if (Number(row.failures) > worst) {
      worst = Number(row.failures);
      oldest = String(row.oldest);
    }
  }
  if (worst >= policy.lockAfter) {
    const unlockAt = Date.parse(addMinutes(oldest, policy.windowMinutes));
    return { kind: "locked", minutes: Math.max(1, Math.ceil((unlockAt - Date.parse(now)) / 60000)) };
  }
  const over = worst - policy.slowAfter + 1;
  return { kind: "allow", delayMs: over > 0 ? Math.min(policy.maxDelayMs, over * policy.delayStepMs) : 0 };
}

export async function recordFailure(db: AppDb, subjects: string[], now: string = nowIso()) {
  await db
    .insertInto("login_failures")
    .values(subjects.map((subject) => ({ id: newId(), subject, failed_at: now })))
    .execute();
}

/** A successful login clears the account's count (not the address's: one good password on a
 * shared address must not unlock guessing at other accounts). */
export async function clearAccountFailures(db: AppDb, username: string) {
  await db.deleteFrom("login_failures").where("subject", "=", subjectsFor(username, "")[0]).execute();
}
