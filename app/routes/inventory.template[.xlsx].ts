// GET /inventory/template.xlsx: the import template with this center's categories in its lists.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guard.server";
import { attachmentHeader, XLSX_CONTENT_TYPE } from "~/modules/inventory/excel/cells";
import { buildTemplate } from "~/modules/inventory/excel/template.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const body = await buildTemplate(context.db, caller.scope);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": attachmentHeader("广告位导入模板.xlsx", "inventory-template.xlsx"),
      "Cache-Control": "no-store",
    },
  });
}
