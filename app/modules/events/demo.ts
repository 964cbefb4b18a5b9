// Demo events for `npm start` on an empty database: six events around today, one of each status
// and most types, with sponsors, so the list, the detail page and the calendar have something to show.
import type { AppDb } from "~db/connection";
import { writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { Event, EventSponsor, EventStatus, EventType } from "~db/schema";
import { nowIso } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { categoryIdByCode } from "~/modules/categories/categories.server";
import { addDays } from "~/modules/inventory/calendar-dates";
import { EVENT_CATEGORY_CODE } from "./model";

interface DemoEvent {
  title: string;
  type: EventType;
  venue: string;
  /** Days from today, and the wall-clock start and end. */
  offset: number;
  days: number;
  from: string;
  to: string;
  status: EventStatus;
  budgetYuan: number;
  sponsors: [pkg: string, yuan: number][];
  notes?: string;
  cancelReason?: string;
}

const DEMO_EVENTS: DemoEvent[] = [
  { title: "融媒体中心年度文艺晚会", type: "gala", venue: "县文化中心大剧院", offset: -18, days: 0, from: "19:30", to: "21:45", status: "done", budgetYuan: 180000, sponsors: [["冠名", 100000], ["协办", 30000], ["广告", 12800]] },
  { title: "助农直播带货专场", type: "live", venue: "中心演播厅", offset: 2, days: 0, from: "19:00", to: "22:00", status: "confirmed", budgetYuan: 20000, sponsors: [["特约", 15000]] },
  { title: "全县广场舞大赛", type: "match", venue: "人民广场", offset: 9, days: 0, from: "08:30", to: "17:00", status: "confirmed", budgetYuan: 60000, sponsors: [["冠名", 50000], ["物资赞助", 8000]] },
  { title: "城关马拉松", type: "match", venue: "滨江大道", offset: 14, days: 0, from: "07:00", to: "13:00", status: "cancelled", budgetYuan: 120000, sponsors: [["冠名", 80000]], cancelReason: "道路施工，主办方决定延期" },
  { title: "乡村振兴农产品展销会", type: "expo", venue: "会展中心一号馆", offset: 24, days: 2, from: "09:00", to: "17:00", status: "planning", budgetYuan: 90000, sponsors: [["展位", 6000], ["展位", 6000]], notes: "展位 40 个，已售 2 个" },
  { title: "无偿献血公益行", type: "charity", venue: "县人民医院门口", offset: 38, days: 0, from: "09:00", to: "16:00", status: "planning", budgetYuan: 0, sponsors: [] },
];

/** Seeds the demo events into `scope`'s center; returns their ids. */
export async function seedDemoEvents(
  db: AppDb,
  scope: Scope,
  { clientIds, ownerIds, today }: { clientIds: string[]; ownerIds: string[]; today: string },
): Promise<string[]> {
  if (!ownerIds.length) throw new Error("seedDemoEvents needs at least one owner");
  const categoryId = await categoryIdByCode(db, scope, EVENT_CATEGORY_CODE);
  if (!categoryId) throw new Error(`center ${scope.centerId} has no "${EVENT_CATEGORY_CODE}" revenue category`);
  return writeTransaction(db, async (trx) => {
    const ids: string[] = [];
    let clientTurn = 0;
    for (const [i, plan] of DEMO_EVENTS.entries()) {
      const start = addDays(today, plan.offset);
      const now = nowIso();
      const event: Event = {
        id: newId(),
        center_id: scope.centerId,
        title: plan.title,
        type: plan.type,
        venue: plan.venue,
        starts_at: `${start}T${plan.from}`,
        ends_at: `${addDays(start, plan.days)}T${plan.to}`,
        owner_id: ownerIds[i % ownerIds.length],
        category_id: categoryId,
        budget_fen: plan.budgetYuan * 100,
        status: plan.status,
        notes: plan.notes ?? "",
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto("events").values(event).execute();
      // A cancelled event was once being planned: its trail says so, then says why it was cancelled.
      await recordAudit(trx, scope, { entity: "event", entityId: event.id, action: "create", after: plan.cancelReason ? { ...event, status: "planning" } : event });
      if (clientIds.length) {
        for (const [pkg, yuan] of plan.sponsors) {
          const sponsor: EventSponsor = {
            id: newId(),
            center_id: scope.centerId,
            event_id: event.id,
            client_id: clientIds[clientTurn++ % clientIds.length],
            package: pkg,
            amount_fen: yuan * 100,
            created_at: now,
            updated_at: now,
          };
          await trx.insertInto("event_sponsors").values(sponsor).execute();
          await recordAudit(trx, scope, { entity: "event_sponsor", entityId: sponsor.id, action: "create", after: sponsor });
        }
      }
      if (plan.cancelReason) {
        await recordAudit(trx, scope, { entity: "event", entityId: event.id, action: "cancel", before: { status: "planning" }, after: { status: "cancelled", cancel_reason: plan.cancelReason } });
      }
      ids.push(event.id);
    }
    return ids;
  });
}
