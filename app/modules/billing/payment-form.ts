// The payment form and the payment list's query string, read into what the services take. Amounts
// are typed in yuan and become fen through parseYuanToFen; every problem of a posted form is
// reported at once, each under its field, and a form with any problem stores nothing.
import type { PaymentMethod } from "~db/schema";
import { pageParam } from "~/utils/http.server";
import type { FieldErrors } from "~/utils/form";
import { formatFen, parseYuanToFen } from "~/utils/money";
import { isCalendarDate } from "~/utils/time";
import type { PaymentFilter } from "./payment-views.server";
import { type AllocationRequest, PAYMENT_METHODS, type PaymentInput, validatePayment } from "./payments.server";

export const ALLOCATION_MODES = ["auto", "manual", "none"] as const;
export type AllocationMode = (typeof ALLOCATION_MODES)[number];

const isMethod = (v: string): v is PaymentMethod => Object.hasOwn(PAYMENT_METHODS, v);
const isMode = (v: string): v is AllocationMode => (ALLOCATION_MODES as readonly string[]).includes(v);

const ALLOC_PREFIX = "alloc_";

/** The name (and error key) of one bill's allocation input. */
export const allocKey = (billId: string) => `${ALLOC_PREFIX}${billId}`;

/** What the user typed, to put back into a refused form. `alloc` is the yuan text per bill id. */
export interface PaymentFormValues {
  client_id: string;
  received_on: string;
  amount: string;
  method: string;
  payer: string;
  reference: string;
  notes: string;
  mode: string;
  idempotency_key: string;
  alloc: Record<string, string>;
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
};

export function echoPaymentForm(form: FormData): PaymentFormValues {
  const alloc: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name.startsWith(ALLOC_PREFIX) && typeof value === "string") alloc[name.slice(ALLOC_PREFIX.length)] = value.trim();
  }
  return {
    client_id: text(form, "client_id"), received_on: text(form, "received_on"), amount: text(form, "amount"), method: text(form, "method"), payer: text(form, "payer"),
    reference: text(form, "reference"), notes: text(form, "notes"), mode: text(form, "mode") || "auto", idempotency_key: text(form, "idempotency_key"), alloc,
  };
}


/**
 * Reads the posted form and checks everything that does not need the database. The input is
 * returned even with errors, so the caller can add the checks that do and report all at once.
 */
export function parsePaymentForm(form: FormData, today: string): { input: PaymentInput; errors: FieldErrors } {
  const v = echoPaymentForm(form);
  const errors: FieldErrors = {};
  let amountFen = 0;
  if (!v.amount) errors.amountFen = "请填写收款金额";
  else {
    const fen = parseYuanToFen(v.amount);
    if (fen === null) errors.amountFen = "收款金额格式不对，请填写如 1234.56 的金额（最多两位小数）";
    else amountFen = fen;
  }
  const mode = isMode(v.mode) ? v.mode : null;
  if (!mode) errors.allocations = "请选择分配方式";
  let allocate: AllocationRequest = mode === "none" ? "none" : "auto";
  if (mode === "manual") {
    const wanted: { billId: string; amountFen: number }[] = [];
    for (const [billId, typed] of Object.entries(v.alloc)) {
      if (!typed) continue;
      const fen = parseYuanToFen(typed);
      if (fen === null || fen < 0) errors[allocKey(billId)] = "金额格式不对";
      else if (fen > 0) wanted.push({ billId, amountFen: fen });
    }
    if (wanted.length === 0 && !Object.keys(errors).some((k) => k.startsWith("alloc_"))) errors.allocations = "手工分配时请至少为一张账单填写金额；不冲抵账单请选「暂不分配」";
    const sum = wanted.reduce((s, w) => s + w.amountFen, 0);
    if (amountFen > 0 && sum > amountFen) errors.allocations = `分配合计 ${formatFen(sum)} 超过收款金额 ${formatFen(amountFen)}`;
    allocate = wanted;
  }
  const input: PaymentInput = {
    clientId: v.client_id, receivedOn: v.received_on, amountFen, method: v.method as PaymentMethod,
    payer: v.payer, reference: v.reference, notes: v.notes, idempotencyKey: v.idempotency_key || undefined, allocate,
  };
  // The service's own checks, so the amount, date and method messages come together with the rest.
  const checked = validatePayment({ ...input, amountFen: errors.amountFen ? 1 : amountFen }, today);
  for (const [key, message] of Object.entries(checked)) errors[key] ??= message;
  if (!v.method) errors.method = "请选择收款方式";
  return { input, errors };
}

/**
 * A hand allocation against the open amounts shown on the form: each bill at most its open amount.
 * The service checks again under its locks; this only lets the form name every bill at once.
 */
export function allocationErrors(input: PaymentInput, open: { id: string; number: string | null; open_fen: number }[]): FieldErrors {
  const errors: FieldErrors = {};
  if (!Array.isArray(input.allocate)) return errors;
  const byId = new Map(open.map((b) => [b.id, b]));
  for (const want of input.allocate) {
    const bill = byId.get(want.billId);
    if (bill && want.amountFen > bill.open_fen) errors[allocKey(want.billId)] = `超过未收金额 ${formatFen(bill.open_fen)}`;
  }
  return errors;
}

const dateParam = (url: URL, name: string) => {
  const v = (url.searchParams.get(name) ?? "").trim();
  return isCalendarDate(v) ? v : undefined;
};

/** The payment list's filter from its query string; dates that are not dates are left out (and reported). */
export function paymentFilterFromUrl(url: URL): { filter: PaymentFilter; badDates: boolean } {
  const p = url.searchParams;
  const method = p.get("method") ?? "";
  const from = dateParam(url, "from");
  const to = dateParam(url, "to");
  const badDates = Boolean((p.get("from") && !from) || (p.get("to") && !to));
  return {
    filter: { client: (p.get("client") ?? "").trim().slice(0, 100), method: isMethod(method) ? method : undefined, from, to, includeReversed: p.get("reversed") === "1", page: pageParam(url) },
    badDates,
  };
}
