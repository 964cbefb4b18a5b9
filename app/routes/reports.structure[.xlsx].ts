// GET /reports/structure.xlsx?<the page's filter>: 收入结构分析, a sheet by category and one by month.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportDownload } from "~/modules/analytics/reports/route.server";
import { periodTitle } from "~/modules/analytics/reports/filter-types";
import { structureReport } from "~/modules/analytics/reports/structure.server";
import { structureTables } from "~/modules/analytics/reports/structure-tables";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return reportDownload(request, context, { name: "收入结构分析", ascii: "structure" }, async (db, scope, filter) => structureTables(await structureReport(db, scope, filter), periodTitle(filter)));
}
