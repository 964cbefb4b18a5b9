// GET /finance/culture-fee.xlsx?month=YYYY-MM: the month's 文化事业建设费计算表 (summary, the
// advertising lines and the deductions), streamed; last month when no month is given.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCultureFee } from "~/modules/billing/culture-fee.server";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { downloadRefusal, exportMeta, xlsxStream } from "~/modules/billing/tax-downloads.server";
import { monthFromUrl } from "~/modules/billing/tax-forms";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const meta = exportMeta(caller);
  const { month, bad } = monthFromUrl(new URL(request.url), meta.asOf);
  // The exporter checks the month only once it is streaming: refuse here, while a status can still be sent.
  if (bad) return downloadRefusal(400, "月份格式应为 YYYY-MM，例如 2026-03", { href: "/finance/culture-fee", label: "返回文化事业建设费" });
  return xlsxStream(exportCultureFee(context.db, caller.scope, month, meta), `文化事业建设费计算表-${month}.xlsx`, `culture-fee-${month}.xlsx`);
}
