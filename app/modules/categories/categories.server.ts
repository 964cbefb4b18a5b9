import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { ReportGroup, RevenueCategory } from "~db/schema";
import { nowIso } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { CATEGORY_TREE } from "./seed";
import { refreshRevenue, sourcesOfCategory } from "~/modules/revenue/facts.server";

/** Gives a new center the standard tree. Runs inside the center's creation transaction. */
export async function seedCategories(trx: Executor, centerId: string): Promise<void> {
  const now = nowIso();
  let order = 0;
  for (const top of CATEGORY_TREE) {
    const topId = newId();
    const base = { center_id: centerId, report_group: top.group, retired: 0, created_at: now, updated_at: now };
    await trx
      .insertInto("revenue_categories")
      .values({ ...base, id: topId, parent_id: null, code: top.code, name: top.name, bears_culture_fee: +top.cultureFee, is_earned: +top.earned, vat_item_code: top.vatItemCode, sort_order: order++ })
      .execute();
    for (const child of top.children ?? []) {
      await trx
        .insertInto("revenue_categories")
        .values({ ...base, id: newId(), parent_id: topId, code: child.code, name: child.name, bears_culture_fee: +child.cultureFee, is_earned: +child.earned, vat_item_code: child.vatItemCode, sort_order: order++ })
        .execute();
    }
  }
}

export interface CategoryNode extends RevenueCategory {
  children: RevenueCategory[];
  unitCount: number;
}

/** The tree in display order, with how many units use each category. */
export async function categoryTree(db: Executor, scope: Scope): Promise<CategoryNode[]> {
  const rows = await db.selectFrom("revenue_categories").selectAll().where("center_id", "=", scope.centerId).orderBy("sort_order").execute();
  const counts = await db
    .selectFrom("units")
    .select(["category_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("center_id", "=", scope.centerId)
    .groupBy("category_id")
    .execute();
  const used = new Map(counts.map((c) => [c.category_id, Number(c.n)]));
  return rows
    .filter((r) => r.parent_id === null)
    .map((top) => ({ ...top, unitCount: used.get(top.id) ?? 0, children: rows.filter((r) => r.parent_id === top.id) }));
}

/** Categories a unit may be mapped to: active leaves (and active tops without children). */
export async function assignableCategories(db: Executor, scope: Scope) {
  const tree = await categoryTree(db, scope);
  return tree
    .filter((top) => !top.retired)
    .flatMap((top) => {
      const kids = top.children.filter((c) => !c.retired);
      return top.children.length
        ? kids.map((c) => ({ id: c.id, code: c.code, label: `${top.name}/${c.name}`, group: c.report_group }))
        : [{ id: top.id, code: top.code, label: top.name, group: top.report_group }];
    });
}

export async function categoryIdByCode(db: Executor, scope: Scope, code: string): Promise<string | null> {
  const row = await db.selectFrom("revenue_categories").select("id").where("center_id", "=", scope.centerId).where("code", "=", code).executeTakeFirst();
  return row?.id ?? null;
}

export interface CategoryInput {
  name: string;
  bears_culture_fee: boolean;
  is_earned: boolean;
  vat_item_code: string;
  report_group: ReportGroup;
}

export type CategoryWriteResult = { ok: true; id: string } | { ok: false; status: 400 | 404; message: string };

export async function addCategory(db: AppDb, scope: Scope, parentId: string | null, input: CategoryInput): Promise<CategoryWriteResult> {
  return writeTransaction(db, async (trx) => {
    let group = input.report_group;
    if (parentId) {
      const parent = await trx.selectFrom("revenue_categories").selectAll().where("center_id", "=", scope.centerId).where("id", "=", parentId).executeTakeFirst();
      if (!parent || parent.parent_id) return { ok: false, status: 404, message: "上级类别不存在" } as const;
      group = parent.report_group; // a child reports under its parent's group
    }
    const now = nowIso();
    const id = newId();
    const { n } = await trx.selectFrom("revenue_categories").select((eb) => eb.fn.max("sort_order").as("n")).where("center_id", "=", scope.centerId).executeTakeFirstOrThrow();
    const row = {
      id,
      center_id: scope.centerId,
      parent_id: parentId,
      code: `custom.${id.slice(-10).toLowerCase()}`,
      name: input.name,
      report_group: group,
      bears_culture_fee: +input.bears_culture_fee,
      is_earned: +input.is_earned,
      vat_item_code: input.vat_item_code,
      sort_order: Number(n ?? 0) + 1,
      retired: 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("revenue_categories").values(row).execute();
    await recordAudit(trx, scope, { entity: "category", entityId: id, action: "create", after: row });
    return { ok: true, id } as const;
  });
}

/** Rename, change flags, or retire/restore. A category is never deleted: units and income keep it. */
export async function updateCategory(
  db: AppDb,
  scope: Scope,
  id: string,
  change: Partial<Omit<CategoryInput, "report_group">> & { retired?: boolean },
): Promise<CategoryWriteResult> {
  try {
    return await writeTransaction(db, async (trx) => {
      const before = await lockRows(trx, trx.selectFrom("revenue_categories").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id)).executeTakeFirst();
      if (!before) return { ok: false, status: 404, message: "类别不存在" } as const;
      const patch = {
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.bears_culture_fee === undefined ? {} : { bears_culture_fee: +change.bears_culture_fee }),
        ...(change.is_earned === undefined ? {} : { is_earned: +change.is_earned }),
        ...(change.vat_item_code === undefined ? {} : { vat_item_code: change.vat_item_code }),
        ...(change.retired === undefined ? {} : { retired: +change.retired }),
        updated_at: nowIso(),
      };
      await trx.updateTable("revenue_categories").set(patch).where("center_id", "=", scope.centerId).where("id", "=", id).execute();
      const action = change.retired === true ? "retire" : change.retired === false ? "restore" : "update";
      await recordAudit(trx, scope, { entity: "category", entityId: id, action, before, after: { ...before, ...patch } });
      // 创收 or not is kept on each fact: the category's sources are brought to the new flag.
      if (patch.is_earned !== undefined && patch.is_earned !== Number(before.is_earned)) await refreshRevenue(trx, scope, await sourcesOfCategory(trx, scope, id));
      return { ok: true, id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 400, message: "类别名称重复" };
    throw error;
  }
}
