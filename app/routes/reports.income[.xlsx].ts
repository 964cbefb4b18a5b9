// GET /reports/income.xlsx?<the page's filter>: 收入明细表, every line, with the totals row.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { incomeDetail } from "~/modules/analytics/reports/income.server";
import { incomeTable } from "~/modules/analytics/reports/income-tables";
import { reportDownload } from "~/modules/analytics/reports/route.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return reportDownload(request, context, { name: "收入明细表", ascii: "income" }, async (db, scope, filter) => [incomeTable(await incomeDetail(db, scope, filter, null))]);
}
