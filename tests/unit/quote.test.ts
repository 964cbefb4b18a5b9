import { describe, expect, it } from "vitest";
import { quote, type QuoteRequest, type QuoteResult, type RateCard } from "../../app/modules/inventory/quote";

// MONEY: every expected amount below is worked out by hand in fen; the comment shows the sum.

type CardInit = Partial<RateCard> & Pick<RateCard, "id" | "effectiveFrom" | "basis">;
const card = (c: CardInit): RateCard => ({ priceFen: 0, spotPrices: [], minDays: 0, surchargeFirstBp: 0, surchargeLastBp: 0, ...c });
const monthCard = (id: string, effectiveFrom: string, priceFen: number, extra: Partial<RateCard> = {}) =>
  card({ id, effectiveFrom, basis: "month", priceFen, ...extra });
const tvCard = (id: string, effectiveFrom: string, extra: Partial<RateCard> = {}) =>
  card({
    id,
    effectiveFrom,
    basis: "spot",
    minDays: 7,
    surchargeFirstBp: 2000,
    surchargeLastBp: 1500,
    spotPrices: [
      { daypart: "special", seconds: 15, priceFen: 50000 },
      { daypart: "a", seconds: 15, priceFen: 20000 },
      { daypart: "a", seconds: 30, priceFen: 36000 },
      { daypart: "b", seconds: 15, priceFen: 8000 },
    ],
    ...extra,
  });

const OUTDOOR = [monthCard("M1", "2025-01-01", 300_000)]; // ¥3,000.00 a month

function ok(r: QuoteResult) {
  if (!r.ok) throw new Error(`expected a quote, got ${r.code}: ${r.message}`);
  return r;
}
const req = (over: Partial<QuoteRequest>): QuoteRequest => ({ cards: OUTDOOR, from: "2026-01-01", to: "2026-01-31", quantity: 1, ...over });

interface Golden { name: string; request: QuoteRequest; base: number; surcharge: number; segments: number[] }

const GOLDEN: Golden[] = [
  // 300000 × 31/31 = 300000
  { name: "a single whole month", request: req({}), base: 300_000, surcharge: 0, segments: [300_000] },
  // 300000 × 12/31 + 300000 × 10/28 = 116129.03 + 107142.86 = 193800000/868 = 223271.889 → 223272
  { name: "crossing a month boundary", request: req({ from: "2026-01-20", to: "2026-02-10" }), base: 223_272, surcharge: 0, segments: [223_272] },
  // 300000 × 28/28 = 300000
  { name: "a whole February 2026", request: req({ from: "2026-02-01", to: "2026-02-28" }), base: 300_000, surcharge: 0, segments: [300_000] },
  // 300000 × 29/29 = 300000 (leap year)
  { name: "a whole February 2028 (leap)", request: req({ from: "2028-02-01", to: "2028-02-29" }), base: 300_000, surcharge: 0, segments: [300_000] },
  // 300000 × 28/29 = 8400000/29 = 289655.17 → 289655: February 1–28 is not a whole month in 2028
  { name: "February 1–28 of a leap year", request: req({ from: "2028-02-01", to: "2028-02-28" }), base: 289_655, surcharge: 0, segments: [289_655] },
  // 300000 × 15/30 = 150000
  { name: "15 days of a 30-day month", request: req({ from: "2026-04-01", to: "2026-04-15" }), base: 150_000, surcharge: 0, segments: [150_000] },
  // M1 2026-03-01..15: 300000 × 15/31 = 145161.290
  // M2 2026-03-16..04-30: 360000 × 16/31 + 360000 = 185806.452 + 360000 = 545806.452
  // sum 690967.742 → 690968; floors 145161 + 545806 = 690967, the spare fen goes to .452 → 545807
  {
    name: "a rate change mid-period (two cards)",
    request: req({ cards: [monthCard("M2", "2026-03-16", 360_000), monthCard("M1", "2025-01-01", 300_000)], from: "2026-03-01", to: "2026-04-30" }),
    base: 690_968,
    surcharge: 0,
    segments: [145_161, 545_807],
  },
  // 100000 × 5/7 = 71428.571 → 71429
  {
    name: "week basis, an odd number of days",
    request: req({ cards: [card({ id: "W", effectiveFrom: "2026-01-01", basis: "week", priceFen: 100_000 })], from: "2026-03-02", to: "2026-03-06" }),
    base: 71_429,
    surcharge: 0,
    segments: [71_429],
  },
  // 100000 × 10/7 = 142857.143 → 142857
  {
    name: "week basis, ten days",
    request: req({ cards: [card({ id: "W", effectiveFrom: "2026-01-01", basis: "week", priceFen: 100_000 })], from: "2026-03-02", to: "2026-03-11" }),
    base: 142_857,
    surcharge: 0,
    segments: [142_857],
  },
  // LED: 5000 × 10 days × 3 spots = 150000
  {
    name: "day basis × quantity 3 (LED spots)",
    request: req({ cards: [card({ id: "LED", effectiveFrom: "2026-01-01", basis: "day", priceFen: 5_000 })], from: "2026-05-01", to: "2026-05-10", quantity: 3 }),
    base: 150_000,
    surcharge: 0,
    segments: [150_000],
  },
  // TV A段 15 s: 20000 × 4 spots × 7 days = 560000; 正一 20 %: 560000 × 2000/10000 = 112000; total 672000
  {
    name: "spot basis TV, A段 15 s × 4 × 7 days, 正一 +20 %",
    request: req({ cards: [tvCard("TV", "2026-01-01")], from: "2026-06-01", to: "2026-06-07", quantity: 4, daypart: "a", seconds: 15, position: "first" }),
    base: 560_000,
    surcharge: 112_000,
    segments: [560_000],
  },
  // 倒一 15 %: 8000 × 2 × 10 = 160000; 160000 × 1500/10000 = 24000
  {
    name: "spot basis, B段 倒一 +15 %",
    request: req({ cards: [tvCard("TV", "2026-01-01")], from: "2026-06-01", to: "2026-06-10", quantity: 2, daypart: "b", seconds: 15, position: "last" }),
    base: 160_000,
    surcharge: 24_000,
    segments: [160_000],
  },
  // 300001 × 15/30 = 150000.5 → 150001 (exactly half rounds up)
  { name: "half-up at exactly .5 fen", request: req({ cards: [monthCard("M", "2026-01-01", 300_001)], from: "2026-04-01", to: "2026-04-15" }), base: 150_001, surcharge: 0, segments: [150_001] },
  // 300001 × 14/30 = 140000.467 → 140000 (below half rounds down)
  { name: "below .5 fen rounds down", request: req({ cards: [monthCard("M", "2026-01-01", 300_001)], from: "2026-04-01", to: "2026-04-14" }), base: 140_000, surcharge: 0, segments: [140_000] },
  // base 10010 × 1 × 1 = 10010; total 10010 × 1.15 = 11511.5 → 11512; surcharge = 11512 − 10010 = 1502
  {
    name: "half-up of the total with a surcharge",
    request: req({
      cards: [card({ id: "S", effectiveFrom: "2026-01-01", basis: "spot", surchargeFirstBp: 1500, spotPrices: [{ daypart: "a", seconds: 5, priceFen: 10_010 }] })],
      from: "2026-06-01", to: "2026-06-01", daypart: "a", seconds: 5, position: "first",
    }),
    base: 10_010,
    surcharge: 1_502,
    segments: [10_010],
  },
  // Three cards, same price, January split 10/10/11 days:
  // 100000 × 10/31 = 32258.065 (twice), 100000 × 11/31 = 35483.871; sum = 3100000/31 = 100000 exactly
  // floors 32258 + 32258 + 35483 = 99999, the spare fen goes to .871 → 35484
  {
    name: "segments absorb remainders by largest remainder",
    request: req({ cards: [monthCard("A", "2026-01-01", 100_000), monthCard("B", "2026-01-11", 100_000), monthCard("C", "2026-01-21", 100_000)] }),
    base: 100_000,
    surcharge: 0,
    segments: [32_258, 32_258, 35_484],
  },
  // February 2026 split 14/14: 100001 × 14/28 = 50000.5, 200001 × 14/28 = 100000.5; sum 150001 exactly.
  // floors 50000 + 100000 = 150000; the remainders tie (.5, .5): the earlier segment gets the fen.
  {
    name: "remainder ties go to the earlier segment",
    request: req({ cards: [monthCard("A", "2026-01-01", 100_001), monthCard("B", "2026-02-15", 200_001)], from: "2026-02-01", to: "2026-02-28" }),
    base: 150_001,
    surcharge: 0,
    segments: [50_001, 100_000],
  },
  // Segments with their own 正一 rate: 20000 × 1 × 4 days = 80000 at 15 %, 20000 × 1 × 3 days = 60000 at 20 %
  // surcharge 12000 + 12000 = 24000; reported surchargeBp is the first segment's 1500
  {
    name: "each segment keeps its own surcharge",
    request: req({
      cards: [tvCard("T1", "2026-01-01", { surchargeFirstBp: 1500 }), tvCard("T2", "2026-01-05", { surchargeFirstBp: 2000 })],
      from: "2026-01-01", to: "2026-01-07", daypart: "a", seconds: 15, position: "first",
    }),
    base: 140_000,
    surcharge: 24_000,
    segments: [80_000, 60_000],
  },
];

describe("quote: golden cases", () => {
  it.each(GOLDEN.map((g) => [g.name, g] as const))("%s", (_name, g) => {
    const r = ok(quote(g.request));
    expect(r.baseFen).toBe(g.base);
    expect(r.surchargeFen).toBe(g.surcharge);
    expect(r.totalFen).toBe(g.base + g.surcharge);
    expect(r.segments.map((s) => s.amountFen)).toEqual(g.segments);
  });

  it("reports segments, days and descriptions in Chinese", () => {
    const r = ok(quote(req({ cards: [monthCard("M2", "2026-03-16", 360_000), monthCard("M1", "2025-01-01", 300_000)], from: "2026-03-01", to: "2026-04-30", quantity: 2 })));
    expect(r.days).toBe(61);
    expect(r.surchargeBp).toBe(0);
    expect(r.segments).toEqual([
      { cardId: "M1", from: "2026-03-01", to: "2026-03-15", days: 15, basis: "month", unitPriceFen: 300_000, quantity: 2, amountFen: 290_322, description: "2026-03-01 至 2026-03-15，按月价 ¥3,000.00 折算 15/31 个月 × 2" },
      { cardId: "M2", from: "2026-03-16", to: "2026-04-30", days: 46, basis: "month", unitPriceFen: 360_000, quantity: 2, amountFen: 1_091_613, description: "2026-03-16 至 2026-04-30，按月价 ¥3,600.00 折算 16/31 + 1 个月 × 2" },
    ]);
    // × 2: 9000000/31 = 290322.581 and 11520000/31 + 720000 = 1091612.903; sum 1381935.484 → 1381935;
    // floors 290322 + 1091612 = 1381934, the spare fen goes to the larger remainder .903 → 1091613
    expect(r.baseFen).toBe(1_381_935);

    const jan = ok(quote(req({ from: "2026-01-15", to: "2026-01-31" })));
    expect(jan.segments[0].description).toBe("2026-01-15 至 2026-01-31，按月价 ¥3,000.00 折算 17/31 个月 × 1");
    const cross = ok(quote(req({ from: "2026-01-20", to: "2026-02-10" })));
    expect(cross.segments[0].description).toBe("2026-01-20 至 2026-02-10，按月价 ¥3,000.00 折算 12/31 + 10/28 个月 × 1");

    const tv = ok(quote(req({ cards: [tvCard("TV", "2026-01-01")], from: "2026-06-01", to: "2026-06-07", quantity: 4, daypart: "a", seconds: 15, position: "first" })));
    expect(tv.surchargeBp).toBe(2000);
    expect(tv.segments[0]).toMatchObject({ unitPriceFen: 20_000, quantity: 4, days: 7, basis: "spot", description: "2026-06-01 至 2026-06-07，A段 15 秒 每条 ¥200.00 × 每天 4 条 × 7 天" });
  });

  it("uses the card in force on each day, whatever the order of the history", () => {
    const cards = [monthCard("C", "2026-07-01", 400_000), monthCard("A", "2025-01-01", 300_000), monthCard("B", "2026-03-01", 360_000)];
    const r = ok(quote(req({ cards, from: "2026-02-01", to: "2026-07-31" })));
    expect(r.segments.map((s) => [s.cardId, s.from, s.to])).toEqual([
      ["A", "2026-02-01", "2026-02-28"],
      ["B", "2026-03-01", "2026-06-30"],
      ["C", "2026-07-01", "2026-07-31"],
    ]);
    // 300000 + 4 × 360000 + 400000 = 2140000
    expect(r.baseFen).toBe(2_140_000);
    // A card starting after the period is not involved.
    expect(ok(quote(req({ cards, from: "2026-03-01", to: "2026-03-31" }))).segments.map((s) => s.cardId)).toEqual(["B"]);
    // The first day of a new card belongs to it.
    expect(ok(quote(req({ cards, from: "2026-07-01", to: "2026-07-01" }))).segments.map((s) => s.cardId)).toEqual(["C"]);
  });

  it("charges nothing extra without a position", () => {
    const r = ok(quote(req({ cards: [tvCard("TV", "2026-01-01")], from: "2026-06-01", to: "2026-06-07", daypart: "special", seconds: 15, position: null })));
    // 50000 × 1 × 7 = 350000
    expect([r.baseFen, r.surchargeFen, r.totalFen, r.surchargeBp]).toEqual([350_000, 0, 350_000, 0]);
  });
});

describe("quote: refusals", () => {
  it("names the missing spot price", () => {
    const r = quote(req({ cards: [tvCard("TV", "2026-01-01")], from: "2026-06-01", to: "2026-06-07", daypart: "b", seconds: 30 }));
    expect(r).toMatchObject({ ok: false, code: "no_spot_price" });
    if (!r.ok) expect(r.message).toContain("B段 30 秒");
    const noDaypart = quote(req({ cards: [tvCard("TV", "2026-01-01")], from: "2026-06-01", to: "2026-06-07" }));
    expect(noDaypart).toMatchObject({ ok: false, code: "no_spot_price" });
    if (!noDaypart.ok) expect(noDaypart.message).toContain("请选择时段");
  });

  it("refuses days before the first rate card, naming the first unpriced date", () => {
    const r = quote(req({ cards: [monthCard("M", "2026-01-10", 300_000)], from: "2026-01-01", to: "2026-01-31" }));
    expect(r).toMatchObject({ ok: false, code: "no_card" });
    if (!r.ok) expect(r.message).toMatch(/^2026-01-01 起没有刊例价.*请先维护刊例价/);
    expect(quote(req({ cards: [] }))).toMatchObject({ ok: false, code: "no_card", message: "2026-01-01 起没有刊例价，请先维护刊例价" });
  });

  it("refuses a booking shorter than the longest minimum of the cards involved", () => {
    const r = quote(req({ cards: [tvCard("TV", "2026-01-01")], from: "2026-06-01", to: "2026-06-05", daypart: "a", seconds: 15 }));
    expect(r).toMatchObject({ ok: false, code: "min_days" });
    if (!r.ok) expect(r.message).toContain("该广告位最少投放 7 天，当前 5 天");
    // The minimum of a card not in force during the booking does not count.
    const cards = [monthCard("A", "2025-01-01", 300_000, { minDays: 30 }), monthCard("B", "2026-01-01", 300_000, { minDays: 1 })];
    expect(quote(req({ cards, from: "2026-06-01", to: "2026-06-05" })).ok).toBe(true);
    expect(quote(req({ cards, from: "2025-12-30", to: "2026-01-05" }))).toMatchObject({ ok: false, code: "min_days" });
    // Exactly the minimum is fine.
    expect(quote(req({ cards: [tvCard("TV", "2026-01-01")], from: "2026-06-01", to: "2026-06-07", daypart: "a", seconds: 15 })).ok).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses quantity %s", (quantity) => {
    const r = quote(req({ quantity }));
    expect(r).toMatchObject({ ok: false, code: "bad_quantity" });
    if (!r.ok) expect(r.message).toContain("正整数");
  });

  it.each([
    ["2026-02-30", "2026-03-10"],
    ["2026-13-01", "2026-12-31"],
    ["2026/01/01", "2026-01-31"],
    ["2026-01-01", ""],
    ["2026-03-10", "2026-03-01"],
  ])("refuses dates %s..%s", (from, to) => {
    expect(quote(req({ from, to }))).toMatchObject({ ok: false, code: "bad_dates" });
  });

  it("throws on malformed rate cards, which admin screens must never save", () => {
    expect(() => quote(req({ cards: [monthCard("M", "2026-02-30", 1)] }))).toThrow(TypeError);
    expect(() => quote(req({ cards: [monthCard("M", "2025-01-01", 1.5)] }))).toThrow(TypeError);
    expect(() => quote(req({ cards: [monthCard("A", "2025-01-01", 1), monthCard("B", "2025-01-01", 2)] }))).toThrow(/both start/);
    const dup = tvCard("TV", "2025-01-01", { spotPrices: [{ daypart: "a", seconds: 15, priceFen: 1 }, { daypart: "a", seconds: 15, priceFen: 2 }] });
    expect(() => quote(req({ cards: [dup], daypart: "a", seconds: 15 }))).toThrow(/duplicate/);
  });
});

// ---- Properties over many random ranges --------------------------------------------------------

/** mulberry32: a small deterministic PRNG so failures reproduce. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MS_PER_DAY = 86_400_000;
// An independent calendar (Date.UTC) for the oracle, so it does not share code with quote.ts.
const isoOf = (n: number) => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
const numOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
const monthLength = (iso: string) => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), 0)).getUTCDate();

/**
 * Oracle: prices day by day. Every day's worth is an integer multiple of 1/D fen with
 * D = lcm(7, 28, 29, 30, 31) × 10000, so sums are exact BigInt integers; then round half-up.
 */
function oracle(r: QuoteRequest): { base: bigint; total: bigint } {
  const D = 377_580n * 10_000n;
  const sorted = [...r.cards].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  let base = 0n;
  let total = 0n;
  for (let n = numOf(r.from); n <= numOf(r.to); n++) {
    const day = isoOf(n);
    const c = sorted.filter((x) => x.effectiveFrom <= day).pop()!;
    const q = BigInt(r.quantity);
    const p = BigInt(c.priceFen);
    const worth =
      c.basis === "day" ? p * q * D
      : c.basis === "week" ? (p * q * D) / 7n
      : c.basis === "month" ? (p * q * D) / BigInt(monthLength(day))
      : BigInt(c.spotPrices.find((s) => s.daypart === r.daypart && s.seconds === r.seconds)!.priceFen) * q * D;
    const bp = r.position === "first" ? c.surchargeFirstBp : r.position === "last" ? c.surchargeLastBp : 0;
    base += worth;
    total += (worth * BigInt(10_000 + bp)) / 10_000n;
  }
  const round = (x: bigint) => (2n * x + D) / (2n * D);
  return { base: round(base), total: round(total) };
}

function randomRequest(next: () => number, bases: RateCard["basis"][]): QuoteRequest {
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const first = numOf("2024-01-01") + int(0, 400);
  const cards: RateCard[] = [];
  let eff = first;
  for (let i = int(1, 4); i > 0; i--) {
    cards.push(card({
      id: `C${cards.length}`,
      effectiveFrom: isoOf(eff),
      basis: bases[int(0, bases.length - 1)],
      priceFen: int(0, 5_000_000),
      surchargeFirstBp: int(0, 3000),
      surchargeLastBp: int(0, 3000),
      spotPrices: [{ daypart: "a", seconds: 15, priceFen: int(1, 99_999) }],
    }));
    eff += int(1, 200);
  }
  const from = first + int(0, 500);
  const to = from + int(0, 400);
  const pos = int(0, 2);
  return { cards: cards.reverse(), from: isoOf(from), to: isoOf(to), quantity: int(1, 12), daypart: "a", seconds: 15, position: pos === 0 ? null : pos === 1 ? "first" : "last" };
}

describe("quote: properties over seeded random ranges", () => {
  it("totals add up, segments sum to the base, and the result matches a day-by-day oracle", () => {
    const next = rng(20260101);
    for (let k = 0; k < 400; k++) {
      const request = randomRequest(next, ["day", "week", "month", "spot"]);
      const r = ok(quote(request));
      const o = oracle(request);
      const ctx = JSON.stringify(request);
      expect(r.totalFen, ctx).toBe(r.baseFen + r.surchargeFen);
      expect(r.segments.reduce((a, s) => a + s.amountFen, 0), ctx).toBe(r.baseFen);
      expect(r.segments.reduce((a, s) => a + s.days, 0), ctx).toBe(r.days);
      expect(BigInt(r.baseFen), ctx).toBe(o.base);
      expect(BigInt(r.totalFen), ctx).toBe(o.total);
      expect(r.surchargeFen, ctx).toBeGreaterThanOrEqual(0);
      for (const s of r.segments) expect(s.amountFen, ctx).toBeGreaterThanOrEqual(0);
    }
  });

  it("month basis: splitting a range at any day changes the total by at most 1 fen", () => {
    const next = rng(42);
    let checked = 0;
    for (let k = 0; k < 200; k++) {
      const request = randomRequest(next, ["month"]);
      const whole = ok(quote(request));
      const from = numOf(request.from);
      const to = numOf(request.to);
      if (to === from) continue;
      // Try a few split days per range, including both ends.
      for (const split of [from, to - 1, from + Math.floor(next() * (to - from))]) {
        const a = ok(quote({ ...request, to: isoOf(split) }));
        const b = ok(quote({ ...request, from: isoOf(split + 1) }));
        const ctx = `${JSON.stringify(request)} split after ${isoOf(split)}`;
        expect(Math.abs(a.totalFen + b.totalFen - whole.totalFen), ctx).toBeLessThanOrEqual(1);
        expect(Math.abs(a.baseFen + b.baseFen - whole.baseFen), ctx).toBeLessThanOrEqual(1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("month basis: whole calendar months always cost exactly the month price", () => {
    const next = rng(7);
    for (let k = 0; k < 100; k++) {
      const y = 2024 + Math.floor(next() * 8);
      const m = 1 + Math.floor(next() * 12);
      const n = 1 + Math.floor(next() * 14); // whole months in a row
      const price = Math.floor(next() * 10_000_000);
      const from = `${y}-${String(m).padStart(2, "0")}-01`;
      const end = new Date(Date.UTC(y, m - 1 + n, 0)).toISOString().slice(0, 10);
      const r = ok(quote({ cards: [monthCard("M", "2024-01-01", price)], from, to: end, quantity: 1 }));
      expect(r.baseFen, `${from}..${end} @ ${price}`).toBe(price * n);
    }
  });
});
