// How a contract moves: 草拟 → (待审批 →) 已签订 → 履行中 → 已验收/已完成, or 已终止; and its
// renewal. Every move locks the contract row, checks where it may go from, and is audited with
// who did it and when.
import type { AppDb } from "~db/connection";
import { type Executor, writeTransaction } from "~db/dialect";
import type { Contract, ContractStatus } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { can } from "~/modules/auth/permissions";
import { formatFen, parseYuanToFen } from "~/utils/money";
import { nextStamp, nowIso } from "~/utils/time";
import { type ContractWriteResult, lockContract, refusal } from "./access.server";
import type { ContractInput } from "./contract-form";
import { insertContract } from "./contracts.server";
import { feeTotal, finishedStatus, IN_FORCE, needsApproval, nextTerm, shiftDate } from "./model";
import { refreshRevenue } from "~/modules/revenue/facts.server";

type Move = { expectedUpdatedAt?: string };

async function setStatus(trx: Executor, scope: Scope, before: Contract, patch: Partial<Contract> & { status: ContractStatus }, action: string, extra: Record<string, unknown> = {}) {
  const updated_at = nextStamp(before.updated_at);
  await trx.updateTable("contracts").set({ ...patch, updated_at }).where("center_id", "=", scope.centerId).where("id", "=", before.id).execute();
  const beforeFields = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof Contract]]));
  await recordAudit(trx, scope, { entity: "contract", entityId: before.id, action, before: beforeFields, after: { ...patch, ...extra } });
  await refreshRevenue(trx, scope, [{ kind: "contract", id: before.id }]);
}

/**
 * The owner asks to sign. At or below the center's threshold the contract is signed at once;
 * above it, it waits for a manager (待审批). A signing date is needed either way.
 */
export async function submitForSigning(db: AppDb, scope: Scope, id: string, opts: Move): Promise<ContractWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, id, { owner: true, allowed: ["draft"], ...opts });
    if ("refused" in locked) return locked.refused;
    const c = locked.contract;
    if (!c.signed_on) return refusal(400, { form: "请先编辑合同填写签订日期，再提交签订" });
    const center = await trx.selectFrom("centers").select("contract_approval_fen").where("id", "=", scope.centerId).executeTakeFirstOrThrow();
    const threshold = Number(center.contract_approval_fen);
    if (needsApproval(c.amount_fen, threshold)) {
      await setStatus(trx, scope, c, { status: "pending", return_reason: "" }, "submit", { threshold_fen: threshold });
    } else {
      await setStatus(trx, scope, c, { status: "signed", return_reason: "" }, "sign");
    }
    return { ok: true, id } as const;
  });
}

/**
 * A manager approves signing: who and when are kept on the contract and in the trail. `at` is the
 * approval instant when it is recorded after the fact (the demo data); otherwise now.
 */
export async function approveContract(db: AppDb, scope: Scope, id: string, opts: Move & { at?: string }): Promise<ContractWriteResult> {
  if (!can(scope.role, "contract", "approve") || !scope.userId) return refusal(403, { form: "只有主任/经理可以审批合同" });
  const approver = scope.userId;
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, id, { owner: false, allowed: ["pending"], expectedUpdatedAt: opts.expectedUpdatedAt });
    if ("refused" in locked) return locked.refused;
    await setStatus(trx, scope, locked.contract, { status: "signed", approved_by: approver, approved_at: opts.at ?? nowIso() }, "approve");
    return { ok: true, id } as const;
  });
}

/** A manager sends it back to the owner as a draft, saying why. */
export async function returnContract(db: AppDb, scope: Scope, id: string, reason: string, opts: Move): Promise<ContractWriteResult> {
  if (!can(scope.role, "contract", "approve")) return refusal(403, { form: "只有主任/经理可以审批合同" });
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, id, { owner: false, allowed: ["pending"], ...opts });
    if ("refused" in locked) return locked.refused;
    await setStatus(trx, scope, locked.contract, { status: "draft", return_reason: reason }, "return");
    return { ok: true, id } as const;
  });
}

export async function startContract(db: AppDb, scope: Scope, id: string, opts: Move): Promise<ContractWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, id, { owner: true, allowed: ["signed"], ...opts });
    if ("refused" in locked) return locked.refused;
    await setStatus(trx, scope, locked.contract, { status: "active" }, "start");
    return { ok: true, id } as const;
  });
}

/**
 * 已验收 for a milestone contract once every milestone is accepted; 已完成 for a monthly fee once
 * the term is over, and for time and materials whenever the owner says the work is done.
 */
export async function finishContract(db: AppDb, scope: Scope, id: string, opts: Move & { today: string }): Promise<ContractWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, id, { owner: true, allowed: IN_FORCE, expectedUpdatedAt: opts.expectedUpdatedAt });
    if ("refused" in locked) return locked.refused;
    const c = locked.contract;
    if (c.pricing === "milestone") {
      const open = await trx
        .selectFrom("contract_milestones")
        .select("name")
        .where("center_id", "=", scope.centerId)
        .where("contract_id", "=", id)
        .where("accepted_on", "is", null)
        .orderBy("seq")
        .execute();
      if (open.length) return refusal(409, { form: `还有里程碑未验收：${open.map((m) => m.name).join("、")}` });
    }
    if (c.pricing === "monthly" && opts.today < c.end_date) return refusal(409, { form: `服务期到 ${c.end_date} 才结束；提前结束请用“终止合同”` });
    await setStatus(trx, scope, c, { status: finishedStatus(c.pricing) }, "finish");
    return { ok: true, id } as const;
  });
}

/**
 * MONEY: ends a contract early. What it earned is kept on the row: the accepted milestones (or
 * more, as typed) for a fixed price, the months served to the day for a monthly fee, the logged
 * work for time and materials. Nothing accepted or logged may lie after the termination day.
 */
export async function terminateContract(
  db: AppDb,
  scope: Scope,
  id: string,
  input: { date: string; reason: string; earned: string },
  opts: Move,
): Promise<ContractWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, id, { owner: true, allowed: IN_FORCE, ...opts });
    if ("refused" in locked) return locked.refused;
    const c = locked.contract;
    if (input.date > c.end_date) return refusal(400, { date: `终止日期不能晚于合同结束日期 ${c.end_date}` });
    const earned = await earnedAtTermination(trx, scope, c, input);
    if ("error" in earned) return refusal(400, earned.error);
    await setStatus(trx, scope, c, { status: "terminated", terminated_on: input.date, termination_reason: input.reason, earned_fen: earned.fen }, "terminate");
    return { ok: true, id } as const;
  });
}

async function earnedAtTermination(trx: Executor, scope: Scope, c: Contract, input: { date: string; earned: string }): Promise<{ fen: number } | { error: Record<string, string> }> {
  if (c.pricing === "monthly") return { fen: input.date < c.start_date ? 0 : feeTotal(c.monthly_fee_fen, c.start_date, input.date) };
  if (c.pricing === "tm") {
    const logs = await trx.selectFrom("contract_work_logs").select(["work_date", "amount_fen"]).where("center_id", "=", scope.centerId).where("contract_id", "=", c.id).execute();
    if (logs.some((l) => l.work_date > input.date)) return { error: { date: "终止日期之后还有工作量记录，请先删除或改选日期" } };
    return { fen: logs.reduce((sum, l) => sum + Number(l.amount_fen), 0) };
  }
  const accepted = await trx
    .selectFrom("contract_milestones")
    .select(["accepted_on", "amount_fen"])
    .where("center_id", "=", scope.centerId)
    .where("contract_id", "=", c.id)
    .where("accepted_on", "is not", null)
    .execute();
  if (accepted.some((m) => m.accepted_on! > input.date)) return { error: { date: "终止日期之前已有里程碑验收在后，请改选日期" } };
  const acceptedFen = accepted.reduce((sum, m) => sum + Number(m.amount_fen), 0);
  if (!input.earned) return { fen: acceptedFen };
  const fen = parseYuanToFen(input.earned);
  if (fen === null || fen < 0) return { error: { earned: `已实现金额“${input.earned}”不是有效金额` } };
  if (fen < acceptedFen) return { error: { earned: `已实现金额不能少于已验收里程碑合计 ${formatFen(acceptedFen)}` } };
  if (fen > c.amount_fen) return { error: { earned: `已实现金额不能超过合同金额 ${formatFen(c.amount_fen)}` } };
  return { fen };
}

/** The renewal that follows a contract, if one is not terminated. */
export async function renewalOf(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom("contracts")
    .select(["id", "number", "status"])
    .where("center_id", "=", scope.centerId)
    .where("renewed_from_id", "=", id)
    .where("status", "<>", "terminated")
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

/**
 * The next term's draft: same client, category, pricing, amounts and schedule; the term starts the
 * day after this one ends and lasts as long; milestone dates move with it. One live renewal each.
 */
export async function renewContract(db: AppDb, scope: Scope, id: string): Promise<ContractWriteResult> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockContract(trx, scope, id, { owner: true, allowed: ["signed", "active", "accepted", "completed"] });
    if ("refused" in locked) return locked.refused;
    const c = locked.contract;
    const existing = await renewalOf(trx, scope, id);
    if (existing) return refusal(409, { form: `已续签为合同 ${existing.number}` });
    const client = await trx.selectFrom("clients").select("name").where("id", "=", c.client_id).executeTakeFirstOrThrow();
    const [milestones, rates] = await Promise.all([
      trx.selectFrom("contract_milestones").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", id).orderBy("seq").execute(),
      trx.selectFrom("contract_rates").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", id).orderBy("seq").execute(),
    ]);
    const term = nextTerm(c.start_date, c.end_date);
    const input: ContractInput = {
      number: "",
      title: c.title,
      client: client.name,
      category_id: c.category_id,
      pricing: c.pricing,
      signed_on: null,
      start_date: term.start,
      end_date: term.end,
      amount_fen: c.pricing === "monthly" ? feeTotal(c.monthly_fee_fen, term.start, term.end) : c.amount_fen,
      monthly_fee_fen: c.monthly_fee_fen,
      tax_included: c.tax_included,
      notes: c.notes,
      milestones: milestones.map((m) => ({ name: m.name, percentBp: m.percent_bp, amountFen: Number(m.amount_fen), plannedDate: shiftDate(m.planned_date, c.start_date, term.start) })),
      rates: rates.map((r) => ({ name: r.name, unit: r.unit, priceFen: Number(r.price_fen) })),
    };
    return insertContract(trx, scope, input, { renewedFromId: id });
  });
}
