// Who may change a contract, the result every contract write returns, and the locked read each
// write starts from.
import { type Executor, lockRows } from "~db/dialect";
import type { Contract, ContractStatus } from "~db/schema";
import { tKey } from "~/i18n";
import type { Scope } from "~/modules/auth/scope";
import { can } from "~/modules/auth/permissions";
import type { FieldErrors } from "~/utils/form";

export type ContractWriteResult = { ok: true; id: string } | { ok: false; status: 400 | 403 | 404 | 409 | 413; errors: FieldErrors };

export function refusal(status: 400 | 403 | 404 | 409 | 413, errors: FieldErrors): ContractWriteResult & { ok: false } {
  return { ok: false, status, errors };
}

export const NOT_FOUND = "合同不存在";

/** Sales change the contracts they are responsible for; everyone else reads (managers also approve). */
export function canEditContract(scope: Scope, contract: Pick<Contract, "owner_id">): boolean {
  return can(scope.role, "contract", "update") && contract.owner_id === scope.userId;
}

/**
 * CONCURRENCY: the contract row, locked for the rest of the transaction, so two changes of one
 * contract (a milestone accepted while it is terminated, two tabs saving) run one after the other.
 * `allowed` says which statuses the change may start from.
 */
export async function lockContract(
  trx: Executor,
  scope: Scope,
  id: string,
  opts: { owner: boolean; allowed?: readonly ContractStatus[]; expectedUpdatedAt?: string },
): Promise<{ contract: Contract } | { refused: ContractWriteResult & { ok: false } }> {
  const row = await lockRows(trx, trx.selectFrom("contracts").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id)).executeTakeFirst();
  if (!row) return { refused: refusal(404, { form: NOT_FOUND }) };
  const contract = { ...row, amount_fen: Number(row.amount_fen), monthly_fee_fen: Number(row.monthly_fee_fen), earned_fen: row.earned_fen === null ? null : Number(row.earned_fen) };
  if (opts.owner && !canEditContract(scope, contract)) return { refused: refusal(403, { form: "只有合同负责人可以修改此合同" }) };
  if (opts.expectedUpdatedAt !== undefined && contract.updated_at !== opts.expectedUpdatedAt) {
    return { refused: refusal(409, { form: "此合同已被他人修改，请刷新页面后重试" }) };
  }
  if (opts.allowed && !opts.allowed.includes(contract.status)) return { refused: refusal(409, { form: `合同当前状态为“${tKey("contracts.status", contract.status)}”，不能进行此操作` }) };
  return { contract };
}
