// Invoiced and collected money by month, for the dashboard's periods. Invoiced: issued bills by
// issue date, ex-VAT (net_fen) like recognised income, red-letter credits included with their
// negative amounts. Collected: payments received in the month less payments reversed in the month
// (a reversal counts when it is made, so a closed month's cash never changes afterwards; nothing can
// be dated in a closed month, so its figures are read once and kept).
import { sql } from "kysely";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { acrossClosing } from "./dashboard-closed.server";
import { addMonths, type MonthKey } from "./series";

export interface MonthMoney {
  invoiced_net_fen: number;
  invoiced_total_fen: number;
  received_fen: number;
  reversed_fen: number;
}

const EMPTY: MonthMoney = { invoiced_net_fen: 0, invoiced_total_fen: 0, received_fen: 0, reversed_fen: 0 };

/** Per month from..to. Three grouped reads, each a date range of its own index; closed months' kept. */
export async function moneyByMonth(db: Executor, scope: Pick<Scope, "centerId">, from: MonthKey, to: MonthKey, closed: MonthKey | null = null): Promise<Map<MonthKey, MonthMoney>> {
  const rows = await acrossClosing("money", scope.centerId, from, to, closed, (a, b) => readMoney(db, scope.centerId, a, b));
  return new Map(rows);
}

async function readMoney(db: Executor, center: string, from: MonthKey, to: MonthKey): Promise<[MonthKey, MonthMoney][]> {
  const first = `${from}-01`;
  const after = `${addMonths(to, 1)}-01`;
  const [bills, received, reversed] = await Promise.all([
    sql<{ month: string; net: number; total: number }>`
      select substr(b.issue_date, 1, 7) as month, sum(b.net_fen) as net, sum(b.total_fen) as total from bills b
      where b.center_id = ${center} and b.status = 'issued' and b.issue_date >= ${first} and b.issue_date < ${after}
      group by substr(b.issue_date, 1, 7)`.execute(db),
    sql<{ month: string; amount: number }>`
      select substr(p.received_on, 1, 7) as month, sum(p.amount_fen) as amount from payments p
      where p.center_id = ${center} and p.received_on >= ${first} and p.received_on < ${after}
      group by substr(p.received_on, 1, 7)`.execute(db),
    sql<{ month: string; amount: number }>`
      select substr(p.reversed_on, 1, 7) as month, sum(p.amount_fen) as amount from payments p
      where p.center_id = ${center} and p.reversed_on >= ${first} and p.reversed_on < ${after}
      group by substr(p.reversed_on, 1, 7)`.execute(db),
  ]);
  const out = new Map<MonthKey, MonthMoney>();
  const row = (m: string) => {
    let r = out.get(m);
    if (!r) out.set(m, (r = { ...EMPTY }));
    return r;
  };
  for (const r of bills.rows) Object.assign(row(r.month), { invoiced_net_fen: Number(r.net), invoiced_total_fen: Number(r.total) });
  for (const r of received.rows) row(r.month).received_fen = Number(r.amount);
  for (const r of reversed.rows) row(r.month).reversed_fen = Number(r.amount);
  return [...out];
}

/** The money of the months from..to summed. */
export function moneyIn(byMonth: Map<MonthKey, MonthMoney>, from: MonthKey, to: MonthKey): MonthMoney & { collected_fen: number } {
  const sum = { ...EMPTY };
  for (const [m, r] of byMonth) {
    if (m < from || m > to) continue;
    sum.invoiced_net_fen += r.invoiced_net_fen;
    sum.invoiced_total_fen += r.invoiced_total_fen;
    sum.received_fen += r.received_fen;
    sum.reversed_fen += r.reversed_fen;
  }
  return { ...sum, collected_fen: sum.received_fen - sum.reversed_fen };
}
