// What the contract screens read: the filtered list with its totals, the contracts ending soon,
// and one contract with its schedule, deliveries, files and what it has earned.
import type { Executor } from "~db/dialect";
import { likeLiteral } from "~db/dialect";
import type { ContractStatus } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import { addDays } from "~/modules/inventory/calendar-dates";
import { earnedBy } from "~/modules/income/seam";
import { incomeEntries } from "~/modules/income/sources.server";
import { canEditContract } from "./access.server";
import { renewalOf } from "./lifecycle.server";
import { ENDING_SOON_DAYS, feeMonths, IN_FORCE, isLate, serviceEnd } from "./model";

export const CONTRACT_PAGE_SIZE = 50;

export interface ContractFilter {
  categoryId?: string;
  status?: ContractStatus;
  ownerId?: string;
  /** Part of the client's name. */
  client?: string;
  /** In force and ending within ENDING_SOON_DAYS of today, not yet renewed. */
  endingSoon?: boolean;
  q?: string;
  page?: number;
}

function filtered(db: Executor, scope: Scope, filter: ContractFilter, today: string) {
  let query = db
    .selectFrom("contracts as k")
    .innerJoin("clients as cl", "cl.id", "k.client_id")
    .innerJoin("revenue_categories as c", "c.id", "k.category_id")
    .leftJoin("revenue_categories as p", "p.id", "c.parent_id")
    .leftJoin("users as u", "u.id", "k.owner_id")
    .where("k.center_id", "=", scope.centerId);
  if (filter.categoryId) query = query.where((eb) => eb.or([eb("k.category_id", "=", filter.categoryId!), eb("c.parent_id", "=", filter.categoryId!)]));
  if (filter.status) query = query.where("k.status", "=", filter.status);
  if (filter.ownerId) query = query.where("k.owner_id", "=", filter.ownerId);
  const client = (filter.client ?? "").trim().toLowerCase();
  if (client) query = query.where((eb) => likeLiteral(eb.fn("lower", ["cl.name"]), { contains: client }));
  const term = (filter.q ?? "").trim().toLowerCase();
  if (term) query = query.where((eb) => eb.or([likeLiteral(eb.fn("lower", ["k.title"]), { contains: term }), likeLiteral(eb.fn("lower", ["k.number"]), { contains: term })]));
  if (filter.endingSoon) {
    query = query
      .where("k.status", "in", IN_FORCE)
      .where("k.end_date", ">=", today)
      .where("k.end_date", "<=", addDays(today, ENDING_SOON_DAYS))
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("contracts as r").select("r.id").whereRef("r.renewed_from_id", "=", "k.id").where("r.status", "<>", "terminated"))),
      );
  }
  return query;
}

/** Accepted and total milestones per contract, for the list's delivery column. */
function milestoneCounts(db: Executor, scope: Scope) {
  return db
    .selectFrom("contract_milestones")
    .select((eb) => [
      "contract_id",
      eb.fn.countAll<number>().as("ms_total"),
      eb.fn.count<number>("accepted_on").as("ms_accepted"),
      eb.fn.sum<number>(eb.case().when("accepted_on", "is not", null).then(eb.ref("amount_fen")).else(0).end()).as("ms_accepted_fen"),
    ])
    .where("center_id", "=", scope.centerId)
    .groupBy("contract_id")
    .as("m");
}

/** Delivered and total deliverables per contract. */
function deliverableCounts(db: Executor, scope: Scope) {
  return db
    .selectFrom("contract_deliverables")
    .select((eb) => ["contract_id", eb.fn.countAll<number>().as("dl_total"), eb.fn.count<number>("delivered_on").as("dl_done")])
    .where("center_id", "=", scope.centerId)
    .groupBy("contract_id")
    .as("d");
}

export async function listContracts(db: Executor, scope: Scope, filter: ContractFilter, today: string) {
  const page = Math.max(filter.page ?? 1, 1);
  const query = filtered(db, scope, filter, today);
  const rows = await query
    .leftJoin(milestoneCounts(db, scope), (j) => j.onRef("m.contract_id", "=", "k.id"))
    .leftJoin(deliverableCounts(db, scope), (j) => j.onRef("d.contract_id", "=", "k.id"))
    .select([
      "k.id", "k.number", "k.title", "k.pricing", "k.status", "k.start_date", "k.end_date", "k.amount_fen", "k.monthly_fee_fen", "k.owner_id", "k.signed_on", "k.tax_included",
      "cl.name as client_name", "c.name as category_name", "p.name as category_parent_name", "u.display_name as owner_name",
      "m.ms_total", "m.ms_accepted", "d.dl_total", "d.dl_done",
    ])
    // Ending soon reads soonest first; the whole list latest first.
    .orderBy("k.end_date", filter.endingSoon ? "asc" : "desc")
    .orderBy("k.id", "desc")
    .limit(CONTRACT_PAGE_SIZE)
    .offset((page - 1) * CONTRACT_PAGE_SIZE)
    .execute();
  const sums = await query.select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("k.amount_fen").as("fen")]).executeTakeFirstOrThrow();
  return {
    rows: rows.map((r) => ({
      ...r,
      amount_fen: Number(r.amount_fen),
      monthly_fee_fen: Number(r.monthly_fee_fen),
      ms_total: Number(r.ms_total ?? 0),
      ms_accepted: Number(r.ms_accepted ?? 0),
      dl_total: Number(r.dl_total ?? 0),
      dl_done: Number(r.dl_done ?? 0),
      category: r.category_parent_name ? `${r.category_parent_name}/${r.category_name}` : r.category_name,
    })),
    total: Number(sums.n),
    amountFen: Number(sums.fen ?? 0),
    page,
    pageSize: CONTRACT_PAGE_SIZE,
  };
}

/** Contracts in force ending within 60 days and not yet renewed: a rep's own, or all for a manager. */
export async function endingSoonContracts(db: Executor, scope: Scope, today: string, opts: { ownerId?: string; limit?: number } = {}) {
  const rows = await filtered(db, scope, { endingSoon: true, ownerId: opts.ownerId }, today)
    .select((eb) => ["k.id", "k.number", "k.title", "k.end_date", "k.amount_fen", "cl.name as client_name", "u.display_name as owner_name", eb.fn.countAll<number>().over().as("total")])
    .orderBy("k.end_date")
    .orderBy("k.id")
    .limit(opts.limit ?? 8)
    .execute();
  return { rows: rows.map((r) => ({ ...r, amount_fen: Number(r.amount_fen) })), total: Number(rows[0]?.total ?? 0) };
}

/** Milestones not accepted by their planned date, across the contracts in force. */
export async function lateMilestones(db: Executor, scope: Scope, today: string, opts: { ownerId?: string; limit?: number } = {}) {
  let q = db
    .selectFrom("contract_milestones as m")
    .innerJoin("contracts as k", "k.id", "m.contract_id")
    .innerJoin("clients as cl", "cl.id", "k.client_id")
    .select((eb) => ["k.id", "k.number", "k.title", "m.name", "m.planned_date", "m.amount_fen", "cl.name as client_name", eb.fn.countAll<number>().over().as("total")])
    .where("m.center_id", "=", scope.centerId)
    .where("k.status", "in", IN_FORCE)
    .where("m.accepted_on", "is", null)
    .where("m.planned_date", "<", today);
  if (opts.ownerId) q = q.where("k.owner_id", "=", opts.ownerId);
  const rows = await q.orderBy("m.planned_date").orderBy("m.id").limit(opts.limit ?? 8).execute();
  return { rows: rows.map((r) => ({ ...r, amount_fen: Number(r.amount_fen) })), total: Number(rows[0]?.total ?? 0) };
}

/** One contract with everything its page shows; undefined when it is not the caller's center's. */
export async function getContractDetail(db: Executor, scope: Scope, id: string, today: string) {
  const k = await db
    .selectFrom("contracts as k")
    .innerJoin("clients as cl", "cl.id", "k.client_id")
    .innerJoin("revenue_categories as c", "c.id", "k.category_id")
    .leftJoin("revenue_categories as p", "p.id", "c.parent_id")
    .leftJoin("users as u", "u.id", "k.owner_id")
    .leftJoin("users as a", "a.id", "k.approved_by")
    .leftJoin("contracts as prev", "prev.id", "k.renewed_from_id")
    .selectAll("k")
    .select([
      "cl.name as client_name", "c.name as category_name", "p.name as category_parent_name", "c.vat_item_code", "c.bears_culture_fee", "c.is_earned",
      "u.display_name as owner_name", "a.display_name as approver_name", "prev.number as renewed_from_number",
    ])
    .where("k.center_id", "=", scope.centerId)
    .where("k.id", "=", id)
    .executeTakeFirst();
  if (!k) return undefined;
  const contract = { ...k, amount_fen: Number(k.amount_fen), monthly_fee_fen: Number(k.monthly_fee_fen), earned_fen: k.earned_fen === null ? null : Number(k.earned_fen) };
  const [milestones, rates, logs, deliverables, files, renewal, income] = await Promise.all([
    db
      .selectFrom("contract_milestones as m")
      .leftJoin("users as u", "u.id", "m.accepted_by")
      .selectAll("m")
      .select("u.display_name as accepted_by_name")
      .where("m.center_id", "=", scope.centerId)
      .where("m.contract_id", "=", id)
      .orderBy("m.seq")
      .execute(),
    db.selectFrom("contract_rates").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", id).orderBy("seq").execute(),
    db
      .selectFrom("contract_work_logs as w")
      .innerJoin("contract_rates as r", "r.id", "w.rate_id")
      .select(["w.id", "w.work_date", "w.quantity", "w.amount_fen", "w.note", "r.name", "r.unit", "r.price_fen"])
      .where("w.center_id", "=", scope.centerId)
      .where("w.contract_id", "=", id)
      .orderBy("w.work_date", "desc")
      .orderBy("w.id", "desc")
      .execute(),
    db.selectFrom("contract_deliverables").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", id).orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("contract_files").select(["id", "original_name", "content_type", "size_bytes", "created_at"]).where("center_id", "=", scope.centerId).where("contract_id", "=", id).orderBy("created_at").execute(),
    renewalOf(db, scope, id),
    incomeEntries(db, scope, { source: { kind: "contract", id } }),
  ]);
  const earnedToDate = earnedBy(income, today);
  return {
    contract,
    category: k.category_parent_name ? `${k.category_parent_name}/${k.category_name}` : k.category_name,
    // A milestone is late only while its contract is in force, as on the late-milestone lists.
    milestones: milestones.map((m) => ({ ...m, amount_fen: Number(m.amount_fen), late: IN_FORCE.includes(contract.status) && isLate(m, today) })),
    rates: rates.map((r) => ({ ...r, price_fen: Number(r.price_fen) })),
    logs: logs.map((l) => ({ ...l, amount_fen: Number(l.amount_fen), price_fen: Number(l.price_fen) })),
    deliverables,
    files,
    renewal: renewal ?? null,
    months: contract.pricing === "monthly" ? feeMonths(contract.monthly_fee_fen, contract.start_date, serviceEnd(contract)) : [],
    // Billable now: what has become billable by today (a fee month from its first day, a milestone once accepted).
    billableFen: income.filter((e) => e.billableOn <= today).reduce((sum, e) => sum + e.amountFen, 0),
    earnedToDateFen: earnedToDate,
    mayEdit: canEditContract(scope, contract),
  };
}

export type ContractDetail = NonNullable<Awaited<ReturnType<typeof getContractDetail>>>;
