// The client form's one schema, used by the server and for hints in the browser.
import { z } from "zod";
import type { ClientKind } from "~db/schema";
import { t } from "~/i18n";
import { parsePercentToBasisPoints } from "~/utils/money";
import { normaliseCreditCode } from "~/utils/credit-code";
import { type FieldErrors, parseForm } from "~/utils/form";

export const CLIENT_KINDS = ["enterprise", "government", "institution", "agency", "individual"] as const satisfies readonly ClientKind[];

const text = (max: number) => z.string().trim().max(max, t("clients.tooLong", { max }));

export const clientFormSchema = z.object({
  name: z.string().trim().min(1, t("clients.nameRequired")).max(100, t("clients.tooLong", { max: 100 })),
  kind: z.enum(CLIENT_KINDS, { errorMap: () => ({ message: t("clients.badKind") }) }),
  credit_code: z
    .string()
    .transform(normaliseCreditCode)
    .pipe(z.string().max(18, t("clients.tooLong", { max: 18 }))),
  contact_name: text(50),
  contact_phone: text(50),
  address: text(200),
  phone: text(50),
  bank_name: text(100),
  bank_account: text(50),
  owner_id: z.string().trim().transform((v) => v || null),
  commission: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return 0;
      const bp = parsePercentToBasisPoints(v.replace(/%$/, ""));
      if (bp === null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: t("clients.badCommission") });
        return z.NEVER;
      }
      return bp;
    }),
  // Days from a bill's issue to its due date; empty means the usual 30.
  payment_days: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return 30;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 365) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: t("clients.badPaymentDays") });
        return z.NEVER;
      }
      return n;
    }),
  notes: text(1000),
});

export type ClientFormValues = z.infer<typeof clientFormSchema>;
export type { FieldErrors };

export function parseClientForm(form: FormData) {
  return parseForm(clientFormSchema, form);
}
