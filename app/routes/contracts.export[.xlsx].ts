// GET /contracts/export.xlsx?category=&status=&owner=&client=&ending=1&q=: the contracts the list
// shows for the same filters, with their milestones, streamed as one workbook.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guard.server";
import { contractFilterFromUrl } from "~/modules/contracts/contract-filter";
import { exportContracts } from "~/modules/contracts/contracts-export.server";
import { attachmentHeader, XLSX_CONTENT_TYPE } from "~/modules/inventory/excel/cells";
import { formatInstant, todayInShanghai } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "contract", "read");
  const now = new Date();
  const today = todayInShanghai(now);
  const filter = contractFilterFromUrl(new URL(request.url));
  const stream = exportContracts(context.db, caller.scope, filter, { centerName: caller.center.name, exportedAt: formatInstant(now.toISOString()), today });
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": attachmentHeader(`服务合同台账-${today}.xlsx`, `contracts-${today}.xlsx`),
      "Cache-Control": "no-store",
    },
  });
}
