// What is done under a contract: milestones delivered and accepted (验收), deliverables (the app,
// system, live sessions…), and logged work for time and materials. Each change locks the contract
// row and is audited on the contract.
import type { AppDb } from "~db/connection";
import { type Executor, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { ContractStatus, DeliverableKind } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { formatFen } from "~/utils/money";
import { nextStamp, nowIso } from "~/utils/time";
import { type ContractWriteResult, lockContract, refusal } from "./access.server";
import { IN_FORCE } from "./model";
import { refreshRevenue } from "~/modules/revenue/facts.server";

/** Deliverables are planned from the draft on and recorded until the contract is over. */
const DELIVERABLE_STATUSES: readonly ContractStatus[] = ["draft", "pending", "signed", "active", "accepted", "completed"];

async function touch(trx: Executor, scope: Scope, contract: { id: string; updated_at: string }) {
  await trx.updateTable("contracts").set({ updated_at: nextStamp(contract.updated_at) }).where("center_id", "=", scope.centerId).where("id", "=", contract.id).execute();
  // Acceptance and logged work are income: its facts change with them.
  await refreshRevenue(trx, scope, [{ kind: "contract", id: contract.id }]);
}

/** Records the day a milestone's work was handed over (before the client's acceptance). */
export async function recordMilestoneDelivery(db: AppDb, scope: Scope, contractId: string, milestoneId: string, date: string, today: string): Promise<ContractWriteResult> {
  if (date > today) return refusal(400, { date: "交付日期不能晚于今天" });
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, contractId, { owner: true, allowed: IN_FORCE });
    if ("refused" in locked) return locked.refused;
    const m = await trx.selectFrom("contract_milestones").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", contractId).where("id", "=", milestoneId).executeTakeFirst();
    if (!m) return refusal(404, { form: "里程碑不存在" });
    if (m.accepted_on) return refusal(409, { form: `“${m.name}”已验收，不能再改交付日期` });
    await trx.updateTable("contract_milestones").set({ delivered_on: date, updated_at: nowIso() }).where("id", "=", m.id).execute();
    await touch(trx, scope, locked.contract);
    await recordAudit(trx, scope, { entity: "contract", entityId: contractId, action: "deliver_milestone", before: { milestone: m.name, delivered_on: m.delivered_on }, after: { milestone: m.name, delivered_on: date } });
    return { ok: true, id: contractId } as const;
  });
}

/**
 * MONEY: the client's acceptance (验收) of a milestone, with the day, a note (the acceptance
 * record's reference) and who recorded it when. From that day the milestone's amount is billable
 * and earned. Acceptance is final; a mistake is corrected by terminating or by a credit on billing.
 */
export async function acceptMilestone(
  db: AppDb,
  scope: Scope,
  contractId: string,
  milestoneId: string,
  input: { date: string; note: string },
  today: string,
): Promise<ContractWriteResult> {
  if (input.date > today) return refusal(400, { date: "验收日期不能晚于今天" });
  if (!scope.userId) return refusal(403, { form: "需要登录" });
  const userId = scope.userId;
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, contractId, { owner: true, allowed: IN_FORCE });
    if ("refused" in locked) return locked.refused;
    const c = locked.contract;
    const m = await trx.selectFrom("contract_milestones").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", contractId).where("id", "=", milestoneId).executeTakeFirst();
    if (!m) return refusal(404, { form: "里程碑不存在" });
    if (m.accepted_on) return refusal(409, { form: `“${m.name}”已于 ${m.accepted_on} 验收` });
    if (c.signed_on && input.date < c.signed_on) return refusal(400, { date: `验收日期不能早于签订日期 ${c.signed_on}` });
    const patch = { accepted_on: input.date, accepted_by: userId, accepted_at: nowIso(), acceptance_note: input.note, delivered_on: m.delivered_on ?? input.date };
    await trx.updateTable("contract_milestones").set({ ...patch, updated_at: patch.accepted_at }).where("id", "=", m.id).execute();
    await touch(trx, scope, c);
    await recordAudit(trx, scope, {
      entity: "contract",
      entityId: contractId,
      action: "accept_milestone",
      before: { milestone: m.name, accepted_on: null },
      after: { milestone: m.name, accepted_on: input.date, amount_fen: Number(m.amount_fen), acceptance_note: input.note },
    });
    return { ok: true, id: contractId } as const;
  });
}

export interface DeliverableInput {
  kind: DeliverableKind;
  name: string;
  url: string;
  due_date: string | null;
  delivered_on: string | null;
  notes: string;
}

export async function saveDeliverable(db: AppDb, scope: Scope, contractId: string, deliverableId: string | null, input: DeliverableInput): Promise<ContractWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, contractId, { owner: true, allowed: DELIVERABLE_STATUSES });
    if ("refused" in locked) return locked.refused;
    const now = nowIso();
    if (deliverableId) {
      const before = await trx.selectFrom("contract_deliverables").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", contractId).where("id", "=", deliverableId).executeTakeFirst();
      if (!before) return refusal(404, { form: "交付物不存在" });
      await trx.updateTable("contract_deliverables").set({ ...input, updated_at: now }).where("id", "=", deliverableId).execute();
      await recordAudit(trx, scope, { entity: "contract", entityId: contractId, action: "update_deliverable", before: pick(before), after: input });
    } else {
      await trx.insertInto("contract_deliverables").values({ id: newId(), center_id: scope.centerId, contract_id: contractId, ...input, created_at: now, updated_at: now }).execute();
      await recordAudit(trx, scope, { entity: "contract", entityId: contractId, action: "add_deliverable", after: input });
    }
    await touch(trx, scope, locked.contract);
    return { ok: true, id: contractId } as const;
  });
}

function pick(d: DeliverableInput): DeliverableInput {
  return { kind: d.kind, name: d.name, url: d.url, due_date: d.due_date, delivered_on: d.delivered_on, notes: d.notes };
}

export async function removeDeliverable(db: AppDb, scope: Scope, contractId: string, deliverableId: string): Promise<ContractWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, contractId, { owner: true, allowed: DELIVERABLE_STATUSES });
    if ("refused" in locked) return locked.refused;
    const before = await trx.selectFrom("contract_deliverables").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", contractId).where("id", "=", deliverableId).executeTakeFirst();
    if (!before) return refusal(404, { form: "交付物不存在" });
    await trx.deleteFrom("contract_deliverables").where("id", "=", deliverableId).execute();
    await touch(trx, scope, locked.contract);
    await recordAudit(trx, scope, { entity: "contract", entityId: contractId, action: "remove_deliverable", before: pick(before) });
    return { ok: true, id: contractId } as const;
  });
}

/**
 * MONEY: logged work on a time-and-materials contract: quantity × the agreed price, on a day of the
 * term, never past the contract's ceiling.
 */
export async function addWorkLog(
  db: AppDb,
  scope: Scope,
  contractId: string,
  input: { rateId: string; date: string; quantity: number; note: string },
  today: string,
): Promise<ContractWriteResult> {
  if (input.date > today) return refusal(400, { date: "工作日期不能晚于今天" });
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1) return refusal(400, { quantity: "数量应为正整数" });
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, contractId, { owner: true, allowed: IN_FORCE });
    if ("refused" in locked) return locked.refused;
    const c = locked.contract;
    if (c.pricing !== "tm") return refusal(409, { form: "只有按工作量计价的合同可以登记工作量" });
    if (input.date < c.start_date || input.date > c.end_date) return refusal(400, { date: `工作日期应在合同期 ${c.start_date} 至 ${c.end_date} 之内` });
    const rate = await trx.selectFrom("contract_rates").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", contractId).where("id", "=", input.rateId).executeTakeFirst();
    if (!rate) return refusal(400, { rate_id: "请选择合同约定的服务项目" });
    const amount = input.quantity * Number(rate.price_fen);
    const logged = await trx
      .selectFrom("contract_work_logs")
      .select((eb) => eb.fn.sum<number>("amount_fen").as("fen"))
      .where("center_id", "=", scope.centerId)
      .where("contract_id", "=", contractId)
      .executeTakeFirstOrThrow();
    const used = Number(logged.fen ?? 0);
    if (used + amount > c.amount_fen) {
      return refusal(409, { form: `登记后合计 ${formatFen(used + amount)} 将超过合同金额上限 ${formatFen(c.amount_fen)}，请先签补充协议` });
    }
    const row = { id: newId(), center_id: scope.centerId, contract_id: contractId, rate_id: rate.id, work_date: input.date, quantity: input.quantity, amount_fen: amount, note: input.note, created_by: scope.userId, created_at: nowIso() };
    await trx.insertInto("contract_work_logs").values(row).execute();
    await touch(trx, scope, c);
    await recordAudit(trx, scope, { entity: "contract", entityId: contractId, action: "log_work", after: { item: rate.name, work_date: input.date, quantity: `${input.quantity}${rate.unit}`, amount_fen: amount, note: input.note } });
    return { ok: true, id: contractId } as const;
  });
}

export async function removeWorkLog(db: AppDb, scope: Scope, contractId: string, logId: string): Promise<ContractWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, contractId, { owner: true, allowed: IN_FORCE });
    if ("refused" in locked) return locked.refused;
    const log = await trx
      .selectFrom("contract_work_logs as w")
      .innerJoin("contract_rates as r", "r.id", "w.rate_id")
      .select(["w.id", "w.work_date", "w.quantity", "w.amount_fen", "w.note", "r.name", "r.unit"])
      .where("w.center_id", "=", scope.centerId)
      .where("w.contract_id", "=", contractId)
      .where("w.id", "=", logId)
      .executeTakeFirst();
    if (!log) return refusal(404, { form: "工作量记录不存在" });
    await trx.deleteFrom("contract_work_logs").where("id", "=", logId).execute();
    await touch(trx, scope, locked.contract);
    await recordAudit(trx, scope, { entity: "contract", entityId: contractId, action: "remove_work", before: { item: log.name, work_date: log.work_date, quantity: `${log.quantity}${log.unit}`, amount_fen: Number(log.amount_fen), note: log.note } });
    return { ok: true, id: contractId } as const;
  });
}
