import type { AppDb } from "~db/connection";
import type { User } from "~db/schema";
import { t } from "~/i18n";
import { DUMMY_HASH, verifyPassword } from "./password.server";
import {
  checkThrottle,
  clearAccountFailures,
  DEFAULT_POLICY,
  recordFailure,
  subjectsFor,
  type ThrottlePolicy,
} from "./throttle.server";

export type LoginResult = { ok: true; user: User } | { ok: false; message: string; status: 400 | 429 };

export async function authenticate(
  db: AppDb,
  input: { username: string; password: string; ip: string },
  policy: ThrottlePolicy = DEFAULT_POLICY,
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  if (!username || !input.password) return { ok: false, message: t("login.missing"), status: 400 };
  const subjects = subjectsFor(username, input.ip);
  const verdict = await checkThrottle(db, subjects, policy);
  if (verdict.kind === "locked") {
    return { ok: false, message: t("login.locked", { minutes: verdict.minutes }), status: 429 };
  }
  if (verdict.delayMs > 0) await new Promise((r) => setTimeout(r, verdict.delayMs));

  const user = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
  // SECURITY: compare against a dummy hash when the user is unknown, and give one message for
  // a wrong name, a wrong password and a disabled account, so none can be told apart.
  const valid = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !valid || user.disabled) {
    await recordFailure(db, subjects);
    return { ok: false, message: t("login.invalid"), status: 400 };
  }
  await clearAccountFailures(db, username);
  return { ok: true, user };
}
