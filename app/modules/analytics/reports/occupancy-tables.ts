// 上刊率 as a table: a row per month and medium (capacity-days, the four kinds of use, free, paid
// and total occupancy), then a totals row per medium over the period. Pure.
import { t, tKey } from "~/i18n";
import { ratioBp } from "../series";
import { LINE_KINDS } from "./constants";
import type { OccupancyRow } from "./occupancy.server";
import { bp, count, type ReportRow, type ReportTable, text } from "./table";

function cells(r: Pick<OccupancyRow, "capacityDays" | "byKind" | "free">) {
  const used = LINE_KINDS.reduce((s, k) => s + r.byKind[k], 0);
  return [r.capacityDays, ...LINE_KINDS.map((k) => r.byKind[k]), r.free, ratioBp(r.byKind.paid, r.capacityDays), ratioBp(used, r.capacityDays)];
}

/** The period's sum per medium. */
export function occupancyTotals(rows: OccupancyRow[]): Omit<OccupancyRow, "month">[] {
  const out = new Map<string, Omit<OccupancyRow, "month">>();
  for (const r of rows) {
    const sum = out.get(r.medium) ?? { medium: r.medium, capacityDays: 0, byKind: { paid: 0, bonus: 0, public_service: 0, internal: 0 }, free: 0 };
    sum.capacityDays += r.capacityDays;
    sum.free += r.free;
    for (const k of LINE_KINDS) sum.byKind[k] += r.byKind[k];
    out.set(r.medium, sum);
  }
  return [...out.values()];
}

export function occupancyTable(rows: OccupancyRow[], period: string): ReportTable {
  const body: ReportRow[] = rows.map((r) => ({ cells: [r.month, tKey("medium", r.medium), ...cells(r)] }));
  return {
    sheet: t("rpt.occ.sheet"),
    title: t("rpt.occ.table", { period }),
    columns: [
      text(t("rpt.col.daysMonth"), 10),
      text(t("rpt.col.medium"), 10),
      count(t("rpt.occ.col.capacity"), 14),
      ...LINE_KINDS.map((k) => count(tKey("orders.kind", k), 12)),
      count(t("rpt.occ.col.free"), 12),
      bp(t("rpt.occ.col.paidRate"), 12),
      bp(t("rpt.occ.col.usedRate"), 12),
    ],
    rows: body,
    totals: occupancyTotals(rows).map((s) => ({ cells: [t("rpt.totals"), tKey("medium", s.medium), ...cells(s)] })),
    note: t("rpt.occ.note"),
  };
}
