// The pieces the synthetic orders are drawn from: the words and weights of orders, lines and
// their fates, the per-unit-day occupancy that keeps every day within capacity, and the date and
// rate-card helpers generateOrders (dataset-orders.ts) uses.
import type { AdCategory, Daypart, LineKind, Medium, Unit } from "../../db/schema";
import { daysInMonth, dayNumber, fromDayNumber, parseDate } from "../../app/modules/inventory/calendar-dates";
import type { RateCard } from "../../app/modules/inventory/quote";
import type { SellabilityInput } from "../../app/modules/inventory/sellability";
import { DATASET_TODAY, type InventoryRows } from "./dataset-inventory";
import type { OrdersCenter } from "./dataset-orders";
import type { Rng } from "./rng";

/** The dataset's "now": 10:00 in Beijing on DATASET_TODAY. Holds are live or lapsed against it. */
export const DATASET_NOW = `${DATASET_TODAY}T02:00:00.000Z`;
export const DAY_MS = 86_400_000;
export const BEIJING_MS = 8 * 3_600_000;
export const NOW_MS = Date.parse(DATASET_NOW);
export const TODAY = dayNumber(DATASET_TODAY);
export const iso = (ms: number) => new Date(ms).toISOString();
export const beijingDay = (ms: number) => Math.floor((ms + BEIJING_MS) / DAY_MS);
export const dayStartMs = (day: number) => day * DAY_MS - BEIJING_MS;

export type OrderType = "outdoor" | "new_media" | "broadcast" | "mixed";
export const ORDER_TYPES: Record<OrderType, number> = { outdoor: 25, new_media: 32, broadcast: 25, mixed: 18 };
export const LINE_MEDIA: Record<OrderType, Partial<Record<Medium, number>>> = {
  outdoor: { outdoor_static: 70, led: 30 },
  new_media: { app_splash: 20, app_banner: 25, wechat_headline: 12, wechat_secondary: 25, short_video: 18 },
  broadcast: { tv: 55, radio: 45 },
  mixed: { outdoor_static: 15, led: 8, app_splash: 10, app_banner: 10, wechat_headline: 8, wechat_secondary: 12, short_video: 7, tv: 12, radio: 10, newspaper: 8 },
};
export const TYPE_LABELS: Record<OrderType, string> = { outdoor: "户外广告投放", new_media: "新媒体推广", broadcast: "广电广告投放", mixed: "整合营销" };

/** What became of an order, by how long ago it was created. */
export type Fate = "confirmed" | "confirmed_direct" | "hold_live" | "hold_renewed" | "hold_lapsed" | "expired" | "cancelled_hold" | "cancelled_confirmed" | "draft";
export const FATES_THIS_WEEK: Partial<Record<Fate, number>> = { hold_live: 55, confirmed: 12, confirmed_direct: 13, draft: 10, cancelled_hold: 5, cancelled_confirmed: 5 };
export const FATES_LAST_WEEK: Partial<Record<Fate, number>> = { hold_renewed: 12, hold_lapsed: 18, confirmed: 35, confirmed_direct: 15, expired: 10, cancelled_hold: 4, cancelled_confirmed: 3, draft: 3 };
export const FATES_OLDER: Partial<Record<Fate, number>> = { confirmed: 45, confirmed_direct: 30, expired: 9, cancelled_hold: 4, cancelled_confirmed: 5, draft: 1 };

export const PRODUCTS = ["品牌形象", "新品上市", "春季促销", "夏季促销", "国庆促销", "双十一促销", "年货节", "门店开业", "周年庆", "招生宣传", "招聘", "新楼盘开盘", "新车上市", "存款业务", "理财产品", "春茶上市", "农产品展销", "乡村旅游", "民宿推广", "会员招募"];
export const PUBLIC_PRODUCTS = ["文明城市创建", "垃圾分类", "反诈宣传", "安全生产月", "防汛防台", "森林防火", "禁毒宣传", "移风易俗", "全民健身", "乡村振兴", "医保政策", "征兵宣传"];
export const REGULATED: Record<Exclude<AdCategory, "general">, [weight: number, products: string[], prefix: string]> = {
  health_food: [35, ["蛋白粉", "鱼油软胶囊", "灵芝孢子粉", "维生素C咀嚼片"], "浙食健广审（文）第"],
  medical: [30, ["口腔种植牙", "白内障复明工程", "中医理疗", "体检套餐"], "浙医广〔"],
  drug: [15, ["感冒灵颗粒", "板蓝根颗粒", "复方丹参片"], "浙药广审（文）第"],
  medical_device: [10, ["助听器", "血糖仪", "电子血压计"], "浙械广审（文）第"],
  pesticide: [5, ["水稻除草剂", "杀虫剂"], "浙农药广审〔"],
  veterinary_drug: [5, ["猪用疫苗", "禽用驱虫药"], "浙兽药广审〔"],
};
export const VERSIONS = ["主画面", "A版", "B版", "节日版", "终版", "第二版"];
export const TERMS = ["合同签订后5个工作日内支付50%，上刊后支付余款", "上刊后30日内一次付清", "月结，次月10日前付清上月费用", "预付全款后安排上刊", "按季度结算", ""];
export const CANCEL_REASONS = ["客户预算调整，取消投放", "客户改投其他媒体", "活动延期，待定后重新下单", "画面未通过审核", "点位施工，无法按期上画", "重复下单", "客户未按约定付款", "客户产品未获批准文号", "档期与客户活动不符"];
export const DISCOUNTS: Record<string, number> = { "0": 25, "500": 10, "1000": 15, "1500": 10, "2000": 15, "2500": 5, "3000": 12, "4000": 5, "5000": 3 };
export const DAYPARTS: Record<Daypart, number> = { special: 20, a: 45, b: 35 };
export const SPOT_SECONDS = [5, 10, 15, 15, 15, 30];

export interface UnitInfo {
  index: number;
  row: Unit;
  cards: RateCard[];
  sell: SellabilityInput;
}

/** Per unit per day: capacity taken by confirmed lines and by every hold, lapsed or not. */
export class Occupancy {
  readonly used: Int32Array;
  constructor(units: number, readonly base: number, readonly days: number) {
    this.used = new Int32Array(units * days);
  }
  fits(unit: UnitInfo, from: number, to: number, use: number): boolean {
    if (from < this.base || to >= this.base + this.days) return false;
    const offset = unit.index * this.days - this.base;
    for (let d = from; d <= to; d++) if (this.used[offset + d] + use > unit.row.capacity) return false;
    return true;
  }
  add(unit: UnitInfo, from: number, to: number, use: number): void {
    const offset = unit.index * this.days - this.base;
    for (let d = from; d <= to; d++) this.used[offset + d] += use;
  }
}

export interface DraftLine {
  unit: UnitInfo;
  from: number;
  to: number;
  quantity: number;
  use: number;
  kind: LineKind;
  daypart: Daypart | null;
  seconds: number | null;
  position: "first" | "last" | null;
  list: number;
  price: { list_fen: number; discount_bp: number; net_fen: number; net_fixed: number };
  content: string;
  queued: boolean;
}

export interface DraftOrder {
  createdMs: number;
  fate: Fate;
  client: OrdersCenter["clients"][number];
  ownerId: string;
  title: string;
  product: string;
  adCategory: AdCategory;
  approval: string;
  lines: DraftLine[];
}

export function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function yearsBefore(day: number, years: number): number {
  const { year, month, day: d } = parseDate(fromDayNumber(day));
  const y = year - years;
  return dayNumber(`${y}-${String(month).padStart(2, "0")}-${String(Math.min(d, daysInMonth(y, month))).padStart(2, "0")}`);
}

/** First day of the month after `day` (or `day` itself when it is a first). */
export function monthStartFrom(day: number): number {
  const { year, month, day: d } = parseDate(fromDayNumber(day));
  if (d === 1) return day;
  return dayNumber(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`);
}

export function monthEnd(day: number): number {
  const { year, month } = parseDate(fromDayNumber(day));
  return dayNumber(`${year}-${String(month).padStart(2, "0")}-${daysInMonth(year, month)}`);
}

/** Rate cards as the quote takes them. The first card is stretched back over the years before it began, so old lines price too. */
export function cardsByUnit(inventory: InventoryRows): Map<string, RateCard[]> {
  const spot = new Map<string, RateCard["spotPrices"]>();
  for (const p of inventory.spotPrices) {
    let list = spot.get(p.rate_card_id);
    if (!list) spot.set(p.rate_card_id, (list = []));
    list.push({ daypart: p.daypart, seconds: p.seconds, priceFen: p.price_fen });
  }
  const byUnit = new Map<string, RateCard[]>();
  for (const c of inventory.rateCards) {
    let list = byUnit.get(c.unit_id);
    if (!list) byUnit.set(c.unit_id, (list = []));
    list.push({ id: c.id, effectiveFrom: c.effective_from, basis: c.basis, priceFen: c.price_fen, spotPrices: spot.get(c.id) ?? [], minDays: c.min_days, surchargeFirstBp: c.surcharge_first_bp, surchargeLastBp: c.surcharge_last_bp });
  }
  for (const list of byUnit.values()) {
    list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    list[0] = { ...list[0], effectiveFrom: "2000-01-01" };
  }
  return byUnit;
}

export function approvalNumber(rng: Rng, category: AdCategory, year: number): string {
  if (category === "general") return "";
  const prefix = REGULATED[category][2];
  return prefix.endsWith("〔") ? `${prefix}${year}〕第${rng.digits(4)}号` : `${prefix}${year}${rng.digits(6)}号`;
}
