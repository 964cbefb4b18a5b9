// GET /reports/sales.xlsx?<the page's filter>: 销售业绩 by sales rep.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportDownload } from "~/modules/analytics/reports/route.server";
import { periodTitle } from "~/modules/analytics/reports/filter-types";
import { salesReport } from "~/modules/analytics/reports/sales.server";
import { salesTable } from "~/modules/analytics/reports/sales-tables";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return reportDownload(request, context, { name: "销售业绩", ascii: "sales" }, async (db, scope, filter) => [salesTable(await salesReport(db, scope, filter), periodTitle(filter))]);
}
