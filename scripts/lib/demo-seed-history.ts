// Two years of the demo center's advertising before this month, booked as its sales rep through
// the real booking service on the day each campaign was sold: TV, radio and the paper declining
// month by month (the county's story), outdoor faces and an LED screen sold, given as bonus and
// lent to public-service notices (so occupancy has all its parts). With the technical-service
// contracts rising, the dashboard shows the month technical services overtook traditional ads.
import type { AppDb } from "../../db/connection";
import type { Scope } from "../../app/modules/auth/scope";
import type { LineInput } from "../../app/modules/booking/lines.server";
import { createOrder } from "../../app/modules/booking/orders.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { todayInShanghai } from "../../app/utils/time";

const MONTHS = 24;
const CLIENTS = ["示范县农商银行", "青山茶业有限公司", "星河房地产开发有限公司", "浙东汽车销售服务有限公司", "之江广告传媒有限公司"];

function monthStart(today: string, k: number): string {
  const total = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-01`;
}

/** The first Tuesday on or after `date` (the paper comes out on Tuesdays and Fridays). */
function tuesdayFrom(date: string): string {
  let day = date;
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 2) day = addDays(day, 1);
  return day;
}

type Line = [code: string, from: string, to: string, more: Partial<LineInput>];

/**
 * The campaigns of the month k months before this one (k = 0 … 24) at rate-card prices: the TV and
 * radio flights shorten from four weeks to one over the two years, and the paper's second issue
 * goes after the first year.
 */
function campaigns(first: string, k: number): { title: string; lines: Line[] }[] {
  const d = (n: number) => addDays(first, n);
  const days = Math.max(7, 7 + Math.round((21 * (k - 1)) / (MONTHS - 1)));
  // The paper's issues this month are left for the demo's own orders.
  const issues = k > 12 ? [6, 13] : k > 0 ? [6] : [];
  return [
    {
      title: "电视广播投放",
      lines: [
        ["TV-HJ", d(1), d(days), { quantity: 8, daypart: "special", seconds: 15, content: "15秒品牌形象片" }],
        ["TV-QT", d(1), d(days), { quantity: 8, daypart: "b", seconds: 15, content: "15秒品牌形象片" }],
        ["FM-GF", d(1), d(days), { quantity: 6, daypart: "a", seconds: 10, content: "10秒口播" }],
        ...issues.map((n): Line => ["BZ-BB", tuesdayFrom(d(n)), tuesdayFrom(d(n)), { content: "半版形象广告" }]),
      ],
    },
  ];
}

/** Faces and screens the demo's orders of last month and this one use: the history leaves them free last month. */
const KEPT_FOR_NOW = ["CG-DLZ01-", "CG-QT01-", "CG-DQ01-", "CG-LED01", "DK-LED01"];

interface OutdoorUnit {
  id: string;
  code: string;
  medium: string;
  capacity: number;
}

/**
 * The last year's outdoor sales (the sites' permits cover it): each month about half the static
 * faces sold for the month, a few given as bonus, lent to public-service notices or used for the
 * center's own promotion, and the LED screens' loops about 40 % sold for two to three weeks.
 */
function outdoorMonth(first: string, k: number, units: readonly OutdoorUnit[]): { title: string; lines: LineInput[] }[] {
  const d = (n: number) => addDays(first, n);
  const faces = units.filter((u) => u.medium === "outdoor_static");
  const screens = units.filter((u) => u.medium === "led");
  // A different half each month, so every face is sold some months.
  const turn = (k * 7) % faces.length;
  const rotated = [...faces.slice(turn), ...faces.slice(0, turn)];
  const face = (u: OutdoorUnit, kind: LineInput["kind"], content: string): LineInput => ({
    unitId: u.id, startDate: d(0), endDate: d(27), quantity: 1, kind, daypart: null, seconds: null, position: null, deal: { discountBp: 1000 }, content,
  });
  const cut = (share: number) => Math.round(faces.length * share);
  const paid = rotated.slice(0, cut(0.45));
  const bonus = rotated.slice(cut(0.45), cut(0.5));
  const publicService = rotated.slice(cut(0.5), cut(0.56));
  const internal = rotated.slice(cut(0.56), cut(0.6));
  const groups = (list: OutdoorUnit[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
  return [
    ...groups(paid, 6).map((g, i) => ({ title: `户外画面投放（${i + 1}）`, lines: [...g.map((u) => face(u, "paid", "品牌主画面")), ...(i === 0 ? bonus.map((u) => face(u, "bonus", "配送画面")) : [])] })),
    { title: "公益与自用画面", lines: [...publicService.map((u) => face(u, "public_service", "公益：文明城市创建")), ...internal.map((u) => face(u, "internal", "自有栏目宣传"))] },
    {
      title: "LED屏轮播",
      lines: screens.map((u, i) => ({
        unitId: u.id, startDate: d(2 + i), endDate: d(16 + i + (k % 2) * 5), quantity: Math.max(1, Math.floor(u.capacity * 0.4)), kind: "paid" as const,
        daypart: null, seconds: null, position: null, deal: { discountBp: 1500 }, content: "15秒视频",
      })),
    },
  ];
}

/** Books the two years of campaigns; fails loudly if the app refuses one. */
export async function seedDemoHistory(db: AppDb, centerId: string, salesId: string, today: string = todayInShanghai()): Promise<number> {
  const scope: Scope = { centerId, userId: salesId, role: "sales" };
  const units = new Map((await db.selectFrom("units").select(["id", "code"]).where("center_id", "=", centerId).execute()).map((u) => [u.code, u.id]));
  const clients = new Map((await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", centerId).execute()).map((c) => [c.name, c.id]));
  const outdoor = (await db.selectFrom("units").select(["id", "code", "medium", "capacity"]).where("center_id", "=", centerId).where("medium", "in", ["outdoor_static", "led"]).where("archived", "=", 0).where("status", "=", "available").orderBy("code").execute())
    .map((u) => ({ ...u, capacity: Number(u.capacity) }));
  // Faces hold one campaign at a time: last month, those the demo's own orders use are left to them.
  const lastMonthFree = outdoor.filter((u) => u.medium === "led" || !KEPT_FOR_NOW.some((prefix) => u.code.startsWith(prefix)));
  let orders = 0;
  // k = 0 is this month: its TV and radio flight was sold before it began, like every other month's.
  for (let k = MONTHS; k >= 0; k--) {
    const first = monthStart(today, -k);
    // Sold ten days before the month starts, at ten in the morning in Beijing.
    const soldAt = `${addDays(first, -10)}T02:00:00.000Z`;
    for (const [i, campaign] of campaigns(first, k).entries()) {
      const lines: LineInput[] = campaign.lines.map(([code, from, to, more]) => {
        const unitId = units.get(code);
        if (!unitId) throw new Error(`示范数据：找不到广告位 ${code}`);
        return { unitId, startDate: from, endDate: to, quantity: 1, kind: "paid", daypart: null, seconds: null, position: null, deal: { discountBp: 0 }, content: "", ...more };
      });
      orders += await bookAsSold(db, scope, clients, `${first.slice(0, 7)} ${campaign.title}`, lines, `demo-history-${k}-${i}`, soldAt, CLIENTS[(k + i) % CLIENTS.length]);
    }
    if (k >= 1 && k <= 12) {
      for (const [i, campaign] of outdoorMonth(first, k, k === 1 ? lastMonthFree : outdoor).entries()) {
        orders += await bookAsSold(db, scope, clients, `${first.slice(0, 7)} ${campaign.title}`, campaign.lines, `demo-history-outdoor-${k}-${i}`, soldAt, CLIENTS[(k + i) % CLIENTS.length]);
      }
    }
  }
  return orders;
}

/**
 * Books a campaign; a line the app will not sell (a face whose permit had lapsed, a site under
 * maintenance) is left out, as a salesperson would, and the rest booked.
 */
async function bookAsSold(db: AppDb, scope: Scope, clients: Map<string, string>, title: string, lines: LineInput[], key: string, soldAt: string, client: string): Promise<number> {
  let left = lines;
  for (let attempt = 0; attempt < 3 && left.length; attempt++) {
    const booked = await createOrder(db, scope, {
      header: { clientId: clients.get(client)!, title, product: "品牌形象", adCategory: "general", approvalNumber: "", terms: "" },
      lines: left,
      intent: "confirm",
      queueIfFull: false,
      idempotencyKey: `${key}-${attempt}`,
    }, soldAt);
    if (booked.ok) return 1;
    const refused = new Set((booked.lineErrors ?? []).map((e) => e.index));
    const unsellable = booked.conflicts?.map((c) => c.unitId) ?? [];
    if (!refused.size && !unsellable.length) throw new Error(`示范数据：${title} 未能下单：${booked.message}`);
    left = left.filter((l, i) => !refused.has(i) && !unsellable.includes(l.unitId));
  }
  return 0;
}
