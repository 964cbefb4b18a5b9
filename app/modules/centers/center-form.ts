import { z } from "zod";
import { t } from "~/i18n";
import { normaliseCreditCode } from "~/utils/credit-code";
import { type FieldErrors, parseForm } from "~/utils/form";
import { parseYuanToFen } from "~/utils/money";
import { isValidNumberPattern } from "~/modules/contracts/model";
import type { CenterProfile } from "./centers.server";

const text = (max: number) => z.string().trim().max(max, t("clients.tooLong", { max }));

export const centerFormSchema = z.object({
  name: z.string().trim().min(1, t("common.required")).max(100, t("clients.tooLong", { max: 100 })),
  taxpayer_status: z.enum(["general", "small"], { errorMap: () => ({ message: t("common.required") }) }),
  tax_id: z.string().transform(normaliseCreditCode).pipe(z.string().max(32, t("clients.tooLong", { max: 32 }))),
  address: text(200),
  phone: text(50),
  bank_name: text(100),
  bank_account: text(50),
  hold_days: z.coerce.number({ invalid_type_error: t("center.holdDaysRange") }).int(t("center.holdDaysRange")).min(1, t("center.holdDaysRange")).max(60, t("center.holdDaysRange")),
  hold_max_renewals: z.coerce.number({ invalid_type_error: t("center.holdRenewalsRange") }).int(t("center.holdRenewalsRange")).min(0, t("center.holdRenewalsRange")).max(10, t("center.holdRenewalsRange")),
  // MONEY: the threshold is typed in 元 and kept in fen.
  contract_approval: z.string().transform((v, ctx) => {
    const fen = parseYuanToFen(v.trim());
    if (fen === null || fen < 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "审批金额应为不小于 0 的金额（元）" });
      return z.NEVER;
    }
    return fen;
  }),
  contract_number_pattern: z.string().trim().refine(isValidNumberPattern, "编号规则只能含文字和 {YYYY}、{NNN} 这样的占位符，最多 40 个字"),
});

export function parseCenterForm(form: FormData): { ok: true; value: CenterProfile } | { ok: false; errors: FieldErrors } {
  const parsed = parseForm(centerFormSchema, form);
  if (!parsed.ok) return parsed;
  const { contract_approval, ...rest } = parsed.value;
  return { ok: true, value: { ...rest, contract_approval_fen: contract_approval } };
}
