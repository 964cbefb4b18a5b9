// GET /inventory/rates.xlsx (same parameters as the inventory list): the rate cards (刊例价) of
// the listed units, streamed.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guard.server";
import { attachmentHeader, XLSX_CONTENT_TYPE } from "~/modules/inventory/excel/cells";
import { filterFromUrl, permitWindow } from "~/modules/inventory/excel/filter";
import { exportRateCards } from "~/modules/inventory/excel/rates-export.server";
import { formatInstant, todayInShanghai } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const filter = filterFromUrl(new URL(request.url));
  const now = new Date();
  const today = todayInShanghai(now);
  const stream = exportRateCards(context.db, caller.scope, filter, permitWindow(today), {
    centerName: caller.center.name,
    exportedAt: formatInstant(now.toISOString()),
  });
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": attachmentHeader(`刊例价表-${today}.xlsx`, `rate-cards-${today}.xlsx`),
      "Cache-Control": "no-store",
    },
  });
}
