import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guard.server";

/** 财务 opens on the bills, the one tab every reader of billing has. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "billing", "read");
  return redirect("/finance/bills");
}
