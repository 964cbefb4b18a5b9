// Billable sources and bills for billing tests, made through the same services the finance
// screens use: confirmed orders, generated drafts, issued bills.
import type { AppDb } from "../../db/connection";
import { newId } from "../../db/ids";
import type { Bill, BillLine } from "../../db/schema";
import type { Scope } from "../../app/modules/auth/scope";
import { createOrder } from "../../app/modules/booking/orders.server";
import { insertUser } from "../../app/modules/centers/centers.server";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import type { ClientFormValues } from "../../app/modules/clients/client-form";
import { addManualLine, createDraftBill, issueBill } from "../../app/modules/billing/bills.server";
import { generateBills, type GenerateOptions, type GenerateSummary } from "../../app/modules/billing/generate.server";
import { header, line, makeUnit } from "./booking";
import { makeCenter, makeClient, type TestCenter } from "./factory";

/** Orders are placed at this instant (confirmed on 2026-01-02 in Beijing) unless told. */
export const ORDER_NOW = "2026-01-02T02:00:00.000Z";
export const AD_CODE = "3040303000000000000";
export const IT_CODE = "3040201000000000000";

export interface BillingWorld {
  center: TestCenter;
  finance: Scope;
  sales: Scope;
  /** A second sales rep of the same center. */
  sales2: Scope;
  manager: Scope;
}

/** A center (a general taxpayer, 6 %, unless told) with a second sales rep. */
export async function billingWorld(db: AppDb, taxpayer: "general" | "small" = "general"): Promise<BillingWorld> {
  const center = await makeCenter(db);
  await db.updateTable("centers").set({ taxpayer_status: taxpayer }).where("id", "=", center.id).execute();
  // The hash is never checked here: these users only act through services.
  const id = await insertUser(db, center.id, { username: `${center.code}-sales2`, displayName: "业务员二", role: "sales", passwordHash: "x" });
  return {
    center,
    finance: center.users.finance.scope,
    sales: center.users.sales.scope,
    sales2: { centerId: center.id, userId: id, role: "sales" },
    manager: center.users.manager.scope,
  };
}

/** Everything a 专票 needs from the buyer. */
export function buyerDetails(over: Partial<ClientFormValues> = {}): Partial<ClientFormValues> {
  return {
    credit_code: "91350100M000100Y43",
    address: "城关镇人民路 1 号",
    phone: "0591-87654321",
    bank_name: "中国工商银行城关支行",
    bank_account: "1402000000000000001",
    ...over,
  };
}

/** A client of the rep `sales` with complete buyer details (override any of them). */
export function billableClient(db: AppDb, sales: Scope, over: Partial<ClientFormValues> = {}): Promise<string> {
  return makeClient(db, sales, buyerDetails(over));
}

export interface OrderLineSpec {
  from: string;
  to: string;
  netFen: number;
}

/** A confirmed order of `sales` for the client, one outdoor face per line, at the agreed net prices. */
export async function confirmedOrder(db: AppDb, sales: Scope, clientId: string, lines: OrderLineSpec[], now = ORDER_NOW): Promise<{ orderId: string; lineIds: string[] }> {
  // A list price well above any test amount, so the agreed net price is never refused.
  const units = await Promise.all(lines.map(() => makeUnit(db, sales, { dayPriceFen: 100_000_00 })));
  const result = await createOrder(
    db,
    sales,
    { header: header(clientId), lines: lines.map((l, i) => line(units[i], l.from, l.to, { deal: { netFen: l.netFen } })), intent: "confirm", queueIfFull: false, idempotencyKey: newId() },
    now,
  );
  if (!result.ok) throw new Error(`order refused: ${result.message}`);
  const rows = await db.selectFrom("order_lines").select(["id", "unit_id"]).where("order_id", "=", result.id).execute();
  return { orderId: result.id, lineIds: units.map((u) => rows.find((r) => r.unit_id === u)!.id) };
}

export async function generate(db: AppDb, finance: Scope, periodTo: string, opts: Omit<GenerateOptions, "periodTo"> = {}): Promise<GenerateSummary> {
  const result = await generateBills(db, finance, { periodTo, today: "2026-06-30", ...opts });
  if (!result.ok) throw new Error(`generation refused: ${JSON.stringify(result.errors)}`);
  return result.summary;
}

/** The center's bills of one client (drafts and issued), oldest first. */
export function billsOf(db: AppDb, centerId: string, clientId: string): Promise<Bill[]> {
  return db.selectFrom("bills").selectAll().where("center_id", "=", centerId).where("client_id", "=", clientId).orderBy("created_at").orderBy("id").execute();
}

export function linesOf(db: AppDb, billId: string): Promise<BillLine[]> {
  return db.selectFrom("bill_lines").selectAll().where("bill_id", "=", billId).orderBy("seq").execute();
}

/** Everything billing stored for a center, for "nothing changed" comparisons. */
export async function billingSnapshot(db: AppDb, centerId: string) {
  const bills = await db.selectFrom("bills").selectAll().where("center_id", "=", centerId).orderBy("id").execute();
  const lines = await db.selectFrom("bill_lines").selectAll().where("center_id", "=", centerId).orderBy("id").execute();
  return { bills, lines };
}

export async function issue(db: AppDb, finance: Scope, billId: string, issueDate = "2026-03-15"): Promise<string> {
  const result = await issueBill(db, finance, billId, { issueDate });
  if (!result.ok) throw new Error(`issue refused: ${JSON.stringify(result.errors)}`);
  return result.number;
}

export interface ManualLineSpec {
  amountFen: number;
  taxIncluded?: boolean;
  categoryCode?: string;
  taxCode?: string;
  description?: string;
  serviceDate?: string;
}

/** A draft typed by hand with the given lines (advertising, tax-inclusive, unless told). */
export async function manualDraft(db: AppDb, finance: Scope, clientId: string, lines: ManualLineSpec[]): Promise<string> {
  const draft = await createDraftBill(db, finance, { clientId });
  if (!draft.ok) throw new Error(`draft refused: ${JSON.stringify(draft.errors)}`);
  for (const l of lines) {
    const categoryId = (await categoryIdByCode(db, finance, l.categoryCode ?? "outdoor.static"))!;
    const added = await addManualLine(db, finance, draft.id, {
      categoryId, taxCode: l.taxCode ?? AD_CODE, description: l.description ?? "广告发布", amountFen: l.amountFen, taxIncluded: l.taxIncluded ?? true, serviceDate: l.serviceDate ?? "2026-03-01",
    });
    if (!added.ok) throw new Error(`line refused: ${JSON.stringify(added.errors)}`);
  }
  return draft.id;
}

/** An issued bill typed by hand: its id and number. */
export async function issuedBill(db: AppDb, finance: Scope, clientId: string, lines: ManualLineSpec[], issueDate = "2026-03-15"): Promise<{ id: string; number: string }> {
  const id = await manualDraft(db, finance, clientId, lines);
  return { id, number: await issue(db, finance, id, issueDate) };
}
