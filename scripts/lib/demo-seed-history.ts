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
 * The campaigns of the month k months before this one (k = 1 … 24) at rate-card prices: the TV and
 * radio flights shorten from four weeks to one over the two years, and the paper's second issue
 * goes after the first year.
 */
function campaigns(first: string, k: number): { title: string; lines: Line[] }[] {
  const d = (n: number) => addDays(first, n);
  const days = 7 + Math.round((21 * (k - 1)) / (MONTHS - 1));
  const issues = k > 12 ? [6, 13] : [6];
  const broadcast: { title: string; lines: Line[] }[] = [
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
  // The sites' permits cover the last year: outdoor is sold from then on.
  if (k > 12) return broadcast;
  return [
    ...broadcast,
    {
      title: "户外与LED投放",
      lines: [
        ["CG-DLZ01-A", d(0), d(27), { content: "单立柱主画面" }],
        ["CG-QT02-A", d(0), d(27), { content: "墙体主画面" }],
        ["CG-DLZ02-A", d(14), d(27), { kind: "bonus", content: "配送画面" }],
        ["CG-LED01", d(5), d(18), { quantity: 2, content: "15秒视频" }],
      ],
    },
    { title: "公益广告", lines: [["CG-DX01-A", d(0), d(27), { kind: "public_service", content: "公益：文明城市创建" }]] },
  ];
}

/** Books the two years of campaigns; fails loudly if the app refuses one. */
export async function seedDemoHistory(db: AppDb, centerId: string, salesId: string, today: string = todayInShanghai()): Promise<number> {
  const scope: Scope = { centerId, userId: salesId, role: "sales" };
  const units = new Map((await db.selectFrom("units").select(["id", "code"]).where("center_id", "=", centerId).execute()).map((u) => [u.code, u.id]));
  const clients = new Map((await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", centerId).execute()).map((c) => [c.name, c.id]));
  let orders = 0;
  for (let k = MONTHS; k >= 1; k--) {
    const first = monthStart(today, -k);
    // Sold ten days before the month starts, at ten in the morning in Beijing.
    const soldAt = `${addDays(first, -10)}T02:00:00.000Z`;
    for (const [i, campaign] of campaigns(first, k).entries()) {
      const client = clients.get(CLIENTS[(k + i) % CLIENTS.length])!;
      const lines: LineInput[] = campaign.lines.map(([code, from, to, more]) => {
        const unitId = units.get(code);
        if (!unitId) throw new Error(`示范数据：找不到广告位 ${code}`);
        return { unitId, startDate: from, endDate: to, quantity: 1, kind: "paid", daypart: null, seconds: null, position: null, deal: { discountBp: 0 }, content: "", ...more };
      });
      const booked = await createOrder(db, scope, {
        header: { clientId: client, title: `${first.slice(0, 7)} ${campaign.title}`, product: "品牌形象", adCategory: "general", approvalNumber: "", terms: "" },
        lines,
        intent: "confirm",
        queueIfFull: false,
        idempotencyKey: `demo-history-${k}-${i}`,
      }, soldAt);
      if (!booked.ok) throw new Error(`示范数据：${first.slice(0, 7)} ${campaign.title} 未能下单：${booked.message}${booked.lineErrors ? ` ${JSON.stringify(booked.lineErrors)}` : ""}`);
      orders += 1;
    }
  }
  return orders;
}
