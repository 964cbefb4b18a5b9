// The signed scan (and any other scan) of a contract: checked by its bytes and size like every
// upload (inventory/files.server.ts), stored on disk, recorded with an audit entry on the contract.
import type { AppDb } from "~db/connection";
import { type Executor, writeTransaction } from "~db/dialect";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { type CheckedFile, readStored, removeQuietly, writeUpload } from "~/modules/inventory/files.server";
import { nowIso } from "~/utils/time";
import { type ContractWriteResult, lockContract } from "./access.server";

/** Attaching needs the owner; a scan may be added at any status, since it records what was signed. */
export async function attachContractFile(db: AppDb, scope: Scope, contractId: string, file: CheckedFile): Promise<ContractWriteResult> {
  const stored = await writeUpload(scope, file);
  try {
    const result = await writeTransaction(db, async (trx) => {
      const locked = await lockContract(trx, scope, contractId, { owner: true });
      if ("refused" in locked) return locked.refused;
      const row = {
        id: stored.id,
        center_id: scope.centerId,
        contract_id: contractId,
        storage_key: stored.storageKey,
        content_type: stored.contentType,
        size_bytes: file.bytes.byteLength,
        original_name: file.originalName,
        uploaded_by: scope.userId,
        created_at: nowIso(),
      };
      await trx.insertInto("contract_files").values(row).execute();
      await recordAudit(trx, scope, {
        entity: "contract",
        entityId: contractId,
        action: "attach_file",
        after: { original_name: row.original_name, content_type: row.content_type, size_bytes: row.size_bytes },
      });
      return { ok: true, id: contractId } as const;
    });
    if (!result.ok) await removeQuietly(stored.fullPath);
    return result;
  } catch (error) {
    await removeQuietly(stored.fullPath);
    throw error;
  }
}

/** A stored scan of the caller's center's contract, with its bytes; null when missing or foreign. */
export async function readContractFile(db: Executor, scope: Scope, contractId: string, fileId: string) {
  const row = await db
    .selectFrom("contract_files")
    .selectAll()
    .where("center_id", "=", scope.centerId)
    .where("contract_id", "=", contractId)
    .where("id", "=", fileId)
    .executeTakeFirst();
  if (!row) return null;
  const body = await readStored(row.storage_key);
  return body ? { row, body } : null;
}
