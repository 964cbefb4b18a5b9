import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { InventoryFilters } from "~/components/inventory/InventoryFilters";
import { InventoryTabs } from "~/components/inventory/InventoryTabs";
import { Pagination } from "~/components/Pagination";
import { PermitStateBadge } from "~/components/sites/StateBadge";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { capacityLabel, parseUnitFilter, permitWindow, sizeLabel, unitPermitState } from "~/modules/inventory/unit-views";
import { districts, listUnits } from "~/modules/inventory/units.server";
import { pageParam } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const url = new URL(request.url);
  const { filter, echo } = parseUnitFilter(url.searchParams);
  const window = permitWindow(todayInShanghai());
  const result = await listUnits(context.db, caller.scope, { ...filter, page: pageParam(url) }, window);
  return {
    rows: result.rows.map((row) => ({
      ...row,
      size: row.width_cm !== null && row.height_cm !== null ? sizeLabel(row.width_cm, row.height_cm) : null,
      capacityText: capacityLabel(row.capacity, row.capacity_unit),
      permitState: unitPermitState(row.medium, row.permit_end, window),
    })),
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    filters: echo,
    districts: await districts(context.db, caller.scope),
    canCreate: can(caller.user.role, "inventory", "create"),
  };
}

export default function InventoryList() {
  const { rows, total, page, pageSize, filters, districts, canCreate } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <section>
      <div className="page-head">
        <h1>{t("inventory.title")}</h1>
        <div className="actions">
          {/* Plain links: the browser downloads the streamed files; the filters travel along. */}
          <a href={`/inventory/export.xlsx${search}`} download>{t("excel.import.export")}</a>
          <a href={`/inventory/rates.xlsx${search}`} download>{t("excel.sheet.rates")}</a>
          {canCreate ? <Link to={`/inventory/rates/group${search}`}>{t("inventory.group.link")}</Link> : null}
          {canCreate ? <Link className="button primary" to="/inventory/units/new">{t("inventory.newUnit")}</Link> : null}
        </div>
      </div>
      <InventoryTabs />
      <InventoryFilters filters={filters} districts={districts} />
      <table className="grid">
        <thead>
          <tr>
            <th>{t("inventory.col.code")}</th>
            <th>{t("inventory.col.name")}</th>
            <th>{t("inventory.col.medium")}</th>
            <th>{t("inventory.col.site")}</th>
            <th>{t("inventory.col.district")}</th>
            <th>{t("inventory.col.size")}</th>
            <th className="num">{t("inventory.col.capacity")}</th>
            <th>{t("inventory.col.status")}</th>
            <th>{t("inventory.col.permit")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id} className={u.archived ? "row-muted" : undefined}>
              <td className="mono nowrap"><Link to={`/inventory/units/${u.id}`}>{u.code}</Link></td>
              <td>
                {u.name}
                {u.face && !u.name.includes(u.face) ? <span className="muted"> · {u.face}</span> : null}
                {u.archived ? <> <span className="tag">{t("inventory.archivedTag")}</span></> : null}
              </td>
              <td className="nowrap">{tKey("medium", u.medium)}</td>
              <td>{u.site_id ? <Link to={`/inventory/sites/${u.site_id}`}>{u.site_name}</Link> : <span className="muted">—</span>}</td>
              <td className="nowrap">{u.district ?? <span className="muted">—</span>}</td>
              <td className="nowrap">{u.size ?? <span className="muted">—</span>}</td>
              <td className="num nowrap">{u.capacityText}</td>
              <td className="nowrap">
                {tKey("unitStatus", u.status)}
                {u.status === "maintenance" && u.maintenance_from ? (
                  <div className="small muted">{t("inventory.window", { from: u.maintenance_from, to: u.maintenance_to ?? "" })}</div>
                ) : null}
              </td>
              <td className="nowrap">
                <PermitStateBadge state={u.permitState} />
                {u.permit_end && u.permitState !== "not_needed" ? <div className="small muted">{t("inventory.permitUntil", { date: u.permit_end })}</div> : null}
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
