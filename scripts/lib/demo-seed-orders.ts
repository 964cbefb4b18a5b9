// The demo center's bookings around today, made as its sales user through the real booking
// service (createOrder, cancelOrder), so they are priced from the rate cards, checked against
// capacity, numbered and recorded exactly as a person's would be. What a first look should show:
// campaigns running now, upcoming confirmed ones, live holds, a second hold queued behind a full
// face, a cancellation, a bonus line, a regulated ad waiting for its approval number, TV and radio
// spots, a public-service order, a finished order from last month and a draft; and the demo
// events (活动) with their sponsors.
import type { AppDb } from "../../db/connection";
import type { AdCategory } from "../../db/schema";
import type { Scope } from "../../app/modules/auth/scope";
import type { LineInput } from "../../app/modules/booking/lines.server";
import { type BookingIntent, cancelOrder, createOrder } from "../../app/modules/booking/orders.server";
import { addDays, daysInMonth, parseDate } from "../../app/modules/inventory/calendar-dates";
import { seedDemoEvents } from "../../app/modules/events/demo";
import { nowIso, todayInShanghai } from "../../app/utils/time";

type LineSpec = [unitCode: string, from: string, to: string, more?: Partial<Omit<LineInput, "unitId" | "startDate" | "endDate">>];

interface OrderSpec {
  client: string;
  title: string;
  product: string;
  adCategory?: AdCategory;
  approvalNumber?: string;
  terms?: string;
  intent: BookingIntent;
  queueIfFull?: boolean;
  lines: LineSpec[];
  /** Cancelled right after booking, with this reason. */
  cancel?: string;
}

function monthStart(date: string): string {
  return `${date.slice(0, 8)}01`;
}

function monthEnd(date: string): string {
  const { year, month } = parseDate(date);
  return `${date.slice(0, 8)}${String(daysInMonth(year, month)).padStart(2, "0")}`;
}

/** The first day after `date` that falls on `weekday` (0 = Sunday); the paper comes out on Tuesdays and Fridays. */
function nextWeekday(date: string, weekday: number): string {
  let day = addDays(date, 1);
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== weekday) day = addDays(day, 1);
  return day;
}

const TERMS = "合同签订后5个工作日内支付50%，上刊后支付余款";

function plan(today: string): OrderSpec[] {
  const next = monthStart(addDays(monthEnd(today), 1));
  const nextEnd = monthEnd(next);
  const last = monthStart(addDays(monthStart(today), -1));
  const d = (days: number) => addDays(today, days);
  return [
    {
      client: "示范县农商银行", title: "农商银行存款业务户外投放", product: "“丰收”定期存款", intent: "confirm", terms: TERMS,
      lines: [["CG-DLZ01-A", d(-12), d(17), { deal: { discountBp: 1500 }, content: "画面：丰收存款 主画面" }], ["CG-DLZ01-B", d(-12), d(17), { deal: { discountBp: 1500 }, content: "画面：丰收存款 主画面" }]],
    },
    {
      client: "星河房地产开发有限公司", title: "星河湾二期开盘", product: "星河湾二期", intent: "confirm", terms: TERMS,
      lines: [["CG-LED01", d(-5), d(9), { quantity: 2, deal: { discountBp: 1000 }, content: "15秒开盘视频" }], ["APP-BN1", d(-5), d(9), { deal: { netFen: 600_000 }, content: "首页通栏：开盘倒计时" }]],
    },
    {
      client: "示范县市场监督管理局", title: "反诈宣传月", product: "反诈宣传", intent: "confirm",
      lines: [["CG-DQ01-G", d(-3), d(11), { kind: "public_service", content: "道旗：全民反诈 守护钱袋" }], ["WX-CT", d(1), d(3), { kind: "public_service", content: "推文：识破电信诈骗十种套路" }]],
    },
    {
      client: "浙东汽车销售服务有限公司", title: "新车上市整合推广", product: "新款SUV", intent: "confirm", terms: TERMS,
      lines: [
        ["CG-SMF02-A", next, nextEnd, { deal: { discountBp: 2000 }, content: "画面：新车上市" }],
        ["CG-SMF02-B", next, nextEnd, { deal: { discountBp: 2000 }, content: "画面：新车上市" }],
        ["DK-LED01", next, addDays(next, 13), { content: "10秒新车视频" }],
        ["WX-CT", addDays(next, 1), addDays(next, 1), { kind: "bonus", content: "配送推文：新车到店试驾" }],
      ],
    },
    {
      client: "青山茶业有限公司", title: "春茶上市广电投放", product: "青山龙井", intent: "confirm", terms: "播出前付清",
      lines: [
        ["TV-HJ", d(3), d(16), { quantity: 2, daypart: "special", seconds: 15, position: "first", content: "15秒广告片《青山龙井》" }],
        ["FM-GF", d(3), d(16), { quantity: 3, daypart: "a", seconds: 10, deal: { discountBp: 2000 }, content: "10秒口播：青山龙井新茶上市" }],
      ],
    },
    {
      client: "示范县人民医院", title: "健康体检套餐推广", product: "职工健康体检套餐", adCategory: "medical", approvalNumber: "（浙）医广【2026】第03-18-021号", intent: "confirm",
      lines: [["CG-HCT03-A", d(5), d(18), { content: "画面：体检套餐" }], ["CG-HCT03-B", d(5), d(18), { content: "画面：体检套餐" }]],
    },
    {
      client: "星河房地产开发有限公司", title: "星河湾二期报纸广告", product: "星河湾二期", intent: "confirm",
      lines: [["BZ-BB", nextWeekday(today, 2), nextWeekday(today, 2), { deal: { discountBp: 3000 }, content: "半版：星河湾二期开盘" }]],
    },
    {
      client: "示范县农商银行", title: "农商银行手机银行推广", product: "手机银行", intent: "confirm",
      lines: [["CG-QT01-A", last, monthEnd(last), { content: "墙体：手机银行 扫码有礼" }]],
    },
    {
      client: "之江广告传媒有限公司", title: "代理客户户外预留", product: "品牌形象", intent: "hold",
      lines: [["CG-QT02-A", next, nextEnd, { content: "画面待定" }], ["CG-DX02-A", next, nextEnd, { content: "画面待定" }]],
    },
    {
      client: "示范县自来水有限公司", title: "节约用水宣传", product: "节约用水", intent: "hold", queueIfFull: true,
      lines: [["CG-QT02-A", next, nextEnd, { content: "画面：节约用水 从我做起" }]],
    },
    {
      client: "之江广告传媒有限公司", title: "保健食品新品推广", product: "青山牌蛋白粉", adCategory: "health_food", intent: "hold",
      lines: [["APP-KP", d(7), d(13), { content: "开屏：蛋白粉新品" }], ["CG-DX01-A", d(7), d(20), { content: "灯箱：蛋白粉新品" }]],
    },
    {
      client: "浙东汽车销售服务有限公司", title: "周末试驾短视频", product: "新款SUV", intent: "hold",
      lines: [["DSP-DY", d(6), d(7), { content: "定制短视频：周末试驾会" }]],
    },
    {
      client: "示范县第一中学", title: "秋季招生宣传", product: "招生宣传", intent: "confirm",
      lines: [["CG-BKT01-A", d(10), d(23), { content: "画面：招生简章" }]],
      cancel: "学校调整招生计划，取消投放",
    },
    {
      client: "示范县文化和旅游局", title: "乡村旅游节预热", product: "乡村旅游节", intent: "confirm",
      lines: [["WX-TT", d(2), d(2), { content: "头条：乡村旅游节攻略" }], ["APP-KP", d(2), d(4), { content: "开屏：乡村旅游节" }]],
    },
    {
      client: "示范县教育局", title: "教师招聘公告", product: "教师招聘", intent: "draft",
      lines: [["WX-CT", d(8), d(8), { content: "推文：教师招聘公告" }]],
    },
  ];
}

export interface SeededOrders {
  orders: number;
  queued: number;
  cancelled: number;
}

/** Books the plan as `salesId`, with `now` the current instant; fails loudly if the app refuses a line. */
export async function seedDemoOrders(db: AppDb, centerId: string, salesId: string, now: string = nowIso()): Promise<SeededOrders> {
  const today = todayInShanghai(new Date(now));
  const scope: Scope = { centerId, userId: salesId, role: "sales" };
  const units = new Map((await db.selectFrom("units").select(["id", "code"]).where("center_id", "=", centerId).execute()).map((u) => [u.code, u.id]));
  const clients = new Map((await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", centerId).execute()).map((c) => [c.name, c.id]));
  const result: SeededOrders = { orders: 0, queued: 0, cancelled: 0 };
  for (const [i, spec] of plan(today).entries()) {
    const lines: LineInput[] = spec.lines.map(([code, from, to, more]) => {
      const unitId = units.get(code);
      if (!unitId) throw new Error(`示范数据：找不到广告位 ${code}`);
      return { unitId, startDate: from, endDate: to, quantity: 1, kind: "paid", daypart: null, seconds: null, position: null, deal: { discountBp: 0 }, content: "", ...more };
    });
    const clientId = clients.get(spec.client);
    if (!clientId) throw new Error(`示范数据：找不到客户 ${spec.client}`);
    const booked = await createOrder(db, scope, {
      header: { clientId, title: spec.title, product: spec.product, adCategory: spec.adCategory ?? "general", approvalNumber: spec.approvalNumber ?? "", terms: spec.terms ?? "" },
      lines,
      intent: spec.intent,
      queueIfFull: spec.queueIfFull ?? false,
      idempotencyKey: `demo-seed-${i + 1}`,
    }, now);
    if (!booked.ok) throw new Error(`示范数据：订单“${spec.title}”未能下单：${booked.message}${booked.lineErrors ? ` ${JSON.stringify(booked.lineErrors)}` : ""}`);
    result.orders += 1;
    result.queued += booked.queued ?? 0;
    if (spec.cancel) {
      const cancelled = await cancelOrder(db, scope, booked.id, spec.cancel, now);
      if (!cancelled.ok) throw new Error(`示范数据：订单“${spec.title}”未能取消：${cancelled.message}`);
      result.cancelled += 1;
    }
  }
  return result;
}

/** The demo center's orders, then its events, sponsored by its companies and run by sales and the manager. */
export async function seedDemoBookings(db: AppDb, centerId: string, salesId: string, now: string = nowIso()): Promise<SeededOrders & { events: number }> {
  const orders = await seedDemoOrders(db, centerId, salesId, now);
  const clients = await db.selectFrom("clients").select("id").where("center_id", "=", centerId).where("kind", "in", ["enterprise", "agency"]).orderBy("name").execute();
  const owners = await db.selectFrom("users").select("id").where("center_id", "=", centerId).where("role", "in", ["sales", "manager"]).orderBy("role", "desc").execute();
  const events = await seedDemoEvents(db, { centerId, userId: salesId, role: "sales" }, { clientIds: clients.map((c) => c.id), ownerIds: owners.map((o) => o.id), today: todayInShanghai(new Date(now)) });
  return { ...orders, events: events.length };
}
