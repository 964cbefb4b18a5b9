// GET /finance/ledgers/invoices.xlsx?from=&to=: the 开票台账 of the period (issued bills and
// credits by issue date), streamed page by page; this month when no period is given.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { exportInvoiceLedger } from "~/modules/billing/ledgers-export.server";
import { downloadRefusal, exportMeta, xlsxStream } from "~/modules/billing/tax-downloads.server";
import { periodFromUrl } from "~/modules/billing/tax-forms";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const meta = exportMeta(caller);
  const parsed = periodFromUrl(new URL(request.url), meta.asOf);
  if (!parsed.ok) return downloadRefusal(400, Object.values(parsed.errors).join("；"), { href: "/finance/ledgers", label: "返回台账导出" });
  const { from, to } = parsed.period;
  return xlsxStream(exportInvoiceLedger(context.db, caller.scope, parsed.period, meta), `开票台账-${from}至${to}.xlsx`, `invoice-ledger-${from}-${to}.xlsx`);
}
