// Calling route loaders and actions directly, as Remix does, with a session cookie.
import type { AppLoadContext } from "@remix-run/node";
import type { AppDb } from "../../db/connection";
import { DEFAULT_POLICY } from "../../app/modules/auth/throttle.server";

type RouteFn = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;

export interface RouteOutcome {
  status: number;
  body: unknown;
  headers: Headers;
}

export function contextFor(db: AppDb, overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return { db, clientIp: "127.0.0.1", throttle: { ...DEFAULT_POLICY, delayStepMs: 1 }, ...overrides } as AppLoadContext;
}

/** Runs a loader or action and reports what the browser would get: status, data, headers. */
export async function call(
  fn: RouteFn | undefined,
  db: AppDb,
  opts: { url: string; cookie?: string; form?: Record<string, string>; params?: Record<string, string>; context?: Partial<AppLoadContext> },
): Promise<RouteOutcome> {
  if (!fn) throw new Error("route function missing");
  const headers = new Headers();
  if (opts.cookie) headers.set("Cookie", opts.cookie);
  const init: RequestInit = { headers };
  if (opts.form) {
    init.method = "POST";
    init.body = new URLSearchParams(opts.form);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  const request = new Request(new URL(opts.url, "http://localhost").toString(), init);
  try {
    return unwrap(await fn({ request, params: opts.params ?? {}, context: contextFor(db, opts.context) }), 200);
  } catch (thrown) {
    return unwrap(thrown, 500);
  }
}

function unwrap(value: unknown, defaultStatus: number): RouteOutcome {
  if (value instanceof Response) return { status: value.status, body: null, headers: value.headers };
  const v = value as { type?: string; data?: unknown; init?: { status?: number; headers?: HeadersInit } };
  if (v && v.type === "DataWithResponseInit") {
    return { status: v.init?.status ?? 200, body: v.data, headers: new Headers(v.init?.headers) };
  }
  if (defaultStatus === 500) throw value;
  return { status: 200, body: value, headers: new Headers() };
}

/** A download route's raw Response as the browser gets it (a thrown Response or data() refusal becomes its status). */
export async function fetchRaw(fn: RouteFn, db: AppDb, url: string, cookie: string): Promise<Response> {
  const request = new Request(new URL(url, "http://localhost"), { headers: { Cookie: cookie } });
  try {
    return (await fn({ request, params: {}, context: contextFor(db) })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const v = thrown as { init?: { status?: number } };
    return new Response(null, { status: v.init?.status ?? 500 });
  }
}
