// Figures of closed months, read once and kept. Nothing dated in a closed month ever changes
// (decision 012: facts reported in it are never rewritten, a later correction is reported in the
// month it is made; bills, credits, payments and reversals cannot be dated in it; months are not
// reopened). So the dashboard reads the closed part of a range once per center and closing, and
// only the open months on every view. A new closing makes new keys; old ones age out.
import type { MonthKey } from "./series";
import { addMonths } from "./series";

const LIMIT = 256;
const kept = new Map<string, Promise<unknown>>();

/** The part of from..to up to the closing (null when none of it is closed) and the part after it. */
export function splitAtClosing(from: MonthKey, to: MonthKey, closed: MonthKey | null): { closed: [MonthKey, MonthKey] | null; open: [MonthKey, MonthKey] | null } {
  if (!closed || closed < from) return { closed: null, open: [from, to] };
  if (closed >= to) return { closed: [from, to], open: null };
  return { closed: [from, closed], open: [addMonths(closed, 1), to] };
}

/**
 * `read()` of a wholly closed range of one center, kept under (what, center, range, closing).
 * The promise is kept, so views arriving together read once; a failed read is forgotten.
 */
export function closedFigures<T>(what: string, centerId: string, range: [MonthKey, MonthKey], closed: MonthKey, read: () => Promise<T>): Promise<T> {
  const key = `${what}|${centerId}|${range[0]}|${range[1]}|${closed}`;
  const hit = kept.get(key) as Promise<T> | undefined;
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const value = read();
  kept.set(key, value);
  value.catch(() => kept.delete(key));
  if (kept.size > LIMIT) kept.delete(kept.keys().next().value!);
  return value;
}

/** Rows of from..to: the closed part kept, the open part read now, concatenated (ranges never overlap). */
export async function acrossClosing<R>(what: string, centerId: string, from: MonthKey, to: MonthKey, closed: MonthKey | null, read: (from: MonthKey, to: MonthKey) => Promise<R[]>): Promise<R[]> {
  const parts = splitAtClosing(from, to, closed);
  const [kept, fresh] = await Promise.all([
    parts.closed ? closedFigures(what, centerId, parts.closed, closed!, () => read(...parts.closed!)) : Promise.resolve([] as R[]),
    parts.open ? read(...parts.open) : Promise.resolve([] as R[]),
  ]);
  return [...kept, ...fresh];
}
