// GET /reports/tech-vs-ads.xlsx?<the page's filter>: 技术服务与传统广告对比 by month.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportDownload } from "~/modules/analytics/reports/route.server";
import { periodTitle } from "~/modules/analytics/reports/filter-types";
import { techVsAdsReport } from "~/modules/analytics/reports/tech-vs-ads.server";
import { techVsAdsTable } from "~/modules/analytics/reports/tech-vs-ads-tables";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return reportDownload(request, context, { name: "技术服务与传统广告对比", ascii: "tech-vs-ads" }, async (db, scope, filter) => [techVsAdsTable(await techVsAdsReport(db, scope, filter), periodTitle(filter))]);
}
