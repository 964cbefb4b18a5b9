// Instants are stored as UTC ISO strings with milliseconds; they are shown in Beijing time.
// Calendar dates (schedules, contract dates) are plain 'YYYY-MM-DD' strings with no zone.

const TZ = "Asia/Shanghai";

// Built once; formatToParts keeps the output stable across ICU/Node versions and locales.
const instantFmt = new Intl.DateTimeFormat("en-US", {
  timeZone: TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const dateFmt = new Intl.DateTimeFormat("en-US", {
  timeZone: TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

function parts(fmt: Intl.DateTimeFormat, d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(d)) out[p.type] = p.value;
  return out;
}

function parseInstant(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid instant: ${iso}`);
  return d;
}

/** Current instant as UTC ISO with milliseconds, e.g. "2026-03-01T02:30:00.000Z". */
export function nowIso(): string {
  return new Date().toISOString();
}

/** UTC ISO → "YYYY-MM-DD HH:mm" in Beijing time. Throws RangeError on an unparseable input. */
export function formatInstant(iso: string): string {
  const p = parts(instantFmt, parseInstant(iso));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Today's calendar date in Beijing, 'YYYY-MM-DD'. */
export function todayInShanghai(now: Date = new Date()): string {
  const p = parts(dateFmt, now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Strict 'YYYY-MM-DD' that names a real day (2026-02-29 → false). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  // Computed by hand: Date.UTC maps years 0..99 to 1900..1999.
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const last = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= last;
}

/** Shifts an instant by whole or fractional minutes; returns UTC ISO with ms. */
export function addMinutes(iso: string, minutes: number): string {
  if (!Number.isFinite(minutes)) throw new RangeError(`invalid minutes: ${minutes}`);
  return new Date(parseInstant(iso).getTime() + minutes * 60_000).toISOString();
}

/** An instant whole days later (24-hour days: the product's instants are UTC). */
export function addDaysToInstant(iso: string, days: number): string {
  return addMinutes(iso, days * 1440);
}

/**
 * The updated_at a change writes: now, but always later than the stamp it replaces. Stale-form
 * checks compare stamps, so two saves within one millisecond must still leave different stamps.
 */
export function nextStamp(previous: string, now: string = nowIso()): string {
  return now > previous ? now : new Date(parseInstant(previous).getTime() + 1).toISOString();
}
