// Creating and editing service contracts. A contract is written with its milestones (fixed
// price) or agreed unit prices (time and materials) in one transaction and audited with them.
// Only drafts are edited; after signing, changes go through the actions in lifecycle.server.ts
// and delivery.server.ts.
import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, writeTransaction } from "~db/dialect";
import { lockSequence } from "~/modules/booking/numbers.server";
import { newId } from "~db/ids";
import type { Contract, ReportGroup } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { assignableCategories } from "~/modules/categories/categories.server";
import { clientByName } from "~/modules/clients/clients.server";
import { formatBasisPoints, formatFen } from "~/utils/money";
import { nextStamp, nowIso, todayInShanghai } from "~/utils/time";
import { type ContractWriteResult, lockContract, refusal } from "./access.server";
import type { ContractInput, MilestoneInput, RateInput } from "./contract-form";
import { formatContractNumber } from "./model";

export { canEditContract, type ContractWriteResult } from "./access.server";

/** The categories a contract's income may go to: everything but advertising and fiscal subsidies. */
export const CONTRACT_GROUPS: readonly ReportGroup[] = ["tech_service", "gov_service", "event", "other"];

export async function contractCategories(db: Executor, scope: Scope) {
  return (await assignableCategories(db, scope)).filter((c) => CONTRACT_GROUPS.includes(c.group));
}

const NUMBER_SERIES = "HT";

/**
 * CONCURRENCY: the next number from the center's pattern, taken from a sequence row locked in the
 * creating transaction. A number someone typed by hand that the pattern would produce is skipped.
 */
async function nextContractNumber(trx: Executor, scope: Scope, year: number): Promise<string> {
  const center = await trx.selectFrom("centers").select("contract_number_pattern").where("id", "=", scope.centerId).executeTakeFirstOrThrow();
  const seq = await lockSequence(trx, scope.centerId, NUMBER_SERIES, year);
  let value = Number(seq.last_value);
  let number: string;
  do {
    value += 1;
    number = formatContractNumber(center.contract_number_pattern, year, value);
  } while (await numberTaken(trx, scope, number, null));
  await trx.updateTable("number_sequences").set({ last_value: value }).where("id", "=", seq.id).execute();
  return number;
}

async function numberTaken(db: Executor, scope: Scope, number: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom("contracts").select("id").where("center_id", "=", scope.centerId).where("number", "=", number);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return Boolean(await q.executeTakeFirst());
}

const DUPLICATE = (number: string) => ({ number: `合同编号“${number}”已存在，请换一个编号或留空自动编号` });

/** Client by name and category by id, both inside the caller's center; every problem at once. */
async function resolveRefs(db: Executor, scope: Scope, input: ContractInput) {
  const [client, categories] = await Promise.all([clientByName(db, scope, input.client), contractCategories(db, scope)]);
  const errors: Record<string, string> = {};
  if (!client) errors.client = `客户“${input.client}”不存在，请先在“客户”中建立`;
  if (!categories.some((c) => c.id === input.category_id)) errors.category_id = "请选择技术服务、政府购买服务、活动或其他类别";
  return client && !errors.category_id ? { ok: true as const, clientId: client.id } : { ok: false as const, errors };
}

function columns(input: ContractInput, clientId: string) {
  return {
    title: input.title,
    client_id: clientId,
    category_id: input.category_id,
    pricing: input.pricing,
    signed_on: input.signed_on,
    start_date: input.start_date,
    end_date: input.end_date,
    amount_fen: input.amount_fen,
    tax_included: input.tax_included,
    monthly_fee_fen: input.monthly_fee_fen,
    notes: input.notes,
  };
}

/** The schedule in words, for the audit trail: "签约 30% ¥30,000.00 2026-01-10；…". */
function scheduleText(milestones: MilestoneInput[], rates: RateInput[]): { milestones?: string; rates?: string } {
  const out: { milestones?: string; rates?: string } = {};
  if (milestones.length) out.milestones = milestones.map((m) => `${m.name} ${formatBasisPoints(m.percentBp)} ${formatFen(m.amountFen)} ${m.plannedDate}`).join("；");
  if (rates.length) out.rates = rates.map((r) => `${r.name} ${formatFen(r.priceFen)}/${r.unit}`).join("；");
  return out;
}

async function writeSchedule(trx: Executor, scope: Scope, contractId: string, input: Pick<ContractInput, "milestones" | "rates">, now: string) {
  await trx.deleteFrom("contract_milestones").where("center_id", "=", scope.centerId).where("contract_id", "=", contractId).execute();
  await trx.deleteFrom("contract_rates").where("center_id", "=", scope.centerId).where("contract_id", "=", contractId).execute();
  if (input.milestones.length) {
    await trx
      .insertInto("contract_milestones")
      .values(
        input.milestones.map((m, i) => ({
          id: newId(),
          center_id: scope.centerId,
          contract_id: contractId,
          seq: i + 1,
          name: m.name,
          percent_bp: m.percentBp,
          amount_fen: m.amountFen,
          planned_date: m.plannedDate,
          delivered_on: null,
          accepted_on: null,
          accepted_by: null,
          accepted_at: null,
          acceptance_note: "",
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  if (input.rates.length) {
    await trx
      .insertInto("contract_rates")
      .values(input.rates.map((r, i) => ({ id: newId(), center_id: scope.centerId, contract_id: contractId, seq: i + 1, name: r.name, unit: r.unit, price_fen: r.priceFen, created_at: now })))
      .execute();
  }
}

async function storedSchedule(trx: Executor, scope: Scope, contractId: string) {
  const [milestones, rates] = await Promise.all([
    trx.selectFrom("contract_milestones").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", contractId).orderBy("seq").execute(),
    trx.selectFrom("contract_rates").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", contractId).orderBy("seq").execute(),
  ]);
  return scheduleText(
    milestones.map((m) => ({ name: m.name, percentBp: m.percent_bp, amountFen: Number(m.amount_fen), plannedDate: m.planned_date })),
    rates.map((r) => ({ name: r.name, unit: r.unit, priceFen: Number(r.price_fen) })),
  );
}

/** The contract a rendered form already made, if it was submitted before. */
async function madeByForm(db: Executor, scope: Scope, key: string): Promise<string | null> {
  if (!key) return null;
  const row = await db.selectFrom("contracts").select("id").where("center_id", "=", scope.centerId).where("idempotency_key", "=", key).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * A new draft owned by the caller. A form submitted twice (a double click, a retried post) lands
 * on the contract its first submission made: `existing` says so.
 */
export async function createContract(db: AppDb, scope: Scope, input: ContractInput): Promise<ContractWriteResult & { existing?: boolean }> {
  const earlier = await madeByForm(db, scope, input.idempotency_key ?? "");
  if (earlier) return { ok: true, id: earlier, existing: true };
  try {
    return await writeTransaction(db, (trx) => insertContract(trx, scope, input, {}));
  } catch (error) {
    if (isUniqueViolation(error)) {
      // The same form at the same moment: the unique key decides, and the loser shows the winner's contract.
      const winner = await madeByForm(db, scope, input.idempotency_key ?? "");
      if (winner) return { ok: true, id: winner, existing: true };
      // Two people typing the same number at the same moment: the unique index decides.
      if (input.number) return refusal(400, DUPLICATE(input.number));
    }
    throw error;
  }
}

/** Writes a new draft inside the caller's transaction; a renewal names the contract it follows. */
export async function insertContract(trx: Executor, scope: Scope, input: ContractInput, extra: { renewedFromId?: string }): Promise<ContractWriteResult> {
  if (!scope.userId) return refusal(403, { form: "需要登录" });
  const ownerId = scope.userId;
  const refs = await resolveRefs(trx, scope, input);
  if (!refs.ok) return refusal(400, refs.errors);
  if (input.number && (await numberTaken(trx, scope, input.number, null))) return refusal(400, DUPLICATE(input.number));
  const number = input.number || (await nextContractNumber(trx, scope, Number(todayInShanghai().slice(0, 4))));
  const now = nowIso();
  const row: Contract = {
    id: newId(),
    center_id: scope.centerId,
    number,
    ...columns(input, refs.clientId),
    owner_id: ownerId,
    status: "draft",
    approved_by: null,
    approved_at: null,
    return_reason: "",
    terminated_on: null,
    termination_reason: "",
    earned_fen: null,
    renewed_from_id: extra.renewedFromId ?? null,
    idempotency_key: input.idempotency_key || null,
    created_by: ownerId,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto("contracts").values(row).execute();
  await writeSchedule(trx, scope, row.id, input, now);
  await recordAudit(trx, scope, { entity: "contract", entityId: row.id, action: extra.renewedFromId ? "renew" : "create", after: { ...row, ...scheduleText(input.milestones, input.rates) } });
  return { ok: true, id: row.id };
}

/** Edits a draft (or one returned from approval); the schedule is replaced as a whole. */
export async function updateContract(db: AppDb, scope: Scope, id: string, input: ContractInput, expectedUpdatedAt: string): Promise<ContractWriteResult> {
  try {
    return await writeTransaction(db, async (trx) => {
      const locked = await lockContract(trx, scope, id, { owner: true, allowed: ["draft"], expectedUpdatedAt });
      if ("refused" in locked) return locked.refused;
      const before = locked.contract;
      const refs = await resolveRefs(trx, scope, input);
      if (!refs.ok) return refusal(400, refs.errors);
      const number = input.number || before.number;
      if (number !== before.number && (await numberTaken(trx, scope, number, id))) return refusal(400, DUPLICATE(number));
      const scheduleBefore = await storedSchedule(trx, scope, id);
      const now = nowIso();
      const after: Contract = { ...before, number, ...columns(input, refs.clientId), updated_at: nextStamp(before.updated_at, now) };
      const { id: _id, center_id: _c, created_at: _created, ...patch } = after;
      await trx.updateTable("contracts").set(patch).where("center_id", "=", scope.centerId).where("id", "=", id).execute();
      await writeSchedule(trx, scope, id, input, now);
      // MONEY: the amount and every milestone amount are in this entry's before and after.
      await recordAudit(trx, scope, {
        entity: "contract",
        entityId: id,
        action: "update",
        before: { ...before, ...scheduleBefore },
        after: { ...after, ...scheduleText(input.milestones, input.rates) },
      });
      return { ok: true, id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return refusal(400, DUPLICATE(input.number));
    throw error;
  }
}
