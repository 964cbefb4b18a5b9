import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";

/**
 * How many units (archived ones included: their bookings and income still report under the
 * category) map to each category. categoryTree counts only top-level ones; units map to leaves.
 */
export async function unitCountsByCategory(db: Executor, scope: Scope): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("units")
    .select(["category_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("center_id", "=", scope.centerId)
    .groupBy("category_id")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.category_id, Number(r.n)]));
}
