// What the site screens show: the list of sites with their faces and latest permit and lease,
// and one site with everything attached to it. Read-only; writes live in sites.server.ts and
// files.server.ts.
import type { Executor } from "~db/dialect";
import { likeLiteral } from "~db/dialect";
import type { FacilityType, Site } from "~db/schema";
import { t, tKey } from "~/i18n";
import { changedFields, listAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { formatFen } from "~/utils/money";
import { type PermitState, permitState, sizeClass, type SizeClass } from "./model";
import { formatCm, formatE6 } from "./site-form";
import { sitePermits, siteLeases } from "./sites.server";

export interface SiteFilter {
  q?: string;
  district?: string;
  facilityType?: FacilityType;
  page?: number;
  pageSize?: number;
}

export interface PermitWindow {
  today: string;
  /** Permits ending on or before this day (and not before today) are "expiring". */
  expiringBy: string;
}

export interface SiteListRow {
  id: string;
  code: string;
  name: string;
  facility_type: FacilityType;
  district: string;
  address: string;
  width_cm: number;
  height_cm: number;
  illuminated: number;
  size_class: SizeClass;
  unit_count: number;
  permit_end: string | null;
  permit_state: PermitState;
  lease_end: string | null;
  /** The same reading for the latest lease; null when the site has none. */
  lease_state: PermitState | null;
}

/** Sites of the center with their face count (archived units left out) and latest permit and lease. */
export async function listSites(db: Executor, scope: Scope, filter: SiteFilter, window: PermitWindow) {
  const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 500);
  const page = Math.max(filter.page ?? 1, 1);
  const latestPermit = db
    .selectFrom("permits")
    .select(["site_id", (eb) => eb.fn.max("end_date").as("permit_end")])
    .where("center_id", "=", scope.centerId)
    .groupBy("site_id")
    .as("lp");
  const latestLease = db
    .selectFrom("leases")
    .select(["site_id", (eb) => eb.fn.max("end_date").as("lease_end")])
    .where("center_id", "=", scope.centerId)
    .groupBy("site_id")
    .as("ll");
  const faces = db
    .selectFrom("units")
    .select(["site_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("center_id", "=", scope.centerId)
    .where("archived", "=", 0)
    .where("site_id", "is not", null)
    .groupBy("site_id")
    .as("uc");
  let query = db
    .selectFrom("sites")
    .leftJoin(latestPermit, "lp.site_id", "sites.id")
    .leftJoin(latestLease, "ll.site_id", "sites.id")
    .leftJoin(faces, "uc.site_id", "sites.id")
    .where("sites.center_id", "=", scope.centerId);
  if (filter.district) query = query.where("sites.district", "=", filter.district);
  if (filter.facilityType) query = query.where("sites.facility_type", "=", filter.facilityType);
  const term = (filter.q ?? "").trim().toLowerCase();
  if (term) {
    query = query.where((eb) =>
      eb.or([
        likeLiteral(eb.fn("lower", ["sites.code"]), { contains: term }),
        likeLiteral(eb.fn("lower", ["sites.name"]), { contains: term }),
        likeLiteral(eb.fn("lower", ["sites.address"]), { contains: term }),
      ]),
    );
  }
  const rows = await query
    .select((eb) => [
      "sites.id",
      "sites.code",
      "sites.name",
      "sites.facility_type",
      "sites.district",
      "sites.address",
      "sites.width_cm",
      "sites.height_cm",
      "sites.illuminated",
      "lp.permit_end",
      "ll.lease_end",
      "uc.n as unit_count",
      eb.fn.countAll<number>().over().as("total"),
    ])
    .orderBy("sites.code")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = rows.length
    ? Number(rows[0].total)
    : Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const list: SiteListRow[] = rows.map(({ total: _t, ...r }) => ({
    ...r,
    permit_end: r.permit_end ?? null,
    lease_end: r.lease_end ?? null,
    unit_count: Number(r.unit_count ?? 0),
    size_class: sizeClass(r.width_cm, r.height_cm),
    permit_state: permitState(r.permit_end ?? null, true, window.today, window.expiringBy),
    lease_state: r.lease_end ? permitState(r.lease_end, true, window.today, window.expiringBy) : null,
  }));
  return { rows: list, total, page, pageSize };
}

/** One site with its faces, permits (and their scans), leases, photos and history. */
export async function siteDetail(db: Executor, scope: Scope, site: Site, window: PermitWindow, withHistory: boolean) {
  const [units, permits, leases, files] = await Promise.all([
    db
      .selectFrom("units")
      .select(["id", "code", "name", "medium", "face", "status", "archived", "capacity", "capacity_unit"])
      .where("center_id", "=", scope.centerId)
      .where("site_id", "=", site.id)
      .orderBy("archived")
      .orderBy("code")
      .execute(),
    sitePermits(db, scope, site.id),
    siteLeases(db, scope, site.id),
    db
      .selectFrom("site_files")
      .select(["id", "purpose", "owner_id", "original_name", "content_type", "size_bytes", "created_at"])
      .where("center_id", "=", scope.centerId)
      .where("site_id", "=", site.id)
      .orderBy("created_at")
      .execute(),
  ]);
  const latestEnd = permits[0]?.end_date ?? null;
  return {
    site: {
      ...site,
      size_class: sizeClass(site.width_cm, site.height_cm),
      latitude: formatE6(site.latitude_e6),
      longitude: formatE6(site.longitude_e6),
    },
    permitState: permitState(latestEnd, true, window.today, window.expiringBy),
    units,
    permits: permits.map((p) => ({
      ...p,
      state: permitState(p.end_date, true, window.today, window.expiringBy),
      // A permit superseded by a later one is history, whatever its own dates say.
      current: p.end_date === latestEnd,
      scans: files.filter((f) => f.purpose === "permit_scan" && f.owner_id === p.id),
    })),
    leases,
    photos: files.filter((f) => f.purpose === "photo"),
    history: withHistory ? await siteHistory(db, scope, site.id, [...permits.map((p) => p.id), ...leases.map((l) => l.id)]) : null,
  };
}

export async function sitePhotos(db: Executor, scope: Scope, siteId: string) {
  return db
    .selectFrom("site_files")
    .select(["id", "original_name", "content_type", "size_bytes"])
    .where("center_id", "=", scope.centerId)
    .where("site_id", "=", siteId)
    .where("purpose", "=", "photo")
    .orderBy("created_at")
    .execute();
}

/** Field names and values of a site's audit entries in the words the form uses. */
const FIELD_LABELS: Record<string, string> = {
  code: t("sites.code"),
  name: t("sites.name"),
  facility_type: t("sites.facilityType"),
  address: t("sites.address"),
  district: t("sites.district"),
  latitude_e6: t("sites.latitude"),
  longitude_e6: t("sites.longitude"),
  width_cm: t("sites.widthM"),
  height_cm: t("sites.heightM"),
  illuminated: t("sites.illuminated"),
  traffic_notes: t("sites.trafficNotes"),
  original_name: t("sites.fileName"),
  number: t("permits.number"),
  authority: t("permits.authority"),
  start_date: t("permits.start"),
  end_date: t("permits.end"),
  lessor: t("leases.lessor"),
  annual_rent_fen: t("leases.annualRent"),
  payment_terms: t("leases.terms"),
};

function displayValue(field: string, value: unknown): unknown {
  if (value === null || value === undefined || value === "") return value;
  if (field === "facility_type") return tKey("facility", String(value));
  if ((field === "width_cm" || field === "height_cm") && typeof value === "number") return formatCm(value);
  if ((field === "latitude_e6" || field === "longitude_e6") && typeof value === "number") return formatE6(value);
  if (field === "illuminated") return value ? t("common.yes") : t("common.no");
  if (field === "annual_rent_fen" && typeof value === "number") return formatFen(value);
  return value;
}

/** The site's own entries and those of its permits and leases (added, scans attached), newest first. */
async function siteHistory(db: Executor, scope: Scope, siteId: string, childIds: string[]) {
  const own = (await listAudit(db, scope, { entity: "site", entityId: siteId, limit: 30 })).rows;
  const children = childIds.length
    ? await db
        .selectFrom("audit_log")
        .leftJoin("users", "users.id", "audit_log.user_id")
        .selectAll("audit_log")
        .select("users.display_name as user_name")
        .where("audit_log.center_id", "=", scope.centerId)
        .where("audit_log.entity", "in", ["permit", "lease"])
        .where("audit_log.entity_id", "in", childIds)
        .orderBy("audit_log.at", "desc")
        .limit(30)
        .execute()
    : [];
  const rows = [...own, ...children].sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at))).slice(0, 30);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    user_name: r.user_name,
    entity: r.entity,
    action: r.action,
    changes: changedFields(r.before_json, r.after_json)
      .filter((c) => c.field in FIELD_LABELS)
      .map((c) => ({ field: FIELD_LABELS[c.field], from: displayValue(c.field, c.from), to: displayValue(c.field, c.to) })),
  }));
}
