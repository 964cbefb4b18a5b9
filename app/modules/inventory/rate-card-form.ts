// The rate-card form: one basis and price, or (TV/radio) a table of per-spot prices by daypart ×
// length posted as fields named spot_<daypart>_<seconds>.
import { z } from "zod";
import type { Daypart, PriceBasis } from "~db/schema";
import { parsePercentToBasisPoints, parseYuanToFen } from "~/utils/money";
import { isCalendarDate } from "~/utils/time";
import type { FieldErrors } from "~/utils/form";
import { parseForm } from "~/utils/form";
import type { RateCardInput } from "./rate-cards.server";

export const PRICE_BASES: PriceBasis[] = ["day", "week", "month", "spot"];
export const DAYPARTS: Daypart[] = ["special", "a", "b"];
export const SPOT_LENGTHS = [5, 10, 15, 30] as const;

const yuan = (label: string) =>
  z.string().transform((v, ctx) => {
    if (v.trim() === "") return 0;
    const fen = parseYuanToFen(v);
    if (fen === null || fen < 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label}应为不小于 0 的金额，最多两位小数` });
      return z.NEVER;
    }
    return fen;
  });

const percent = (label: string) =>
  z.string().transform((v, ctx) => {
    if (v.trim() === "") return 0;
    const bp = parsePercentToBasisPoints(v.trim().replace(/%$/, ""));
    if (bp === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label}应为 0 到 100 之间的百分数` });
      return z.NEVER;
    }
    return bp;
  });

const rateCardSchema = z.object({
  effective_from: z.string().trim().refine(isCalendarDate, "生效日期格式应为 YYYY-MM-DD"),
  basis: z.enum(PRICE_BASES as [PriceBasis, ...PriceBasis[]], { errorMap: () => ({ message: "请选择计价方式" }) }),
  price: yuan("刊例价"),
  min_days: z.string().transform((v, ctx) => {
    const n = v.trim() === "" ? 0 : Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 366) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "最少投放天数应为 0 到 366 的整数" });
      return z.NEVER;
    }
    return n;
  }),
  surcharge_first: percent("正一加价"),
  surcharge_last: percent("倒一加价"),
});

export function spotFieldName(daypart: Daypart, seconds: number) {
  return `spot_${daypart}_${seconds}`;
}

export function parseRateCardForm(form: FormData): { ok: true; value: RateCardInput } | { ok: false; errors: FieldErrors } {
  const parsed = parseForm(rateCardSchema, form);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const spot_prices: RateCardInput["spot_prices"] = [];
  for (const daypart of DAYPARTS) {
    for (const seconds of SPOT_LENGTHS) {
      const name = spotFieldName(daypart, seconds);
      const raw = String(form.get(name) ?? "").trim();
      if (raw === "") continue;
      const fen = parseYuanToFen(raw);
      if (fen === null || fen <= 0) errors[name] = "单价应为大于 0 的金额";
      else spot_prices.push({ daypart, seconds, price_fen: fen });
    }
  }
  if (!parsed.ok || Object.keys(errors).length) return { ok: false, errors };
  const v = parsed.value;
  if (v.basis === "spot" && spot_prices.length === 0) return { ok: false, errors: { basis: "按条计价须至少填写一个时段 × 时长的单价" } };
  if (v.basis !== "spot" && v.price <= 0) return { ok: false, errors: { price: "请填写刊例价" } };
  return {
    ok: true,
    value: {
      effective_from: v.effective_from,
      basis: v.basis,
      price_fen: v.basis === "spot" ? 0 : v.price,
      min_days: v.min_days,
      surcharge_first_bp: v.surcharge_first,
      surcharge_last_bp: v.surcharge_last,
      spot_prices: v.basis === "spot" ? spot_prices : [],
    },
  };
}
