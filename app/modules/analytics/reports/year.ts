// The year of the statistics return from the query string: absent means this year (Beijing).
import { t } from "~/i18n";
import { todayInShanghai } from "~/utils/time";

export type YearParse = { ok: true; year: number } | { ok: false; text: string; fallback: number; message: string };

export function parseYear(raw: string | null, now: Date = new Date()): YearParse {
  const current = Number(todayInShanghai(now).slice(0, 4));
  const text = (raw ?? "").trim();
  if (!text) return { ok: true, year: current };
  if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2100) return { ok: false, text, fallback: current, message: t("rpt.error.year") };
  return { ok: true, year: Number(text) };
}
