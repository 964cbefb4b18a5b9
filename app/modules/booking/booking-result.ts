// What a booking write answers a route, and the wrapper that turns "the database kept colliding"
// into a "please retry" answer instead of a server error.
import { RetryLaterError } from "~db/dialect";
import type { FieldErrors } from "~/utils/form";
import type { Conflict, LineErrors } from "./lines.server";

export type BookingResult =
  | { ok: true; id: string; created?: boolean; queued?: number }
  | { ok: false; status: 400 | 404 | 409 | 503; message: string; errors?: FieldErrors; lineErrors?: LineErrors; conflicts?: Conflict[] };

/**
 * Runs a booking write for a route: a transaction that kept colliding with others after its
 * bounded retries becomes a "please retry" answer instead of a server error.
 */
export async function booking(work: () => Promise<BookingResult>): Promise<BookingResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RetryLaterError) return { ok: false, status: 503, message: "同时操作的人较多，本次未能完成，请稍后重试（未做任何修改）" };
    throw error;
  }
}
