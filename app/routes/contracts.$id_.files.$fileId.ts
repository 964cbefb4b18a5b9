// Serves a contract's scan to a user of the same center who may read contracts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guard.server";
import { readContractFile } from "~/modules/contracts/files.server";
import { fileResponse } from "~/modules/inventory/files.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "contract", "read");
  const file = await readContractFile(context.db, caller.scope, params.id ?? "", params.fileId ?? "");
  if (!file) notFound();
  return fileResponse(file.row, file.body);
}
