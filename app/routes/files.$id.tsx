// Serves a stored site photo or permit scan to a user of the same center who may read inventory.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guard.server";
import { contentDisposition, readSiteFile } from "~/modules/inventory/files.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const file = await readSiteFile(context.db, caller.scope, params.id ?? "");
  if (!file) notFound();
  return new Response(file.body, {
    headers: {
      "Content-Type": file.row.content_type,
      "Content-Length": String(file.body.byteLength),
      "Content-Disposition": contentDisposition(file.row.original_name),
      // SECURITY: the browser must not second-guess the checked type, and shared caches keep nothing.
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=3600",
    },
  });
}
