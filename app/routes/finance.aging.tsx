// GET /finance/aging?as_of=&basis=management|statutory: 应收账龄 on a day, per client and per
// sales rep, in the management buckets (days overdue) or the statutory ones (years since issue),
// each table adding up to the open receivables; below, the overdue invoices, most overdue first.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { AgingTable } from "~/components/finance/receivables/AgingTable";
import { OverdueTable } from "~/components/finance/receivables/OverdueTable";
import styles from "~/components/finance/receivables.css";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { aging, type AgingRow, MANAGEMENT_BUCKETS, overdueBills, STATUTORY_BUCKETS } from "~/modules/billing/receivables.server";
import { formatFen } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";
import { isCalendarDate, todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** The overdue list shows the most overdue invoices; the rest are counted. */
const OVERDUE_SHOWN = 300;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const url = new URL(request.url);
  const asOf = (url.searchParams.get("as_of") ?? "").trim() || todayInShanghai();
  const basis = url.searchParams.get("basis") === "statutory" ? ("statutory" as const) : ("management" as const);
  const buckets = (basis === "statutory" ? STATUTORY_BUCKETS : MANAGEMENT_BUCKETS).map((b) => b.label);
  const empty = { asOf, basis, buckets, error: null as string | null, byClient: [], byRep: [], totals: null, overdue: [], overdueCount: 0, overdueFen: 0 };
  if (!isCalendarDate(asOf)) return data({ ...empty, error: "截止日期无效，请按 年-月-日 填写" }, { status: 400 });
  const [result, overdue] = await Promise.all([aging(context.db, caller.scope, asOf), overdueBills(context.db, caller.scope, asOf)]);
  const pick = (r: AgingRow) => ({ key: r.key, name: r.name, buckets: basis === "statutory" ? r.statutory : r.management, total_fen: r.total_fen });
  return {
    ...empty,
    byClient: result.byClient.map(pick),
    byRep: result.byRep.map(pick),
    totals: pick(result.totals),
    overdue: overdue.slice(0, OVERDUE_SHOWN),
    overdueCount: overdue.length,
    overdueFen: overdue.reduce((s, b) => s + b.open_fen, 0),
  };
}

export default function AgingPage() {
  const d = useLoaderData<typeof loader>();
  const query = (basis: string) => `?as_of=${d.asOf}&basis=${basis}`;
  return (
    <section>
      <div className="page-head">
        <h2>{t("aging.title")}</h2>
        <div className="actions">
          {d.error ? null : <a href={`/finance/aging.xlsx?as_of=${d.asOf}`}>{t("aging.export")}</a>}
        </div>
      </div>
      <Form method="get" className="filters">
        <label className="check">
          {t("aging.asOf")} <input type="date" name="as_of" defaultValue={d.asOf} />
        </label>
        <input type="hidden" name="basis" value={d.basis} />
        <button type="submit">{t("common.search")}</button>
        <nav className="segmented" aria-label={t("aging.basis")}>
          <Link to={query("management")} className={d.basis === "management" ? "on" : undefined}>{t("aging.basis.management")}</Link>
          <Link to={query("statutory")} className={d.basis === "statutory" ? "on" : undefined}>{t("aging.basis.statutory")}</Link>
        </nav>
      </Form>
      {d.error ? <div className="banner banner-error" role="alert">{d.error}</div> : null}
      {d.totals ? (
        <>
          <div className="stats">
            <div className="stat">
              <span className="stat-value">{formatFen(d.totals.total_fen)}</span>
              <span className="stat-label">{t("aging.stat.open", { date: d.asOf })}</span>
              <span className="money-words">{fenToChineseUpper(d.totals.total_fen)}</span>
            </div>
            <div className="stat">
              <span className="stat-value">{formatFen(d.overdueFen)}</span>
              <span className="stat-label">{t("aging.stat.overdue", { n: d.overdueCount })}</span>
            </div>
            <div className="stat">
              <span className="stat-value">{d.byClient.length}</span>
              <span className="stat-label">{t("aging.stat.clients")}</span>
            </div>
          </div>
          <p className="muted small">{t(d.basis === "statutory" ? "aging.rule.statutory" : "aging.rule.management")}</p>
          <div className="panel">
            <h2>{t("aging.byClient")}</h2>
            <AgingTable first={t("aging.col.client")} buckets={d.buckets} rows={d.byClient} totals={d.totals} link={(key) => ({ main: `/clients/${key}`, statement: `/finance/statements?client=${key}` })} />
          </div>
          <div className="panel">
            <h2>{t("aging.byRep")}</h2>
            <AgingTable first={t("aging.col.rep")} buckets={d.buckets} rows={d.byRep} totals={d.totals} />
          </div>
          <div className="panel">
            <h2>{t("aging.overdue.title", { date: d.asOf })}</h2>
            <OverdueTable rows={d.overdue} />
            {d.overdueCount > d.overdue.length ? <p className="muted small">{t("aging.overdue.more", { shown: d.overdue.length, n: d.overdueCount })}</p> : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
