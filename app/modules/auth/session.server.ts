// Sessions live in the database; the browser holds only a random token in an httpOnly,
// SameSite=Lax cookie (Secure over HTTPS). The table stores the token's SHA-256, so a copy
// of the database cannot be used to sign in.
import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { AppDb } from "~db/connection";
import type { Executor } from "~db/dialect";
import type { Center, User } from "~db/schema";
import { addMinutes, nowIso } from "~/utils/time";

export const SESSION_MINUTES = 12 * 60;
const COOKIE_NAME = "rm_session";

function cookieFor(request: Request) {
  return createCookie(COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: new URL(request.url).protocol === "https:",
    maxAge: SESSION_MINUTES * 60,
  });
}

function digest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface SessionUser {
  sessionId: string;
  user: Pick<User, "id" | "center_id" | "username" | "display_name" | "role">;
  center: Pick<Center, "id" | "name" | "code">;
}

/** Creates the session row and returns the Set-Cookie header value. */
export async function startSession(
  db: AppDb,
  request: Request,
  user: Pick<User, "id" | "center_id">,
  client: { ip: string },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = nowIso();
  await db
    .insertInto("sessions")
    .values({
      id: digest(token),
      center_id: user.center_id,
      user_id: user.id,
      created_at: now,
      expires_at: addMinutes(now, SESSION_MINUTES),
      ip: client.ip.slice(0, 64),
      user_agent: (request.headers.get("user-agent") ?? "").slice(0, 255),
    })
    .execute();
  // Old expired sessions of this user are pruned here, where it costs nothing extra.
  await db.deleteFrom("sessions").where("user_id", "=", user.id).where("expires_at", "<", now).execute();
  return cookieFor(request).serialize(token);
}

async function readToken(request: Request): Promise<string | null> {
  const value = await cookieFor(request).parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

// The root loader and the page's loader both ask for the caller of one HTTP request. Remix hands
// each loader its own Request object but the same load context, so the answer is kept per context.
const perRequest = new WeakMap<object, Promise<SessionUser | null>>();

export function getSessionUser(context: { db: AppDb }, request: Request): Promise<SessionUser | null> {
  let pending = perRequest.get(context);
  if (!pending) {
    pending = lookUpSession(context.db, request);
    perRequest.set(context, pending);
  }
  return pending;
}

async function lookUpSession(db: AppDb, request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .innerJoin("centers", "centers.id", "users.center_id")
    .where("sessions.id", "=", digest(token))
    .where("sessions.expires_at", ">", nowIso())
    .where("users.disabled", "=", 0)
    .select([
      "sessions.id as session_id",
      "users.id",
      "users.center_id",
      "users.username",
      "users.display_name",
      "users.role",
      "centers.name as center_name",
      "centers.code as center_code",
    ])
    .executeTakeFirst();
  if (!row) return null;
  return {
    sessionId: row.session_id,
    user: { id: row.id, center_id: row.center_id, username: row.username, display_name: row.display_name, role: row.role },
    center: { id: row.center_id, name: row.center_name, code: row.center_code },
  };
}

/** Deletes the session and returns the Set-Cookie header that clears the cookie. */
export async function endSession(db: AppDb, request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await db.deleteFrom("sessions").where("id", "=", digest(token)).execute();
  return cookieFor(request).serialize("", { maxAge: 0 });
}

/** After a password change or reset, every other session of that user ends. */
export async function endOtherSessions(db: Executor, userId: string, keepSessionId: string | null) {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) query = query.where("id", "<>", keepSessionId);
  await query.execute();
}
