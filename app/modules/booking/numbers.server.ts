// Human document numbers, gapless per center, series and year (订单 DD2026-000123). The sequence
// row is locked by the transaction that takes a number, so a rolled-back transaction gives its
// number back and two servers never hand out the same one.
import type { Executor } from "~db/dialect";
import { insertIfAbsent, lockRows } from "~db/dialect";
import { newId } from "~db/ids";

export async function nextNumber(trx: Executor, centerId: string, series: string, year: number): Promise<string> {
  await insertIfAbsent(trx, "number_sequences", { id: newId(), center_id: centerId, series, year, last_value: 0 });
  const row = await lockRows(
    trx,
    trx.selectFrom("number_sequences").select(["id", "last_value"]).where("center_id", "=", centerId).where("series", "=", series).where("year", "=", year),
  ).executeTakeFirstOrThrow();
  const value = Number(row.last_value) + 1;
  await trx.updateTable("number_sequences").set({ last_value: value }).where("id", "=", row.id).execute();
  return `${series}${year}-${String(value).padStart(6, "0")}`;
}
