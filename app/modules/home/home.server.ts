// What each role sees first. Only what exists today; later modules add their own panels.
import type { Executor } from "~db/dialect";
import { listAudit } from "~/modules/audit/audit.server";
import { can } from "~/modules/auth/permissions";
import type { Scope } from "~/modules/auth/scope";

export interface HomeSummary {
  clientsTotal: number;
  myClients: { id: string; name: string; contact_name: string; contact_phone: string }[] | null;
  myClientsTotal: number | null;
  missingInvoice: { id: string; name: string; missing: string[] }[] | null;
  missingInvoiceTotal: number | null;
  activeUsers: number | null;
  recentAudit: Awaited<ReturnType<typeof listAudit>>["rows"] | null;
  /** A rep's live holds, soonest to lapse first. */
  myHolds: { id: string; number: string; title: string; client_name: string; hold_expires_at: string; queued: number }[] | null;
  myHoldsTotal: number | null;
}

const INVOICE_FIELDS = ["credit_code", "address", "phone", "bank_name", "bank_account"] as const;

export async function homeSummary(db: Executor, scope: Scope, now: string): Promise<HomeSummary> {
  const clients = db.selectFrom("clients").where("center_id", "=", scope.centerId);
  const { n } = await clients.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const summary: HomeSummary = {
    clientsTotal: Number(n),
    myClients: null,
    myClientsTotal: null,
    missingInvoice: null,
    missingInvoiceTotal: null,
    activeUsers: null,
    recentAudit: null,
    myHolds: null,
    myHoldsTotal: null,
  };
  if (scope.role === "sales" && scope.userId) {
    const mine = clients.where("owner_id", "=", scope.userId);
    summary.myClients = await mine.select(["id", "name", "contact_name", "contact_phone"]).orderBy("created_at", "desc").limit(8).execute();
    const { m } = await mine.select((eb) => eb.fn.countAll<number>().as("m")).executeTakeFirstOrThrow();
    summary.myClientsTotal = Number(m);
    const holds = db
      .selectFrom("orders")
      .innerJoin("clients", "clients.id", "orders.client_id")
      .where("orders.center_id", "=", scope.centerId)
      .where("orders.owner_id", "=", scope.userId)
      .where("orders.status", "=", "hold")
      .where("orders.hold_expires_at", ">", now);
    const rows = await holds
      .select((eb) => [
        "orders.id", "orders.number", "orders.title", "orders.hold_expires_at", "clients.name as client_name",
        eb.selectFrom("order_lines").select((e) => e.fn.countAll<number>().as("q")).whereRef("order_lines.order_id", "=", "orders.id").where("order_lines.state", "=", "queued").as("queued"),
        eb.fn.countAll<number>().over().as("total"),
      ])
      .orderBy("orders.hold_expires_at")
      .limit(8)
      .execute();
    summary.myHolds = rows.map((r) => ({ id: r.id, number: r.number, title: r.title, client_name: r.client_name, hold_expires_at: r.hold_expires_at!, queued: Number(r.queued ?? 0) }));
    summary.myHoldsTotal = Number(rows[0]?.total ?? 0);
  }
  if (scope.role === "finance" || scope.role === "manager") {
    // Organisations need full invoice details for a 专票; individuals are left out.
    const incomplete = clients
      .where("kind", "<>", "individual")
      .where((eb) => eb.or(INVOICE_FIELDS.map((f) => eb(f, "=", ""))));
    const rows = await incomplete.select(["id", "name", ...INVOICE_FIELDS]).orderBy("name").limit(10).execute();
    summary.missingInvoice = rows.map((r) => ({ id: r.id, name: r.name, missing: INVOICE_FIELDS.filter((f) => r[f] === "") }));
    const { k } = await incomplete.select((eb) => eb.fn.countAll<number>().as("k")).executeTakeFirstOrThrow();
    summary.missingInvoiceTotal = Number(k);
  }
  if (can(scope.role, "user", "read")) {
    const { u } = await db
      .selectFrom("users")
      .where("center_id", "=", scope.centerId)
      .where("disabled", "=", 0)
      .select((eb) => eb.fn.countAll<number>().as("u"))
      .executeTakeFirstOrThrow();
    summary.activeUsers = Number(u);
  }
  if (can(scope.role, "audit", "read")) summary.recentAudit = (await listAudit(db, scope, { limit: 8 })).rows;
  return summary;
}
