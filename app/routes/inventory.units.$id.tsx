import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useOutlet } from "@remix-run/react";
import type { ReactNode } from "react";
import { t, tKey } from "~/i18n";
import { AuditTable } from "~/components/AuditTable";
import { DefinitionPanel } from "~/components/DefinitionPanel";
import { PermitList } from "~/components/inventory/UnitPanels";
import { RateHistoryTable } from "~/components/inventory/RateHistoryTable";
import { PermitStateBadge } from "~/components/sites/StateBadge";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { rateHistory } from "~/modules/inventory/rate-cards.server";
import { unsellableReason } from "~/modules/inventory/sellability";
import { getSite, sitePermits } from "~/modules/inventory/sites.server";
import { unitHistory } from "~/modules/inventory/unit-history.server";
import { capacityExplanation, capacityLabel, permitWindow, sizeLabel, unitPermitState, unsellableLabel } from "~/modules/inventory/unit-views";
import { getUnit, setUnitArchived } from "~/modules/inventory/units.server";
import { field, notFound } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const unit = await getUnit(context.db, caller.scope, params.id ?? "");
  if (!unit) notFound();
  const window = permitWindow(todayInShanghai());
  const site = unit.site_id ? await getSite(context.db, caller.scope, unit.site_id) : undefined;
  const permits = site ? await sitePermits(context.db, caller.scope, site.id) : [];
  const reason = unsellableReason({ ...unit, permits }, window.today);
  const role = caller.user.role;
  return {
    unit,
    site: site ? { id: site.id, code: site.code, name: site.name, district: site.district, facility_type: site.facility_type, size: sizeLabel(site.width_cm, site.height_cm) } : null,
    permits,
    permitState: unitPermitState(unit.medium, permits[0]?.end_date ?? null, window),
    today: window.today,
    unsellable: reason ? unsellableLabel(reason, unit) : null,
    cards: await rateHistory(context.db, caller.scope, unit.id),
    history: can(role, "audit", "read") ? await unitHistory(context.db, caller.scope, unit.id) : null,
    canEdit: can(role, "inventory", "update"),
    canPrice: can(role, "inventory", "create"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "update");
  const form = await request.formData();
  const intent = field(form, "intent");
  if (intent !== "archive" && intent !== "restore") throw data({ message: "bad request" }, { status: 400 });
  const result = await setUnitArchived(context.db, caller.scope, params.id ?? "", intent === "archive");
  if (!result.ok) notFound();
  return redirect(`/inventory/units/${result.id}`);
}

/** The edit and rates pages nest under this route (flat routes); they replace the detail when open. */
export default function UnitDetail() {
  const outlet = useOutlet();
  const { unit, site, permits, permitState, today, unsellable, cards, history, canEdit, canPrice } = useLoaderData<typeof loader>();
  if (outlet) return outlet;
  const base = `/inventory/units/${unit.id}`;
  const basic: [string, ReactNode][] = [
    [t("inventory.field.code"), <span className="mono">{unit.code}</span>],
    [t("inventory.field.name"), unit.name],
    [t("inventory.field.medium"), tKey("medium", unit.medium)],
    [t("inventory.field.category_id"), unit.category_name],
    [t("inventory.field.site_id"), site ? <><Link to={`/inventory/sites/${site.id}`}>{site.code} {site.name}</Link> <span className="muted">{tKey("facility", site.facility_type)} · {site.district}</span></> : ""],
    [t("inventory.field.face"), unit.face],
    [t("inventory.col.size"), site?.size ?? ""],
    [t("inventory.field.status"), tKey("unitStatus", unit.status)],
  ];
  if (unit.maintenance_from) basic.push([t("inventory.detail.maintenance"), t("inventory.window", { from: unit.maintenance_from, to: unit.maintenance_to ?? "" })]);
  const capacity: [string, ReactNode][] = [
    [t("inventory.field.capacity"), capacityLabel(unit.capacity, unit.capacity_unit)],
    [t("inventory.detail.capacityHow"), capacityExplanation(unit)],
    ...(unit.medium === "led"
      ? ([
          [t("inventory.field.loop_seconds"), String(unit.loop_seconds)],
          [t("inventory.field.spot_seconds"), String(unit.spot_seconds)],
        ] as [string, ReactNode][])
      : []),
    [t("inventory.field.permit"), <PermitStateBadge state={permitState} />],
  ];
  return (
    <section>
      <div className="page-head">
        <h1>
          <span className="mono">{unit.code}</span> {unit.name} {unit.archived ? <span className="tag">{t("inventory.archivedTag")}</span> : null}
        </h1>
        <div className="actions">
          <Link to="/inventory">{t("inventory.backToList")}</Link>
          <Link to={`/orders/grid?q=${encodeURIComponent(unit.code)}`}>{t("inventory.detail.occupancy")}</Link>
          <Link className="button" to={`${base}/rates`}>{t("inventory.detail.manageRates")}</Link>
          {canEdit ? <Link className="button primary" to={`${base}/edit`}>{t("common.edit")}</Link> : null}
        </div>
      </div>
      {/* An archived unit's only reason is the archive: one banner says it. */}
      {unit.archived ? (
        <div className="banner banner-warn">{t("inventory.detail.archivedBanner")}</div>
      ) : unsellable ? (
        <div className="banner banner-warn">{t("inventory.detail.unsellableToday", { today, reason: unsellable })}</div>
      ) : (
        <div className="banner banner-ok" style={{ marginBottom: 12 }}>{t("inventory.detail.sellableToday", { today })}</div>
      )}
      <div className="two-col">
        <DefinitionPanel title={t("inventory.detail.basic")} rows={basic} />
        <div>
          <DefinitionPanel title={t("inventory.detail.capacityPermit")} rows={capacity} />
          {site ? <PermitList permits={permits} /> : null}
        </div>
      </div>
      {unit.notes ? <p className="notes">{unit.notes}</p> : null}
      <div className="panel">
        <div className="page-head">
          <h2>{t("inventory.detail.rates")}</h2>
          <Link to={`${base}/rates`}>{canPrice ? t("inventory.rates.add") : t("inventory.quote.title")}</Link>
        </div>
        <RateHistoryTable cards={cards} today={today} />
      </div>
      {history ? (
        <div className="panel">
          <h2>{t("inventory.detail.history")}</h2>
          <AuditTable rows={history} />
        </div>
      ) : null}
      {canEdit ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value={unit.archived ? "restore" : "archive"} />
          <button type="submit" className={unit.archived ? undefined : "danger"}>
            {unit.archived ? t("inventory.detail.restore") : t("inventory.detail.archive")}
          </button>
          <span className="muted small">{t("inventory.detail.archiveHint")}</span>
        </Form>
      ) : null}
    </section>
  );
}
