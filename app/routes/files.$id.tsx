// Serves a stored site photo or permit scan to a user of the same center who may read inventory.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guard.server";
import { fileResponse, readSiteFile } from "~/modules/inventory/files.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const file = await readSiteFile(context.db, caller.scope, params.id ?? "");
  if (!file) notFound();
  return fileResponse(file.row, file.body);
}
