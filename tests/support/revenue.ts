// Reading the revenue fact table in tests: every row in a form two snapshots can be compared in
// (ids left out), and sums by source or month.
import type { AppDb } from "../../db/connection";

export async function factSnapshot(db: AppDb, centerId: string) {
  const rows = await db.selectFrom("revenue_facts").selectAll().where("center_id", "=", centerId).execute();
  return rows
    .map((r) => ({
      month: r.month, for_month: r.for_month, source: `${r.source_kind}:${r.source_id}`, origin: r.origin, category_id: r.category_id, client_id: r.client_id,
      owner_id: r.owner_id, medium: r.medium, line_kind: r.line_kind, earned: Number(r.earned), amount_fen: Number(r.amount_fen), use_days: Number(r.use_days),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Σ amount_fen of the center's facts matching the filter. */
export async function factSum(db: AppDb, centerId: string, where: { source?: string; month?: string; forMonth?: string; origin?: string } = {}): Promise<number> {
  let q = db.selectFrom("revenue_facts").select(["source_kind", "source_id", "amount_fen", "month", "for_month", "origin"]).where("center_id", "=", centerId);
  if (where.month) q = q.where("month", "=", where.month);
  if (where.forMonth) q = q.where("for_month", "=", where.forMonth);
  if (where.origin) q = q.where("origin", "=", where.origin as "schedule");
  const rows = await q.execute();
  return rows.filter((r) => !where.source || `${r.source_kind}:${r.source_id}` === where.source).reduce((s, r) => s + Number(r.amount_fen), 0);
}

/** Σ net_fen of the issued bill lines (invoices and red-letter credits) of one source. */
export async function billedNet(db: AppDb, centerId: string, source: { kind: "order" | "event" | "contract"; id: string }): Promise<number> {
  const rows = await db
    .selectFrom("bill_lines as l")
    .innerJoin("bills as b", "b.id", "l.bill_id")
    .select("l.net_fen")
    .where("b.center_id", "=", centerId)
    .where("b.status", "=", "issued")
    .where("l.source_kind", "=", source.kind)
    .where("l.source_id", "=", source.id)
    .execute();
  return rows.reduce((s, r) => s + Number(r.net_fen), 0);
}
