// Totals of recognised income from the fact table, grouped by the dimensions a report asks for.
// Money is grouped by the month it is reported in (`month`); occupancy by the month of its days
// (`for_month`), which `byDays` selects.
import { sql } from "kysely";
import type { Executor } from "~db/dialect";
import type { Medium, ReportGroup } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import type { MonthKey } from "./series";

export interface FactFilter {
  from: MonthKey;
  to: MonthKey;
  /** Facts of these categories only (pass a top-level category together with its children). */
  categoryIds?: readonly string[];
  media?: readonly Medium[];
  clientId?: string;
  ownerId?: string;
  /** true: earned income (创收) only; false: fiscal subsidies only; undefined: both. */
  earned?: boolean;
  /** Group and filter by the month of the days (for_month) instead of the reporting month. */
  byDays?: boolean;
  /** Also sum use_days (occupancy); left out otherwise, so a money total is read from the month index alone. */
  useDays?: boolean;
}

export type FactDimension = "month" | "category" | "group" | "top" | "client" | "owner" | "medium" | "lineKind" | "source" | "earned";

export interface FactTotal {
  month?: MonthKey;
  category_id?: string;
  report_group?: ReportGroup;
  /** The top-level category: the category's parent, or itself. */
  top_id?: string;
  client_id?: string;
  owner_id?: string;
  medium?: string;
  line_kind?: string;
  source_kind?: string;
  source_id?: string;
  earned?: number;
  amount_fen: number;
  /** 0 unless the filter asks for useDays. */
  use_days: number;
}

const COLUMNS: Record<FactDimension, { expr: string; alias: string }[]> = {
  month: [],
  category: [{ expr: "f.category_id", alias: "category_id" }],
  group: [{ expr: "c.report_group", alias: "report_group" }],
  top: [{ expr: "coalesce(c.parent_id, c.id)", alias: "top_id" }],
  client: [{ expr: "f.client_id", alias: "client_id" }],
  owner: [{ expr: "f.owner_id", alias: "owner_id" }],
  medium: [{ expr: "f.medium", alias: "medium" }],
  lineKind: [{ expr: "f.line_kind", alias: "line_kind" }],
  source: [
    { expr: "f.source_kind", alias: "source_kind" },
    { expr: "f.source_id", alias: "source_id" },
  ],
  earned: [{ expr: "f.earned", alias: "earned" }],
};

/** Sums of amount_fen and use_days per combination of the dimensions, within the filter. */
export async function factTotals(db: Executor, scope: Pick<Scope, "centerId">, filter: FactFilter, dims: readonly FactDimension[]): Promise<FactTotal[]> {
  const monthColumn = filter.byDays ? "f.for_month" : "f.month";
  const groups = dims.flatMap((d) => (d === "month" ? [{ expr: monthColumn, alias: "month" }] : COLUMNS[d]));
  // The categories are joined only when a dimension needs them (a report group, a top-level category).
  const joined = dims.includes("group") || dims.includes("top");
  let q = db
    .selectFrom("revenue_facts as f")
    .$if(joined, (qb) => qb.innerJoin("revenue_categories as c", "c.id", "f.category_id"))
    .where("f.center_id", "=", scope.centerId)
    .where(sql.ref(monthColumn), ">=", filter.from)
    .where(sql.ref(monthColumn), "<=", filter.to);
  if (filter.categoryIds) q = q.where("f.category_id", "in", filter.categoryIds.length ? [...filter.categoryIds] : [""]);
  if (filter.media) q = q.where("f.medium", "in", filter.media.length ? [...filter.media] : [""]);
  if (filter.clientId !== undefined) q = q.where("f.client_id", "=", filter.clientId);
  if (filter.ownerId !== undefined) q = q.where("f.owner_id", "=", filter.ownerId);
  if (filter.earned !== undefined) q = q.where("f.earned", "=", filter.earned ? 1 : 0);
  const selections = groups.map((g) => sql.raw(`${g.expr} as ${g.alias}`));
  const rows = await q
    .select(selections as never)
    .select([sql<number>`sum(f.amount_fen)`.as("amount_fen"), filter.useDays ? sql<number>`sum(f.use_days)`.as("use_days") : sql<number>`0`.as("use_days")])
    .$if(groups.length > 0, (qb) => qb.groupBy(groups.map((g) => sql.raw(g.expr)) as never))
    .execute();
  return (rows as Record<string, unknown>[]).map((r) => ({ ...r, amount_fen: Number(r.amount_fen ?? 0), use_days: Number(r.use_days ?? 0) }) as FactTotal);
}
