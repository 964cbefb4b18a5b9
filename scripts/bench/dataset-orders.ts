// The synthetic dataset's bookings per center: years of orders with their lines and trail, the
// order-number sequences, and (from dataset-events.ts) events (活动) with sponsors. Orders are drawn in creation order
// against an in-memory per-unit-day occupancy, so no unit-day is ever over capacity; a line that
// would not fit is skipped. Everything comes from the center's own seeded stream and is anchored
// at DATASET_TODAY / DATASET_NOW, so a seed gives the same rows whenever it runs.
import type { Kysely, Transaction } from "kysely";
import type { AdCategory, ClientKind, DB, Daypart, Event, EventSponsor, LineKind, Medium, Order, OrderLine, Role } from "../../db/schema";
import { type Deal, priceLine } from "../../app/modules/booking/line-pricing";
import { dailyUse } from "../../app/modules/booking/model";
import { fromDayNumber, parseDate } from "../../app/modules/inventory/calendar-dates";
import { MEDIA } from "../../app/modules/inventory/model";
import { quote } from "../../app/modules/inventory/quote";
import { unsellableReason } from "../../app/modules/inventory/sellability";
import type { DatasetSize } from "./dataset";
import { DATASET_TODAY, type InventoryRows } from "./dataset-inventory";
import { generateEvents } from "./dataset-events";
import { Rng, seededId } from "./rng";
import {
  approvalNumber, beijingDay, CANCEL_REASONS, cardsByUnit, DAY_MS, dayStartMs, DAYPARTS, DISCOUNTS, type DraftLine, type DraftOrder, type Fate, FATES_LAST_WEEK, FATES_OLDER,
  FATES_THIS_WEEK, groupBy, iso, LINE_MEDIA, monthEnd, monthStartFrom, NOW_MS, Occupancy, ORDER_TYPES, type OrderType, PRODUCTS, PUBLIC_PRODUCTS, REGULATED, SPOT_SECONDS,
  TERMS, TODAY, TYPE_LABELS, type UnitInfo, VERSIONS, yearsBefore,
} from "./dataset-order-parts";
import { WORDS } from "./words";

export { DATASET_NOW } from "./dataset-order-parts";
/** No generated line ends later than this many days after DATASET_TODAY; benchmarks book beyond it. */
export const BOOKING_HORIZON_DAYS = 240;

export interface OrdersShape {
  orders: number;
  lines: number;
  years: number;
  events: number;
}

/** Per center. county-l is the issue's figure; demo is proportional to its 50 units; province is described in docs/performance.md. */
export const ORDER_SHAPES: Record<DatasetSize, OrdersShape> = {
  demo: { orders: 800, lines: 4_800, years: 5, events: 10 },
  "county-l": { orders: 50_000, lines: 300_000, years: 5, events: 300 },
  province: { orders: 10_000, lines: 60_000, years: 5, events: 60 },
};

export interface OrderRows {
  orders: Order[];
  lines: OrderLine[];
  events: DB["order_events"][];
  sequences: DB["number_sequences"][];
  happenings: Event[];
  sponsors: EventSponsor[];
  skippedLines: number;
}

export interface OrdersCenter {
  id: string;
  users: { id: string; role: Role }[];
  clients: { id: string; kind: ClientKind; name: string; owner_id: string | null }[];
  county: string;
  inventory: InventoryRows;
}

/** The orders' own stream per center, so adding them left clients and inventory exactly as they were. */
export function ordersRng(seed: number, centerIndex: number): Rng {
  return new Rng((Math.imul(seed ^ 0x27d4eb2f, 0x165667b1) + Math.imul(centerIndex + 1, 0x9e3779b1)) >>> 0);
}

export function generateOrders(rng: Rng, center: OrdersCenter, shape: OrdersShape): OrderRows {
  const cards = cardsByUnit(center.inventory);
  const permits = groupBy(center.inventory.permits, (p) => p.site_id);
  const units: UnitInfo[] = center.inventory.units.map((row, index) => ({
    index,
    row,
    cards: cards.get(row.id) ?? [],
    sell: { ...row, permits: row.site_id ? (permits.get(row.site_id) ?? []) : [] },
  }));
  const pools = groupBy(units.filter((u) => u.cards.length), (u) => u.row.medium);

  const firstDay = yearsBefore(TODAY, shape.years);
  const lastDay = TODAY + BOOKING_HORIZON_DAYS;
  const occupancy = new Occupancy(units.length, firstDay, lastDay - firstDay + 1);
  const sales = center.users.filter((u) => u.role === "sales").map((u) => u.id);
  const salesSet = new Set(sales);
  const payers = center.clients.filter((c) => c.kind !== "government");
  const governments = center.clients.filter((c) => c.kind === "government" || c.kind === "institution");
  let skippedLines = 0;

  const drawLine = (order: { type: OrderType; start: number; kind: LineKind; product: string; taken: Set<string> }, minStart: number): DraftLine | null => {
    const weights = LINE_MEDIA[order.type];
    for (let attempt = 0; attempt < 5; attempt++) {
      const medium = rng.weighted(weights as Record<Medium, number>);
      const pool = pools.get(medium);
      if (!pool?.length) continue;
      const unit = rng.pick(pool);
      if (order.taken.has(unit.row.id)) continue;
      let from = Math.max(minStart, order.start + rng.int(8));
      let to: number;
      let quantity = 1;
      let daypart: Daypart | null = null;
      let seconds: number | null = null;
      let position: DraftLine["position"] = null;
      switch (medium) {
        case "outdoor_static": {
          const r = rng.float();
          if (r < 0.6) {
            from = monthStartFrom(order.start);
            to = monthEnd(from);
          } else if (r < 0.8) {
            from = monthStartFrom(order.start);
            to = monthEnd(monthEnd(monthEnd(from) + 1) + (rng.chance(0.5) ? 1 : 0));
          } else to = from + 13 + rng.int(17);
          break;
        }
        case "led":
          quantity = 1 + rng.int(2);
          to = from + 6 + rng.int(24);
          break;
        case "tv":
        case "radio":
          quantity = 1 + rng.int(4);
          daypart = rng.weighted(DAYPARTS);
          seconds = rng.pick(SPOT_SECONDS);
          position = rng.chance(0.1) ? "first" : rng.chance(0.05) ? "last" : null;
          to = from + 6 + rng.int(24);
          break;
        case "app_banner":
          to = from + 2 + rng.int(28);
          break;
        case "app_splash":
        case "wechat_secondary":
          to = from + rng.int(7);
          break;
        case "newspaper":
          to = from;
          break;
        default:
          to = from + rng.int(3);
      }
      const use = dailyUse(MEDIA[medium].capacityUnit, quantity, seconds);
      if (!occupancy.fits(unit, from, to, use)) continue;
      if (to >= TODAY) {
        let sellable = true;
        for (let d = from; d <= to && sellable; d++) sellable = !unsellableReason(unit.sell, fromDayNumber(d));
        if (!sellable) continue;
      }
      const q = quote({ cards: unit.cards, from: fromDayNumber(from), to: fromDayNumber(to), quantity, daypart: daypart ?? undefined, seconds: seconds ?? undefined, position });
      if (!q.ok) continue;
      let deal: Deal = { discountBp: Number(rng.weighted(DISCOUNTS)) };
      // MONEY: a negotiated price is 60–95 % of the list, in whole hundreds of yuan.
      if (q.totalFen >= 100_000 && rng.chance(0.25)) deal = { netFen: Math.floor((q.totalFen * (60 + rng.int(36))) / 100 / 10_000) * 10_000 };
      const priced = priceLine(order.kind, q.totalFen, deal);
      if (!priced.ok) continue;
      order.taken.add(unit.row.id);
      const content = medium === "tv" || medium === "radio" ? `${seconds}秒广告片《${order.product}》${rng.pick(VERSIONS)}` : `${order.product} ${rng.pick(VERSIONS)}`;
      return { unit, from, to, quantity, use, kind: order.kind, daypart, seconds, position, list: q.totalFen, price: priced.price, content, queued: false };
    }
    skippedLines += 1;
    return null;
  };

  const drawFate = (createdMs: number): Fate => {
    const age = NOW_MS - createdMs;
    return rng.weighted((age < 7 * DAY_MS ? FATES_THIS_WEEK : age < 14 * DAY_MS ? FATES_LAST_WEEK : FATES_OLDER) as Record<Fate, number>);
  };

  const drawCreated = (): number => {
    // Business grows: more orders in later years (density rising about 25 % over the span).
    const day = firstDay + Math.floor((TODAY - firstDay + 1) * rng.float() ** 0.8);
    const ms = dayStartMs(day) + 8.5 * 3_600_000 + rng.int(9.5 * 3_600_000);
    return ms < NOW_MS ? ms : NOW_MS - 1 - rng.int(3_600_000);
  };

  const drawOrder = (lineTarget: number, forced?: { createdMs: number; fate: Fate; type: OrderType }): DraftOrder => {
    for (;;) {
      const createdMs = forced?.createdMs ?? drawCreated();
      const fate = forced?.fate ?? drawFate(createdMs);
      const createdDay = beijingDay(createdMs);
      const r = rng.float();
      const publicService = r < 0.05 && governments.length > 0;
      const internal = !publicService && r < 0.06 && governments.length > 0;
      const client = publicService || internal ? rng.pick(governments) : rng.pick(payers.length ? payers : center.clients);
      const type = forced?.type ?? rng.weighted(ORDER_TYPES);
      const regulated = !publicService && !internal && rng.chance(0.05);
      const adCategory: AdCategory = regulated ? rng.weighted(Object.fromEntries(Object.entries(REGULATED).map(([k, v]) => [k, v[0]])) as Record<Exclude<AdCategory, "general">, number>) : "general";
      const product = publicService ? rng.pick(PUBLIC_PRODUCTS) : internal ? "“掌上”客户端推广" : regulated ? `${rng.pick(WORDS)}牌${rng.pick(REGULATED[adCategory as Exclude<AdCategory, "general">][1])}` : rng.pick(PRODUCTS);
      const holdish = fate === "hold_live" || fate === "hold_renewed";
      const minStart = holdish ? TODAY + 1 : createdDay + 1;
      const lead = rng.chance(0.1) ? 45 + rng.int(75) : 1 + rng.int(45);
      const spec = { type, start: Math.max(minStart, createdDay + lead), kind: (publicService ? "public_service" : internal ? "internal" : "paid") as LineKind, product, taken: new Set<string>() };
      const lines: DraftLine[] = [];
      for (let i = 0; i < lineTarget; i++) {
        const line = drawLine(spec, minStart);
        if (line) lines.push(line);
      }
      if (spec.kind === "paid" && rng.chance(0.1)) {
        const bonus = drawLine({ ...spec, kind: "bonus" }, minStart);
        if (bonus) lines.push(bonus);
      }
      if (!lines.length) continue;
      const counts = fate !== "draft" && fate !== "expired" && fate !== "cancelled_hold" && fate !== "cancelled_confirmed";
      for (const l of lines) if (counts) occupancy.add(l.unit, l.from, l.to, l.use);
      const year = parseDate(fromDayNumber(createdDay)).year;
      const approved = regulated && (fate.startsWith("confirmed") || fate === "cancelled_confirmed" || rng.chance(0.5));
      const owner = client.owner_id && salesSet.has(client.owner_id) ? client.owner_id : rng.pick(sales);
      const month = parseDate(fromDayNumber(spec.start)).month;
      return {
        createdMs, fate, client, ownerId: owner, product, adCategory,
        title: `${client.name.replace(center.county, "").slice(0, 14)} ${year}年${month}月${publicService ? "公益宣传" : TYPE_LABELS[type]}`,
        approval: approved ? approvalNumber(rng, adCategory, year) : "",
        lines,
      };
    }
  };

  // ---- The main body of orders, then second and third holds queued behind live holds on full faces.
  const queuedOrders = Math.max(1, Math.round(shape.orders * 0.002));
  const drafts: DraftOrder[] = [];
  const mainOrders = shape.orders - queuedOrders;
  let linesLeft = shape.lines - Math.round(1.5 * queuedOrders); // a queued hold has one or two lines
  for (let i = 0; i < mainOrders; i++) {
    const mean = Math.max(1, linesLeft / (mainOrders - i));
    const target = Math.min(60, 1 + Math.floor(-Math.log(1 - rng.float()) * (mean - 1)));
    const order = drawOrder(target);
    drafts.push(order);
    linesLeft -= order.lines.length;
  }
  const isFace = (l: DraftLine) => l.unit.row.medium === "outdoor_static" && l.unit.row.capacity === 1;
  const blockers = drafts.filter((o) => (o.fate === "hold_live" || o.fate === "hold_renewed") && o.lines.some(isFace));
  let made = 0;
  // Small sizes may have no live hold on a face yet: book one, so that every size has a queue.
  for (let attempt = 0; !blockers.length && attempt < 20 && made < queuedOrders; attempt++) {
    const blocker = drawOrder(3, { createdMs: NOW_MS - 1 - rng.int(6 * DAY_MS), fate: "hold_live", type: "outdoor" });
    drafts.push(blocker);
    made += 1;
    if (blocker.lines.some(isFace)) blockers.push(blocker);
  }
  for (let b = 0; made < queuedOrders && blockers.length; b++) {
    const blocker = blockers[b % blockers.length];
    const line = blocker.lines.find(isFace)!;
    let after = Math.max(blocker.createdMs, NOW_MS - 6.5 * DAY_MS);
    // About a third of the queues are two deep (第二顺位 and 第三顺位), first come first served.
    for (let rank = rng.chance(0.3) ? 2 : 1; rank > 0 && made < queuedOrders; rank--, made++) {
      const createdMs = after + 1 + rng.int(Math.max(1, NOW_MS - after - 2));
      after = createdMs;
      const client = rng.pick(payers.length ? payers : center.clients);
      const product = rng.pick(PRODUCTS);
      const price = priceLine("paid", line.list, { discountBp: Number(rng.weighted(DISCOUNTS)) });
      const lines: DraftLine[] = [{ ...line, kind: "paid", price: price.ok ? price.price : line.price, content: `${product} ${rng.pick(VERSIONS)}`, queued: true }];
      if (rng.chance(0.5)) {
        const extra = drawLine({ type: "mixed", start: line.from, kind: "paid", product, taken: new Set([line.unit.row.id]) }, TODAY + 1);
        if (extra) {
          lines.push(extra);
          occupancy.add(extra.unit, extra.from, extra.to, extra.use);
        }
      }
      drafts.push({
        createdMs, fate: "hold_live", client, ownerId: client.owner_id && salesSet.has(client.owner_id) ? client.owner_id : rng.pick(sales), product, adCategory: "general", approval: "",
        title: `${client.name.replace(center.county, "").slice(0, 14)} 排队预留`, lines,
      });
    }
  }

  while (drafts.length < shape.orders) drafts.push(drawOrder(Math.max(1, Math.round(shape.lines / shape.orders))));
  drafts.sort((a, b) => a.createdMs - b.createdMs);
  return { ...materialise(drafts), skippedLines };

  function materialise(drafts: DraftOrder[]): Omit<OrderRows, "skippedLines"> {
    const out: Omit<OrderRows, "skippedLines"> = { orders: [], lines: [], events: [], sequences: [], happenings: [], sponsors: [] };
    const perYear = new Map<number, number>();
    const event = (orderId: string, userId: string | null, ms: number, kind: string, detail: string) =>
      out.events.push({ id: seededId(rng, ms), center_id: center.id, order_id: orderId, line_id: null, user_id: userId, at: iso(ms), kind, detail });
    drafts.forEach((d, k) => {
      const year = parseDate(fromDayNumber(beijingDay(d.createdMs))).year;
      const n = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, n);
      const id = seededId(rng, d.createdMs);
      const created = iso(d.createdMs);
      const renewals = d.fate === "hold_renewed" ? 1 : 0;
      const expiresMs = d.createdMs + 7 * DAY_MS * (1 + renewals);
      const firstStartMs = dayStartMs(Math.min(...d.lines.map((l) => l.from)));
      const heldFirst = d.fate !== "confirmed_direct" && d.fate !== "draft";
      const confirmedMs = d.fate === "confirmed_direct" ? d.createdMs
        : d.fate === "confirmed" || d.fate === "cancelled_confirmed" ? Math.min(NOW_MS - 1, d.createdMs + 3_600_000 + rng.int(6 * DAY_MS), expiresMs - 1) : null;
      let closedMs: number | null = null;
      if (d.fate === "expired") closedMs = Math.min(NOW_MS - 1, expiresMs + rng.int(3_600_000));
      if (d.fate === "cancelled_hold") closedMs = Math.min(NOW_MS - 1, d.createdMs + rng.int(7 * DAY_MS));
      if (d.fate === "cancelled_confirmed") closedMs = Math.min(NOW_MS - 1, confirmedMs! + 1 + rng.int(Math.max(3_600_000, firstStartMs - confirmedMs!)));
      const status: Order["status"] = d.fate.startsWith("hold") ? "hold" : d.fate.startsWith("cancelled") ? "cancelled" : d.fate === "confirmed_direct" ? "confirmed" : (d.fate as Order["status"]);
      const lineState = (queued: boolean): OrderLine["state"] =>
        status === "hold" ? (queued ? "queued" : "hold") : status === "confirmed" ? "confirmed" : status === "draft" ? "draft" : "released";
      const lineExpiry = status === "hold" || ((status === "cancelled" || status === "expired") && d.fate !== "cancelled_confirmed") ? iso(expiresMs) : null;
      const lastMs = Math.max(d.createdMs, confirmedMs ?? 0, closedMs ?? 0);
      let list = 0;
      let net = 0;
      for (const l of d.lines) {
        list += l.price.list_fen;
        net += l.price.net_fen;
        const state = lineState(l.queued);
        out.lines.push({
          id: seededId(rng, d.createdMs), center_id: center.id, order_id: id, unit_id: l.unit.row.id, start_date: fromDayNumber(l.from), end_date: fromDayNumber(l.to),
          quantity: l.quantity, daily_use: l.use, kind: l.kind, daypart: l.daypart, seconds: l.seconds, position: l.position, ...l.price, content: l.content,
          state, expires_at: state === "confirmed" || state === "draft" ? null : lineExpiry, queued_at: state === "queued" ? created : null, created_at: created, updated_at: iso(lastMs),
        });
      }
      // Every order here keeps all its lines (none was removed), so the totals are over all of them, as refreshTotals counts them.
      out.orders.push({
        id, center_id: center.id, number: `DD${year}-${String(n).padStart(6, "0")}`, client_id: d.client.id, owner_id: d.ownerId, title: d.title, product: d.product,
        ad_category: d.adCategory, approval_number: d.approval, status, hold_expires_at: status === "hold" || status === "expired" ? iso(expiresMs) : null, hold_renewals: renewals,
        start_date: fromDayNumber(Math.min(...d.lines.map((l) => l.from))), end_date: fromDayNumber(Math.max(...d.lines.map((l) => l.to))), list_fen: list, net_fen: net,
        terms: rng.pick(TERMS), cancel_reason: status === "cancelled" ? rng.pick(CANCEL_REASONS) : "", confirmed_at: confirmedMs === null ? null : iso(confirmedMs),
        closed_at: closedMs === null ? null : iso(closedMs), idempotency_key: `gen-${k + 1}`, created_by: d.ownerId, created_at: created, updated_at: iso(lastMs),
      });
      const queued = d.lines.filter((l) => l.queued).length;
      event(id, d.ownerId, d.createdMs, "created", d.fate === "draft" ? "新建草稿" : heldFirst ? `预留至 ${iso(d.createdMs + 7 * DAY_MS)}${queued ? `，${queued} 行排队等候` : ""}` : "新建并确认");
      if (renewals) event(id, d.ownerId, d.createdMs + 6 * DAY_MS + rng.int(DAY_MS), "renewed", `续期至 ${iso(expiresMs)}（第 1 次）`);
      if (heldFirst && confirmedMs !== null) event(id, d.ownerId, confirmedMs, "confirmed", "订单已确认");
      if (d.fate === "expired") event(id, null, closedMs!, "expired", "预留到期未确认，已释放");
      if (status === "cancelled") event(id, d.ownerId, closedMs!, "cancelled", out.orders.at(-1)!.cancel_reason);
    });
    for (const [year, last] of [...perYear].sort((a, b) => a[0] - b[0])) {
      out.sequences.push({ id: seededId(rng, NOW_MS), center_id: center.id, series: "DD", year, last_value: last });
    }
    const happenings = generateEvents(rng, center, shape, { firstDay, today: TODAY, nowMs: NOW_MS });
    out.happenings = happenings.events;
    out.sponsors = happenings.sponsors;
    return out;
  }
}

const BATCH = 1_000;
/** Rows per transaction: small enough to keep MariaDB's undo log modest, large enough to keep commits few. */
const ROWS_PER_TRANSACTION = 25_000;

/** Bulk insert, parents before children: 1,000 rows per statement, 25,000 per transaction. */
export async function insertOrders(db: Kysely<DB>, rows: OrderRows, log: (line: string) => void = () => {}): Promise<void> {
  const tables: [keyof DB, unknown[]][] = [
    ["number_sequences", rows.sequences],
    ["orders", rows.orders],
    ["order_lines", rows.lines],
    ["order_events", rows.events],
    ["events", rows.happenings],
    ["event_sponsors", rows.sponsors],
  ];
  for (const [table, values] of tables) {
    for (let i = 0; i < values.length; i += ROWS_PER_TRANSACTION) {
      await db.transaction().execute(async (trx: Transaction<DB>) => {
        const end = Math.min(values.length, i + ROWS_PER_TRANSACTION);
        for (let j = i; j < end; j += BATCH) await trx.insertInto(table).values(values.slice(j, Math.min(end, j + BATCH)) as never).execute();
      });
    }
    if (values.length >= ROWS_PER_TRANSACTION) log(`已写入 ${table}：${values.length} 行`);
  }
}
