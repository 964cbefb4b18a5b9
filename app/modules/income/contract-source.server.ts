// Service contracts as income, by pricing shape:
// - milestones: an accepted milestone is billable and earned on the day it was accepted; a
//   contract terminated after earning more than its accepted milestones adds the difference on the
//   day it ended;
// - monthly fee: each calendar month of service (to the termination day, if any), prorated for
//   part months, billable from its first day and earned evenly over its days;
// - time and materials: each logged day, quantity × agreed price, earned that day.
// Drafts and contracts waiting for approval are not income.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { EARNING, feeMonths, serviceEnd } from "~/modules/contracts/model";
import type { IncomeEntry, Period, SourceQuery } from "./seam";

type ContractRow = Awaited<ReturnType<typeof earningContracts>>[number];

async function earningContracts(db: Executor, scope: Scope, query: SourceQuery) {
  let q = db
    .selectFrom("contracts as k")
    .innerJoin("revenue_categories as c", "c.id", "k.category_id")
    .select([
      "k.id", "k.number", "k.title", "k.client_id", "k.owner_id", "k.category_id", "k.pricing", "k.status", "k.start_date", "k.end_date",
      "k.terminated_on", "k.earned_fen", "k.tax_included", "k.monthly_fee_fen", "c.vat_item_code", "c.is_earned",
    ])
    .where("k.center_id", "=", scope.centerId)
    .where("k.status", "in", EARNING);
  if (query.source?.id) q = q.where("k.id", "=", query.source.kind === "contract" ? query.source.id : "");
  return q.orderBy("k.start_date").orderBy("k.id").execute();
}

function base(k: ContractRow) {
  return {
    source: { kind: "contract" as const, id: k.id, label: k.number },
    clientId: k.client_id,
    categoryId: k.category_id,
    vatItemCode: k.vat_item_code,
    ownerId: k.owner_id,
    earned: Boolean(k.is_earned),
    taxIncluded: Boolean(k.tax_included),
  };
}

function oneDay(k: ContractRow, key: string, description: string, amountFen: number, date: string): IncomeEntry {
  return { ...base(k), key, description, amountFen, serviceFrom: date, serviceTo: date, billableOn: date };
}

function monthlyEntries(k: ContractRow): IncomeEntry[] {
  const end = serviceEnd(k);
  if (end < k.start_date) return [];
  return feeMonths(Number(k.monthly_fee_fen), k.start_date, end).map((m) => ({
    ...base(k),
    key: `contract:${k.id}:month:${m.month}`,
    description: `${k.title} ${Number(m.month.slice(0, 4))}年${Number(m.month.slice(5))}月服务费${m.days < m.monthDays ? `（${m.days}/${m.monthDays}天）` : ""}`,
    amountFen: m.amountFen,
    serviceFrom: m.from,
    serviceTo: m.to,
    billableOn: m.from,
  }));
}

async function milestoneEntries(db: Executor, scope: Scope, contracts: ContractRow[]): Promise<IncomeEntry[]> {
  const byId = new Map(contracts.map((k) => [k.id, k]));
  const out: IncomeEntry[] = [];
  const accepted = new Map<string, number>();
  for (const ids of chunks([...byId.keys()])) {
    const rows = await db
      .selectFrom("contract_milestones")
      .select(["id", "contract_id", "seq", "name", "amount_fen", "accepted_on"])
      .where("center_id", "=", scope.centerId)
      .where("contract_id", "in", ids)
      .where("accepted_on", "is not", null)
      .orderBy("contract_id")
      .orderBy("seq")
      .execute();
    for (const m of rows) {
      const k = byId.get(m.contract_id)!;
      const fen = Number(m.amount_fen);
      accepted.set(k.id, (accepted.get(k.id) ?? 0) + fen);
      out.push(oneDay(k, `contract:${k.id}:milestone:${m.id}`, `${k.title} ${m.name}`, fen, m.accepted_on!));
    }
  }
  for (const k of contracts) {
    // MONEY: what a terminated contract earned beyond its accepted milestones is settled on the day it ended.
    const extra = k.status === "terminated" && k.terminated_on ? Number(k.earned_fen ?? 0) - (accepted.get(k.id) ?? 0) : 0;
    if (extra > 0) out.push(oneDay(k, `contract:${k.id}:settlement`, `${k.title} 终止结算`, extra, k.terminated_on!));
  }
  return out;
}

async function workLogEntries(db: Executor, scope: Scope, contracts: ContractRow[]): Promise<IncomeEntry[]> {
  const byId = new Map(contracts.map((k) => [k.id, k]));
  const out: IncomeEntry[] = [];
  for (const ids of chunks([...byId.keys()])) {
    const rows = await db
      .selectFrom("contract_work_logs as w")
      .innerJoin("contract_rates as r", "r.id", "w.rate_id")
      .select(["w.id", "w.contract_id", "w.work_date", "w.quantity", "w.amount_fen", "r.name", "r.unit"])
      .where("w.center_id", "=", scope.centerId)
      .where("w.contract_id", "in", ids)
      .orderBy("w.work_date")
      .orderBy("w.id")
      .execute();
    for (const w of rows) {
      const k = byId.get(w.contract_id)!;
      out.push(oneDay(k, `contract:${k.id}:log:${w.id}`, `${k.title} ${w.name} ${w.quantity}${w.unit}`, Number(w.amount_fen), w.work_date));
    }
  }
  return out;
}

/** IN lists stay well under every database's parameter limit. */
function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function within(entry: IncomeEntry, period: Period | undefined): boolean {
  return !period || (entry.serviceFrom <= period.to && period.from <= entry.serviceTo);
}

export async function contractIncome(db: Executor, scope: Scope, query: SourceQuery): Promise<IncomeEntry[]> {
  const contracts = await earningContracts(db, scope, query);
  const monthly = contracts.filter((k) => k.pricing === "monthly").flatMap(monthlyEntries);
  const milestones = await milestoneEntries(db, scope, contracts.filter((k) => k.pricing === "milestone"));
  const logs = await workLogEntries(db, scope, contracts.filter((k) => k.pricing === "tm"));
  return [...milestones, ...monthly, ...logs].filter((e) => within(e, query.period)).sort((a, b) => a.serviceFrom.localeCompare(b.serviceFrom) || a.key.localeCompare(b.key));
}
