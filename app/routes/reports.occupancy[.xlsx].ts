// GET /reports/occupancy.xlsx?<the page's filter>: 上刊率 by month and medium.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { occupancyRefusal, occupancyReport } from "~/modules/analytics/reports/occupancy.server";
import { occupancyTable } from "~/modules/analytics/reports/occupancy-tables";
import { reportDownload } from "~/modules/analytics/reports/route.server";
import { periodTitle } from "~/modules/analytics/reports/filter-types";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return reportDownload(request, context, { name: "上刊率", ascii: "occupancy" }, async (db, scope, filter) => [occupancyTable(await occupancyReport(db, scope, filter), periodTitle(filter))], occupancyRefusal);
}
