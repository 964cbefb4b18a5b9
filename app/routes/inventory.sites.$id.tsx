import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useOutlet } from "@remix-run/react";
import type { ReactNode } from "react";
import { DefinitionPanel } from "~/components/DefinitionPanel";
import { t, tKey } from "~/i18n";
import { AuditTable } from "~/components/AuditTable";
import { LeasesTable, PermitsTable, PhotoGrid, UnitsTable } from "~/components/sites/SiteSections";
import { formatAreaM2 } from "~/components/sites/format";
import { PermitStateBadge } from "~/components/sites/StateBadge";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { addDays } from "~/modules/inventory/calendar-dates";
import { formatCm } from "~/modules/inventory/site-form";
import { siteDetail } from "~/modules/inventory/site-views.server";
import { getSite } from "~/modules/inventory/sites.server";
import { notFound } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const site = await getSite(context.db, caller.scope, params.id ?? "");
  if (!site) notFound();
  const today = todayInShanghai();
  const role = caller.user.role;
  const detail = await siteDetail(context.db, caller.scope, site, { today, expiringBy: addDays(today, 30) }, can(role, "audit", "read"));
  return { ...detail, canEdit: can(role, "inventory", "update"), canAdd: can(role, "inventory", "create") };
}

/** The add/edit pages nest under this route (flat routes); they replace the detail when open. */
export default function SiteDetail() {
  const outlet = useOutlet();
  const { site, permitState, units, permits, leases, photos, history, canEdit, canAdd } = useLoaderData<typeof loader>();
  if (outlet) return outlet;
  const rows: [string, ReactNode][] = [
    [t("sites.facilityType"), tKey("facility", site.facility_type)],
    [t("sites.district"), site.district],
    [t("sites.address"), site.address],
    [
      t("sites.size"),
      <>
        {t("sites.metres", { width: formatCm(site.width_cm), height: formatCm(site.height_cm) })}，{t("sites.area", { area: formatAreaM2(site.width_cm, site.height_cm) })}
      </>,
    ],
    [t("sites.sizeClass"), tKey("sizeClass", site.size_class)],
    [t("sites.illuminated"), site.illuminated ? t("sites.lit") : t("sites.unlit")],
    [t("sites.coordinates"), site.latitude && site.longitude ? <span className="mono">{site.latitude}, {site.longitude}</span> : ""],
    [t("sites.trafficNotes"), site.traffic_notes],
  ];
  const base = `/inventory/sites/${site.id}`;
  return (
    <section>
      <div className="page-head">
        <h1>
          {site.name} <span className="mono muted">{site.code}</span> <PermitStateBadge state={permitState} />
        </h1>
        <div className="actions">
          <Link to="/inventory/sites">{t("sites.backToList")}</Link>
          {canEdit ? <Link className="button" to={`${base}/edit`}>{t("common.edit")}</Link> : null}
          {canAdd ? <Link className="button primary" to={`/inventory/units/new?site=${site.id}`}>{t("sites.addUnit")}</Link> : null}
        </div>
      </div>
      <div className="two-col">
        <DefinitionPanel title={t("sites.basic")} rows={rows} />
        <div className="panel">
          <Head title={`${t("sites.units")}（${units.length}）`} />
          <UnitsTable units={units} />
        </div>
      </div>
      <div className="panel">
        <Head title={t("permits.title")} link={canAdd ? { to: `${base}/permits`, label: t("permits.add") } : null} />
        <PermitsTable permits={permits} />
      </div>
      <div className="panel">
        <Head title={t("leases.title")} link={canAdd ? { to: `${base}/leases`, label: t("leases.add") } : null} />
        <LeasesTable leases={leases} />
      </div>
      <div className="panel">
        <Head title={t("photos.title")} link={canAdd ? { to: `${base}/photos`, label: t("photos.add") } : null} />
        <PhotoGrid photos={photos} />
      </div>
      {history ? (
        <div className="panel">
          <h2>{t("sites.history")}</h2>
          <AuditTable rows={history} />
        </div>
      ) : null}
    </section>
  );
}

function Head({ title, link }: { title: string; link?: { to: string; label: string } | null }) {
  return (
    <div className="page-head" style={{ marginBottom: 8 }}>
      <h2>{title}</h2>
      {link ? <Link to={link.to}>{link.label}</Link> : null}
    </div>
  );
}
