// Booked ad lines as income: every confirmed paid line is billable for its flight and earns its
// net price evenly over its days. Bonus, public-service and internal lines earn nothing; held,
// queued and released lines are not income.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import type { IncomeEntry, SourceQuery } from "./seam";

async function confirmedLines(db: Executor, scope: Scope, query: SourceQuery) {
  let q = db
    .selectFrom("order_lines as l")
    .innerJoin("orders as o", (j) => j.onRef("o.id", "=", "l.order_id").onRef("o.center_id", "=", "l.center_id"))
    .innerJoin("units as u", "u.id", "l.unit_id")
    .innerJoin("revenue_categories as c", "c.id", "u.category_id")
    .select([
      "l.id", "l.order_id", "l.start_date", "l.end_date", "l.net_fen", "l.kind", "u.medium", "o.number", "o.client_id", "o.owner_id", "u.name as unit_name",
      "u.category_id", "c.vat_item_code", "c.is_earned",
    ])
    .where("l.center_id", "=", scope.centerId)
    .where("l.state", "=", "confirmed")
    .where("l.kind", "=", "paid")
    .where("l.net_fen", ">", 0);
  if (query.period) q = q.where("l.end_date", ">=", query.period.from).where("l.start_date", "<=", query.period.to);
  if (query.source?.id) q = q.where("l.order_id", "=", query.source.kind === "order" ? query.source.id : "");
  return q.orderBy("l.start_date").orderBy("l.id").execute();
}

export async function orderIncome(db: Executor, scope: Scope, query: SourceQuery): Promise<IncomeEntry[]> {
  const rows = await confirmedLines(db, scope, query);
  return rows.map((r) => ({
    key: `order:${r.order_id}:line:${r.id}`,
    source: { kind: "order", id: r.order_id, label: r.number },
    clientId: r.client_id,
    categoryId: r.category_id,
    vatItemCode: r.vat_item_code,
    ownerId: r.owner_id,
    earned: Boolean(r.is_earned),
    // MONEY: rate cards and the prices negotiated from them are quoted tax-inclusive (decision 010).
    taxIncluded: true,
    description: `${r.unit_name} ${r.start_date}至${r.end_date}`,
    amountFen: Number(r.net_fen),
    serviceFrom: r.start_date,
    serviceTo: r.end_date,
    billableOn: r.start_date,
    medium: r.medium,
    lineKind: r.kind,
  }));
}
