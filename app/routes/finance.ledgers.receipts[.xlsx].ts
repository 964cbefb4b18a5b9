// GET /finance/ledgers/receipts.xlsx?from=&to=: the 收款台账 of the period (payments by the day
// received, with allocations and reversals as of today), streamed; this month when no period is given.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportReceiptLedger } from "~/modules/billing/ledgers-export.server";
import { ledgerDownload } from "~/modules/billing/tax-downloads.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return ledgerDownload(request, context, exportReceiptLedger, (from, to) => [`收款台账-${from}至${to}.xlsx`, `receipt-ledger-${from}-${to}.xlsx`]);
}
