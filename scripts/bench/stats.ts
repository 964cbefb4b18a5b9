// Small helpers shared by the benchmarks: percentiles, rounding, the one JSON result line.

export function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export function rssMb(): number {
  return round(process.memoryUsage().rss / (1024 * 1024), 1);
}

export type DbLabel = "sqlite" | "mariadb";

export interface BenchResult {
  name: string;
  db: DbLabel;
  n: number;
  median_ms: number;
  p95_ms: number;
  baseline_median_ms: number;
  ratio: number;
  rss_mb: number;
  [extra: string]: string | number;
}

/** The standard result line from raw per-operation timings (milliseconds). */
export function summarise(name: string, db: DbLabel, samples: number[], baseline: number[], extra: Record<string, number> = {}): BenchResult {
  const med = median(samples);
  const baseMed = median(baseline);
  return {
    name,
    db,
    n: samples.length,
    median_ms: round(med, 3),
    p95_ms: round(percentile(samples, 95), 3),
    baseline_median_ms: round(baseMed, 3),
    ratio: round(med / baseMed, 2),
    rss_mb: rssMb(),
    ...extra,
  };
}
