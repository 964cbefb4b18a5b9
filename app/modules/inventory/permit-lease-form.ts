// The permit and lease forms' schemas, shared by the forms, the routes and the tests.
// Dates are 'YYYY-MM-DD' text; the annual rent arrives in yuan and is kept in fen.
import { z } from "zod";
import { parseForm } from "~/utils/form";
import { parseYuanToFen } from "~/utils/money";
import { isCalendarDate } from "~/utils/time";
import type { LeaseInput, PermitInput } from "./sites.server";

const date = (label: string) =>
  z.string().transform((v, ctx) => {
    const s = v.trim();
    if (s === "") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `请填写${label}` });
      return z.NEVER;
    }
    if (!isCalendarDate(s)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label}格式应为 YYYY-MM-DD，且须为真实日期` });
      return z.NEVER;
    }
    return s;
  });

const required = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `内容过长（最多 ${max} 个字）`);

/** A term ends on or after the day it starts. */
function endNotBeforeStart<T extends { start_date: string; end_date: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.end_date < value.start_date) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["end_date"], message: "结束日期不能早于开始日期" });
  }
}

export const permitFormSchema = z
  .object({
    number: required("许可证号", 64),
    authority: required("发证机关", 100),
    start_date: date("开始日期"),
    end_date: date("结束日期"),
  })
  .superRefine(endNotBeforeStart);

// MONEY: the rent is parsed from its digits into integer fen, never through a float.
const annualRent = z.string().transform((v, ctx) => {
  const fen = parseYuanToFen(v);
  if (fen === null || fen < 0 || fen > 100_000_000_000) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "年租金应为不小于 0 的金额（元），最多两位小数" });
    return z.NEVER;
  }
  return fen;
});

export const leaseFormSchema = z
  .object({
    lessor: required("出租方", 100),
    annual_rent: annualRent,
    start_date: date("开始日期"),
    end_date: date("结束日期"),
    payment_terms: z.string().trim().max(200, "内容过长（最多 200 个字）"),
  })
  .superRefine(endNotBeforeStart)
  .transform(({ annual_rent, ...rest }): LeaseInput => ({ ...rest, annual_rent_fen: annual_rent }));

export function parsePermitForm(form: FormData): { ok: true; value: PermitInput } | { ok: false; errors: Partial<Record<string, string>> } {
  return parseForm(permitFormSchema, form);
}

export function parseLeaseForm(form: FormData): { ok: true; value: LeaseInput } | { ok: false; errors: Partial<Record<string, string>> } {
  return parseForm(leaseFormSchema, form);
}
