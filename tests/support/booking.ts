// Units, sites, permits and rate cards for booking tests, made through the inventory services.
import type { AppDb } from "../../db/connection";
import { newId } from "../../db/ids";
import type { Medium } from "../../db/schema";
import type { Scope } from "../../app/modules/auth/scope";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import { addRateCard } from "../../app/modules/inventory/rate-cards.server";
import { addPermit, createSite } from "../../app/modules/inventory/sites.server";
import { parseUnitRecord } from "../../app/modules/inventory/unit-form";
import { createUnit } from "../../app/modules/inventory/units.server";
import { MEDIA } from "../../app/modules/inventory/model";
import type { LineInput } from "../../app/modules/booking/lines.server";

export interface UnitOptions {
  medium?: Medium;
  capacity?: number;
  /** Price per day in fen (TV/radio: per 15-second A-segment spot). */
  dayPriceFen?: number;
  /** Outdoor permit window; defaults to all of 2020–2035. */
  permit?: { start: string; end: string } | null;
  status?: "available" | "maintenance" | "disabled";
  maintenance?: { from: string; to: string };
}

/** A sellable unit with a rate card from 2020-01-01 (and a site with a permit when outdoor). */
export async function makeUnit(db: AppDb, scope: Scope, opts: UnitOptions = {}): Promise<string> {
  const medium = opts.medium ?? "outdoor_static";
  const spec = MEDIA[medium];
  const code = `U${newId().slice(-12)}`;
  let siteId = "";
  if (spec.outdoor) {
    const site = await createSite(db, scope, {
      code: `S${newId().slice(-12)}`, name: "测试点位", facility_type: medium === "led" ? "led_screen" : "unipole", address: "城关镇 1 号", district: "城关镇",
      latitude: null, longitude: null, width_m: 600, height_m: 300, illuminated: 0, traffic_notes: "",
    });
    if (!site.ok) throw new Error(JSON.stringify(site.errors));
    siteId = site.id;
    const permit = opts.permit === undefined ? { start: "2020-01-01", end: "2035-12-31" } : opts.permit;
    if (permit) {
      const p = await addPermit(db, scope, siteId, { number: `XK${newId().slice(-8)}`, authority: "县城管局", start_date: permit.start, end_date: permit.end });
      if (!p.ok) throw new Error(JSON.stringify(p.errors));
    }
  }
  const categoryId = (await categoryIdByCode(db, scope, spec.categoryCode))!;
  const parsed = parseUnitRecord({
    code, name: `测试广告位${code.slice(-4)}`, medium, site_id: siteId, face: spec.outdoor ? "A面" : "", category_id: categoryId,
    capacity: String(opts.capacity ?? spec.defaultCapacity), loop_seconds: medium === "led" ? String((opts.capacity ?? 12) * 15) : "", spot_seconds: medium === "led" ? "15" : "",
    status: opts.status ?? "available", maintenance_from: opts.maintenance?.from ?? "", maintenance_to: opts.maintenance?.to ?? "", notes: "",
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const unit = await createUnit(db, scope, parsed.value);
  if (!unit.ok) throw new Error(JSON.stringify(unit.errors));
  const spot = spec.capacityUnit === "second";
  const card = await addRateCard(db, scope, unit.id, {
    effective_from: "2020-01-01", basis: spot ? "spot" : "day", price_fen: spot ? 0 : opts.dayPriceFen ?? 10_000, min_days: 0, surcharge_first_bp: 0, surcharge_last_bp: 0,
    spot_prices: spot ? [{ daypart: "a", seconds: 15, price_fen: opts.dayPriceFen ?? 50_000 }] : [],
  });
  if (!card.ok) throw new Error(JSON.stringify(card.errors));
  return unit.id;
}

export function line(unitId: string, startDate: string, endDate: string, over: Partial<LineInput> = {}): LineInput {
  return { unitId, startDate, endDate, quantity: 1, kind: "paid", daypart: null, seconds: null, position: null, deal: { discountBp: 0 }, content: "", ...over };
}

export const header = (clientId: string, over: Partial<{ title: string; product: string; adCategory: "general" | "health_food"; approvalNumber: string; terms: string }> = {}) => ({
  clientId, title: "测试订单", product: "测试产品", adCategory: "general" as const, approvalNumber: "", terms: "", ...over,
});
