// Reading the order forms: the header, and lines posted as parallel repeated fields (one value
// of unit, start_date, end_date … per row). Units arrive by code, clients by name, as people type
// them; the service resolves them inside the center.
import { z } from "zod";
import type { AdCategory, Daypart, LineKind } from "~db/schema";
import { type FieldErrors, parseForm } from "~/utils/form";
import { parsePercentToBasisPoints, parseYuanToFen } from "~/utils/money";
import { isCalendarDate } from "~/utils/time";
import { addDays } from "~/modules/inventory/calendar-dates";
import { AD_CATEGORIES, LINE_KINDS } from "./model";
import type { Deal } from "./line-pricing";
import type { LineInput } from "./lines.server";

const text = (max: number) => z.string().trim().max(max, `内容过长（最多 ${max} 个字）`);

export const headerSchema = z.object({
  client: z.string().trim().min(1, "请选择客户"),
  title: z.string().trim().min(1, "请填写订单标题").max(100, "内容过长（最多 100 个字）"),
  product: text(100),
  ad_category: z.enum(AD_CATEGORIES as [AdCategory, ...AdCategory[]], { errorMap: () => ({ message: "请选择广告类别" }) }),
  approval_number: text(60),
  terms: text(1000),
});
export type HeaderValues = z.infer<typeof headerSchema>;

export function parseHeader(form: FormData): { ok: true; value: HeaderValues } | { ok: false; errors: FieldErrors } {
  return parseForm(headerSchema, form);
}

/** One posted line, the unit still by its code. */
export type LineDraft = Omit<LineInput, "unitId"> & { unit: string };

export const LINE_FIELDS = ["unit", "start_date", "end_date", "quantity", "kind", "daypart", "seconds", "position", "discount", "net", "content"] as const;
export type LineFields = Record<(typeof LINE_FIELDS)[number], string>;

/** The longest line accepted: a year and a day (a whole-year booking from any day). */
const MAX_LINE_DAYS = 366;

export function parseLine(raw: LineFields): { ok: true; value: LineDraft } | { ok: false; message: string } {
  const unit = raw.unit.trim();
  if (!unit) return { ok: false, message: "请填写广告位编号" };
  for (const [label, d] of [["开始日期", raw.start_date], ["结束日期", raw.end_date]] as const) {
    if (!isCalendarDate(d.trim())) return { ok: false, message: `${unit}：${label}“${d}”不是有效日期（YYYY-MM-DD）` };
  }
  const startDate = raw.start_date.trim();
  const endDate = raw.end_date.trim();
  if (startDate > endDate) return { ok: false, message: `${unit}：开始日期晚于结束日期` };
  if (addDays(startDate, MAX_LINE_DAYS - 1) < endDate) return { ok: false, message: `${unit}：一行最长 ${MAX_LINE_DAYS} 天，请分行填写` };
  const quantity = Number(raw.quantity.trim() || "1");
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 10_000) return { ok: false, message: `${unit}：每天数量应为 1–10000 的整数` };
  const kind = (LINE_KINDS as string[]).includes(raw.kind) ? (raw.kind as LineKind) : "paid";
  const daypart = (["special", "a", "b"] as string[]).includes(raw.daypart) ? (raw.daypart as Daypart) : null;
  const seconds = raw.seconds.trim() ? Number(raw.seconds) : null;
  if (seconds !== null && (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > 600)) return { ok: false, message: `${unit}：每条时长应为 1–600 秒` };
  const position = raw.position === "first" || raw.position === "last" ? raw.position : null;
  let deal: Deal = { discountBp: 0 };
  if (raw.net.trim()) {
    const net = parseYuanToFen(raw.net);
    if (net === null || net < 0) return { ok: false, message: `${unit}：成交价“${raw.net}”不是有效金额` };
    deal = { netFen: net };
  } else if (raw.discount.trim()) {
    const bp = parsePercentToBasisPoints(raw.discount);
    if (bp === null) return { ok: false, message: `${unit}：折扣“${raw.discount}”应为 0–100 的百分数` };
    deal = { discountBp: bp };
  }
  const content = raw.content.trim();
  if (content.length > 500) return { ok: false, message: `${unit}：内容过长（最多 500 个字）` };
  return { ok: true, value: { unit, startDate, endDate, quantity, kind, daypart, seconds, position, deal, content } };
}

/** Rows posted as parallel fields; rows without a unit code are blank rows of the form and skipped. */
export function postedLines(form: FormData): LineFields[] {
  const columns = Object.fromEntries(LINE_FIELDS.map((f) => [f, form.getAll(f).map((v) => (typeof v === "string" ? v : ""))]));
  const count = Math.max(...LINE_FIELDS.map((f) => columns[f].length));
  const rows: LineFields[] = [];
  for (let i = 0; i < count; i++) {
    const row = Object.fromEntries(LINE_FIELDS.map((f) => [f, columns[f][i] ?? ""])) as LineFields;
    if (row.unit.trim()) rows.push(row);
  }
  return rows;
}
