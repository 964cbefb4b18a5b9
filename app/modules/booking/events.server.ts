// The order's own trail (created, held, queued, promoted, confirmed, renewed, changed, cancelled,
// expired). Notifications read it: a reminder job picks up "promoted" rows it has not sent yet.
import type { Executor } from "~db/dialect";
import { newId } from "~db/ids";

export type OrderEventKind = "created" | "held" | "queued" | "promoted" | "confirmed" | "renewed" | "line_added" | "line_changed" | "line_removed" | "cancelled" | "expired" | "updated";

export async function recordOrderEvent(
  trx: Executor,
  input: { centerId: string; orderId: string; lineId?: string | null; userId: string | null; at: string; kind: OrderEventKind; detail: string },
): Promise<void> {
  await trx
    .insertInto("order_events")
    .values({ id: newId(), center_id: input.centerId, order_id: input.orderId, line_id: input.lineId ?? null, user_id: input.userId, at: input.at, kind: input.kind, detail: input.detail })
    .execute();
}
