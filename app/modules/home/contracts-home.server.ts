// The contract panels of 首页: a rep's own contracts ending soon and late milestones; for a
// manager, the whole center's, and the contracts waiting for approval.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { can } from "~/modules/auth/permissions";
import { endingSoonContracts, lateMilestones } from "~/modules/contracts/views.server";

export async function contractsHome(db: Executor, scope: Scope, today: string) {
  const own = scope.role === "sales";
  if (!own && scope.role !== "manager") return null;
  const ownerId = own ? (scope.userId ?? "") : undefined;
  const [ending, late, pending] = await Promise.all([
    endingSoonContracts(db, scope, today, { ownerId }),
    lateMilestones(db, scope, today, { ownerId }),
    can(scope.role, "contract", "approve")
      ? db
          .selectFrom("contracts as k")
          .innerJoin("clients as cl", "cl.id", "k.client_id")
          .leftJoin("users as u", "u.id", "k.owner_id")
          .select(["k.id", "k.number", "k.title", "k.amount_fen", "cl.name as client_name", "u.display_name as owner_name"])
          .where("k.center_id", "=", scope.centerId)
          .where("k.status", "=", "pending")
          .orderBy("k.updated_at")
          .limit(8)
          .execute()
      : Promise.resolve(null),
  ]);
  return { ending, late, pending: pending?.map((p) => ({ ...p, amount_fen: Number(p.amount_fen) })) ?? null, own };
}
