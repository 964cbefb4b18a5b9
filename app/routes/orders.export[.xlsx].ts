// GET /orders/export.xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD[&status=&owner=]: the orders overlapping
// the period and their lines, streamed as one workbook.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/i18n";
import { requirePermission } from "~/modules/auth/guard.server";
import { exportOrders, parseExportParams } from "~/modules/booking/orders-export.server";
import { attachmentHeader, XLSX_CONTENT_TYPE } from "~/modules/inventory/excel/cells";
import { formatInstant, todayInShanghai } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "read");
  const now = new Date();
  const today = todayInShanghai(now);
  const parsed = parseExportParams(new URL(request.url).searchParams, today);
  // A download link has no page to show a form error on: the browser shows this text instead.
  if (!parsed.ok) return new Response(parsed.message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { from, to } = parsed.filter;
  const stream = exportOrders(context.db, caller.scope, parsed.filter, {
    centerName: caller.center.name,
    exportedAt: formatInstant(now.toISOString()),
    today,
    now: now.toISOString(),
  });
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": attachmentHeader(`${t("orderdocs.export.fileName")}-${from}至${to}.xlsx`, `orders-${from}-${to}.xlsx`),
      "Cache-Control": "no-store",
    },
  });
}
