// GET /reports/statistics?year=: 统计年报, the year's income under the national broadcasting
// statistics headings, which categories fed each, and the category → heading mapping.
// POST (admin: those who may edit the category tree): set or clear one category's heading; bad
// heading or category → 400 with nothing stored; every change audited.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { ReportStats } from "~/components/reports/ReportStats";
import { ReportTable } from "~/components/reports/ReportTable";
import styles from "~/components/reports/reports.css";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { closingNote, currentMonth } from "~/modules/analytics/reports/filters.server";
import { isStatHeading, STAT_HEADINGS } from "~/modules/analytics/reports/constants";
import { type MappedCategory, setStatMapping, statisticsReturn, type StatisticsReturn } from "~/modules/analytics/reports/statistics.server";
import { statisticsTables } from "~/modules/analytics/reports/statistics-tables";
import { parseYear } from "~/modules/analytics/reports/year";
import { field, forbidden } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "report", "read");
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  const canEdit = can(caller.user.role, "category", "update");
  const closing = await closingNote(context.db, caller.scope);
  if (!year.ok) return data({ year: year.fallback, yearText: year.text, error: year.message, closing, future: null as string | null, canEdit, report: null as StatisticsReturn | null }, { status: 400 });
  const month = currentMonth();
  const future = year.year >= Number(month.slice(0, 4)) ? t("rpt.future.year", { year: year.year, month }) : null;
  return { year: year.year, yearText: String(year.year), error: null as string | null, closing, future, canEdit, report: await statisticsReturn(context.db, caller.scope, year.year) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "report", "read");
  // SECURITY: the mapping is part of the category tree: only those who may edit the tree change it.
  if (!can(caller.user.role, "category", "update")) forbidden();
  const form = await request.formData();
  const categoryId = field(form, "category_id");
  const heading = field(form, "heading");
  if (heading && !isStatHeading(heading)) return data({ error: t("rpt.stat.error.heading"), categoryId }, { status: 400 });
  const result = await setStatMapping(context.db, caller.scope, categoryId, heading && isStatHeading(heading) ? heading : null);
  if (!result.ok) return data({ error: result.message, categoryId }, { status: 400 });
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  return redirect(`/reports/statistics?${year.ok ? `year=${year.year}&` : ""}saved=${encodeURIComponent(categoryId)}`);
}

function MappingRow({ c, canEdit, busy }: { c: MappedCategory; canEdit: boolean; busy: boolean }) {
  return (
    <tr className={c.parent_id ? "mark-sub" : undefined}>
      <td>{c.name}{c.retired ? <span className="tag">{t("rpt.stat.retired")}</span> : null}</td>
      <td>{tKey("reportGroup", c.report_group)}</td>
      <td>{tKey("rpt.stat.heading", c.heading)}</td>
      <td className="muted">{tKey("rpt.stat.source", c.source)}</td>
      {canEdit ? (
        <td>
          <Form method="post" className="inline-form">
            <input type="hidden" name="category_id" value={c.id} />
            <select name="heading" defaultValue={c.own ?? ""} aria-label={t("rpt.stat.col.heading")}>
              <option value="">{t("rpt.stat.useFallback", { heading: tKey("rpt.stat.heading", c.fallback) })}</option>
              {STAT_HEADINGS.map((h) => (
                <option key={h} value={h}>{tKey("rpt.stat.heading", h)}</option>
              ))}
            </select>
            <button type="submit" disabled={busy}>{t("common.save")}</button>
          </Form>
        </td>
      ) : null}
    </tr>
  );
}

export default function StatisticsPage() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const r = d.report;
  return (
    <section>
      <div className="page-head">
        <h2>{t("rpt.stat.title")}</h2>
        <div className="actions">{r ? <a href={`/reports/statistics.xlsx?year=${r.year}`} download>{t("rpt.export")}</a> : null}</div>
      </div>
      <Form method="get" className="filters year-nav">
        <Link to={`?year=${d.year - 1}`}>{t("rpt.stat.prevYear")}</Link>
        <label className="check">
          {t("rpt.stat.year")}
          <input type="number" name="year" defaultValue={d.yearText} min={2000} max={2100} style={{ width: 100 }} aria-label={t("rpt.stat.year")} />
        </label>
        <button type="submit" className="primary">{t("common.search")}</button>
        <Link to={`?year=${d.year + 1}`}>{t("rpt.stat.nextYear")}</Link>
      </Form>
      {d.error ? <div className="banner banner-error" role="alert">{d.error}</div> : null}
      {refused?.error ? <div className="banner banner-error" role="alert">{refused.error}</div> : null}
      <p className="report-closing small">{d.closing}</p>
      {d.future ? <p className="report-future small">{d.future}</p> : null}
      <div className="report-definition small"><p>{t("rpt.stat.definition")}</p></div>
      {r ? (
        <>
          <ReportStats
            stats={[
              { label: t("rpt.stat.earnedTotal"), fen: r.earnedTotal },
              { label: t("rpt.stat.subsidyTotal"), fen: r.subsidyTotal },
            ]}
          />
          {statisticsTables(r).map((table) => (
            <ReportTable key={table.sheet} table={table} empty={t("rpt.stat.emptyBreakdown")} />
          ))}
          <div className="panel report-panel">
            <h2>{t("rpt.stat.mapping.title")}</h2>
            <p className="muted small">{t(d.canEdit ? "rpt.stat.mapping.hintEdit" : "rpt.stat.mapping.hintRead")}</p>
            <table className="grid report-table mapping-table">
              <thead>
                <tr>
                  <th>{t("rpt.col.category")}</th>
                  <th>{t("categories.reportGroup")}</th>
                  <th>{t("rpt.stat.col.heading")}</th>
                  <th>{t("rpt.stat.col.source")}</th>
                  {d.canEdit ? <th>{t("rpt.stat.col.change")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {r.mapping.map((c) => (
                  <MappingRow key={c.id} c={c} canEdit={d.canEdit} busy={busy} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
