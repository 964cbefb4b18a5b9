// GET /reports/clients.xlsx?<the page's filter>: 客户贡献, every client.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientsReport } from "~/modules/analytics/reports/clients.server";
import { clientsTable } from "~/modules/analytics/reports/clients-tables";
import { reportDownload } from "~/modules/analytics/reports/route.server";
import { periodTitle } from "~/modules/analytics/reports/filter-types";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return reportDownload(request, context, { name: "客户贡献", ascii: "clients" }, async (db, scope, filter) => [clientsTable(await clientsReport(db, scope, filter), periodTitle(filter))]);
}
