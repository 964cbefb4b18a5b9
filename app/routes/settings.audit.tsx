import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuditTable } from "~/components/AuditTable";
import { Pagination } from "~/components/Pagination";
import { changedFields, listAudit } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/guard.server";
import { pageParam } from "~/utils/http.server";

const PAGE_SIZE = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "audit", "read");
  const page = pageParam(new URL(request.url));
  const { rows, total } = await listAudit(context.db, caller.scope, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return { rows: rows.map((r) => ({ ...r, changes: changedFields(r.before_json, r.after_json) })), total, page };
}

export default function AuditLog() {
  const { rows, total, page } = useLoaderData<typeof loader>();
  return (
    <div>
      <AuditTable rows={rows} />
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
