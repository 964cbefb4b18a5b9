// GET /finance/statements.xlsx?client=&from=&to=: one client's 对账单 for the period, as .xlsx.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { findClient } from "~/modules/billing/payment-views.server";
import { exportStatement } from "~/modules/billing/receivables-export.server";
import { statementPeriodErrors } from "~/modules/billing/statement.server";
import { attachmentHeader, XLSX_CONTENT_TYPE } from "~/modules/inventory/excel/cells";
import { notFound } from "~/utils/http.server";
import { formatInstant } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const params = new URL(request.url).searchParams;
  const period = { from: (params.get("from") ?? "").trim(), to: (params.get("to") ?? "").trim() };
  const errors = Object.values(statementPeriodErrors(period.from, period.to));
  if (errors.length) return new Response(errors.join("；"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const client = await findClient(context.db, caller.scope, params.get("client") ?? "");
  if (!client) notFound();
  const now = new Date();
  const stream = await exportStatement(context.db, caller.scope, client.id, period, { centerName: caller.center.name, exportedAt: formatInstant(now.toISOString()) });
  if (!stream) notFound();
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": attachmentHeader(`对账单-${client.name}-${period.from}至${period.to}.xlsx`, `statement-${period.from}-${period.to}.xlsx`),
      "Cache-Control": "no-store",
    },
  });
}
