// Fiscal subsidies (财政补助) received: not earned income, kept apart in every total, recognised
// whole in the month they are received. Finance records and removes them while their month is open.
import type { AppDb } from "~db/connection";
import { type Executor, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { type BillingResult, billingRefusal, refuseUnlessFinance } from "~/modules/billing/access";
import type { FieldErrors } from "~/utils/form";
import { parseYuanToFen } from "~/utils/money";
import { isCalendarDate, nowIso, todayInShanghai } from "~/utils/time";
import { closedDateRefusal } from "./closing.server";
import { refreshRevenue } from "./facts.server";

export interface SubsidyValues {
  category_id: string;
  received_on: string;
  grantor: string;
  amount: string;
  note: string;
}

export interface SubsidyRow {
  id: string;
  categoryId: string;
  categoryName: string;
  receivedOn: string;
  grantor: string;
  amountFen: number;
  note: string;
  createdByName: string;
}

/** The categories a subsidy may be recorded under: those that are not earned income. */
export async function subsidyCategories(db: Executor, scope: Pick<Scope, "centerId">) {
  return db
    .selectFrom("revenue_categories")
    .select(["id", "name"])
    .where("center_id", "=", scope.centerId)
    .where("is_earned", "=", 0)
    .where("retired", "=", 0)
    .orderBy("sort_order")
    .execute();
}

export async function listSubsidies(db: Executor, scope: Pick<Scope, "centerId">, year: number): Promise<SubsidyRow[]> {
  const rows = await db
    .selectFrom("subsidies as s")
    .innerJoin("revenue_categories as c", "c.id", "s.category_id")
    .leftJoin("users as u", "u.id", "s.created_by")
    .select(["s.id", "s.category_id", "c.name as category_name", "s.received_on", "s.grantor", "s.amount_fen", "s.note", "u.display_name"])
    .where("s.center_id", "=", scope.centerId)
    .where("s.received_on", ">=", `${year}-01-01`)
    .where("s.received_on", "<=", `${year}-12-31`)
    .orderBy("s.received_on", "desc")
    .orderBy("s.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    categoryName: r.category_name,
    receivedOn: r.received_on,
    grantor: r.grantor,
    amountFen: Number(r.amount_fen),
    note: r.note,
    createdByName: r.display_name ?? "",
  }));
}

function validate(values: SubsidyValues, today: string): { errors: FieldErrors; amountFen: number } {
  const errors: FieldErrors = {};
  if (!values.category_id) errors.category_id = "请选择补助类别";
  if (!isCalendarDate(values.received_on)) errors.received_on = "请填写到账日期（YYYY-MM-DD）";
  else if (values.received_on > today) errors.received_on = "到账日期不能晚于今天";
  const grantor = values.grantor.trim();
  if (!grantor) errors.grantor = "请填写拨款单位（如：县财政局）";
  else if (grantor.length > 100) errors.grantor = "拨款单位不能超过 100 字";
  const amountFen = parseYuanToFen(values.amount.trim()) ?? 0;
  if (amountFen <= 0) errors.amount = "请填写大于零的金额（元，最多两位小数）";
  if (values.note.trim().length > 500) errors.note = "备注不能超过 500 字";
  return { errors, amountFen };
}

/** MONEY: records a subsidy received, and its fact, in one transaction; audited. */
export async function addSubsidy(db: AppDb, scope: Scope, values: SubsidyValues, today = todayInShanghai()): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  const { errors, amountFen } = validate(values, today);
  if (Object.keys(errors).length) return billingRefusal(400, errors);
  return writeTransaction(db, async (trx) => {
    const categories = await subsidyCategories(trx, scope);
    if (!categories.some((c) => c.id === values.category_id)) return billingRefusal(400, { category_id: "请选择本中心的财政补助类别" });
    const closed = await closedDateRefusal(trx, scope, values.received_on, "到账日期");
    if (closed) return billingRefusal(400, { received_on: closed });
    const row = {
      id: newId(),
      center_id: scope.centerId,
      category_id: values.category_id,
      received_on: values.received_on,
      grantor: values.grantor.trim(),
      amount_fen: amountFen,
      note: values.note.trim(),
      created_by: scope.userId!,
      created_at: nowIso(),
    };
    await trx.insertInto("subsidies").values(row).execute();
    await recordAudit(trx, scope, { entity: "subsidy", entityId: row.id, action: "create", after: { received_on: row.received_on, grantor: row.grantor, amount_fen: amountFen, note: row.note } });
    await refreshRevenue(trx, scope, [{ kind: "subsidy", id: row.id }], today);
    return { ok: true, id: row.id };
  });
}

/** Removes a subsidy recorded by mistake, while its month is open; audited. */
export async function removeSubsidy(db: AppDb, scope: Scope, id: string, today = todayInShanghai()): Promise<BillingResult> {
  const refused = refuseUnlessFinance(scope);
  if (refused) return refused;
  return writeTransaction(db, async (trx) => {
    const row = await lockRows(trx, trx.selectFrom("subsidies").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id)).executeTakeFirst();
    if (!row) return billingRefusal(404, { form: "补助记录不存在" });
    const closed = await closedDateRefusal(trx, scope, row.received_on, "到账日期");
    if (closed) return billingRefusal(409, { form: closed.replace("请使用", "不能删除；如需更正，请使用") });
    await trx.deleteFrom("subsidies").where("id", "=", id).execute();
    await recordAudit(trx, scope, { entity: "subsidy", entityId: id, action: "delete", before: { received_on: row.received_on, grantor: row.grantor, amount_fen: Number(row.amount_fen), note: row.note } });
    await refreshRevenue(trx, scope, [{ kind: "subsidy", id }], today);
    return { ok: true, id };
  });
}
