// GET /reports/statistics.xlsx?year=: 统计年报 of the year — the return and its category breakdown.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guard.server";
import { closingNote } from "~/modules/analytics/reports/filters.server";
import { statisticsReturn } from "~/modules/analytics/reports/statistics.server";
import { statisticsTables } from "~/modules/analytics/reports/statistics-tables";
import { reportWorkbook, textResponse, xlsxResponse } from "~/modules/analytics/reports/xlsx.server";
import { parseYear } from "~/modules/analytics/reports/year";
import { formatInstant } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "report", "read");
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  if (!year.ok) return textResponse(year.message, 400);
  const [report, closing] = await Promise.all([statisticsReturn(context.db, caller.scope, year.year), closingNote(context.db, caller.scope)]);
  const stream = reportWorkbook(statisticsTables(report), { centerName: caller.center.name, exportedAt: formatInstant(new Date().toISOString()), filterText: `${year.year} 年度`, closing });
  return xlsxResponse(stream, `统计年报-${year.year}.xlsx`, `statistics-${year.year}.xlsx`);
}
