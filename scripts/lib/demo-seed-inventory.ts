// The demo centers' inventory: outdoor sites with permits and leases, every medium's units and their
// rate cards. Sites, units and permits are written directly (one transaction, no audit trail for
// seed data), but every value first goes through the same schemas as the forms, and rate cards
// through the form parser and insertRateCard, so the demo never shows a row the app would refuse.
// Dates are relative to the day of seeding, so expiring permits and leases look current.
import type { AppDb } from "../../db/connection";
import { type Executor, writeTransaction } from "../../db/dialect";
import { newId } from "../../db/ids";
import type { Daypart, FacilityType, Lease, Medium, Permit, Site, Unit, UnitStatus } from "../../db/schema";
import type { Scope } from "../../app/modules/auth/scope";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import { addDays, daysInMonth, parseDate } from "../../app/modules/inventory/calendar-dates";
import { MEDIA, MEDIUM_CODES } from "../../app/modules/inventory/model";
import { DAYPARTS, parseRateCardForm, SPOT_LENGTHS, spotFieldName } from "../../app/modules/inventory/rate-card-form";
import { insertRateCard } from "../../app/modules/inventory/rate-cards.server";
import { formatE6, siteFormSchema } from "../../app/modules/inventory/site-form";
import { unitFormSchema } from "../../app/modules/inventory/unit-form";
import { parseRecord } from "../../app/utils/form";
import { isCalendarDate, nowIso, todayInShanghai } from "../../app/utils/time";

/** One outdoor site: its faces (or one LED screen) are sold at `yuan` per month (LED: per spot per day). */
export interface SiteSpec {
  code: string;
  name: string;
  type: FacilityType;
  district: string;
  address: string;
  size: [widthM: string, heightM: string];
  faces: string[];
  yuan: number;
  traffic: string;
  /** LED only: the spot length S of a 60-second loop. */
  ledSpot?: number;
}

/** A unit without a site (app, WeChat, short video, TV, radio, newspaper), priced per day or by spot table. */
export interface MediaUnitSpec {
  code: string;
  name: string;
  medium: Medium;
  capacity: number;
  /** Per position per day; for TV/radio the 特段 5-second price, the table follows from it. */
  yuan: number;
  notes: string;
}

export interface LeaseSpec {
  lessor: string;
  rentYuan: number;
  years: number;
  endInDays: number;
  terms: string;
}

export interface InventoryPlan {
  /** Centre of each district (degrees × 10⁶), to place its sites around. */
  districts: Record<string, [latE6: number, lonE6: number]>;
  sites: SiteSpec[];
  media: MediaUnitSpec[];
  /** Days from today to the end of a site's current permit, where pinned (negative: lapsed, not renewed). */
  permitEnds: Record<string, number>;
  /** Sites whose current permit replaced an earlier one (the earlier one is kept as history). */
  renewed: string[];
  leases: Record<string, LeaseSpec>;
  maintenance: Record<string, { fromInDays: number; toInDays: number; notes: string }>;
  disabled: Record<string, string>;
  authority: string;
  permitPrefix: string;
}

const LIT: FacilityType[] = ["unipole", "lightbox", "led_screen", "trivision", "bus_shelter", "kiosk"];
const LED_LOOP_SECONDS = 60;
/** TV/radio: 特段 × length from the 5-second price; A段 and B段 as shares of 特段. */
const LENGTH_FACTORS: Record<number, number> = { 5: 1, 10: 1.8, 15: 2.5, 30: 4.5 };
const DAYPART_FACTORS: Record<Daypart, number> = { special: 1, a: 0.6, b: 0.35 };

export interface SeededInventory {
  sites: number;
  units: Record<Medium, number>;
  permits: number;
  leases: number;
  rateCards: number;
}

/** Seeds `plan` into the (new, empty) center of `scope`, in one transaction. */
export async function seedInventory(db: AppDb, scope: Scope, plan: InventoryPlan, today: string = todayInShanghai()): Promise<SeededInventory> {
  const categories = new Map<Medium, string>();
  for (const medium of MEDIUM_CODES) {
    const id = await categoryIdByCode(db, scope, MEDIA[medium].categoryCode);
    if (!id) throw new Error(`示范数据：中心缺少收入类别 ${MEDIA[medium].categoryCode}`);
    categories.set(medium, id);
  }
  return writeTransaction(db, async (trx) => {
    const now = nowIso();
    const siteRows = plan.sites.map((spec, i) => siteRow(scope, plan, spec, i, now));
    if (siteRows.length) await trx.insertInto("sites").values(siteRows).execute();
    const siteIds = new Map(siteRows.map((s) => [s.code, s.id]));

    const permits = plan.sites.flatMap((spec, i) => permitRows(scope, plan, spec, i, siteIds.get(spec.code)!, today, now));
    if (permits.length) await trx.insertInto("permits").values(permits).execute();
    const leases = Object.entries(plan.leases).map(([code, lease]) => leaseRow(scope, siteIds.get(code)!, lease, today, now));
    if (leases.length) await trx.insertInto("leases").values(leases).execute();

    const units: { row: Unit; yuan: number }[] = [];
    for (const spec of plan.sites) {
      const medium: Medium = spec.ledSpot ? "led" : "outdoor_static";
      for (const face of spec.faces) {
        const code = spec.faces.length > 1 || !spec.ledSpot ? `${spec.code}-${faceCode(face)}` : spec.code;
        const name = spec.ledSpot ? spec.name : `${spec.name} ${face}`;
        const raw = { code, name, medium, site_id: siteIds.get(spec.code)!, face: spec.ledSpot ? "" : face, capacity: "", notes: "" };
        const led: Record<string, string> = spec.ledSpot ? { loop_seconds: String(LED_LOOP_SECONDS), spot_seconds: String(spec.ledSpot) } : {};
        units.push({ row: unitRow(scope, plan, { ...raw, ...led }, categories.get(medium)!, today, now), yuan: spec.yuan });
      }
    }
    for (const m of plan.media) {
      const raw = { code: m.code, name: m.name, medium: m.medium, site_id: "", face: "", capacity: String(m.capacity), notes: m.notes };
      units.push({ row: unitRow(scope, plan, raw, categories.get(m.medium)!, today, now), yuan: m.yuan });
    }
    if (units.length) await trx.insertInto("units").values(units.map((u) => u.row)).execute();

    let rateCards = 0;
    for (const { row, yuan } of units) rateCards += await seedRateCards(trx, scope, row, yuan, today);

    const counts = Object.fromEntries(MEDIUM_CODES.map((m) => [m, 0])) as Record<Medium, number>;
    for (const { row } of units) counts[row.medium]++;
    return { sites: siteRows.length, units: counts, permits: permits.length, leases: leases.length, rateCards };
  });
}

/** "A面" → "A"; "整组" → "G" (codes are ASCII). */
function faceCode(face: string): string {
  return /^[A-Z]/.test(face) ? face[0] : "G";
}

function mustParse<T>(what: string, result: { ok: true; value: T } | { ok: false; errors: Partial<Record<string, string>> }): T {
  if (!result.ok) throw new Error(`示范数据 ${what} 不合规：${JSON.stringify(result.errors)}`);
  return result.value;
}

/** Sites spread deterministically around their district's centre (a few hundred metres apart). */
function siteRow(scope: Scope, plan: InventoryPlan, spec: SiteSpec, index: number, now: string): Site {
  const [lat, lon] = plan.districts[spec.district];
  const v = mustParse(
    `点位 ${spec.code}`,
    parseRecord(siteFormSchema, {
      code: spec.code,
      name: spec.name,
      facility_type: spec.type,
      address: spec.address,
      district: spec.district,
      latitude: formatE6(lat + (((index * 7) % 9) - 4) * 2_100),
      longitude: formatE6(lon + (((index * 5) % 9) - 4) * 2_400),
      width_m: spec.size[0],
      height_m: spec.size[1],
      illuminated: LIT.includes(spec.type) ? "1" : "0",
      traffic_notes: spec.traffic,
    }),
  );
  const { latitude, longitude, width_m, height_m, ...rest } = v;
  return { id: newId(), center_id: scope.centerId, ...rest, latitude_e6: latitude, longitude_e6: longitude, width_cm: width_m, height_cm: height_m, created_at: now, updated_at: now };
}

function unitRow(scope: Scope, plan: InventoryPlan, raw: Record<string, string>, categoryId: string, today: string, now: string): Unit {
  const maintenance = plan.maintenance[raw.code];
  const disabled = plan.disabled[raw.code];
  const status: UnitStatus = maintenance ? "maintenance" : disabled ? "disabled" : "available";
  const v = mustParse(
    `广告位 ${raw.code}`,
    parseRecord(unitFormSchema, {
      loop_seconds: "",
      spot_seconds: "",
      ...raw,
      category_id: categoryId,
      status,
      maintenance_from: maintenance ? addDays(today, maintenance.fromInDays) : "",
      maintenance_to: maintenance ? addDays(today, maintenance.toInDays) : "",
      notes: maintenance?.notes ?? disabled ?? raw.notes,
    }),
  );
  return { id: newId(), center_id: scope.centerId, ...v, archived: 0, created_at: now, updated_at: now };
}

/** The same day `years` earlier (29 Feb → 28 Feb). */
function yearsBefore(date: string, years: number): string {
  const { year, month, day } = parseDate(date);
  const y = year - years;
  return `${y}-${String(month).padStart(2, "0")}-${String(Math.min(day, daysInMonth(y, month))).padStart(2, "0")}`;
}

function checkedTerm(what: string, start: string, end: string): { start_date: string; end_date: string } {
  if (!isCalendarDate(start) || !isCalendarDate(end) || start > end) throw new Error(`示范数据 ${what} 的起止日期不合规：${start}–${end}`);
  return { start_date: start, end_date: end };
}

/**
 * Terms of one to three years (LED five); end dates spread over the next two years unless the plan
 * pins one (expiring soon, or lapsed). A renewed site keeps its previous permit as history.
 */
function permitRows(scope: Scope, plan: InventoryPlan, spec: SiteSpec, index: number, siteId: string, today: string, now: string): Permit[] {
  const end = addDays(today, plan.permitEnds[spec.code] ?? 120 + ((index * 53) % 600));
  // Long enough to have begun by today, else the site is unsellable with no lapsed permit to say why.
  let years = spec.ledSpot ? 5 : 1 + (index % 3);
  while (addDays(yearsBefore(end, years), 1) > today) years += 1;
  const start = addDays(yearsBefore(end, years), 1);
  const terms = [checkedTerm(`许可 ${spec.code}`, start, end)];
  if (plan.renewed.includes(spec.code)) terms.unshift(checkedTerm(`许可 ${spec.code}`, yearsBefore(start, years), addDays(start, -1)));
  return terms.map((term, k) => ({
    id: newId(),
    center_id: scope.centerId,
    site_id: siteId,
    number: `${plan.permitPrefix}〔${term.start_date.slice(0, 4)}〕${String(101 + index * 2 + k).padStart(3, "0")}号`,
    authority: plan.authority,
    ...term,
    created_at: now,
    updated_at: now,
  }));
}

function leaseRow(scope: Scope, siteId: string, lease: LeaseSpec, today: string, now: string): Lease {
  const end = addDays(today, lease.endInDays);
  const term = checkedTerm(`租约 ${lease.lessor}`, addDays(yearsBefore(end, lease.years), 1), end);
  return {
    id: newId(),
    center_id: scope.centerId,
    site_id: siteId,
    lessor: lease.lessor,
    annual_rent_fen: lease.rentYuan * 100, // MONEY: whole yuan in the plan, fen in the database
    ...term,
    payment_terms: lease.terms,
    created_at: now,
    updated_at: now,
  };
}

/** First day of the month `date` falls in. */
function monthStart(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/** Rounds yuan to a price a rate card would print (tens below ¥1,000, hundreds above). */
function listPrice(yuan: number): number {
  const step = yuan >= 1000 ? 100 : 10;
  return Math.max(step, Math.round(yuan / step) * step);
}

/** A card from 25 months ago (15 % cheaper, for the history); outdoor, LED, TV and radio one a year ago (10 % cheaper) and the current from last month; others the current from a year ago. */
async function seedRateCards(trx: Executor, scope: Scope, unit: Unit, yuan: number, today: string): Promise<number> {
  const older = monthStart(addDays(today, -365));
  const current = monthStart(addDays(today, -30));
  const history = unit.medium === "outdoor_static" || unit.medium === "led" || unit.medium === "tv" || unit.medium === "radio";
  const oldest = monthStart(addDays(today, -760));
  const cards: [string, number][] = history ? [[oldest, listPrice(yuan * 0.85)], [older, listPrice(yuan * 0.9)], [current, yuan]] : [[oldest, listPrice(yuan * 0.85)], [older, yuan]];
  for (const [from, price] of cards) {
    const form = new FormData();
    form.set("effective_from", from);
    if (unit.medium === "tv" || unit.medium === "radio") {
      // Broadcast practice: 正一 +20 %, 倒一 +15 %, at least 7 days.
      for (const [field, value] of [["basis", "spot"], ["min_days", "7"], ["surcharge_first", "20"], ["surcharge_last", "15"]]) form.set(field, value);
      for (const daypart of DAYPARTS) {
        for (const seconds of SPOT_LENGTHS) form.set(spotFieldName(daypart, seconds), String(listPrice(price * LENGTH_FACTORS[seconds] * DAYPART_FACTORS[daypart])));
      }
    } else {
      form.set("basis", unit.medium === "outdoor_static" ? "month" : "day");
      form.set("price", String(price));
      form.set("min_days", unit.medium === "led" ? "7" : "");
    }
    const input = mustParse(`刊例价 ${unit.code}`, parseRateCardForm(form));
    const saved = await insertRateCard(trx, scope, unit.id, input);
    if (!saved.ok) throw new Error(`示范数据：刊例价 ${unit.code} 未写入`);
  }
  return cards.length;
}

// ---- The plans ---------------------------------------------------------------------------------

/** [code (district prefix), type, name, address in the district, "W×H" metres, faces "AB" / "G" (整组) or LED spot seconds, ¥, traffic]. */
type SiteTuple = [code: string, type: FacilityType, name: string, address: string, size: string, facesOrSpot: string, yuan: number, traffic: string];

function siteSpecs(county: string, districts: Record<string, string>, rows: SiteTuple[]): SiteSpec[] {
  return rows.map(([code, type, name, address, size, faces, yuan, traffic]) => {
    const district = districts[code.split("-")[0]];
    const [w, h] = size.split("×");
    const led = type === "led_screen";
    return {
      code,
      name: `${district}${name}`,
      type,
      district,
      address: `${county}${district}${address}`,
      size: [w, h],
      faces: led ? [""] : faces === "G" ? ["整组"] : [...faces].map((f) => `${f}面`),
      yuan,
      traffic,
      ledSpot: led ? Number(faces) : undefined,
    };
  });
}

const DEMO_DISTRICTS: Record<string, string> = { CG: "城关镇", DK: "东坑镇", LL: "柳林镇", XA: "西岙镇", XT: "新塘乡", SQ: "双桥镇", DX: "大溪镇" };

const DEMO_SITES: SiteTuple[] = [
  ["CG-DLZ01", "unipole", "104国道城北入口单立柱", "104国道城北收费站出口东侧", "18×6", "ABC", 18000, "进城主干道，日车流约3.2万辆，三面可视"],
  ["CG-DLZ02", "unipole", "环城北路高架桥东单立柱", "环城北路与建设路交叉口东50米", "18×6", "AB", 16000, "城区环线，双向六车道"],
  ["DK-DLZ01", "unipole", "东坑互通出口单立柱", "杭金衢高速东坑互通出口", "18×6", "ABC", 15000, "高速互通出口，下匝道车辆正对A面"],
  ["LL-DLZ01", "unipole", "省道柳林段单立柱", "03省道柳林段K42处", "15×5", "AB", 12000, "省道过境车流，货车较多"],
  ["XA-DLZ01", "unipole", "工业园区入口单立柱", "西岙工业园区纬一路口", "12×4", "AB", 9000, "园区上下班高峰人车集中"],
  ["XT-DLZ01", "unipole", "新塘大桥南单立柱", "新塘大桥南桥头", "12×4", "AB", 8000, "跨江大桥南引道"],
  ["SQ-DLZ01", "unipole", "高速口单立柱", "双桥高速出口连接线", "18×6", "AB", 14000, "高速出口连接线，视线开阔"],
  ["CG-QT01", "wall", "人民路百货大楼东墙", "人民路88号百货大楼东立面", "10×5", "A", 8000, "商业中心，步行人流密集"],
  ["CG-QT02", "wall", "解放路农贸市场外墙", "解放路126号农贸市场北墙", "15×6", "A", 9000, "早市人流，周边居民区"],
  ["DK-QT01", "wall", "商贸城北墙", "东坑商贸城北立面", "10×5", "A", 6000, "小商品批发，周末客流大"],
  ["LL-QT01", "wall", "汽车站候车楼外墙", "柳林汽车站候车楼西墙", "8×4", "A", 5000, "客运站进出旅客"],
  ["DX-QT01", "wall", "老街入口墙体", "大溪老街牌坊北侧", "6×3", "A", 3000, "旅游老街，节假日游客多"],
  ["XT-QT01", "wall", "乡政府对面墙体", "新塘乡新塘街21号", "8×4", "A", 3500, "乡集镇中心"],
  ["CG-DX01", "lightbox", "步行街灯箱", "人民路步行街中段", "1.2×1.8", "AB", 3000, "步行街，夜间客流为主"],
  ["CG-DX02", "lightbox", "文化广场灯箱", "文化广场西入口", "1.5×2", "AB", 3200, "广场晨练与夜间活动人群"],
  ["CG-DX03", "lightbox", "县人民医院门口灯箱", "健康路1号县人民医院南门", "1.2×1.8", "AB", 3000, "就诊人流，全天稳定"],
  ["DK-DX01", "lightbox", "东坑中学路灯箱", "东坑镇学府路东坑中学门口", "1.2×1.8", "AB", 3000, "学校门口，接送家长集中"],
  ["XA-DX01", "lightbox", "街心公园灯箱", "西岙镇中心街街心公园", "1.2×1.8", "AB", 3000, "镇区居民休闲"],
  ["CG-SMF01", "trivision", "县政府广场三面翻", "府前路县政府广场东侧", "6×3", "AB", 8000, "政务中心周边，车流人流兼有"],
  ["CG-SMF02", "trivision", "滨江路三面翻", "滨江路与中山路交叉口", "9×4", "AB", 9000, "滨江景观带，夜间亮化"],
  ["LL-SMF01", "trivision", "柳林大道三面翻", "柳林大道中段", "6×3", "AB", 6000, "镇区主干道"],
  ["CG-HCT01", "bus_shelter", "人民路站公交候车亭", "人民路公交站（往汽车南站方向）", "1.2×1.8", "AB", 3500, "公交1、3、5路停靠"],
  ["CG-HCT02", "bus_shelter", "县一中站公交候车亭", "学府路县第一中学站", "1.2×1.8", "AB", 3500, "公交2、6路停靠，学生为主"],
  ["CG-HCT03", "bus_shelter", "汽车南站公交候车亭", "汽车南站公交首末站", "1.2×1.8", "AB", 3800, "首末站，候车时间长"],
  ["DK-HCT01", "bus_shelter", "镇政府站公交候车亭", "东坑镇政府站", "1.2×1.8", "AB", 3000, "城乡公交停靠"],
  ["SQ-HCT01", "bus_shelter", "中心站公交候车亭", "双桥镇中心站", "1.2×1.8", "AB", 3000, "城乡公交停靠"],
  ["CG-BKT01", "kiosk", "人民路报刊亭", "人民路与新华路口东北角", "1.5×1", "AB", 3000, "十字路口，行人等灯"],
  ["CG-BKT02", "kiosk", "新华路报刊亭", "新华路邮政大楼前", "1.5×1", "AB", 3000, "邮政、银行网点集中"],
  ["LL-BKT01", "kiosk", "菜场报刊亭", "柳林农贸市场东门", "1.5×1", "AB", 3000, "菜场早市"],
  ["CG-DQ01", "street_flag", "府前路道旗（40杆）", "府前路全段", "0.8×2.4", "G", 12000, "政务礼仪大道，适合形象宣传"],
  ["DK-DQ01", "street_flag", "东坑大道道旗（30杆）", "东坑大道全段", "0.8×2.4", "G", 9000, "镇区主干道"],
  ["CG-WD01", "hoarding", "城东新区安置房工地围挡", "城东新区安置房项目南侧", "50×2.5", "AB", 6000, "新区道路，施工期约两年"],
  ["XA-WD01", "hoarding", "污水处理厂工地围挡", "西岙镇污水处理厂扩建工地", "30×2.5", "AB", 4000, "园区道路"],
  ["CG-LED01", "led_screen", "人民广场LED大屏", "人民广场北侧商业楼顶", "12×6.75", "5", 300, "县城核心商圈，18:00–22:00 人流高峰"],
  ["DK-LED01", "led_screen", "商贸城LED屏", "东坑商贸城正门上方", "8×4.5", "10", 260, "商贸城进出客流"],
  ["LL-LED01", "led_screen", "汽车站LED屏", "柳林汽车站广场", "6×3.5", "15", 240, "候车旅客"],
];

const DEMO_MEDIA: MediaUnitSpec[] = [
  { code: "APP-KP", name: "“掌上示范”客户端 开屏", medium: "app_splash", capacity: 5, yuan: 1200, notes: "每天 5 个轮播位，3 秒静态或 5 秒视频" },
  { code: "APP-BN1", name: "“掌上示范”客户端 首页通栏", medium: "app_banner", capacity: 3, yuan: 500, notes: "首页第 3 屏通栏，3 个轮播位" },
  { code: "APP-BN2", name: "“掌上示范”客户端 详情页底部通栏", medium: "app_banner", capacity: 3, yuan: 300, notes: "" },
  { code: "WX-TT", name: "“示范发布”公众号 头条", medium: "wechat_headline", capacity: 1, yuan: 3000, notes: "每天一期，头条一篇" },
  { code: "WX-CT", name: "“示范发布”公众号 次条", medium: "wechat_secondary", capacity: 4, yuan: 800, notes: "第 2 至 5 条" },
  { code: "DSP-DY", name: "抖音号“示范融媒” 定制短视频", medium: "short_video", capacity: 2, yuan: 2500, notes: "含拍摄剪辑，每天最多 2 条" },
  { code: "DSP-SPH", name: "视频号“示范发布” 短视频", medium: "short_video", capacity: 2, yuan: 1500, notes: "" },
  { code: "TV-HJ", name: "电视 新闻综合频道 黄金时段", medium: "tv", capacity: 600, yuan: 150, notes: "18:30–22:00，每天 600 秒" },
  { code: "TV-QT", name: "电视 新闻综合频道 全天插播", medium: "tv", capacity: 1200, yuan: 90, notes: "07:00–24:00，每天 1200 秒" },
  { code: "FM-GF", name: "广播 FM96.8 交通音乐频率 早晚高峰", medium: "radio", capacity: 600, yuan: 40, notes: "07:00–09:00、17:00–19:00" },
  { code: "FM-QT", name: "广播 FM96.8 交通音乐频率 全天插播", medium: "radio", capacity: 900, yuan: 25, notes: "" },
  { code: "BZ-BB", name: "《示范报》 半版", medium: "newspaper", capacity: 1, yuan: 6000, notes: "周二、周五出版，按期计价" },
  { code: "BZ-ZB", name: "《示范报》 整版", medium: "newspaper", capacity: 1, yuan: 10000, notes: "" },
];

/** 示范县融媒体中心: 36 sites (60 static faces, 3 LED screens) and every other medium. */
export const DEMO_INVENTORY: InventoryPlan = {
  districts: {
    城关镇: [29_800_000, 120_500_000], 东坑镇: [29_835_000, 120_560_000], 柳林镇: [29_760_000, 120_445_000], 西岙镇: [29_815_000, 120_420_000],
    新塘乡: [29_745_000, 120_575_000], 双桥镇: [29_870_000, 120_480_000], 大溪镇: [29_720_000, 120_510_000],
  },
  sites: siteSpecs("示范县", DEMO_DISTRICTS, DEMO_SITES),
  media: DEMO_MEDIA,
  // Two permits end within 30 days, two within 60, one within 90; one has lapsed.
  permitEnds: { "CG-DX03": 12, "XT-QT01": 26, "DK-HCT01": 45, "SQ-DLZ01": 58, "LL-SMF01": 75, "XA-WD01": -20 },
  renewed: ["CG-DLZ01", "CG-LED01", "CG-QT01"],
  leases: {
    "CG-DLZ01": { lessor: "城关镇城北村股份经济合作社", rentYuan: 50000, years: 5, endInDays: 900, terms: "每年1月10日前支付当年租金" },
    "DK-DLZ01": { lessor: "东坑镇东坑村股份经济合作社", rentYuan: 40000, years: 3, endInDays: 30, terms: "每年1月10日前支付当年租金" },
    "LL-DLZ01": { lessor: "柳林镇柳林村村民委员会", rentYuan: 30000, years: 3, endInDays: 300, terms: "半年付，1月、7月各付一半" },
    "CG-QT01": { lessor: "示范县百货大楼有限公司", rentYuan: 36000, years: 3, endInDays: 400, terms: "季度付，先付后用" },
    "CG-QT02": { lessor: "示范县农贸市场管理服务中心", rentYuan: 30000, years: 2, endInDays: 60, terms: "每年3月底前付清" },
    "DK-QT01": { lessor: "东坑商贸城物业管理有限公司", rentYuan: 24000, years: 3, endInDays: 200, terms: "半年付，先付后用" },
    "LL-QT01": { lessor: "示范县交通运输集团有限公司", rentYuan: 18000, years: 2, endInDays: 85, terms: "每年1月支付" },
    "DX-QT01": { lessor: "大溪镇大溪村股份经济合作社", rentYuan: 6000, years: 5, endInDays: 500, terms: "一次性支付五年租金" },
    "XT-QT01": { lessor: "新塘乡新塘村村民委员会", rentYuan: 8000, years: 3, endInDays: 700, terms: "每年1月支付" },
    "CG-HCT01": { lessor: "示范县公共交通有限公司", rentYuan: 20000, years: 3, endInDays: 250, terms: "按年支付，含候车亭日常保洁" },
  },
  maintenance: {
    "CG-DLZ02-B": { fromInDays: -2, toInDays: 12, notes: "钢结构年检及画面更换" },
    "CG-HCT02-A": { fromInDays: 3, toInDays: 10, notes: "灯箱玻璃破损，待更换" },
  },
  disabled: { "LL-BKT01-B": "报刊亭侧面被新建雨棚遮挡，暂停销售" },
  authority: "示范县综合行政执法局",
  permitPrefix: "示综执户许",
};

/** 小河县融媒体中心: two sites, three faces, so isolation can be tried by hand. */
export const SMALL_INVENTORY: InventoryPlan = {
  districts: { 小河镇: [30_120_000, 119_900_000] },
  sites: siteSpecs("小河县", { XH: "小河镇" }, [
    ["XH-DLZ01", "unipole", "入城口单立柱", "小河大道入城口", "12×4", "AB", 7000, "入城主干道"],
    ["XH-QT01", "wall", "供销大楼外墙", "小河街1号供销大楼东墙", "8×4", "A", 3000, "镇区中心"],
  ]),
  media: [], permitEnds: {}, renewed: [], leases: {}, maintenance: {}, disabled: {},
  authority: "小河县综合行政执法局",
  permitPrefix: "小综执户许",
};
