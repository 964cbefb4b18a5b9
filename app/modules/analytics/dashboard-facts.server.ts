// The dashboard's two reads of the fact table, shaped for its indexes. factTotals (facts-query)
// also sums use_days and joins the categories, which sends every fact row to the table; these read
// only columns of revenue_facts_month_idx (month totals) or the rows of this year (clients, reps).
// Given the closing, the closed months' part is read once and kept (dashboard-closed.server.ts).
import { sql } from "kysely";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { acrossClosing } from "./dashboard-closed.server";
import type { MonthCategoryTotal } from "./dashboard-figures.server";
import type { MonthKey } from "./series";

/** Σ amount per month, category and earned flag, from..to (by reporting month): the covering month index alone. */
export function monthCategoryTotals(db: Executor, scope: Pick<Scope, "centerId">, from: MonthKey, to: MonthKey, closed: MonthKey | null = null): Promise<MonthCategoryTotal[]> {
  return acrossClosing("month-category", scope.centerId, from, to, closed, async (a, b) => {
    const { rows } = await sql<{ month: string; category_id: string; earned: number; amount_fen: number | string }>`
      select f.month, f.category_id, f.earned, sum(f.amount_fen) as amount_fen from revenue_facts f
      where f.center_id = ${scope.centerId} and f.month >= ${a} and f.month <= ${b}
      group by f.month, f.category_id, f.earned`.execute(db);
    return rows.map((r) => ({ month: r.month, category_id: r.category_id, earned: Number(r.earned), amount_fen: Number(r.amount_fen) }));
  });
}

export interface ClientsAndReps {
  /** Earned income per client, largest first ('' = facts without a client). */
  clients: { id: string; amount_fen: number }[];
  /** Earned income per sales rep (owner); '' = none. */
  reps: Map<string, number>;
}

/** Earned income from..to per client and per rep, from one read grouped by both (the closed months' part kept). */
export async function incomeByClientAndRep(db: Executor, scope: Pick<Scope, "centerId">, from: MonthKey, to: MonthKey, closed: MonthKey | null = null): Promise<ClientsAndReps> {
  const rows = await acrossClosing("client-rep", scope.centerId, from, to, closed, async (a, b) => {
    const { rows } = await sql<{ client_id: string; owner_id: string; amount_fen: number | string }>`
      select f.client_id, f.owner_id, sum(f.amount_fen) as amount_fen from revenue_facts f
      where f.center_id = ${scope.centerId} and f.month >= ${a} and f.month <= ${b} and f.earned = 1
      group by f.client_id, f.owner_id`.execute(db);
    return rows.map((r) => ({ client_id: r.client_id, owner_id: r.owner_id, amount_fen: Number(r.amount_fen) }));
  });
  const clients = new Map<string, number>();
  const reps = new Map<string, number>();
  for (const r of rows) {
    clients.set(r.client_id, (clients.get(r.client_id) ?? 0) + r.amount_fen);
    reps.set(r.owner_id, (reps.get(r.owner_id) ?? 0) + r.amount_fen);
  }
  return { clients: [...clients].map(([id, amount_fen]) => ({ id, amount_fen })).sort((a, b) => b.amount_fen - a.amount_fen), reps };
}
