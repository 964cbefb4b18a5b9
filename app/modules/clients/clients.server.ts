import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, likeLiteral, lockRows, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { Client, ClientKind } from "~db/schema";
import { t } from "~/i18n";
import { nextStamp, nowIso } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { can } from "~/modules/auth/permissions";
import type { ClientFormValues, FieldErrors } from "./client-form";

export interface ClientSearch {
  q?: string;
  kind?: ClientKind;
  ownerId?: string;
  page?: number;
  pageSize?: number;
}

export interface ClientListRow extends Pick<Client, "id" | "name" | "kind" | "credit_code" | "contact_name" | "contact_phone" | "owner_id" | "commission_bp" | "updated_at"> {
  owner_name: string | null;
}

/**
 * Clients of the caller's center: names starting with the term first, then names, contacts or
 * credit codes containing it. Paged; the total counts every match.
 */
export async function searchClients(
  db: Executor,
  scope: Scope,
  search: ClientSearch = {},
): Promise<{ rows: ClientListRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(search.pageSize ?? 20, 1), 200);
  const page = Math.max(search.page ?? 1, 1);
  const term = (search.q ?? "").trim().toLowerCase();
  let query = db.selectFrom("clients").where("clients.center_id", "=", scope.centerId);
  if (search.kind) query = query.where("clients.kind", "=", search.kind);
  if (search.ownerId) query = query.where("clients.owner_id", "=", search.ownerId);
  if (term) {
    query = query.where((eb) =>
      eb.or([
        likeLiteral(eb.fn("lower", ["clients.name"]), { contains: term }),
        likeLiteral(eb.fn("lower", ["clients.contact_name"]), { contains: term }),
        likeLiteral(eb.ref("clients.credit_code"), { contains: term.toUpperCase() }),
      ]),
    );
  }
  let rowsQuery = query
    .leftJoin("users", "users.id", "clients.owner_id")
    .select((eb) => [
      "clients.id",
      "clients.name",
      "clients.kind",
      "clients.credit_code",
      "clients.contact_name",
      "clients.contact_phone",
      "clients.owner_id",
      "clients.commission_bp",
      "clients.updated_at",
      "users.display_name as owner_name",
      // One pass over the matches gives both the page and the total.
      eb.fn.countAll<number>().over().as("total"),
    ]);
  if (term) {
    rowsQuery = rowsQuery.orderBy((eb) => eb.case().when(likeLiteral(eb.fn("lower", ["clients.name"]), { prefix: term })).then(0).else(1).end());
  }
  const rows = await rowsQuery
    .orderBy("clients.name")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  // Past the last page there is no row to carry the total: count separately (rare).
  const total = rows.length
    ? Number(rows[0].total)
    : Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return { rows: rows.map(({ total: _total, ...row }) => row), total, page, pageSize };
}

export async function getClient(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom("clients")
    .leftJoin("users", "users.id", "clients.owner_id")
    .selectAll("clients")
    .select("users.display_name as owner_name")
    .where("clients.center_id", "=", scope.centerId)
    .where("clients.id", "=", id)
    .executeTakeFirst();
}

/** Sales edit only the clients they own; finance, managers and admins edit any. */
/** The center's client of exactly this name (names are unique per center): how forms that type a client find it. */
export async function clientByName(db: Executor, scope: Scope, name: string) {
  return db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("name", "=", name.trim()).executeTakeFirst();
}

/** Client names a form suggests: the caller's own clients first, then the rest, capped at 500. */
export async function clientNameSuggestions(db: Executor, scope: Scope): Promise<string[]> {
  const rows = await db
    .selectFrom("clients")
    .select("name")
    .where("center_id", "=", scope.centerId)
    .orderBy((eb) => eb.case().when("owner_id", "=", scope.userId ?? "").then(0).else(1).end())
    .orderBy("name")
    .limit(500)
    .execute();
  return rows.map((r) => r.name);
}

export function canEditClient(scope: Scope, client: Pick<Client, "owner_id">): boolean {
  if (!can(scope.role, "client", "update")) return false;
  return scope.role !== "sales" || client.owner_id === scope.userId;
}

export type ClientWriteResult = { ok: true; id: string } | { ok: false; status: 400 | 403 | 404 | 409; errors: FieldErrors };

async function ownerIsValid(db: Executor, scope: Scope, ownerId: string | null): Promise<boolean> {
  if (!ownerId) return true;
  const owner = await db
    .selectFrom("users")
    .select("id")
    .where("center_id", "=", scope.centerId)
    .where("id", "=", ownerId)
    .where("disabled", "=", 0)
    .executeTakeFirst();
  return Boolean(owner);
}

function toColumns(values: ClientFormValues) {
  const { commission, ...rest } = values;
  return { ...rest, commission_bp: commission };
}

export async function createClient(db: AppDb, scope: Scope, values: ClientFormValues): Promise<ClientWriteResult> {
  // A salesperson's new client is always their own; others choose the owner.
  const ownerId = scope.role === "sales" ? scope.userId : values.owner_id;
  try {
    return await writeTransaction(db, async (trx) => {
      if (!(await ownerIsValid(trx, scope, ownerId))) return { ok: false, status: 400, errors: { owner_id: t("clients.badOwner") } } as const;
      const now = nowIso();
      const row: Client = { id: newId(), center_id: scope.centerId, ...toColumns(values), owner_id: ownerId, created_at: now, updated_at: now };
      await trx.insertInto("clients").values(row).execute();
      await recordAudit(trx, scope, { entity: "client", entityId: row.id, action: "create", after: row });
      return { ok: true, id: row.id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 400, errors: { name: t("clients.duplicateName") } };
    throw error;
  }
}

/** `expectedUpdatedAt` comes from the form: if someone saved in between, nothing is written. */
export async function updateClient(
  db: AppDb,
  scope: Scope,
  id: string,
  values: ClientFormValues,
  expectedUpdatedAt: string,
): Promise<ClientWriteResult> {
  try {
    return await writeTransaction(db, async (trx) => {
      const before = await lockRows(trx, trx.selectFrom("clients").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id)).executeTakeFirst();
      if (!before) return { ok: false, status: 404, errors: {} } as const;
      if (!canEditClient(scope, before)) return { ok: false, status: 403, errors: { form: t("clients.notYours") } } as const;
      if (before.updated_at !== expectedUpdatedAt) return { ok: false, status: 409, errors: { form: t("common.staleForm") } } as const;
      // Sales may not hand their client to someone else or take it off the list.
      const ownerId = scope.role === "sales" ? before.owner_id : values.owner_id;
      if (!(await ownerIsValid(trx, scope, ownerId))) return { ok: false, status: 400, errors: { owner_id: t("clients.badOwner") } } as const;
      const after: Client = { ...before, ...toColumns(values), owner_id: ownerId, updated_at: nextStamp(before.updated_at) };
      const { id: _id, center_id: _c, created_at: _cr, ...patch } = after;
      await trx.updateTable("clients").set(patch).where("center_id", "=", scope.centerId).where("id", "=", id).execute();
      await recordAudit(trx, scope, { entity: "client", entityId: id, action: "update", before, after });
      return { ok: true, id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 400, errors: { name: t("clients.duplicateName") } };
    throw error;
  }
}
