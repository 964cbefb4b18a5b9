// GET /finance/aging.xlsx?as_of=: the 应收账款账龄分析表 on that day (default today), a sheet per
// client and per sales rep with both bucket sets, streamed.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { exportAging } from "~/modules/billing/receivables-export.server";
import { attachmentHeader, XLSX_CONTENT_TYPE } from "~/modules/inventory/excel/cells";
import { formatInstant, isCalendarDate, todayInShanghai } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const now = new Date();
  const asOf = (new URL(request.url).searchParams.get("as_of") ?? "").trim() || todayInShanghai(now);
  if (!isCalendarDate(asOf)) {
    return new Response("截止日期无效，请按 年-月-日 填写", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const stream = exportAging(context.db, caller.scope, asOf, { centerName: caller.center.name, exportedAt: formatInstant(now.toISOString()) });
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": attachmentHeader(`应收账款账龄分析表-${asOf}.xlsx`, `aging-${asOf}.xlsx`),
      "Cache-Control": "no-store",
    },
  });
}
