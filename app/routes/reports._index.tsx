// /reports opens on the first report, 收入明细表.
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guard.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "report", "read");
  return redirect("/reports/income");
}
