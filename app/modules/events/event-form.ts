// The event, sponsor and cancellation forms: one schema each, used by the server and for hints in
// the browser. Money is typed in 元 and kept as integer fen.
import { z } from "zod";
import { t } from "~/i18n";
import { type FieldErrors, parseForm } from "~/utils/form";
import { parseYuanToFen } from "~/utils/money";
import { EVENT_TYPES, normaliseLocalDateTime } from "./model";

const text = (max: number) => z.string().trim().max(max, t("events.tooLong", { max }));

const localDateTime = (message: string) =>
  z.string().transform((v, ctx) => {
    const value = normaliseLocalDateTime(v);
    if (value === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
    return value;
  });

/** MONEY: 元 text → fen through the digit-string parser; `positive` refuses 0 as well as negatives. */
const yuan = (opts: { bad: string; negative: string; emptyIsZero: boolean; positive?: boolean }) =>
  z.string().transform((v, ctx) => {
    const s = v.trim();
    if (s === "" && opts.emptyIsZero) return 0;
    const fen = s === "" ? null : parseYuanToFen(s);
    if (fen === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: opts.bad });
      return z.NEVER;
    }
    if (fen < 0 || (opts.positive && fen === 0)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: opts.negative });
      return z.NEVER;
    }
    return fen;
  });

const eventFields = z.object({
  title: z.string().trim().min(1, t("events.err.titleRequired")).max(100, t("events.tooLong", { max: 100 })),
  type: z.enum(EVENT_TYPES, { errorMap: () => ({ message: t("events.err.badType") }) }),
  venue: text(200),
  starts_at: localDateTime(t("events.err.badStart")),
  ends_at: localDateTime(t("events.err.badEnd")),
  owner_id: z.string().trim().min(1, t("events.err.ownerRequired")),
  // Empty: the center's 活动策划执行 category.
  category_id: z.string().trim(),
  budget: yuan({ bad: t("events.err.badBudget"), negative: t("events.err.negativeBudget"), emptyIsZero: true }),
  notes: text(1000),
});

export type EventFormValues = z.infer<typeof eventFields>;
export type { FieldErrors };

/** The event form with every problem at once, including an end before the start. */
export function parseEventForm(form: FormData): { ok: true; value: EventFormValues } | { ok: false; errors: FieldErrors } {
  const parsed = parseForm(eventFields, form);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const start = normaliseLocalDateTime(String(form.get("starts_at") ?? ""));
  const end = normaliseLocalDateTime(String(form.get("ends_at") ?? ""));
  if (start && end && end < start) errors.ends_at ??= t("events.err.endBeforeStart");
  if (parsed.ok && Object.keys(errors).length === 0) return parsed;
  return { ok: false, errors };
}

/** The client is typed by name (with suggestions) and found in the center by the server. */
export const sponsorFormSchema = z.object({
  client: z.string().trim().min(1, t("events.err.clientRequired")).max(100, t("events.tooLong", { max: 100 })),
  package: z.string().trim().min(1, t("events.err.packageRequired")).max(100, t("events.tooLong", { max: 100 })),
  amount: yuan({ bad: t("events.err.badAmount"), negative: t("events.err.amountNotPositive"), emptyIsZero: false, positive: true }),
});

export type SponsorFormValues = z.infer<typeof sponsorFormSchema>;

/** A sponsorship as the service takes it: the client already found. */
export interface SponsorInput {
  client_id: string;
  package: string;
  amount: number;
}

export function parseSponsorForm(form: FormData) {
  return parseForm(sponsorFormSchema, form);
}

export const cancelFormSchema = z.object({
  reason: z.string().trim().min(1, t("events.err.reasonRequired")).max(200, t("events.tooLong", { max: 200 })),
});

export function parseCancelForm(form: FormData) {
  return parseForm(cancelFormSchema, form);
}
