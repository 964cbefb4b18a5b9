// Who may do what with money, and the result every billing write returns. Finance (and admin)
// generate, issue, correct and record payments; everyone else reads at most.
import type { Scope } from "~/modules/auth/scope";
import { can } from "~/modules/auth/permissions";
import type { FieldErrors } from "~/utils/form";

/** 502: an outside service (the e-invoice provider) failed. */
export type BillingResult<T = { id: string }> = ({ ok: true } & T) | { ok: false; status: 400 | 403 | 404 | 409 | 502; errors: FieldErrors };

export function billingRefusal(status: 400 | 403 | 404 | 409, errors: FieldErrors): { ok: false; status: 400 | 403 | 404 | 409; errors: FieldErrors } {
  return { ok: false, status, errors };
}

/** A refusal when the caller may not change billing data, else null. */
export function refuseUnlessFinance(scope: Scope): { ok: false; status: 403; errors: FieldErrors } | null {
  return can(scope.role, "billing", "update") ? null : { ok: false, status: 403, errors: { form: "只有财务可以办理开票、收款和冲红" } };
}

/**
 * Reads all of the center's billing: receivables, ledgers, tax settings, the culture fee. Sales
 * hold billing:read only for the bills of their own clients (see bill-views.server.ts).
 */
export function readsAllBilling(scope: Pick<Scope, "role">): boolean {
  return scope.role !== "sales" && can(scope.role, "billing", "read");
}
