import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { FacilityType } from "~db/schema";
import { InventoryTabs } from "~/components/inventory/InventoryTabs";
import { t, tKey } from "~/i18n";
import { Pagination } from "~/components/Pagination";
import { PermitStateBadge } from "~/components/sites/StateBadge";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { addDays } from "~/modules/inventory/calendar-dates";
import { FACILITY_TYPES } from "~/modules/inventory/model";
import { formatCm } from "~/modules/inventory/site-form";
import { listSites } from "~/modules/inventory/site-views.server";
import { districts } from "~/modules/inventory/units.server";
import { pageParam } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

/** Permits ending within this many days show as expiring (renewal is applied for ~30 days ahead). */
const EXPIRING_DAYS = 30;

// A lease about to end or ended is worth a glance: the face may have to come down.
const LEASE_TONE: Record<string, { color: string; fontWeight?: number } | undefined> = {
  expiring: { color: "#9a6700", fontWeight: 600 },
  expired: { color: "#b42318", fontWeight: 600 },
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const district = url.searchParams.get("district") ?? "";
  const typeParam = url.searchParams.get("type") ?? "";
  const facilityType = (FACILITY_TYPES as string[]).includes(typeParam) ? (typeParam as FacilityType) : undefined;
  const today = todayInShanghai();
  const result = await listSites(
    context.db,
    caller.scope,
    { q, district: district || undefined, facilityType, page: pageParam(url) },
    { today, expiringBy: addDays(today, EXPIRING_DAYS) },
  );
  return {
    ...result,
    filters: { q, district, type: facilityType ?? "" },
    districts: await districts(context.db, caller.scope),
    canCreate: can(caller.user.role, "inventory", "create"),
  };
}

export default function SiteList() {
  const { rows, total, page, pageSize, filters, districts, canCreate } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-head">
        <h1>{t("sites.title")}</h1>
        <div className="actions">
          <Link to="/inventory/expiring">{t("sites.expiringLink")}</Link>
          {canCreate ? <Link className="button primary" to="/inventory/sites/new">{t("sites.new")}</Link> : null}
        </div>
      </div>
      <InventoryTabs />
      <Form method="get" className="filters">
        <input type="search" name="q" defaultValue={filters.q} placeholder={t("sites.searchPlaceholder")} aria-label={t("common.search")} />
        <select name="district" defaultValue={filters.district} aria-label={t("sites.district")}>
          <option value="">{t("sites.district")}：{t("common.all")}</option>
          {districts.map((d) => (
            <option key={d} value={d}>{d}</option>
          ))}
        </select>
        <select name="type" defaultValue={filters.type} aria-label={t("sites.facilityType")}>
          <option value="">{t("sites.facilityType")}：{t("common.all")}</option>
          {FACILITY_TYPES.map((f) => (
            <option key={f} value={f}>{tKey("facility", f)}</option>
          ))}
        </select>
        <button type="submit">{t("common.search")}</button>
        <Link to="/inventory/sites">{t("common.reset")}</Link>
      </Form>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("sites.code")}</th>
            <th>{t("sites.name")}</th>
            <th>{t("sites.facilityType")}</th>
            <th>{t("sites.district")}</th>
            <th>{t("sites.size")}</th>
            <th>{t("sites.illuminated")}</th>
            <th className="num">{t("sites.unitCount")}</th>
            <th>{t("sites.permitEnd")}</th>
            <th>{t("sites.leaseEnd")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td className="mono"><Link to={`/inventory/sites/${s.id}`}>{s.code}</Link></td>
              <td>
                <Link to={`/inventory/sites/${s.id}`}>{s.name}</Link>
                {s.address ? <div className="small muted">{s.address}</div> : null}
              </td>
              <td className="nowrap">{tKey("facility", s.facility_type)}</td>
              <td>{s.district}</td>
              <td className="nowrap">
                {t("sites.metres", { width: formatCm(s.width_cm), height: formatCm(s.height_cm) })}{" "}
                <span className="tag">{tKey("sizeClass", s.size_class)}</span>
              </td>
              <td>{s.illuminated ? t("sites.lit") : <span className="muted">{t("sites.unlit")}</span>}</td>
              <td className="num">{s.unit_count}</td>
              <td className="nowrap">
                {s.permit_end ? <span>{s.permit_end} </span> : null}
                <PermitStateBadge state={s.permit_state} />
              </td>
              <td className="nowrap">
                {s.lease_end ? <span style={LEASE_TONE[s.lease_state ?? "valid"]}>{s.lease_end}</span> : <span className="muted">—</span>}
              </td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr><td colSpan={9} className="muted">{t("common.empty")}</td></tr>
          ) : null}
        </tbody>
      </table>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
