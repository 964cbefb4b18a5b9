// GET /inventory/export.xlsx?q=&medium=&facility=&district=&status=&size=&permit=: the units the
// inventory list shows for the same parameters, in the import layout, streamed.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guard.server";
import { attachmentHeader, XLSX_CONTENT_TYPE } from "~/modules/inventory/excel/cells";
import { exportInventory } from "~/modules/inventory/excel/export.server";
import { describeFilter, filterFromUrl, permitWindow } from "~/modules/inventory/excel/filter";
import { formatInstant, todayInShanghai } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const filter = filterFromUrl(new URL(request.url));
  const now = new Date();
  const today = todayInShanghai(now);
  const stream = exportInventory(context.db, caller.scope, filter, permitWindow(today), {
    centerName: caller.center.name,
    exportedAt: formatInstant(now.toISOString()),
    filterText: describeFilter(filter),
  });
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": attachmentHeader(`广告位清单-${today}.xlsx`, `inventory-${today}.xlsx`),
      "Cache-Control": "no-store",
    },
  });
}
