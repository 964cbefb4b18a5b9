import type { AppDb } from "~db/connection";
import type { ThrottlePolicy } from "~/modules/auth/throttle.server";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    db: AppDb;
    /** The caller's address, as the server sees it (behind a proxy: X-Forwarded-For when trusted). */
    clientIp: string;
    /** Tests pass a faster policy; the server uses the default. */
    throttle?: ThrottlePolicy;
  }
}

export {};
