// The orders export (订单明细, .xlsx): every order whose span overlaps a period, on one sheet, and
// its lines on a second, written the way finance reads money sheets (title row, "单位：元", real
// dates, two-decimal amounts, frozen headers, filters). Streamed a page of orders at a time.
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import { addMoneySheet, DATE_FORMAT, type MoneyColumn, MONEY_FORMAT, sheetCaughtUp, yuan } from "~/modules/excel/money-sheet.server";
import type { Executor } from "~db/dialect";
import type { Order } from "~db/schema";
import { t, tKey } from "~/i18n";
import type { Scope } from "~/modules/auth/scope";
import { addDays, inclusiveDays } from "~/modules/inventory/calendar-dates";
import { excelDate } from "~/modules/inventory/excel/cells";
import { formatInstant, isCalendarDate } from "~/utils/time";
import { ORDER_STAGES, type OrderStage, orderStage } from "./model";
import { stageCondition } from "./order-views.server";

export const ORDER_PAGE = 1000;
export const MAX_EXPORT_DAYS = 366;

export interface OrderExportFilter {
  /** Orders whose span overlaps from..to (both included). */
  from: string;
  to: string;
  stage?: OrderStage;
  ownerId?: string;
}

export type ParsedExport = { ok: true; filter: OrderExportFilter } | { ok: false; message: string };

/**
 * The query string of /orders/export.xlsx. With no period at all the current month is exported
 * (the list's export link carries an empty period when none is set); a period given wrongly is refused.
 */
export function parseExportParams(params: URLSearchParams, today: string): ParsedExport {
  let from = (params.get("from") ?? "").trim();
  let to = (params.get("to") ?? "").trim();
  if (!from && !to) {
    from = `${today.slice(0, 7)}-01`;
    to = addDays(`${addDays(from, 31).slice(0, 7)}-01`, -1);
  }
  if (!isCalendarDate(from) || !isCalendarDate(to)) return { ok: false, message: t("orderdocs.export.badDate") };
  if (to < from) return { ok: false, message: t("orderdocs.export.reversed") };
  if (inclusiveDays(from, to) > MAX_EXPORT_DAYS) return { ok: false, message: t("orderdocs.export.tooLong") };
  // The list page calls the stage "stage"; links written for the export say "status".
  const stageText = (params.get("status") || params.get("stage") || "").trim();
  if (stageText && !(ORDER_STAGES as string[]).includes(stageText)) return { ok: false, message: t("orderdocs.export.badStatus", { value: stageText }) };
  const ownerId = (params.get("owner") ?? "").trim();
  return { ok: true, filter: { from, to, ...(stageText ? { stage: stageText as OrderStage } : {}), ...(ownerId ? { ownerId } : {}) } };
}

type OrderRow = Pick<Order, "id" | "number" | "client_id" | "owner_id" | "title" | "product" | "ad_category" | "approval_number" | "status" | "hold_expires_at" | "start_date" | "end_date" | "list_fen" | "net_fen" | "created_at">;

/**
 * The matching orders in (start date, number) order, a page at a time. Keyset paging: each page
 * starts after the last row of the one before, so page 50 costs what page 1 costs.
 */
export async function* exportedOrders(db: Executor, scope: Scope, filter: OrderExportFilter, today: string, now: string, pageSize = ORDER_PAGE): AsyncGenerator<OrderRow[]> {
  let after: { start: string; number: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom("orders")
      .select(["id", "number", "client_id", "owner_id", "title", "product", "ad_category", "approval_number", "status", "hold_expires_at", "start_date", "end_date", "list_fen", "net_fen", "created_at"])
      .where("center_id", "=", scope.centerId)
      .where("start_date", "<=", filter.to)
      .where("end_date", ">=", filter.from);
    if (filter.ownerId) query = query.where("owner_id", "=", filter.ownerId);
    if (filter.stage) query = query.where(stageCondition(filter.stage, today, now));
    if (after) {
      const { start, number } = after;
      query = query.where((eb) => eb.or([eb("start_date", ">", start), eb.and([eb("start_date", "=", start), eb("number", ">", number)])]));
    }
    const rows = await query.orderBy("start_date").orderBy("number").limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { start: last.start_date!, number: last.number };
  }
}

/** Client and owner names of one page of orders. */
async function namesFor(db: Executor, scope: Scope, orders: OrderRow[]) {
  const clientIds = [...new Set(orders.map((o) => o.client_id))];
  const ownerIds = [...new Set(orders.map((o) => o.owner_id))];
  const clients = await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "in", clientIds).execute();
  const owners = await db.selectFrom("users").select(["id", "display_name"]).where("center_id", "=", scope.centerId).where("id", "in", ownerIds).execute();
  return { client: new Map(clients.map((c) => [c.id, c.name])), owner: new Map(owners.map((u) => [u.id, u.display_name])) };
}

/**
 * The lines of one page of orders, as the order counts them: a live order's unreleased lines,
 * everything a cancelled or expired order held. The sheet's lines then add up to the order's totals.
 */
async function linesFor(db: Executor, scope: Scope, orders: OrderRow[], voidIds: Set<string>) {
  const rows = await db
    .selectFrom("order_lines")
    // Scoped through the order row: a center_id test on order_lines itself leads SQLite to walk
    // the center's whole window index instead of looking the page's orders up.
    .innerJoin("orders", "orders.id", "order_lines.order_id")
    .innerJoin("units", "units.id", "order_lines.unit_id")
    .select([
      "order_lines.order_id", "order_lines.start_date", "order_lines.end_date", "order_lines.quantity", "order_lines.daypart", "order_lines.seconds",
      "order_lines.position", "order_lines.kind", "order_lines.state", "order_lines.expires_at", "order_lines.list_fen", "order_lines.discount_bp",
      "order_lines.net_fen", "order_lines.content", "units.code as unit_code", "units.name as unit_name", "units.medium",
    ])
    .where("orders.center_id", "=", scope.centerId)
    .where("orders.id", "in", orders.map((o) => o.id))
    .orderBy("order_lines.start_date")
    .orderBy("units.code")
    .orderBy("order_lines.id")
    .execute();
  const byOrder = new Map<string, typeof rows>();
  for (const row of rows) {
    if (row.state === "released" && !voidIds.has(row.order_id)) continue;
    const list = byOrder.get(row.order_id) ?? [];
    list.push(row);
    byOrder.set(row.order_id, list);
  }
  return byOrder;
}


const ORDER_COLUMNS: MoneyColumn[] = [
  { header: t("orderdocs.col.number"), width: 15, numFmt: "@" },
  { header: t("orderdocs.col.client"), width: 26 },
  { header: t("orderdocs.col.title"), width: 26 },
  { header: t("orderdocs.col.product"), width: 16 },
  { header: t("orderdocs.col.category"), width: 16 },
  { header: t("orderdocs.col.approval"), width: 18, numFmt: "@" },
  { header: t("orderdocs.col.owner"), width: 10 },
  { header: t("orderdocs.col.status"), width: 8 },
  { header: t("orderdocs.col.start"), width: 11, numFmt: DATE_FORMAT },
  { header: t("orderdocs.col.end"), width: 11, numFmt: DATE_FORMAT },
  { header: t("orderdocs.col.list"), width: 14, numFmt: MONEY_FORMAT },
  { header: t("orderdocs.col.discount"), width: 13, numFmt: MONEY_FORMAT },
  { header: t("orderdocs.col.net"), width: 14, numFmt: MONEY_FORMAT },
  { header: t("orderdocs.col.created"), width: 17, numFmt: "yyyy-mm-dd hh:mm" },
];

const LINE_COLUMNS: MoneyColumn[] = [
  { header: t("orderdocs.col.number"), width: 15, numFmt: "@" },
  { header: t("orderdocs.col.unitCode"), width: 14, numFmt: "@" },
  { header: t("orderdocs.col.unitName"), width: 24 },
  { header: t("orderdocs.col.medium"), width: 11 },
  { header: t("orderdocs.col.start"), width: 11, numFmt: DATE_FORMAT },
  { header: t("orderdocs.col.end"), width: 11, numFmt: DATE_FORMAT },
  { header: t("orderdocs.col.days"), width: 7, numFmt: "0" },
  { header: t("orderdocs.col.quantity"), width: 9, numFmt: "0" },
  { header: t("orderdocs.col.spec"), width: 14 },
  { header: t("orderdocs.col.kind"), width: 7 },
  { header: t("orderdocs.col.lineStatus"), width: 8 },
  { header: t("orderdocs.col.list"), width: 14, numFmt: MONEY_FORMAT },
  { header: t("orderdocs.col.discountRate"), width: 9, numFmt: "0.00%" },
  { header: t("orderdocs.col.net"), width: 14, numFmt: MONEY_FORMAT },
  { header: t("orderdocs.col.content"), width: 30 },
];


/** An instant as the Beijing wall-clock time Excel shows (Excel dates carry no zone). */
function beijingDateTime(iso: string): Date {
  const text = formatInstant(iso);
  return new Date(Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)), Number(text.slice(11, 13)), Number(text.slice(14, 16))));
}


export interface OrdersExportMeta {
  centerName: string;
  /** "YYYY-MM-DD HH:mm", Beijing time. */
  exportedAt: string;
  today: string;
  now: string;
}

function lineSpec(line: { daypart: string | null; seconds: number | null; position: string | null }): string {
  const parts: string[] = [];
  if (line.daypart) parts.push(tKey("orders.daypart", line.daypart));
  if (line.seconds) parts.push(`${Number(line.seconds)}${t("orders.line.seconds")}`);
  if (line.position === "first") parts.push(t("orders.line.positionFirst"));
  if (line.position === "last") parts.push(t("orders.line.positionLast"));
  return parts.join(" ");
}


/**
 * Starts writing and returns the stream at once. The two sheets are written one after the other
 * (a streamed workbook can only hold one open sheet without buffering the other in memory), each
 * walking the orders page by page.
 */
export function exportOrders(db: Executor, scope: Scope, filter: OrderExportFilter, meta: OrdersExportMeta): Readable {
  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const facts = [t("orderdocs.export.meta", { center: meta.centerName, at: meta.exportedAt }), filter.stage ? `${t("orderdocs.col.status")}：${tKey("orders.stage", filter.stage)}` : ""];
    if (filter.ownerId) {
      const owner = await db.selectFrom("users").select("display_name").where("center_id", "=", scope.centerId).where("id", "=", filter.ownerId).executeTakeFirst();
      facts.push(`${t("orderdocs.col.owner")}：${owner?.display_name ?? ""}`);
    }
    const factText = facts.filter(Boolean).join("　");
    const period = { from: filter.from, to: filter.to };

    const orderSheet = addMoneySheet(workbook, t("orderdocs.export.sheetOrders"), t("orderdocs.export.titleOrders", period), factText, ORDER_COLUMNS);
    for await (const orders of exportedOrders(db, scope, filter, meta.today, meta.now)) {
      const names = await namesFor(db, scope, orders);
      for (const o of orders) {
        orderSheet
          .addRow([
            o.number,
            names.client.get(o.client_id) ?? "",
            o.title,
            o.product,
            tKey("orders.adCategory", o.ad_category),
            o.approval_number,
            names.owner.get(o.owner_id) ?? "",
            tKey("orders.stage", orderStage(o, meta.today, meta.now)),
            excelDate(o.start_date),
            excelDate(o.end_date),
            yuan(o.list_fen),
            yuan(Number(o.list_fen) - Number(o.net_fen)),
            yuan(o.net_fen),
            beijingDateTime(o.created_at),
          ])
          .commit();
      }
      await sheetCaughtUp(orderSheet, pass);
    }
    orderSheet.commit();

    const lineSheet = addMoneySheet(workbook, t("orderdocs.export.sheetLines"), t("orderdocs.export.titleLines", period), factText, LINE_COLUMNS);
    for await (const orders of exportedOrders(db, scope, filter, meta.today, meta.now)) {
      const voidIds = new Set(orders.filter((o) => ["cancelled", "expired"].includes(orderStage(o, meta.today, meta.now))).map((o) => o.id));
      const lines = await linesFor(db, scope, orders, voidIds);
      for (const o of orders) {
        for (const l of lines.get(o.id) ?? []) {
          const lapsed = (l.state === "hold" || l.state === "queued") && !!l.expires_at && l.expires_at <= meta.now;
          lineSheet
            .addRow([
              o.number,
              l.unit_code,
              l.unit_name,
              tKey("medium", l.medium),
              excelDate(l.start_date),
              excelDate(l.end_date),
              inclusiveDays(l.start_date, l.end_date),
              Number(l.quantity),
              lineSpec(l) || null,
              tKey("orders.kind", l.kind),
              lapsed ? t("orders.line.lapsed") : tKey("orders.lineState", l.state),
              yuan(l.list_fen),
              Number(l.discount_bp) / 10000,
              yuan(l.net_fen),
              l.content,
            ])
            .commit();
        }
      }
      await sheetCaughtUp(lineSheet, pass);
    }
    lineSheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))));
  return pass;
}
