// The one dialect seam: everything that differs between SQLite and MySQL/MariaDB lives here.
// Nothing else in the code base branches on the dialect.
import { type Expression, type Kysely, MysqlAdapter, sql, type Transaction } from "kysely";
import type { DB } from "./schema";

export type Dialect = "sqlite" | "mysql";

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof MysqlAdapter ? "mysql" : "sqlite";
}

const MAX_ATTEMPTS = 4;

/** Raised when a transaction kept colliding with others; routes answer it with "please retry". */
export class RetryLaterError extends Error {
  constructor() {
    super("系统繁忙，请稍后重试");
  }
}

/**
 * CONCURRENCY: run `work` in one write transaction.
 * - MySQL/MariaDB: READ COMMITTED (no gap locks), callers lock what they read with FOR UPDATE;
 *   deadlocks and lock-wait timeouts are retried a bounded number of times.
 * - SQLite: BEGIN IMMEDIATE takes the write lock up front, so two processes serialise instead
 *   of failing at commit; SQLITE_BUSY is retried the same way.
 */
export async function writeTransaction<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (dialectOf(db) === "mysql") {
        return await db.transaction().setIsolationLevel("read committed").execute(work);
      }
      return await db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await work(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn);
          throw error;
        }
      });
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new RetryLaterError();
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
    }
  }
}

export type Executor = Kysely<DB> | Transaction<DB>;

function errorCode(error: unknown): string {
  return String((error as { code?: unknown })?.code ?? "");
}

export function isRetryable(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === "ER_LOCK_DEADLOCK" ||
    code === "ER_LOCK_WAIT_TIMEOUT" ||
    code === "SQLITE_BUSY" ||
    code === "SQLITE_BUSY_SNAPSHOT"
  );
}

export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export interface IndexInfo {
  table: string;
  name: string;
  columns: string[];
  unique: boolean;
}

/** Indexes the migrations created (primary keys and automatic unique indexes left out). */
export async function introspectIndexes(db: Kysely<any>): Promise<IndexInfo[]> {
  if (dialectOf(db) === "mysql") {
    const rows = await sql<{ table_name: string; index_name: string; column_name: string; non_unique: number }>`
      select table_name as table_name, index_name as index_name, column_name as column_name, non_unique as non_unique
      from information_schema.statistics
      where table_schema = database() and index_name <> 'PRIMARY'
      order by table_name, index_name, seq_in_index`.execute(db);
    const byKey = new Map<string, IndexInfo>();
    for (const row of rows.rows) {
      const key = `${row.table_name}.${row.index_name}`;
      const entry = byKey.get(key) ?? { table: row.table_name, name: row.index_name, columns: [], unique: Number(row.non_unique) === 0 };
      entry.columns.push(row.column_name);
      byKey.set(key, entry);
    }
    return [...byKey.values()].map(normaliseAutoName);
  }
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  const result: IndexInfo[] = [];
  for (const { name: table } of tables.rows) {
    const list = await sql<{ name: string; unique: number; origin: string }>`
      select name, "unique", origin from pragma_index_list(${table})`.execute(db);
    for (const index of list.rows) {
      if (index.origin === "pk") continue;
      const cols = await sql<{ name: string }>`select name from pragma_index_info(${index.name}) order by seqno`.execute(db);
      result.push(normaliseAutoName({ table, name: index.name, columns: cols.rows.map((c) => c.name), unique: index.unique === 1 }));
    }
  }
  return result;
}

/** A column-level UNIQUE gets a generated name that differs per dialect; call it "unique". */
function normaliseAutoName(index: IndexInfo): IndexInfo {
  const generated = index.name.startsWith("sqlite_autoindex_") || (index.unique && index.name === index.columns[0]);
  return generated ? { ...index, name: "unique" } : index;
}

/**
 * CONCURRENCY: lock the rows a write transaction depends on. MySQL/MariaDB: SELECT … FOR UPDATE.
 * SQLite has no row locks and no such syntax; its BEGIN IMMEDIATE already holds the write lock.
 */
export function lockRows<Q extends { forUpdate(): Q }>(db: Kysely<any>, query: Q): Q {
  return dialectOf(db) === "mysql" ? query.forUpdate() : query;
}

/**
 * LIKE with user text taken literally. SQLite has no default escape character and MySQL's is
 * the backslash (itself an escape in MySQL string literals), so both use '!' explicitly.
 */
export function likeLiteral(expression: Expression<string>, pattern: { contains: string } | { prefix: string }) {
  const escaped = ("contains" in pattern ? pattern.contains : pattern.prefix).replace(/[!%_]/g, (c) => `!${c}`);
  const text = "contains" in pattern ? `%${escaped}%` : `${escaped}%`;
  return sql<boolean>`${expression} like ${text} escape '!'`;
}

/**
 * Insert a row unless one with the same unique key exists (SQLite: ON CONFLICT DO NOTHING,
 * MySQL: INSERT IGNORE). Used to create lockable rows such as number sequences on first use.
 */
export async function insertIfAbsent<T extends keyof DB & string>(db: Executor, table: T, values: Record<string, unknown>): Promise<void> {
  const query = db.insertInto(table).values(values as never);
  await (dialectOf(db) === "mysql" ? query.ignore() : query.onConflict((oc) => oc.doNothing())).execute();
}
