// GET /finance/ledgers/invoices.xlsx?from=&to=: the 开票台账 of the period (issued bills and
// credits by issue date), streamed page by page; this month when no period is given.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportInvoiceLedger } from "~/modules/billing/ledgers-export.server";
import { ledgerDownload } from "~/modules/billing/tax-downloads.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return ledgerDownload(request, context, exportInvoiceLedger, (from, to) => [`开票台账-${from}至${to}.xlsx`, `invoice-ledger-${from}-${to}.xlsx`]);
}
