// The booking vocabulary: what an order and a line can be, which ad categories the advertising
// law makes subject to prior review, and how a stored status reads against today.
import type { AdCategory, CapacityUnit, LineKind, Order, OrderStatus } from "~db/schema";

export const AD_CATEGORIES: AdCategory[] = ["general", "medical", "drug", "medical_device", "pesticide", "veterinary_drug", "health_food"];

/** 医疗、药品、医疗器械、农药、兽药、保健食品: published only with a 广告审查批准文号. */
export function isRegulated(category: AdCategory): boolean {
  return category !== "general";
}

export const LINE_KINDS: LineKind[] = ["paid", "bonus", "public_service", "internal"];

/** Bonus (配送), public-service (公益) and internal (自用) lines take capacity at zero price. */
export function isPaid(kind: LineKind): boolean {
  return kind === "paid";
}

/** What the user sees: stored status, with 执行中/已完成 read from the dates and lapsed holds shown as expired. */
export type OrderStage = "draft" | "hold" | "confirmed" | "running" | "completed" | "cancelled" | "expired";
export const ORDER_STAGES: OrderStage[] = ["draft", "hold", "confirmed", "running", "completed", "cancelled", "expired"];

export function orderStage(order: Pick<Order, "status" | "hold_expires_at" | "start_date" | "end_date">, today: string, now: string): OrderStage {
  switch (order.status) {
    case "hold":
      return order.hold_expires_at && order.hold_expires_at <= now ? "expired" : "hold";
    case "confirmed":
      if (order.end_date && order.end_date < today) return "completed";
      if (order.start_date && order.start_date <= today) return "running";
      return "confirmed";
    default:
      return order.status as OrderStatus;
  }
}

/** Capacity a line takes per day: its quantity, or spots × seconds where the unit counts seconds. */
export function dailyUse(capacityUnit: CapacityUnit, quantity: number, seconds: number | null): number {
  return capacityUnit === "second" ? quantity * (seconds ?? 0) : quantity;
}
