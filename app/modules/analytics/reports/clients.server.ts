// 客户贡献: earned income of the period by client, largest first, with each client's share and its
// change on the same months a year earlier; fiscal subsidy (no client's) apart.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { factTotals } from "../facts-query.server";
import { factFilterOf, priorYear } from "./filters.server";
import type { ReportFilter } from "./filter-types";

export interface ClientContribution {
  client_id: string;
  name: string;
  current: number;
  prior: number;
}

export interface ClientsReport {
  /** All clients with income in either period, by current income (largest first). */
  rows: ClientContribution[];
  earned: { current: number; prior: number };
  subsidy: { current: number; prior: number };
}

export async function clientsReport(db: Executor, scope: Pick<Scope, "centerId">, filter: ReportFilter): Promise<ClientsReport> {
  const [current, prior] = await Promise.all([
    factTotals(db, scope, factFilterOf(filter), ["client", "earned"]),
    factTotals(db, scope, factFilterOf(filter, priorYear(filter)), ["client", "earned"]),
  ]);
  const rows = new Map<string, ClientContribution>();
  const earned = { current: 0, prior: 0 };
  const subsidy = { current: 0, prior: 0 };
  const take = (facts: typeof current, key: "current" | "prior") => {
    for (const f of facts) {
      if (Number(f.earned) !== 1) {
        subsidy[key] += f.amount_fen;
        continue;
      }
      earned[key] += f.amount_fen;
      const id = f.client_id ?? "";
      const row = rows.get(id) ?? { client_id: id, name: "", current: 0, prior: 0 };
      row[key] += f.amount_fen;
      rows.set(id, row);
    }
  };
  take(current, "current");
  take(prior, "prior");
  const ids = [...rows.keys()].filter(Boolean);
  for (let i = 0; i < ids.length; i += 500) {
    const names = await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "in", ids.slice(i, i + 500)).execute();
    for (const n of names) rows.get(n.id)!.name = n.name;
  }
  const list = [...rows.values()].sort((a, b) => Number(a.client_id === "") - Number(b.client_id === "") || b.current - a.current || b.prior - a.prior || a.name.localeCompare(b.name, "zh"));
  return { rows: list, earned, subsidy };
}
