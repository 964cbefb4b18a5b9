// The guards every loader and action calls. A page that needs a permission calls
// requirePermission in its loader and again in its action.
import { type AppLoadContext, redirect } from "@remix-run/node";
import { forbidden } from "~/utils/http.server";
import { type Action, can, type Entity } from "./permissions";
import type { Scope } from "./scope";
import { getSessionUser, type SessionUser } from "./session.server";

export interface Caller extends SessionUser {
  scope: Scope;
}

export async function requireUser(request: Request, context: AppLoadContext): Promise<Caller> {
  const session = await getSessionUser(context, request);
  if (!session) {
    const url = new URL(request.url);
    const next = url.pathname + url.search;
    throw redirect(next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  }
  return {
    ...session,
    scope: { centerId: session.user.center_id, userId: session.user.id, role: session.user.role },
  };
}

export async function requirePermission(
  request: Request,
  context: AppLoadContext,
  entity: Entity,
  action: Action,
): Promise<Caller> {
  const caller = await requireUser(request, context);
  if (!can(caller.user.role, entity, action)) forbidden();
  return caller;
}

/** Only same-site paths may be redirect targets after login. SECURITY: no open redirects. */
export function safeNext(value: string | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
