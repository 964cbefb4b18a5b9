// Event sponsorships as income: each sponsorship of an event that is not cancelled is billable
// from the event's first day and earned evenly over the event's days.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { addDays } from "~/modules/inventory/calendar-dates";
import { localDate } from "~/modules/events/model";
import type { IncomeEntry, SourceQuery } from "./seam";

async function sponsorships(db: Executor, scope: Scope, query: SourceQuery) {
  let q = db
    .selectFrom("event_sponsors as s")
    .innerJoin("events as e", (j) => j.onRef("e.id", "=", "s.event_id").onRef("e.center_id", "=", "s.center_id"))
    .innerJoin("revenue_categories as c", "c.id", "e.category_id")
    .select(["s.id", "s.event_id", "s.client_id", "s.package", "s.amount_fen", "e.title", "e.starts_at", "e.ends_at", "e.owner_id", "e.category_id", "c.vat_item_code", "c.is_earned"])
    .where("s.center_id", "=", scope.centerId)
    .where("e.status", "<>", "cancelled")
    .where("s.amount_fen", ">", 0);
  // Wall-clock text compares like time: an event overlaps the days when it starts before the day
  // after the last and ends on or after the first.
  if (query.period) q = q.where("e.starts_at", "<", addDays(query.period.to, 1)).where("e.ends_at", ">=", query.period.from);
  if (query.source?.id) q = q.where("s.event_id", "=", query.source.kind === "event" ? query.source.id : "");
  const rows = await q.orderBy("e.starts_at").orderBy("e.id").orderBy("s.created_at").orderBy("s.id").execute();
  return rows.map((r) => ({ ...r, amount_fen: Number(r.amount_fen), from: localDate(r.starts_at), to: localDate(r.ends_at) }));
}

export async function eventIncome(db: Executor, scope: Scope, query: SourceQuery): Promise<IncomeEntry[]> {
  return (await sponsorships(db, scope, query)).map((r) => ({
    key: `event:${r.event_id}:sponsor:${r.id}`,
    source: { kind: "event", id: r.event_id, label: r.title },
    clientId: r.client_id,
    categoryId: r.category_id,
    vatItemCode: r.vat_item_code,
    ownerId: r.owner_id,
    earned: Boolean(r.is_earned),
    // MONEY: sponsorship amounts are agreed tax-inclusive, like ad prices (decision 010).
    taxIncluded: true,
    description: `${r.title} ${r.package}`,
    amountFen: r.amount_fen,
    serviceFrom: r.from,
    serviceTo: r.to,
    billableOn: r.from,
  }));
}
