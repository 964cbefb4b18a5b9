import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { InventoryTabs } from "~/components/inventory/InventoryTabs";
import { t } from "~/i18n";
import { requirePermission } from "~/modules/auth/guard.server";
import { addDays, dayNumber } from "~/modules/inventory/calendar-dates";
import { expiringLeases, expiringPermits } from "~/modules/inventory/sites.server";
import { formatFen } from "~/utils/money";
import { todayInShanghai } from "~/utils/time";

const WINDOWS = [30, 60, 90] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const asked = Number(new URL(request.url).searchParams.get("days"));
  const days = (WINDOWS as readonly number[]).includes(asked) ? asked : 90;
  const today = todayInShanghai();
  const until = addDays(today, days);
  const left = (end: string) => dayNumber(end) - dayNumber(today);
  const [permits, leases] = await Promise.all([
    expiringPermits(context.db, caller.scope, today, until),
    expiringLeases(context.db, caller.scope, today, until),
  ]);
  return {
    today,
    days,
    permits: permits.map((p) => ({ ...p, days_left: left(p.end_date) })),
    leases: leases.map((l) => ({ ...l, days_left: left(l.end_date) })),
  };
}

function DaysLeft({ days }: { days: number }) {
  // Renewal is applied for about 30 days ahead: inside that, the reminder is urgent.
  const style = days <= 30 ? { color: days <= 7 ? "#b42318" : "#9a6700", fontWeight: 600 } : undefined;
  return <span style={style}>{days === 0 ? t("expiring.today") : t("expiring.daysLeftValue", { days })}</span>;
}

function SiteCell({ id, code, name, district }: { id: string; code: string; name: string; district: string }) {
  return (
    <td>
      <Link to={`/inventory/sites/${id}`}>
        <span className="mono">{code}</span> {name}
      </Link>
      <div className="small muted">{district}</div>
    </td>
  );
}

export default function Expiring() {
  const { today, days, permits, leases } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-head">
        <h1>{t("expiring.title")}</h1>
        <Link to="/inventory/sites">{t("sites.title")}</Link>
      </div>
      <InventoryTabs />
      <Form method="get" className="filters">
        <label>
          {t("expiring.within")}{" "}
          <select name="days" defaultValue={String(days)} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
            {WINDOWS.map((d) => (
              <option key={d} value={d}>{t("expiring.days", { days: d })}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t("common.search")}</button>
        <span className="muted small">{t("expiring.hint", { today })}</span>
      </Form>
      <div className="panel">
        <h2>{t("expiring.permits")}（{permits.length}）</h2>
        <table className="grid">
          <thead>
            <tr>
              <th>{t("expiring.site")}</th>
              <th>{t("permits.number")}</th>
              <th>{t("permits.authority")}</th>
              <th>{t("permits.start")}</th>
              <th>{t("permits.end")}</th>
              <th className="num">{t("expiring.daysLeft")}</th>
            </tr>
          </thead>
          <tbody>
            {permits.map((p) => (
              <tr key={p.id}>
                <SiteCell id={p.site_id} code={p.site_code} name={p.site_name} district={p.district} />
                <td className="mono">{p.number}</td>
                <td>{p.authority}</td>
                <td className="nowrap">{p.start_date}</td>
                <td className="nowrap">{p.end_date}</td>
                <td className="num"><DaysLeft days={p.days_left} /></td>
              </tr>
            ))}
            {permits.length === 0 ? <tr><td colSpan={6} className="muted">{t("expiring.permitsEmpty", { days })}</td></tr> : null}
          </tbody>
        </table>
      </div>
      <div className="panel">
        <h2>{t("expiring.leases")}（{leases.length}）</h2>
        <table className="grid">
          <thead>
            <tr>
              <th>{t("expiring.site")}</th>
              <th>{t("leases.lessor")}</th>
              <th className="num">{t("leases.annualRent")}</th>
              <th>{t("leases.start")}</th>
              <th>{t("leases.end")}</th>
              <th className="num">{t("expiring.daysLeft")}</th>
            </tr>
          </thead>
          <tbody>
            {leases.map((l) => (
              <tr key={l.id}>
                <SiteCell id={l.site_id} code={l.site_code} name={l.site_name} district={l.district} />
                <td>{l.lessor}</td>
                <td className="num">{formatFen(l.annual_rent_fen)}</td>
                <td className="nowrap">{l.start_date}</td>
                <td className="nowrap">{l.end_date}</td>
                <td className="num"><DaysLeft days={l.days_left} /></td>
              </tr>
            ))}
            {leases.length === 0 ? <tr><td colSpan={6} className="muted">{t("expiring.leasesEmpty", { days })}</td></tr> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
