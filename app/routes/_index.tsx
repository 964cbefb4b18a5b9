import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { AuditTable } from "~/components/AuditTable";
import { FIELD_LABELS } from "~/modules/audit/field-labels";
import { requireUser } from "~/modules/auth/guard.server";
import { ContractHomePanels } from "~/components/contracts/ContractHomePanels";
import { Dashboard } from "~/components/dashboard/Dashboard";
import { loadDashboard } from "~/components/dashboard/dashboard-view.server";
import { can } from "~/modules/auth/permissions";
import dashboardStyles from "~/styles/dashboard.css";
import { contractsHome } from "~/modules/home/contracts-home.server";
import { homeSummary } from "~/modules/home/home.server";
import { addDaysToInstant, formatInstant, nowIso, todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireUser(request, context);
  const now = nowIso();
  const today = todayInShanghai();
  // Managers open the product for the dashboard; their other panels follow it.
  const [summary, contracts, dashboard] = await Promise.all([
    homeSummary(context.db, caller.scope, now),
    contractsHome(context.db, caller.scope, today),
    caller.user.role === "manager" ? loadDashboard(context.db, caller.scope, today, now) : null,
  ]);
  return { name: caller.user.display_name, role: caller.user.role, summary, contracts, dashboard, canEditTargets: can(caller.user.role, "target", "update"), soon: addDaysToInstant(now, 2) };
}

export default function Home() {
  const { name, role, summary, contracts, dashboard, canEditTargets, soon } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>
        {t("home.welcome", { name })} <span className="tag">{tKey("role", role)}</span>
      </h1>
      {dashboard ? <Dashboard view={dashboard} canEditTargets={canEditTargets} /> : null}
      <div className="stats">
        {summary.myHoldsTotal !== null ? <Stat label={t("home.myHolds")} value={summary.myHoldsTotal} href="/orders?stage=hold&mine=1" /> : null}
        {summary.myClientsTotal !== null ? <Stat label={t("home.myClients")} value={summary.myClientsTotal} href="/clients?mine=1" /> : null}
        <Stat label={t("home.clientsTotal")} value={summary.clientsTotal} href="/clients" />
        {summary.missingInvoiceTotal !== null ? <Stat label={t("home.clientsMissingInvoice")} value={summary.missingInvoiceTotal} /> : null}
        {summary.activeUsers !== null ? <Stat label={t("home.users")} value={summary.activeUsers} href="/settings/users" /> : null}
      </div>
      {summary.myHolds ? (
        <Panel title={t("home.myHolds")} note={t("home.myHoldsHint")}>
          <table className="grid">
            <tbody>
              {summary.myHolds.map((o) => (
                <tr key={o.id}>
                  <td className="mono"><Link to={`/orders/${o.id}`}>{o.number}</Link></td>
                  <td>{o.client_name}</td>
                  <td>{o.title}</td>
                  <td className={o.hold_expires_at <= soon ? "nowrap danger-text" : "nowrap"}>{t("home.holdUntil", { at: formatInstant(o.hold_expires_at) })}</td>
                  <td>{o.queued ? <span className="tag state-queued">{t("home.holdQueued", { n: o.queued })}</span> : null}</td>
                </tr>
              ))}
              {summary.myHolds.length === 0 ? <tr><td className="muted">{t("common.empty")}</td></tr> : null}
            </tbody>
          </table>
        </Panel>
      ) : null}
      {contracts ? <ContractHomePanels data={contracts} /> : null}
      {summary.myClients ? (
        <Panel title={t("home.myClients")}>
          <table className="grid">
            <tbody>
              {summary.myClients.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/clients/${c.id}`}>{c.name}</Link></td>
                  <td>{c.contact_name}</td>
                  <td>{c.contact_phone}</td>
                </tr>
              ))}
              {summary.myClients.length === 0 ? <tr><td className="muted">{t("common.empty")}</td></tr> : null}
            </tbody>
          </table>
        </Panel>
      ) : null}
      {summary.missingInvoice ? (
        <Panel title={t("home.clientsMissingInvoice")} note={t("home.clientsMissingInvoiceHint")}>
          <table className="grid">
            <tbody>
              {summary.missingInvoice.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/clients/${c.id}`}>{c.name}</Link></td>
                  <td className="muted">{c.missing.map((f) => t(FIELD_LABELS[f])).join("、")}</td>
                </tr>
              ))}
              {summary.missingInvoice.length === 0 ? <tr><td className="muted">{t("common.empty")}</td></tr> : null}
            </tbody>
          </table>
        </Panel>
      ) : null}
      {summary.recentAudit ? (
        <Panel title={t("home.recentAudit")}>
          <AuditTable rows={summary.recentAudit} />
        </Panel>
      ) : null}
    </section>
  );
}

function Stat({ label, value, href }: { label: string; value: number; href?: string }) {
  const body = (
    <>
      <span className="stat-value">{value.toLocaleString("zh-CN")}</span>
      <span className="stat-label">{label}</span>
    </>
  );
  return href ? <Link className="stat" to={href}>{body}</Link> : <div className="stat">{body}</div>;
}

function Panel({ title, note, children }: { title: string; note?: string; children: React.ReactNode }) {
  return (
    <div className="panel">
      <h2>{title}</h2>
      {note ? <p className="muted small">{note}</p> : null}
      {children}
    </div>
  );
}
