// What the printed order confirmation (广告发布确认单) shows: the two parties, the advertised
// product, the lines that are still part of the order and their totals. Read in one place so the
// page and its tests agree on which lines print.
import type { Executor } from "~db/dialect";
import type { Daypart, LineKind, LineState, Medium } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import { fenToChineseUpper } from "~/utils/money-words";
import { inclusiveDays } from "~/modules/inventory/calendar-dates";
import { isRegulated, type OrderStage, orderStage } from "./model";

export interface PrintLine {
  id: string;
  unitCode: string;
  unitName: string;
  medium: Medium;
  startDate: string;
  endDate: string;
  days: number;
  quantity: number;
  daypart: Daypart | null;
  seconds: number | null;
  position: "first" | "last" | null;
  kind: LineKind;
  state: LineState;
  listFen: number;
  discountBp: number;
  netFen: number;
  content: string;
}

export interface OrderDocument {
  order: {
    id: string;
    number: string;
    title: string;
    product: string;
    adCategory: string;
    regulated: boolean;
    approvalNumber: string;
    stage: OrderStage;
    /** Cancelled or expired: the page prints as void. */
    void: boolean;
    terms: string;
    createdAt: string;
    confirmedAt: string | null;
    ownerName: string;
  };
  center: { name: string; taxId: string; address: string; phone: string; bankName: string; bankAccount: string };
  client: { name: string; creditCode: string; address: string; phone: string; contactName: string; contactPhone: string; bankName: string; bankAccount: string };
  lines: PrintLine[];
  /** inWords: the net total in 大写 with 人民币, as contracts print it. */
  totals: { listFen: number; discountFen: number; netFen: number; inWords: string };
}

/**
 * The confirmation of one order of the caller's center, or null (missing or another center's).
 * A live order prints its unreleased lines; a cancelled or expired one prints everything it held,
 * marked void, which matches how the order's own totals are kept.
 */
export async function orderDocument(db: Executor, scope: Scope, orderId: string, today: string, now: string): Promise<OrderDocument | null> {
  const order = await db
    .selectFrom("orders")
    .innerJoin("clients", (join) => join.onRef("clients.id", "=", "orders.client_id").on("clients.center_id", "=", scope.centerId))
    .innerJoin("users", "users.id", "orders.owner_id")
    .innerJoin("centers", "centers.id", "orders.center_id")
    .select([
      "orders.id", "orders.number", "orders.title", "orders.product", "orders.ad_category", "orders.approval_number", "orders.status",
      "orders.hold_expires_at", "orders.start_date", "orders.end_date", "orders.terms", "orders.created_at", "orders.confirmed_at",
      "users.display_name as owner_name",
      "centers.name as center_name", "centers.tax_id as center_tax_id", "centers.address as center_address", "centers.phone as center_phone",
      "centers.bank_name as center_bank_name", "centers.bank_account as center_bank_account",
      "clients.name as client_name", "clients.credit_code", "clients.address as client_address", "clients.phone as client_phone",
      "clients.contact_name", "clients.contact_phone", "clients.bank_name as client_bank_name", "clients.bank_account as client_bank_account",
    ])
    .where("orders.center_id", "=", scope.centerId)
    .where("orders.id", "=", orderId)
    .executeTakeFirst();
  if (!order) return null;
  const stage = orderStage(order, today, now);
  const isVoid = stage === "cancelled" || stage === "expired";
  let linesQuery = db
    .selectFrom("order_lines")
    .innerJoin("units", "units.id", "order_lines.unit_id")
    .select([
      "order_lines.id", "order_lines.start_date", "order_lines.end_date", "order_lines.quantity", "order_lines.daypart", "order_lines.seconds",
      "order_lines.position", "order_lines.kind", "order_lines.state", "order_lines.list_fen", "order_lines.discount_bp", "order_lines.net_fen",
      "order_lines.content", "units.code as unit_code", "units.name as unit_name", "units.medium",
    ])
    .where("order_lines.center_id", "=", scope.centerId)
    .where("order_lines.order_id", "=", orderId);
  if (!isVoid) linesQuery = linesQuery.where("order_lines.state", "<>", "released");
  const rows = await linesQuery.orderBy("order_lines.start_date").orderBy("units.code").orderBy("order_lines.id").execute();
  const lines: PrintLine[] = rows.map((l) => ({
    id: l.id,
    unitCode: l.unit_code,
    unitName: l.unit_name,
    medium: l.medium,
    startDate: l.start_date,
    endDate: l.end_date,
    days: inclusiveDays(l.start_date, l.end_date),
    quantity: Number(l.quantity),
    daypart: l.daypart,
    seconds: l.seconds === null ? null : Number(l.seconds),
    position: l.position,
    kind: l.kind,
    state: l.state,
    listFen: Number(l.list_fen),
    discountBp: Number(l.discount_bp),
    netFen: Number(l.net_fen),
    content: l.content,
  }));
  // MONEY: the printed totals are the sums of the printed lines, so the page always adds up.
  const listFen = lines.reduce((s, l) => s + l.listFen, 0);
  const netFen = lines.reduce((s, l) => s + l.netFen, 0);
  return {
    order: {
      id: order.id,
      number: order.number,
      title: order.title,
      product: order.product,
      adCategory: order.ad_category,
      regulated: isRegulated(order.ad_category),
      approvalNumber: order.approval_number,
      stage,
      void: isVoid,
      terms: order.terms.trim(),
      createdAt: order.created_at,
      confirmedAt: order.confirmed_at,
      ownerName: order.owner_name,
    },
    center: {
      name: order.center_name, taxId: order.center_tax_id, address: order.center_address, phone: order.center_phone,
      bankName: order.center_bank_name, bankAccount: order.center_bank_account,
    },
    client: {
      name: order.client_name, creditCode: order.credit_code, address: order.client_address, phone: order.client_phone,
      contactName: order.contact_name, contactPhone: order.contact_phone, bankName: order.client_bank_name, bankAccount: order.client_bank_account,
    },
    lines,
    totals: { listFen, discountFen: listFen - netFen, netFen, inWords: fenToChineseUpper(netFen, { prefix: true }) },
  };
}
