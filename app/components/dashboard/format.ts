// Figures as the dashboard prints them. MONEY: integer arithmetic only.
import { mulDivHalfUp } from "~/utils/money";

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** Fen as 万元 with two decimals, rounded half-up: 123_456_789 → "123.46". */
export function formatWan(fen: number): string {
  const hundredths = mulDivHalfUp(Math.abs(fen), 1, 10_000);
  const text = `${group(String(Math.floor(hundredths / 100)))}.${String(hundredths % 100).padStart(2, "0")}`;
  return fen < 0 && hundredths > 0 ? `-${text}` : text;
}

/** Fen as a number of 万元 for a chart's axis (display only, never summed). */
export const wan = (fen: number) => Math.round(fen / 10_000) / 100;

/** Basis points as a percentage with one decimal: 1234 → "12.3%"; null → "—". */
export function pct(bp: number | null): string {
  if (bp === null) return "—";
  // One decimal everywhere, so a column of shares lines up (5.0 %, 43.5 %, 112.0 %).
  const tenths = Math.round(bp / 10);
  return `${tenths < 0 ? "-" : ""}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10}%`;
}

/** A change in basis points as signed percentage points with one decimal: 250 → "+2.5". */
export function points(bp: number | null): string {
  if (bp === null) return "—";
  const tenths = Math.round(Math.abs(bp) / 10);
  const text = `${Math.floor(tenths / 10)}.${tenths % 10}`;
  return `${bp > 0 && tenths > 0 ? "+" : bp < 0 && tenths > 0 ? "-" : ""}${text}`;
}

/** A signed percentage change: 417 → "+4.2%". */
export function signedPct(bp: number | null): string {
  if (bp === null) return "—";
  return `${bp > 0 ? "+" : ""}${pct(bp)}`;
}

/** The Herfindahl index with three decimals. */
export const formatHhi = (hhi: number | null) => (hhi === null ? "—" : hhi.toFixed(3));

/** "2026-03" → "2026年3月". */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
