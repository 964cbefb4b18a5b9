// What every report route does before its own figures: the permission (report, read), the filter
// from the query string, the filter bar's choices and the closing note; and for the .xlsx, the same
// checks, then the workbook of the tables the page shows.
import type { AppLoadContext } from "@remix-run/node";
import type { Scope } from "~/modules/auth/scope";
import type { Executor } from "~db/dialect";
import { type Caller, requirePermission } from "~/modules/auth/guard.server";
import { t, tKey } from "~/i18n";
import { formatInstant } from "~/utils/time";
import { closingNote, currentMonth, filterOptions, parseReportFilter, type FilterParse } from "./filters.server";
import type { FilterOptions, FilterValues, ReportFilter } from "./filter-types";
import type { ReportTable } from "./table";
import { reportWorkbook, textResponse, xlsxResponse } from "./xlsx.server";

export interface ReportShell {
  values: FilterValues;
  options: FilterOptions;
  closing: string;
  /** Said when the period reaches past this month: those months' figures are scheduled, not yet earned. */
  future: string | null;
  error: string | null;
}

export async function openReport(request: Request, context: AppLoadContext): Promise<{ caller: Caller; parsed: FilterParse; params: URLSearchParams; shell: ReportShell }> {
  const caller = await requirePermission(request, context, "report", "read");
  const params = new URL(request.url).searchParams;
  const parsed = await parseReportFilter(context.db, caller.scope, params);
  const [options, closing] = await Promise.all([
    filterOptions(context.db, caller.scope, parsed.ok ? parsed.filter.clientId : null),
    closingNote(context.db, caller.scope),
  ]);
  const month = currentMonth();
  const future = parsed.ok && parsed.filter.to > month ? t("rpt.future.period", { month }) : null;
  return { caller, parsed, params, shell: { values: parsed.values, options, closing, future, error: parsed.ok ? null : parsed.message } };
}

/** The filter in words, for the second row of a sheet. */
export async function filterText(db: Executor, scope: Pick<Scope, "centerId">, filter: ReportFilter, period = true): Promise<string> {
  const parts: string[] = [];
  if (period) parts.push(filter.from === filter.to ? `期间 ${filter.from}` : `期间 ${filter.from} 至 ${filter.to}`);
  if (filter.categoryId) {
    const c = await db.selectFrom("revenue_categories").select("name").where("center_id", "=", scope.centerId).where("id", "=", filter.categoryId).executeTakeFirst();
    parts.push(`类别 ${c?.name ?? ""}`);
  }
  if (filter.medium) parts.push(`媒体 ${tKey("medium", filter.medium)}`);
  if (filter.clientId) {
    const c = await db.selectFrom("clients").select("name").where("center_id", "=", scope.centerId).where("id", "=", filter.clientId).executeTakeFirst();
    parts.push(`客户 ${c?.name ?? ""}`);
  }
  if (filter.ownerId) {
    const u = await db.selectFrom("users").select("display_name").where("center_id", "=", scope.centerId).where("id", "=", filter.ownerId).executeTakeFirst();
    parts.push(`销售 ${u?.display_name ?? ""}`);
  }
  return parts.join("，");
}

/**
 * GET …/<report>.xlsx: the same permission and filter as the page (bad filter: 400 in plain
 * Chinese; a foreign id: 404), then the report's tables streamed as a workbook.
 */
export async function reportDownload(
  request: Request,
  context: AppLoadContext,
  file: { name: string; ascii: string },
  build: (db: Executor, scope: Scope, filter: ReportFilter) => Promise<ReportTable[]>,
  refuse: (filter: ReportFilter) => string | null = () => null,
): Promise<Response> {
  const caller = await requirePermission(request, context, "report", "read");
  const parsed = await parseReportFilter(context.db, caller.scope, new URL(request.url).searchParams);
  if (!parsed.ok) return textResponse(parsed.message, 400);
  const filter = parsed.filter;
  const refusal = refuse(filter);
  if (refusal) return textResponse(refusal, 400);
  const [tables, words, closing] = await Promise.all([build(context.db, caller.scope, filter), filterText(context.db, caller.scope, filter), closingNote(context.db, caller.scope)]);
  const month = currentMonth();
  const future = filter.to > month ? t("rpt.future.period", { month }) : "";
  const stream = reportWorkbook(tables, { centerName: caller.center.name, exportedAt: formatInstant(new Date().toISOString()), filterText: words, closing: [closing, future].filter(Boolean).join("　") });
  const span = filter.from === filter.to ? filter.from : `${filter.from}至${filter.to}`;
  const asciiSpan = filter.from === filter.to ? filter.from : `${filter.from}-${filter.to}`;
  return xlsxResponse(stream, `${file.name}-${span}.xlsx`, `${file.ascii}-${asciiSpan}.xlsx`);
}
