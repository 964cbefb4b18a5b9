// 收入明细表: recognised income line by line — each source (order, event, contract, subsidy) per
// reporting month, category, client, rep and medium — from the fact table. A correction of a closed
// month is its own line, reported in the month it was made and marked "调整（所属 YYYY-MM）"; a
// red-letter reversal is its own line too. Earned income and fiscal subsidy are separate columns.
import { sql } from "kysely";
import type { FactOrigin, FactSourceKind } from "~db/schema";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import type { ReportFilter } from "./filter-types";

import { INCOME_PAGE_SIZE } from "./constants";

export { INCOME_PAGE_SIZE };

export interface IncomeLine {
  month: string;
  for_month: string;
  origin: FactOrigin;
  source_kind: FactSourceKind;
  source_id: string;
  source_label: string;
  source_title: string;
  category_id: string;
  category_name: string;
  client_id: string;
  client_name: string;
  owner_id: string;
  owner_name: string;
  medium: string;
  earned: number;
  amount_fen: number;
}

export interface IncomeDetail {
  lines: IncomeLine[];
  /** How many lines the whole filter has (the page shows one page of them). */
  lineCount: number;
  earnedFen: number;
  subsidyFen: number;
}

const GROUP = ["f.month", "f.for_month", "f.origin", "f.source_kind", "f.source_id", "f.category_id", "f.client_id", "f.owner_id", "f.medium", "f.earned"] as const;

function filtered(db: Executor, scope: Pick<Scope, "centerId">, filter: ReportFilter) {
  let q = db.selectFrom("revenue_facts as f").where("f.center_id", "=", scope.centerId).where("f.month", ">=", filter.from).where("f.month", "<=", filter.to);
  if (filter.categoryIds) q = q.where("f.category_id", "in", filter.categoryIds);
  if (filter.medium) q = q.where("f.medium", "=", filter.medium);
  if (filter.clientId) q = q.where("f.client_id", "=", filter.clientId);
  if (filter.ownerId) q = q.where("f.owner_id", "=", filter.ownerId);
  return q;
}

/** The lines of the filter, `page` (1-based) of them or all when page is null, and the totals of all. */
export async function incomeDetail(db: Executor, scope: Pick<Scope, "centerId">, filter: ReportFilter, page: number | null): Promise<IncomeDetail> {
  const grouped = filtered(db, scope, filter)
    .select([...GROUP, sql<number>`sum(f.amount_fen)`.as("amount_fen")])
    .groupBy([...GROUP]);
  const [totals, counted] = await Promise.all([
    filtered(db, scope, filter).select(["f.earned", sql<number>`sum(f.amount_fen)`.as("amount_fen")]).groupBy("f.earned").execute(),
    db.selectFrom(grouped.as("g")).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
  ]);
  let rowsQuery = grouped.orderBy("f.month").orderBy("f.source_kind").orderBy("f.source_id").orderBy("f.for_month").orderBy("f.category_id").orderBy("f.client_id").orderBy("f.medium").orderBy("f.origin");
  if (page !== null) rowsQuery = rowsQuery.limit(INCOME_PAGE_SIZE).offset((page - 1) * INCOME_PAGE_SIZE);
  const rows = await rowsQuery.execute();
  const lines = await labelled(db, scope, rows.map((r) => ({ ...r, earned: Number(r.earned), amount_fen: Number(r.amount_fen) })));
  const sumOf = (earned: number) => Number(totals.find((r) => Number(r.earned) === earned)?.amount_fen ?? 0);
  return { lines, lineCount: Number(counted?.n ?? 0), earnedFen: sumOf(1), subsidyFen: sumOf(0) };
}

type Bare = Omit<IncomeLine, "source_label" | "source_title" | "category_name" | "client_name" | "owner_name">;

/** Names for the ids of the lines, looked up in batches (a page, or an export's every line). */
async function labelled(db: Executor, scope: Pick<Scope, "centerId">, rows: Bare[]): Promise<IncomeLine[]> {
  const ids = (pick: (r: Bare) => string | null) => [...new Set(rows.map(pick).filter((v): v is string => Boolean(v)))];
  const ofKind = (kind: FactSourceKind) => ids((r) => (r.source_kind === kind ? r.source_id : null));
  const lookup = async <T extends { id: string }>(list: string[], read: (chunk: string[]) => Promise<T[]>) => {
    const out = new Map<string, T>();
    for (let i = 0; i < list.length; i += 500) for (const row of await read(list.slice(i, i + 500))) out.set(row.id, row);
    return out;
  };
  const center = scope.centerId;
  const [orders, events, contracts, subsidies, categories, clients, users] = await Promise.all([
    lookup(ofKind("order"), (c) => db.selectFrom("orders").select(["id", "number", "title"]).where("center_id", "=", center).where("id", "in", c).execute()),
    lookup(ofKind("event"), (c) => db.selectFrom("events").select(["id", "title"]).where("center_id", "=", center).where("id", "in", c).execute()),
    lookup(ofKind("contract"), (c) => db.selectFrom("contracts").select(["id", "number", "title"]).where("center_id", "=", center).where("id", "in", c).execute()),
    lookup(ofKind("subsidy"), (c) => db.selectFrom("subsidies").select(["id", "grantor", "received_on"]).where("center_id", "=", center).where("id", "in", c).execute()),
    db.selectFrom("revenue_categories as c").leftJoin("revenue_categories as p", "p.id", "c.parent_id").select(["c.id", "c.name", "p.name as parent_name"]).where("c.center_id", "=", center).execute(),
    lookup(ids((r) => r.client_id), (c) => db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", center).where("id", "in", c).execute()),
    db.selectFrom("users").select(["id", "display_name"]).where("center_id", "=", center).execute(),
  ]);
  const categoryNames = new Map(categories.map((c) => [c.id, c.parent_name ? `${c.parent_name}/${c.name}` : c.name]));
  const userNames = new Map(users.map((u) => [u.id, u.display_name]));
  return rows.map((r) => {
    let label = "";
    let title = "";
    if (r.source_kind === "order") [label, title] = [orders.get(r.source_id)?.number ?? "", orders.get(r.source_id)?.title ?? ""];
    if (r.source_kind === "event") [label, title] = ["", events.get(r.source_id)?.title ?? ""];
    if (r.source_kind === "contract") [label, title] = [contracts.get(r.source_id)?.number ?? "", contracts.get(r.source_id)?.title ?? ""];
    if (r.source_kind === "subsidy") [label, title] = [subsidies.get(r.source_id)?.received_on ?? "", subsidies.get(r.source_id)?.grantor ?? ""];
    return {
      ...r,
      source_label: label,
      source_title: title,
      category_name: categoryNames.get(r.category_id) ?? "",
      client_name: clients.get(r.client_id)?.name ?? "",
      owner_name: userNames.get(r.owner_id) ?? "",
    };
  });
}
