// The money desks (payments, receivables, statements, tax) are read by those who read all of
// billing. Sales hold billing:read only for the bills of their own clients, so these screens
// refuse them outright rather than showing a center's receivables.
import type { AppLoadContext } from "@remix-run/node";
import { type Caller, requirePermission } from "~/modules/auth/guard.server";
import { forbidden } from "~/utils/http.server";

export async function requireBillingDesk(request: Request, context: AppLoadContext, action: "read" | "update" = "read"): Promise<Caller> {
  const caller = await requirePermission(request, context, "billing", action);
  if (caller.user.role === "sales") forbidden();
  return caller;
}
