// The synthetic dataset's inventory per center: the category tree, outdoor sites with permits and
// leases, units of every medium and 1–3 rate cards each. Dates are spread around a fixed reference
// day (not today), so a seed gives the same rows whenever it runs; the inventory-list benchmark
// asks about permits as of that same day.
import type { Kysely, Transaction } from "kysely";
import type { DB, FacilityType, Lease, Medium, Permit, RateCardRow, RevenueCategory, Site, Unit, UnitStatus } from "../../db/schema";
import { CATEGORY_TREE } from "../../app/modules/categories/seed";
import { addDays, daysInMonth, parseDate } from "../../app/modules/inventory/calendar-dates";
import { ledCapacity, MEDIA } from "../../app/modules/inventory/model";
import type { DatasetSize } from "./dataset";
import type { CenterPlace } from "./names";
import { Rng, seededId } from "./rng";
import { ROADS, SURNAMES, TOWNS, WORDS } from "./words";

/** "Today" for the dataset's permits, leases, maintenance windows and rate history. */
export const DATASET_TODAY = "2026-12-01";

export interface InventoryShape {
  staticFaces: number;
  ledScreens: number;
  /** App, WeChat, short video, TV, radio and newspaper units (no site). */
  otherUnits: number;
}

/** Units per center: county-l 3,000 (2,000 faces on ~1,000 sites + 100 LED sites), province 600, demo 50. */
export const INVENTORY_SHAPES: Record<DatasetSize, InventoryShape> = {
  demo: { staticFaces: 32, ledScreens: 3, otherUnits: 15 },
  "county-l": { staticFaces: 2000, ledScreens: 100, otherUnits: 900 },
  province: { staticFaces: 400, ledScreens: 20, otherUnits: 180 },
};

type StaticType = Exclude<FacilityType, "led_screen" | "other">;
const TYPE_WEIGHTS: Record<StaticType, number> = { unipole: 20, wall: 15, lightbox: 15, trivision: 5, bus_shelter: 20, kiosk: 8, street_flag: 7, hoarding: 10 };
const TYPE_LABELS: Record<FacilityType, string> = {
  unipole: "单立柱", wall: "墙体", lightbox: "灯箱", trivision: "三面翻", bus_shelter: "公交候车亭", kiosk: "报刊亭", street_flag: "道旗", hoarding: "工地围挡", led_screen: "LED屏", other: "广告位",
};
const LANDMARKS = ["中段", "北口", "南口", "东侧", "西侧", "汽车站", "农贸市场", "中心小学", "卫生院", "商贸城", "工业园区", "政府门口", "文化广场", "高速出口", "大桥南", "人民医院"];
type OtherMedium = Exclude<Medium, "outdoor_static" | "led">;
const OTHER_WEIGHTS: Record<OtherMedium, number> = { app_splash: 15, app_banner: 15, wechat_headline: 10, wechat_secondary: 15, short_video: 10, tv: 12, radio: 10, newspaper: 3 };
const OTHER_MEDIA = Object.keys(OTHER_WEIGHTS) as OtherMedium[];
const OTHER_NAMES: Record<OtherMedium, [code: string, name: string]> = {
  app_splash: ["APP-KP", "客户端 开屏"], app_banner: ["APP-BN", "客户端 通栏"], wechat_headline: ["WX-TT", "公众号 头条"], wechat_secondary: ["WX-CT", "公众号 次条"],
  short_video: ["DSP", "短视频"], tv: ["TV", "电视 插播"], radio: ["FM", "广播 插播"], newspaper: ["BZ", "报纸 版面"],
};
const CHANNELS = ["首页", "新闻", "政务", "生活", "视频", "乡镇", "教育", "健康", "文旅", "专题"];
/** Yuan ranges: static faces per month; LED per spot per day; app/WeChat/video/newspaper per day; TV/radio 特段 5 s. */
const PRICE_RANGES: Record<Medium, [number, number]> = {
  outdoor_static: [3000, 9000], led: [150, 400], app_splash: [800, 1500], app_banner: [200, 600], wechat_headline: [2000, 4000],
  wechat_secondary: [500, 1000], short_video: [1000, 3000], tv: [80, 200], radio: [20, 60], newspaper: [3000, 10000],
};
const LENGTH_FACTORS: [number, number][] = [[5, 1], [10, 1.8], [15, 2.5], [30, 4.5]];
const DAYPART_FACTORS: ["special" | "a" | "b", number][] = [["special", 1], ["a", 0.6], ["b", 0.35]];

export interface InventoryRows {
  categories: RevenueCategory[];
  sites: Site[];
  permits: Permit[];
  leases: Lease[];
  units: Unit[];
  rateCards: RateCardRow[];
  spotPrices: DB["rate_card_spot_prices"][];
}

/**
 * The inventory's own stream per center, derived from the dataset seed: adding inventory leaves the
 * clients (drawn from the main stream) exactly as they were, so older benchmark figures still compare.
 */
export function inventoryRng(seed: number, centerIndex: number): Rng {
  return new Rng((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(centerIndex + 1, 0xc2b2ae35)) >>> 0);
}

function between(rng: Rng, [lo, hi]: [number, number], step: number): number {
  return lo + rng.int(Math.floor((hi - lo) / step) + 1) * step;
}

function yearsBefore(date: string, years: number): string {
  const { year, month, day } = parseDate(date);
  const y = year - years;
  return `${y}-${String(month).padStart(2, "0")}-${String(Math.min(day, daysInMonth(y, month))).padStart(2, "0")}`;
}

function termEnding(end: string, years: number): { start_date: string; end_date: string } {
  return { start_date: addDays(yearsBefore(end, years), 1), end_date: end };
}

function price(yuan: number): number {
  const step = yuan >= 1000 ? 100 : 10;
  return Math.max(step, Math.round(yuan / step) * step) * 100; // MONEY: fen
}

export function generateInventory(rng: Rng, center: { id: string; adminId: string; place: CenterPlace; startMs: number }, shape: InventoryShape): InventoryRows {
  let clock = center.startMs;
  const stamp = () => new Date((clock += 1_000)).toISOString();
  const id = () => seededId(rng, clock);
  const created = stamp();
  const rows: InventoryRows = { categories: [], sites: [], permits: [], leases: [], units: [], rateCards: [], spotPrices: [] };

  // The standard tree, as seedCategories gives a new center (ids from the stream).
  const categoryIds = new Map<string, string>();
  let order = 0;
  for (const top of CATEGORY_TREE) {
    for (const node of [top, ...(top.children ?? [])]) {
      const nodeId = id();
      categoryIds.set(node.code, nodeId);
      rows.categories.push({
        id: nodeId, center_id: center.id, parent_id: node === top ? null : categoryIds.get(top.code)!, code: node.code, name: node.name, report_group: top.group,
        bears_culture_fee: +node.cultureFee, is_earned: +node.earned, vat_item_code: node.vatItemCode, sort_order: order++, retired: 0, created_at: created, updated_at: created,
      });
    }
  }

  const districts = TOWNS.map((town, i) => ({ name: `${town}镇`, lat: 29_700_000 + ((i * 37) % 25) * 9_000, lon: 120_380_000 + ((i * 11) % 25) * 11_000 }));
  const addSite = (type: FacilityType, [w, h]: [number, number]): Site => {
    const d = rng.chance(0.25) ? districts[0] : rng.pick(districts); // 城关 (the county town) holds a quarter
    const road = rng.pick(ROADS);
    const at = stamp();
    const site: Site = {
      id: id(), center_id: center.id, code: `S${String(rows.sites.length + 1).padStart(5, "0")}`, name: `${d.name}${road}路${rng.pick(LANDMARKS)}${TYPE_LABELS[type]}`,
      facility_type: type, address: `${center.place.county}${d.name}${road}路${1 + rng.int(300)}号`, district: d.name,
      latitude_e6: d.lat + rng.int(6_000) - 3_000, longitude_e6: d.lon + rng.int(6_000) - 3_000, width_cm: w, height_cm: h,
      illuminated: type === "wall" || type === "street_flag" || type === "hoarding" ? 0 : 1, traffic_notes: rng.chance(0.3) ? `日车流约${1 + rng.int(40)}千辆` : "",
      created_at: at, updated_at: at,
    };
    rows.sites.push(site);
    addPermits(site, type === "led_screen" ? 5 : 3);
    if (type !== "led_screen" && rng.chance(0.35)) addLease(site);
    return site;
  };

  const addPermits = (site: Site, maxYears: number) => {
    const r = rng.float();
    if (r < 0.03) return; // never permitted (shows as 无许可)
    const end = addDays(DATASET_TODAY, r < 0.06 ? -1 - rng.int(200) : r < 0.12 ? rng.int(31) : r < 0.2 ? 31 + rng.int(60) : 91 + rng.int(1000));
    const years = 1 + rng.int(maxYears);
    const current = termEnding(end, years);
    const terms = rng.chance(0.3) ? [termEnding(addDays(current.start_date, -1), years), current] : [current];
    for (const term of terms) {
      const at = stamp();
      rows.permits.push({
        id: id(), center_id: center.id, site_id: site.id, number: `${center.place.county.slice(0, 1)}综执户许〔${term.start_date.slice(0, 4)}〕${rng.digits(4)}号`,
        authority: `${center.place.county}综合行政执法局`, ...term, created_at: at, updated_at: at,
      });
    }
  };

  const addLease = (site: Site) => {
    const years = 1 + rng.int(5);
    const lessor = rng.pick([`${site.district}${rng.pick(WORDS)}村股份经济合作社`, `${center.place.county}${rng.pick(WORDS)}物业管理有限公司`, `${rng.pick(SURNAMES)}${rng.pick(["先生", "女士"])}（业主）`]);
    const at = stamp();
    rows.leases.push({
      id: id(), center_id: center.id, site_id: site.id, lessor, annual_rent_fen: price(between(rng, [5_000, 60_000], 1_000)),
      ...termEnding(addDays(DATASET_TODAY, -30 + rng.int(1500)), years), payment_terms: rng.pick(["每年1月支付", "半年付，先付后用", "季度付", "一次性付清"]), created_at: at, updated_at: at,
    });
  };

  const addUnit = (medium: Medium, code: string, name: string, site: Site | null, face: string, capacity: number, extra: Partial<Unit> = {}) => {
    const r = rng.float();
    const status: UnitStatus = r < 0.02 ? "maintenance" : r < 0.03 ? "disabled" : "available";
    const from = addDays(DATASET_TODAY, rng.int(20) - 10);
    const at = stamp();
    const unit: Unit = {
      id: id(), center_id: center.id, code, name, medium, site_id: site?.id ?? null, face, category_id: categoryIds.get(MEDIA[medium].categoryCode)!,
      capacity, capacity_unit: MEDIA[medium].capacityUnit, loop_seconds: 0, spot_seconds: 0, status,
      maintenance_from: status === "maintenance" ? from : null, maintenance_to: status === "maintenance" ? addDays(from, 3 + rng.int(30)) : null,
      archived: rng.chance(0.01) ? 1 : 0, notes: "", created_at: at, updated_at: at, ...extra,
    };
    rows.units.push(unit);
    addRateCards(unit, site);
  };

  const addRateCards = (unit: Unit, site: Site | null) => {
    let range = PRICE_RANGES[unit.medium];
    if (unit.medium === "outdoor_static" && site && site.width_cm * site.height_cm >= 100_000) range = [8000, 18000]; // large faces
    let yuan = between(rng, range, 10);
    let from = `${addDays(DATASET_TODAY, -730 + rng.int(120)).slice(0, 8)}01`;
    const count = 1 + rng.int(3);
    const spot = unit.medium === "tv" || unit.medium === "radio";
    for (let k = 0; k < count; k++) {
      const cardId = id();
      rows.rateCards.push({
        id: cardId, center_id: center.id, unit_id: unit.id, effective_from: from, basis: spot ? "spot" : unit.medium === "outdoor_static" ? "month" : "day",
        price_fen: spot ? 0 : price(yuan), min_days: spot || unit.medium === "led" ? 7 : 0, surcharge_first_bp: spot ? 2000 : 0, surcharge_last_bp: spot ? 1500 : 0,
        created_by: center.adminId, created_at: stamp(),
      });
      if (spot) {
        for (const [daypart, df] of DAYPART_FACTORS) {
          for (const [seconds, lf] of LENGTH_FACTORS) rows.spotPrices.push({ id: id(), center_id: center.id, rate_card_id: cardId, daypart, seconds, price_fen: price(yuan * df * lf) });
        }
      }
      // Next card: 6–12 months later (first of a month), 3–12 % dearer.
      from = `${addDays(from, 180 + rng.int(185)).slice(0, 8)}01`;
      yuan = Math.round(yuan * (1.03 + rng.int(10) / 100));
    }
  };

  for (let faces = 0; faces < shape.staticFaces; ) {
    const type = rng.weighted(TYPE_WEIGHTS);
    const size = staticSize(rng, type);
    const count = Math.min(shape.staticFaces - faces, facesOf(rng, type));
    const site = addSite(type, size);
    for (let f = 0; f < count; f++) {
      const face = type === "street_flag" ? "整组" : `${"ABC"[f]}面`;
      addUnit("outdoor_static", `${site.code}-${"ABC"[f]}`, `${site.name} ${face}`, site, face, 1);
    }
    faces += count;
  }
  for (let i = 0; i < shape.ledScreens; i++) {
    const site = addSite("led_screen", rng.pick<[number, number]>([[600, 350], [800, 450], [1000, 600], [1200, 675]]));
    const spot = rng.pick([5, 10, 15]);
    addUnit("led", `${site.code}-LED`, site.name, site, "", ledCapacity(60, spot), { loop_seconds: 60, spot_seconds: spot });
  }
  const perMedium = new Map<OtherMedium, number>();
  for (let i = 0; i < shape.otherUnits; i++) {
    // Every medium at least once (the demo size has only 15 such units), then by weight.
    const medium = i < OTHER_MEDIA.length ? OTHER_MEDIA[i] : rng.weighted(OTHER_WEIGHTS);
    const n = (perMedium.get(medium) ?? 0) + 1;
    perMedium.set(medium, n);
    const [prefix, label] = OTHER_NAMES[medium];
    const seconds = medium === "tv" || medium === "radio";
    const capacity = seconds ? 300 + rng.int(16) * 60 : MEDIA[medium].defaultCapacity;
    addUnit(medium, `${prefix}-${String(n).padStart(4, "0")}`, `${label} ${rng.pick(CHANNELS)}${n}号`, null, "", capacity, seconds ? { spot_seconds: 15 } : {});
  }
  return rows;
}

function facesOf(rng: Rng, type: StaticType): number {
  if (type === "wall" || type === "street_flag") return 1;
  if (type === "unipole") return rng.chance(0.2) ? 3 : 2;
  return type === "kiosk" ? 3 : 2;
}

function staticSize(rng: Rng, type: StaticType): [number, number] {
  switch (type) {
    case "unipole":
      return rng.pick<[number, number]>([[1800, 600], [1500, 500], [1200, 400]]);
    case "wall":
      return [between(rng, [600, 1500], 100), between(rng, [300, 600], 50)];
    case "lightbox":
      return rng.pick<[number, number]>([[120, 180], [150, 200], [200, 300]]);
    case "trivision":
      return rng.pick<[number, number]>([[600, 300], [900, 400]]);
    case "bus_shelter":
      return [120, 180];
    case "kiosk":
      return [150, 100];
    case "street_flag":
      return [80, 240];
    case "hoarding":
      return [between(rng, [2000, 6000], 500), 250];
  }
}

const BATCH = 500;

/** Inside the center's transaction: parents before children, 500 rows per statement. */
export async function insertInventory(trx: Kysely<DB> | Transaction<DB>, rows: InventoryRows): Promise<void> {
  const tops = rows.categories.filter((c) => c.parent_id === null);
  await trx.insertInto("revenue_categories").values(tops).execute();
  await trx.insertInto("revenue_categories").values(rows.categories.filter((c) => c.parent_id !== null)).execute();
  const batches = async <T extends keyof DB>(table: T, values: DB[T][]) => {
    for (let i = 0; i < values.length; i += BATCH) await trx.insertInto(table).values(values.slice(i, i + BATCH) as never).execute();
  };
  await batches("sites", rows.sites);
  await batches("permits", rows.permits);
  await batches("leases", rows.leases);
  await batches("units", rows.units);
  await batches("rate_cards", rows.rateCards);
  await batches("rate_card_spot_prices", rows.spotPrices);
}
