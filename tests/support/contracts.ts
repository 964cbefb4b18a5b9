// Service contracts for tests, made through the same services the contract screens use.
import type { AppDb } from "../../db/connection";
import type { Scope } from "../../app/modules/auth/scope";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import type { ContractInput } from "../../app/modules/contracts/contract-form";
import { createContract } from "../../app/modules/contracts/contracts.server";
import { approveContract, startContract, submitForSigning } from "../../app/modules/contracts/lifecycle.server";
import { feeTotal, splitMilestones } from "../../app/modules/contracts/model";
import { newId } from "../../db/ids";
import { makeClient } from "./factory";

/** Who a contract is for and where its income goes. */
export interface ContractParty {
  client: string;
  clientId: string;
  categoryId: string;
}

/** A fresh client of the caller's center and a technical-service category (客户端开发 unless named). */
export async function contractParty(db: AppDb, scope: Scope, categoryCode = "tech.app_dev"): Promise<ContractParty> {
  const client = `委托单位${newId().slice(-8)}`;
  const clientId = await makeClient(db, scope, { name: client });
  const categoryId = await categoryIdByCode(db, scope, categoryCode);
  if (!categoryId) throw new Error(`no category ${categoryCode}`);
  return { client, clientId, categoryId };
}

function header(party: Pick<ContractParty, "client" | "categoryId">): Omit<ContractInput, "pricing" | "amount_fen" | "monthly_fee_fen" | "milestones" | "rates"> {
  return {
    number: "",
    title: "测试服务合同",
    client: party.client,
    category_id: party.categoryId,
    signed_on: "2026-01-05",
    start_date: "2026-01-05",
    end_date: "2026-06-30",
    tax_included: 1,
    notes: "",
  };
}

export interface MilestonePlan {
  name: string;
  percent: number;
  date: string;
}

/** The usual 30 % on signing, 40 % on delivery, 30 % on acceptance. */
export const THREE_STAGES: MilestonePlan[] = [
  { name: "签约", percent: 30, date: "2026-01-05" },
  { name: "上线交付", percent: 40, date: "2026-04-30" },
  { name: "终验", percent: 30, date: "2026-06-30" },
];

/** A fixed-price contract (¥100,000.00 unless told) paid by milestones; amounts split by the model's rule. */
export function milestoneContract(party: Pick<ContractParty, "client" | "categoryId">, over: Partial<ContractInput> & { plan?: MilestonePlan[] } = {}): ContractInput {
  const { plan = THREE_STAGES, ...rest } = over;
  const amount = rest.amount_fen ?? 10_000_000;
  const split = splitMilestones(amount, plan.map((p) => ({ percentBp: Math.round(p.percent * 100) })));
  if (!split) throw new Error("milestone percentages do not split");
  return {
    ...header(party),
    title: "智慧政务客户端开发",
    pricing: "milestone",
    amount_fen: amount,
    monthly_fee_fen: 0,
    milestones: plan.map((p, i) => ({ name: p.name, percentBp: Math.round(p.percent * 100), amountFen: split[i], plannedDate: p.date })),
    rates: [],
    ...rest,
  };
}

/** A monthly service fee (¥8,000.00 a month for 2026 unless told); the amount is the sum of the months. */
export function monthlyContract(party: Pick<ContractParty, "client" | "categoryId">, over: Partial<ContractInput> = {}): ContractInput {
  const start = over.start_date ?? "2026-01-01";
  const end = over.end_date ?? "2026-12-31";
  const fee = over.monthly_fee_fen ?? 800_000;
  return {
    ...header(party),
    title: "融媒体平台运维服务",
    pricing: "monthly",
    signed_on: start,
    start_date: start,
    end_date: end,
    amount_fen: feeTotal(fee, start, end),
    monthly_fee_fen: fee,
    milestones: [],
    rates: [],
    ...over,
  };
}

/** Time and materials: 直播 ¥3,000.00 per 场 and 视频制作 ¥800.00 per 分钟, up to ¥50,000.00 unless told. */
export function tmContract(party: Pick<ContractParty, "client" | "categoryId">, over: Partial<ContractInput> = {}): ContractInput {
  return {
    ...header(party),
    title: "全年直播及视频制作",
    pricing: "tm",
    start_date: "2026-01-01",
    signed_on: "2026-01-01",
    end_date: "2026-12-31",
    amount_fen: 5_000_000,
    monthly_fee_fen: 0,
    milestones: [],
    rates: [
      { name: "直播", unit: "场", priceFen: 300_000 },
      { name: "视频制作", unit: "分钟", priceFen: 80_000 },
    ],
    ...over,
  };
}

/** A draft owned by the caller; throws when refused. */
export async function makeContract(db: AppDb, scope: Scope, input: ContractInput): Promise<string> {
  const result = await createContract(db, scope, input);
  if (!result.ok) throw new Error(`contract not created: ${JSON.stringify(result.errors)}`);
  return result.id;
}

/**
 * A signed contract (approved by `approver` when the amount is above the center's threshold), and
 * started (履行中) when asked.
 */
export async function signedContract(db: AppDb, owner: Scope, input: ContractInput, opts: { approver?: Scope; start?: boolean } = {}): Promise<string> {
  const id = await makeContract(db, owner, input);
  const submitted = await submitForSigning(db, owner, id, {});
  if (!submitted.ok) throw new Error(`not submitted: ${JSON.stringify(submitted.errors)}`);
  const { status } = await db.selectFrom("contracts").select("status").where("id", "=", id).executeTakeFirstOrThrow();
  if (status === "pending") {
    if (!opts.approver) throw new Error("the contract needs a manager's approval: pass an approver");
    const approved = await approveContract(db, opts.approver, id, {});
    if (!approved.ok) throw new Error(`not approved: ${JSON.stringify(approved.errors)}`);
  }
  if (opts.start) {
    const started = await startContract(db, owner, id, {});
    if (!started.ok) throw new Error(`not started: ${JSON.stringify(started.errors)}`);
  }
  return id;
}

/** The contract's milestones in order. */
export function milestonesOf(db: AppDb, contractId: string) {
  return db.selectFrom("contract_milestones").selectAll().where("contract_id", "=", contractId).orderBy("seq").execute();
}

/** The contract's agreed unit prices in order. */
export function ratesOf(db: AppDb, contractId: string) {
  return db.selectFrom("contract_rates").selectAll().where("contract_id", "=", contractId).orderBy("seq").execute();
}

export function contractRow(db: AppDb, contractId: string) {
  return db.selectFrom("contracts").selectAll().where("id", "=", contractId).executeTakeFirstOrThrow();
}
