// Pricing a booking from a unit's rate cards (刊例价). Pure: no database, no clock, no Date.
// Rules, with worked examples, are in docs/decisions/006-pricing-and-quotes.md.
import { formatFen } from "~/utils/money";
import { isCalendarDate } from "~/utils/time";
import { addDays, inclusiveDays, monthSlices } from "./calendar-dates";

export type PriceBasis = "day" | "week" | "month" | "spot";
export type Daypart = "special" | "a" | "b"; // 特段 / A段 / B段
export interface SpotPrice { daypart: Daypart; seconds: number; priceFen: number } // per spot
export interface RateCard {
  id: string;
  /** 'YYYY-MM-DD'; applies from this day until the day before the next card's effectiveFrom. */
  effectiveFrom: string;
  basis: PriceBasis;
  /** Per unit of daily quantity: per day, per 7 days, per calendar month (ignored for "spot"). */
  priceFen: number;
  /** Only for the "spot" basis. */
  spotPrices: SpotPrice[];
  /** Minimum booking length in days (0/1 = none). */
  minDays: number;
  surchargeFirstBp: number; // 正一
  surchargeLastBp: number; // 倒一
}
export interface QuoteRequest {
  /** The unit's whole rate history, any order. */
  cards: RateCard[];
  /** Inclusive calendar dates. */
  from: string; to: string;
  /** Daily quantity: 1 for a static face, N spots/positions. */
  quantity: number;
  /** Required for spot cards. */
  daypart?: Daypart; seconds?: number;
  position?: "first" | "last" | null;
}
export interface QuoteSegment {
  cardId: string; from: string; to: string; days: number; basis: PriceBasis; unitPriceFen: number; quantity: number;
  /** Base amount of this segment (without surcharge); the segments sum exactly to baseFen. */
  amountFen: number;
  /** Chinese, e.g. "2026-01-15 至 2026-01-31，按月价 ¥3,000.00 折算 17/31 个月 × 1". */
  description: string;
}
export type QuoteErrorCode = "bad_dates" | "no_card" | "no_spot_price" | "min_days" | "bad_quantity";
export type QuoteResult =
  | { ok: true; totalFen: number; baseFen: number; surchargeFen: number; surchargeBp: number; days: number; segments: QuoteSegment[] }
  | { ok: false; code: QuoteErrorCode; message: string };

export const DAYPART_LABELS: Record<Daypart, string> = { special: "特段", a: "A段", b: "B段" };

// ---- Exact fractions -------------------------------------------------------------------------
// MONEY: every amount is an exact BigInt fraction of a fen until the single final rounding, so
// 17/31 of a month is never a float and the order of addition cannot change a result.
interface Frac { n: bigint; d: bigint } // n ≥ 0, d > 0, reduced

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function frac(n: bigint, d: bigint): Frac {
  const g = gcd(n, d); // gcd(0, d) = d, so zero reduces to 0/1
  return { n: n / g, d: d / g };
}
function add(a: Frac, b: Frac): Frac {
  return frac(a.n * b.d + b.n * a.d, a.d * b.d);
}
function mul(a: Frac, num: bigint, den: bigint): Frac {
  return frac(a.n * num, a.d * den);
}
/** MONEY: half-up for non-negative amounts: floor(x + 1/2) = floor((2n + d) / 2d). */
function roundHalfUp(x: Frac): bigint {
  return (2n * x.n + x.d) / (2n * x.d);
}
function toFen(x: bigint): number {
  if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount too large: ${x} fen`);
  return Number(x);
}

// ---- Validation --------------------------------------------------------------------------------
const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * Rate cards come from admin screens that validate them on save, so a malformed card here is a
 * programming or data error, not something a salesperson can fix: it throws instead of returning
 * a result code.
 */
function assertCard(card: RateCard): void {
  const bad = (why: string) => new TypeError(`rate card ${card.id}: ${why}`);
  if (!isCalendarDate(card.effectiveFrom)) throw bad(`invalid effectiveFrom ${card.effectiveFrom}`);
  if (!isCount(card.priceFen)) throw bad(`priceFen must be a non-negative integer`);
  if (!isCount(card.minDays)) throw bad(`minDays must be a non-negative integer`);
  if (!isCount(card.surchargeFirstBp) || !isCount(card.surchargeLastBp)) throw bad(`surcharges must be non-negative integer bp`);
  const seen = new Set<string>();
  for (const sp of card.spotPrices) {
    if (!isCount(sp.priceFen) || !Number.isSafeInteger(sp.seconds) || sp.seconds <= 0) throw bad(`invalid spot price`);
    const key = `${sp.daypart}/${sp.seconds}`;
    // MONEY: two prices for one combination would make the quote depend on array order.
    if (seen.has(key)) throw bad(`duplicate spot price ${key}`);
    seen.add(key);
  }
}

function fail(code: QuoteErrorCode, message: string): QuoteResult {
  return { ok: false, code, message };
}

// ---- Segments ----------------------------------------------------------------------------------
interface Span { card: RateCard; from: string; to: string; days: number }

/** Splits from..to wherever the card in force changes. Cards must be sorted by effectiveFrom. */
function spans(sorted: RateCard[], from: string, to: string): Span[] {
  const out: Span[] = [];
  // The card in force on `from` is the last one starting on or before it (string order = date order).
  let i = 0;
  while (i + 1 < sorted.length && sorted[i + 1].effectiveFrom <= from) i += 1;
  let start = from;
  while (start <= to) {
    const next = sorted[i + 1];
    const end = next && next.effectiveFrom <= to ? addDays(next.effectiveFrom, -1) : to;
    out.push({ card: sorted[i], from: start, to: end, days: inclusiveDays(start, end) });
    start = addDays(end, 1);
    i += 1;
  }
  return out;
}

interface Priced { exact: Frac; unitPriceFen: number; description: string }

/** The exact base amount of one span, or a no_spot_price failure. */
function priceSpan(s: Span, req: QuoteRequest): Priced | QuoteResult {
  const { card, days } = s;
  const q = BigInt(req.quantity);
  const range = `${s.from} 至 ${s.to}`;
  const price = BigInt(card.priceFen);
  switch (card.basis) {
    case "day":
      return { exact: frac(price * BigInt(days) * q, 1n), unitPriceFen: card.priceFen, description: `${range}，按日价 ${formatFen(card.priceFen)} × ${days} 天 × ${req.quantity}` };
    case "week":
      // MONEY: a week price is spread evenly over its 7 days: 10 days cost 10/7 of the price.
      return { exact: frac(price * BigInt(days) * q, 7n), unitPriceFen: card.priceFen, description: `${range}，按周价 ${formatFen(card.priceFen)} 折算 ${days}/7 周 × ${req.quantity}` };
    case "month": {
      // MONEY: each calendar month is prorated by its own length, so a whole month (February
      // included) costs exactly the month price and 15 days of a 30-day month cost half.
      let exact: Frac = frac(0n, 1n);
      const parts: string[] = [];
      for (const m of monthSlices(s.from, s.to)) {
        exact = add(exact, frac(price * BigInt(m.days) * q, BigInt(m.monthDays)));
        parts.push(m.days === m.monthDays ? "1" : `${m.days}/${m.monthDays}`);
      }
      return { exact, unitPriceFen: card.priceFen, description: `${range}，按月价 ${formatFen(card.priceFen)} 折算 ${parts.join(" + ")} 个月 × ${req.quantity}` };
    }
    case "spot": {
      const since = `刊例价（${card.effectiveFrom} 起执行）`;
      if (!req.daypart || req.seconds === undefined) {
        return fail("no_spot_price", `${since}按条计价，请选择时段（特段/A段/B段）和时长（秒）`);
      }
      const label = `${DAYPART_LABELS[req.daypart] ?? req.daypart} ${req.seconds} 秒`;
      const sp = card.spotPrices.find((p) => p.daypart === req.daypart && p.seconds === req.seconds);
      if (!sp) return fail("no_spot_price", `${since}没有 ${label} 的单价（${range}），请先维护刊例价或改选时段、时长`);
      return { exact: frac(BigInt(sp.priceFen) * q * BigInt(days), 1n), unitPriceFen: sp.priceFen, description: `${range}，${label} 每条 ${formatFen(sp.priceFen)} × 每天 ${req.quantity} 条 × ${days} 天` };
    }
  }
}

/**
 * MONEY: largest-remainder allocation of the rounded base over the segments: each gets the floor
 * of its exact amount, and the fen left over go one each to the largest fractional parts (ties
 * to the earlier segment), so the segments always sum exactly to baseFen.
 */
function allocate(exacts: Frac[], baseFen: bigint): bigint[] {
  const floors = exacts.map((x) => x.n / x.d);
  let left = baseFen - floors.reduce((a, b) => a + b, 0n);
  const order = exacts
    .map((x, i) => ({ i, rem: frac(x.n % x.d, x.d) }))
    // Cross-multiplied comparison keeps it exact; sort is stable, so ties keep segment order.
    .sort((a, b) => { const l = a.rem.n * b.rem.d, r = b.rem.n * a.rem.d; return l > r ? -1 : l < r ? 1 : 0; });
  // left ≤ number of segments with a non-zero remainder (they sum to < that count), so no
  // segment gets more than one extra fen and a segment with an exact amount never gets one.
  for (const { i } of order) {
    if (left <= 0n) break;
    floors[i] += 1n;
    left -= 1n;
  }
  return floors;
}

// ---- Quote -------------------------------------------------------------------------------------
export function quote(request: QuoteRequest): QuoteResult {
  const { from, to, quantity } = request;
  for (const [name, d] of [["开始日期", from], ["结束日期", to]] as const) {
    if (!isCalendarDate(d)) return fail("bad_dates", `${name}“${d}”不是有效日期，请按 YYYY-MM-DD 填写`);
  }
  if (from > to) return fail("bad_dates", `开始日期 ${from} 晚于结束日期 ${to}，请调整投放日期`);
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    return fail("bad_quantity", `每天数量须为正整数（当前 ${quantity}），请填写每天投放的条数或位置数`);
  }

  request.cards.forEach(assertCard);
  const sorted = [...request.cards].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].effectiveFrom === sorted[i - 1].effectiveFrom) {
      throw new TypeError(`rate cards ${sorted[i - 1].id} and ${sorted[i].id} both start on ${sorted[i].effectiveFrom}`);
    }
  }
  if (sorted.length === 0) return fail("no_card", `${from} 起没有刊例价，请先维护刊例价`);
  if (from < sorted[0].effectiveFrom) {
    return fail("no_card", `${from} 起没有刊例价（最早的刊例价自 ${sorted[0].effectiveFrom} 起执行），请先维护刊例价或调整投放日期`);
  }

  const parts = spans(sorted, from, to);
  const days = inclusiveDays(from, to);
  const minDays = Math.max(...parts.map((p) => p.card.minDays));
  if (days < minDays) return fail("min_days", `该广告位最少投放 ${minDays} 天，当前 ${days} 天，请延长投放日期`);

  const priced: Priced[] = [];
  for (const p of parts) {
    const r = priceSpan(p, request);
    if ("ok" in r) return r;
    priced.push(r);
  }

  const bpOf = (c: RateCard) => (request.position === "first" ? c.surchargeFirstBp : request.position === "last" ? c.surchargeLastBp : 0);
  // MONEY: base and base+surcharge are both summed exactly and each rounded once, half-up; the
  // surcharge is their difference, so totalFen = baseFen + surchargeFen by construction.
  let exactBase: Frac = frac(0n, 1n);
  let exactTotal: Frac = frac(0n, 1n);
  priced.forEach((x, i) => {
    exactBase = add(exactBase, x.exact);
    exactTotal = add(exactTotal, mul(x.exact, 10000n + BigInt(bpOf(parts[i].card)), 10000n));
  });
  const baseFen = roundHalfUp(exactBase);
  const totalFen = roundHalfUp(exactTotal);
  const amounts = allocate(priced.map((x) => x.exact), baseFen);

  return {
    ok: true,
    totalFen: toFen(totalFen),
    baseFen: toFen(baseFen),
    surchargeFen: toFen(totalFen - baseFen),
    // The first segment's rate; segments with other rates are still charged their own (see 006).
    surchargeBp: bpOf(parts[0].card),
    days,
    segments: parts.map((p, i) => ({
      cardId: p.card.id,
      from: p.from,
      to: p.to,
      days: p.days,
      basis: p.card.basis,
      unitPriceFen: priced[i].unitPriceFen,
      quantity,
      amountFen: toFen(amounts[i]),
      description: priced[i].description,
    })),
  };
}
