// What an import will do, decided from the validated rows and the center's current data: which
// sites and units are new, which change (and in which columns), which stay as they are. Units and
// sites are matched by code, so importing the same file twice creates nothing the second time.
import type { RevenueCategory, Site, Unit } from "~db/schema";
import { t } from "~/i18n";
import type { SiteFormValues } from "../site-form";
import type { UnitFormValues } from "../unit-form";
import { headerOfField } from "./columns";
import { type ImportRow, type Problem, sortProblems } from "./validate";

export interface CategoryRef {
  id: string;
  code: string;
  /** "户外广告/LED屏" for a child, the name alone for a top-level category. */
  label: string;
  retired: boolean;
  /** A leaf (or a top without children): what the unit form offers. */
  assignable: boolean;
}

export interface Lookups {
  categories: CategoryRef[];
  unitsByCode: Map<string, Unit>;
  sitesByCode: Map<string, Site>;
}

export interface SitePlan {
  row: number;
  code: string;
  values: SiteFormValues;
  existing: Site | null;
  /** Headers of the columns that differ from the stored site. */
  changed: string[];
}

export interface UnitPlan {
  row: number;
  /** Ready for insertUnit/applyUnitUpdate once `site_id` is filled in from `siteCode`. */
  values: UnitFormValues;
  siteCode: string | null;
  existing: Unit | null;
  changed: string[];
}

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface Plan {
  sites: SitePlan[];
  units: UnitPlan[];
  counts: { rows: number; sites: Tally; units: Tally };
  problems: Problem[];
}

/** A category as people type it: case, spaces and full-width slashes don't matter. */
function categoryKey(text: string): string {
  return text.trim().toLowerCase().replace(/／/g, "/").replace(/\s*\/\s*/g, "/").replace(/\s+/g, " ");
}

export function categoryRefs(rows: RevenueCategory[]): CategoryRef[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hasChildren = new Set(rows.filter((r) => r.parent_id).map((r) => r.parent_id));
  return [...rows]
    .sort((a, b) => a.sort_order - b.sort_order)
    .map((r) => {
      const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
      return {
        id: r.id,
        code: r.code,
        label: parent ? `${parent.name}/${r.name}` : r.name,
        retired: Boolean(r.retired) || Boolean(parent?.retired),
        assignable: !hasChildren.has(r.id),
      };
    });
}

export interface CategoryIndex {
  find(text: string): CategoryRef | "ambiguous" | null;
  /** What the export writes: the path, or the code when two categories share a path. */
  cellText(id: string): string;
}

export function categoryIndex(refs: CategoryRef[]): CategoryIndex {
  const byKey = new Map<string, CategoryRef | "ambiguous">();
  const labelCount = new Map<string, number>();
  for (const ref of refs) labelCount.set(categoryKey(ref.label), (labelCount.get(categoryKey(ref.label)) ?? 0) + 1);
  for (const ref of refs) byKey.set(categoryKey(ref.code), ref);
  for (const ref of refs) {
    const key = categoryKey(ref.label);
    if (!byKey.has(key)) byKey.set(key, (labelCount.get(key) ?? 0) > 1 ? "ambiguous" : ref);
  }
  const byId = new Map(refs.map((r) => [r.id, r]));
  return {
    find: (text) => byKey.get(categoryKey(text)) ?? null,
    cellText: (id) => {
      const ref = byId.get(id);
      if (!ref) return "";
      return labelCount.get(categoryKey(ref.label))! > 1 ? ref.code : ref.label;
    },
  };
}

/** The stored columns of a site form's values (metres → cm and degrees → micro-degrees already). */
export function siteColumns(v: SiteFormValues) {
  return {
    code: v.code,
    name: v.name,
    facility_type: v.facility_type,
    address: v.address,
    district: v.district,
    latitude_e6: v.latitude,
    longitude_e6: v.longitude,
    width_cm: v.width_m,
    height_cm: v.height_m,
    illuminated: v.illuminated,
    traffic_notes: v.traffic_notes,
  };
}

const SITE_COMPARED: [keyof ReturnType<typeof siteColumns>, keyof SiteFormValues][] = [
  ["name", "name"],
  ["facility_type", "facility_type"],
  ["address", "address"],
  ["district", "district"],
  ["latitude_e6", "latitude"],
  ["longitude_e6", "longitude"],
  ["width_cm", "width_m"],
  ["height_cm", "height_m"],
  ["illuminated", "illuminated"],
  ["traffic_notes", "traffic_notes"],
];

const UNIT_COMPARED = ["name", "medium", "face", "category_id", "capacity", "capacity_unit", "loop_seconds", "spot_seconds", "status", "maintenance_from", "maintenance_to", "notes"] as const;

/** mysql2 and better-sqlite3 both give numbers here, but compare by value to be safe. */
function same(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return typeof a === "number" || typeof b === "number" ? Number(a) === Number(b) : String(a) === String(b);
}

function siteChanges(values: SiteFormValues, existing: Site): string[] {
  const next = siteColumns(values);
  return SITE_COMPARED.filter(([column]) => !same(next[column], existing[column])).map(([, field]) => headerOfField("site", field));
}

function unitChanges(values: UnitFormValues, siteId: string | null, existing: Unit): string[] {
  const changed = UNIT_COMPARED.filter((f) => !same(values[f], existing[f])).map((f) => headerOfField("unit", f === "capacity_unit" ? "medium" : f));
  if (!same(siteId, existing.site_id)) changed.push(headerOfField("unit", "site_id"));
  return [...new Set(changed)];
}

function resolveCategory(row: ImportRow, index: CategoryIndex, allowed: string, existing: Unit | null): { id: string } | { problem: Problem } {
  const text = row.unit.category_id;
  const column = headerOfField("unit", "category_id");
  const found = index.find(text);
  const problem = (message: string) => ({ problem: { row: row.row, column, message } });
  if (found === "ambiguous") return problem(t("excel.error.categoryAmbiguous", { value: text }));
  if (!found) return problem(t("excel.error.unknownCategory", { value: text, allowed }));
  const keeps = existing?.category_id === found.id; // a unit may keep a category that was retired since
  if (found.retired && !keeps) return problem(t("excel.error.categoryRetired", { value: text }));
  if (!found.assignable && !keeps) return problem(t("excel.error.categoryNotLeaf", { value: text }));
  return { id: found.id };
}

export function planImport(rows: ImportRow[], lookups: Lookups): Plan {
  const index = categoryIndex(lookups.categories);
  const allowed = lookups.categories.filter((c) => c.assignable && !c.retired).map((c) => c.label).join("、");
  const problems: Problem[] = [];
  const sites: SitePlan[] = [];
  const units: UnitPlan[] = [];
  const counts = { rows: rows.length, sites: { created: 0, updated: 0, unchanged: 0 }, units: { created: 0, updated: 0, unchanged: 0 } };
  const sitesDone = new Set<string>();
  for (const row of rows) {
    if (row.site && row.siteCode && !sitesDone.has(row.siteCode)) {
      sitesDone.add(row.siteCode);
      const existing = lookups.sitesByCode.get(row.siteCode) ?? null;
      const changed = existing ? siteChanges(row.site, existing) : [];
      if (!existing) counts.sites.created++;
      else if (changed.length) counts.sites.updated++;
      else counts.sites.unchanged++;
      if (!existing || changed.length) sites.push({ row: row.row, code: row.siteCode, values: row.site, existing, changed });
    }
    const existing = lookups.unitsByCode.get(row.unit.code) ?? null;
    const category = resolveCategory(row, index, allowed, existing);
    if ("problem" in category) {
      problems.push(category.problem);
      continue;
    }
    const values: UnitFormValues = { ...row.unit, category_id: category.id, site_id: null };
    const siteId = row.siteCode ? (lookups.sitesByCode.get(row.siteCode)?.id ?? `new:${row.siteCode}`) : null;
    const changed = existing ? unitChanges(values, siteId, existing) : [];
    if (!existing) counts.units.created++;
    else if (changed.length) counts.units.updated++;
    else counts.units.unchanged++;
    if (!existing || changed.length) units.push({ row: row.row, values, siteCode: row.siteCode, existing, changed });
  }
  return { sites, units, counts, problems: sortProblems(problems) };
}
