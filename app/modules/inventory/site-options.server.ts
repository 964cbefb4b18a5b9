// The choices the unit form offers: this center's sites and the revenue categories a unit may be
// mapped to, with each medium's default category.
import type { Executor } from "~db/dialect";
import type { FacilityType, Medium } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import { assignableCategories } from "~/modules/categories/categories.server";
import { MEDIA, MEDIUM_CODES } from "./model";

export interface SiteOption {
  id: string;
  code: string;
  name: string;
  facility_type: FacilityType;
  district: string;
}

export async function siteOptions(db: Executor, scope: Scope): Promise<SiteOption[]> {
  return db
    .selectFrom("sites")
    .select(["id", "code", "name", "facility_type", "district"])
    .where("center_id", "=", scope.centerId)
    .orderBy("code")
    .execute();
}

export interface CategoryOption {
  id: string;
  code: string;
  label: string;
}

/**
 * `current` keeps a unit's present category selectable after an admin retired it, so editing
 * other fields does not force a new mapping (units.server.ts accepts an unchanged retired one).
 */
export async function unitFormOptions(db: Executor, scope: Scope, current?: { id: string; label: string }) {
  const sites = await siteOptions(db, scope);
  const assignable = await assignableCategories(db, scope);
  const categories: CategoryOption[] = [...assignable];
  if (current && !categories.some((c) => c.id === current.id)) categories.push({ id: current.id, code: "", label: current.label });
  // The medium's default (MEDIA[m].categoryCode) only when it is still assignable.
  const categoryByMedium: Partial<Record<Medium, string>> = {};
  for (const m of MEDIUM_CODES) {
    const match = assignable.find((c) => c.code === MEDIA[m].categoryCode);
    if (match) categoryByMedium[m] = match.id;
  }
  return { sites, categories, categoryByMedium };
}
