// The synthetic dataset's events (活动) per center, with their sponsors: galas, fairs, matches,
// live streams and charity days around the dataset's today, drawn from the center's own stream.
import type { Event, EventSponsor, EventType } from "../../db/schema";
import { fromDayNumber } from "../../app/modules/inventory/calendar-dates";
import type { OrdersCenter, OrdersShape } from "./dataset-orders";
import { type Rng, seededId } from "./rng";
import { TOWNS } from "./words";

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dayStartMs = (day: number) => day * DAY_MS - BEIJING_MS;

const EVENT_TYPES: Record<EventType, number> = { gala: 20, expo: 20, match: 20, live: 25, charity: 10, other: 5 };
const EVENT_TITLES: Record<EventType, string[]> = {
  gala: ["春节联欢晚会", "中秋晚会", "元旦跨年晚会", "村晚", "国庆文艺晚会"],
  expo: ["农产品展销会", "茶文化节", "房车博览会", "年货节", "家居建材展"],
  match: ["村BA篮球联赛", "半程马拉松", "广场舞大赛", "少儿才艺大赛", "龙舟赛"],
  live: ["助农直播带货", "非遗直播", "乡村振兴直播", "双十一直播专场", "文旅推介直播"],
  charity: ["公益献血", "爱心助学", "关爱老人公益行", "环保公益跑"],
  other: ["企业开业庆典", "楼盘开盘活动", "车展巡展"],
};
const VENUES = ["大剧院", "体育馆", "会展中心", "融媒体中心演播厅", "人民广场", "文化广场"];
const PACKAGES = ["冠名", "联合主办", "协办", "特约赞助", "展位", "直播间口播", "互动环节冠名"];

/** Events from `firstDay` to 120 days after today; past ones done (or cancelled), later ones planned. */
export function generateEvents(
  rng: Rng,
  center: OrdersCenter,
  shape: OrdersShape,
  at: { firstDay: number; today: number; nowMs: number },
): { events: Event[]; sponsors: EventSponsor[] } {
  const { firstDay, today: TODAY, nowMs: NOW_MS } = at;
  const category = center.inventory.categories.find((c) => c.code === "event");
  const owners = center.users.filter((u) => u.role === "sales" || u.role === "manager").map((u) => u.id);
  const sponsorsFrom = center.clients.filter((c) => c.kind === "enterprise" || c.kind === "agency");
  const events: Event[] = [];
  const sponsors: EventSponsor[] = [];
  if (!category || !owners.length) return { events, sponsors };
  for (let i = 0; i < shape.events; i++) {
    const type = rng.weighted(EVENT_TYPES);
    const day = firstDay + rng.int(TODAY + 120 - firstDay);
    const date = fromDayNumber(day);
    const createdMs = Math.min(NOW_MS - 1, dayStartMs(day - 20 - rng.int(60)) + 10 * 3_600_000);
    const span = type === "expo" ? 1 + rng.int(3) : 0;
    const evening = type === "gala" || type === "live";
    const start = evening ? "19:30" : "09:00";
    const end = evening ? "21:30" : "17:00";
    const past = day < TODAY;
    const status: Event["status"] = past ? (rng.chance(0.9) ? "done" : "cancelled") : rng.chance(0.6) ? "confirmed" : "planning";
    const place = type === "match" || type === "charity" ? `${rng.pick(TOWNS)}镇文化礼堂` : `${center.county}${rng.pick(VENUES)}`;
    const id = seededId(rng, createdMs);
    events.push({
      id, center_id: center.id, title: `${date.slice(0, 4)}年${type === "match" ? rng.pick(TOWNS) : center.county}${rng.pick(EVENT_TITLES[type])}`, type, venue: place,
      starts_at: `${date}T${start}`, ends_at: `${fromDayNumber(day + span)}T${end}`, owner_id: rng.pick(owners), category_id: category.id,
      budget_fen: (50 + rng.int(1950)) * 100_000, status, notes: "", created_at: iso(createdMs), updated_at: iso(createdMs),
    });
    const count = rng.chance(0.1) ? 0 : 1 + rng.int(6);
    const taken = new Set<string>();
    for (let s = 0; s < count && sponsorsFrom.length; s++) {
      const client = rng.pick(sponsorsFrom);
      if (taken.has(client.id)) continue;
      taken.add(client.id);
      sponsors.push({
        id: seededId(rng, createdMs), center_id: center.id, event_id: id, client_id: client.id, package: s === 0 ? "冠名" : rng.pick(PACKAGES),
        amount_fen: (s === 0 ? 50_000 + rng.int(450_000) : 5_000 + rng.int(95_000)) * 100, created_at: iso(createdMs), updated_at: iso(createdMs),
      });
    }
  }
  return { events, sponsors };
}

