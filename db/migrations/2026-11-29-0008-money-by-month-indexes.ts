// Frozen migration: invoiced and collected money by month (the dashboard, the closing page) read
// from indexes alone: the issued bills' amounts by issue day, payments' amounts by day received,
// and allocations' amounts by bill and day. Each wider index is made before the narrower one it
// replaces is dropped, so a foreign key always has an index to use on MariaDB.
import { type Kysely, MysqlAdapter } from "kysely";

const REPLACED = [
  { table: "bills", old: "bills_issue_idx", next: "bills_issue_money_idx", oldColumns: ["center_id", "status", "issue_date"], columns: ["center_id", "status", "issue_date", "net_fen", "total_fen"] },
  { table: "payments", old: "payments_received_idx", next: "payments_received_money_idx", oldColumns: ["center_id", "received_on"], columns: ["center_id", "received_on", "amount_fen"] },
  { table: "payment_allocations", old: "payment_allocations_bill_idx", next: "payment_allocations_bill_money_idx", oldColumns: ["bill_id", "allocated_on"], columns: ["bill_id", "allocated_on", "amount_fen"] },
];

/** MySQL names the table an index is dropped from; SQLite has no such clause. */
function dropIndex(db: Kysely<any>, name: string, table: string) {
  const drop = db.schema.dropIndex(name);
  return (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on(table) : drop).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const r of REPLACED) {
    await db.schema.createIndex(r.next).on(r.table).columns(r.columns).execute();
    await dropIndex(db, r.old, r.table);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const r of REPLACED) {
    await db.schema.createIndex(r.old).on(r.table).columns(r.oldColumns).execute();
    await dropIndex(db, r.next, r.table);
  }
}
