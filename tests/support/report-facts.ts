// Revenue facts and the rows the reports read beside them (orders, contracts, events), written
// straight into the tables so a test knows every figure a report should show. Written directly
// (not through the booking or contract services) so that no maintained fact appears besides the
// ones a test inserts.
import type { AppDb } from "../../db/connection";
import { newId } from "../../db/ids";
import type { FactOrigin, FactSourceKind, LineKind, LineState, Medium } from "../../db/schema";
import { nowIso } from "../../app/utils/time";
import { cookieFor, makeCenter, makeClient, type TestCenter } from "./factory";
import { recountMonthTotals } from "../../app/modules/revenue/facts.server";

/** code → id of the center's seeded category tree (traditional.tv, tech.app_dev, subsidy …). */
export async function categoriesOf(db: AppDb, centerId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom("revenue_categories").select(["id", "code"]).where("center_id", "=", centerId).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

export interface FactInput {
  month: string;
  /** Defaults to `month`. */
  forMonth?: string;
  /** A category id. */
  categoryId: string;
  amountFen: number;
  /** Defaults to 1 (创收); 0 for 财政补助. */
  earned?: 0 | 1;
  clientId?: string;
  ownerId?: string;
  medium?: Medium | "";
  lineKind?: LineKind | "";
  useDays?: number;
  sourceKind?: FactSourceKind;
  sourceId?: string;
  origin?: FactOrigin;
}

/** Inserts the facts for the center; returns their source ids in order. */
export async function insertFacts(db: AppDb, centerId: string, facts: FactInput[]): Promise<string[]> {
  const rows = facts.map((f) => ({
    id: newId(),
    center_id: centerId,
    month: f.month,
    for_month: f.forMonth ?? f.month,
    source_kind: f.sourceKind ?? (f.earned === 0 ? "subsidy" : "order"),
    source_id: f.sourceId ?? newId(),
    origin: f.origin ?? "schedule",
    category_id: f.categoryId,
    client_id: f.clientId ?? "",
    owner_id: f.ownerId ?? "",
    medium: f.medium ?? "",
    line_kind: f.lineKind ?? "",
    earned: f.earned ?? 1,
    amount_fen: f.amountFen,
    use_days: f.useDays ?? 0,
  }));
  for (let i = 0; i < rows.length; i += 200) await db.insertInto("revenue_facts").values(rows.slice(i, i + 200)).execute();
  // The services keep the month totals with the facts; facts written directly need them recounted.
  await recountMonthTotals(db, { centerId });
  return rows.map((r) => r.source_id);
}

export interface DirectOrderLine {
  unitId: string;
  netFen: number;
  kind?: LineKind;
  state?: LineState;
  start?: string;
  end?: string;
}

/** An order with its lines; confirmedAt is a UTC instant (null: never confirmed). */
export async function insertOrder(db: AppDb, centerId: string, o: { clientId: string; ownerId: string; confirmedAt: string | null; title?: string; lines: DirectOrderLine[] }): Promise<{ id: string; number: string }> {
  const id = newId();
  const now = nowIso();
  const number = `DD-T${id.slice(-10)}`;
  const net = o.lines.reduce((s, l) => s + l.netFen, 0);
  await db
    .insertInto("orders")
    .values({
      id, center_id: centerId, number, client_id: o.clientId, owner_id: o.ownerId, title: o.title ?? "测试订单", product: "测试产品", ad_category: "general", approval_number: "",
      status: o.confirmedAt ? "confirmed" : "draft", hold_expires_at: null, hold_renewals: 0, start_date: o.lines[0]?.start ?? "2025-01-01", end_date: o.lines[0]?.end ?? "2025-01-31",
      list_fen: net, net_fen: net, terms: "", cancel_reason: "", confirmed_at: o.confirmedAt, closed_at: null, idempotency_key: id, created_by: o.ownerId, created_at: now, updated_at: now,
    })
    .execute();
  for (const l of o.lines) {
    await db
      .insertInto("order_lines")
      .values({
        id: newId(), center_id: centerId, order_id: id, unit_id: l.unitId, start_date: l.start ?? "2025-01-01", end_date: l.end ?? "2025-01-31", quantity: 1, daily_use: 1,
        kind: l.kind ?? "paid", daypart: null, seconds: null, position: null, list_fen: l.netFen, discount_bp: 0, net_fen: l.netFen, net_fixed: 0, content: "",
        state: l.state ?? (o.confirmedAt ? "confirmed" : "draft"), expires_at: null, queued_at: null, created_at: now, updated_at: now,
      })
      .execute();
  }
  return { id, number };
}

/** A contract as signed on a day (status 'signed'; 'draft' when signedOn is null). */
export async function insertContract(
  db: AppDb,
  centerId: string,
  k: { clientId: string; ownerId: string; categoryId: string; signedOn: string | null; amountFen: number; taxIncluded?: boolean; status?: "draft" | "pending" | "signed" | "active" | "terminated" },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("contracts")
    .values({
      id, center_id: centerId, number: `HT-T${id.slice(-10)}`, title: "测试合同", client_id: k.clientId, category_id: k.categoryId, owner_id: k.ownerId, pricing: "milestone",
      status: k.status ?? (k.signedOn ? "signed" : "draft"), signed_on: k.signedOn, start_date: k.signedOn ?? "2025-01-01", end_date: "2025-12-31", amount_fen: k.amountFen,
      tax_included: k.taxIncluded === false ? 0 : 1, monthly_fee_fen: 0, approved_by: null, approved_at: null, return_reason: "", terminated_on: null, termination_reason: "",
      earned_fen: null, renewed_from_id: null, notes: "", idempotency_key: id, created_by: k.ownerId, created_at: now, updated_at: now,
    })
    .execute();
  return id;
}

/** A yearly target (subject 'rep' with a user id, 'category' with a top category id, or 'total'). */
export async function insertTarget(db: AppDb, centerId: string, t: { year: number; subject: "total" | "category" | "rep"; subjectId?: string; amountFen: number; by: string }): Promise<void> {
  await db
    .insertInto("revenue_targets")
    .values({ id: newId(), center_id: centerId, year: t.year, subject: t.subject, subject_id: t.subjectId ?? "", amount_fen: t.amountFen, updated_at: nowIso(), updated_by: t.by })
    .execute();
}

// ---- the scenario the report tests share ----------------------------------------------------
// One center's income: facts for 2024 (the year before) and for January–June 2025 (the period the
// tests ask for), with every figure a report should show worked out by hand below. Another center
// with facts of its own checks that nothing leaks.

export interface ReportScenario {
  center: TestCenter;
  other: TestCenter;
  cat: Record<string, string>;
  c1: string;
  c2: string;
  /** The other center's client. */
  foreignClient: string;
  cookies: Record<"admin" | "sales" | "finance" | "manager" | "auditor" | "otherManager", string>;
}

export const PERIOD = "from=2025-01&to=2025-06";

/**
 * Hand-computed figures of PERIOD (fen, ex-VAT):
 * traditional 200,000 + 100,000 − 30,000 (red-letter) + 12,000 (adjustment of 2025-02, reported 2025-05) = 282,000;
 * technical services 150,000 + 300,000 = 450,000; outdoor 80,000 (+ a bonus line worth 0); new media 40,000;
 * earned 852,000; fiscal subsidy 500,000. The year before: traditional 100,000, technical 50,000.
 * Client 1: 362,000 (prior 100,000); client 2: 490,000 (prior 50,000). Rep sales: 402,000; manager: 450,000.
 */
export const EXPECT = {
  earned: 852_000,
  subsidy: 500_000,
  traditional: 282_000,
  tech: 450_000,
  outdoor: 80_000,
  newMedia: 40_000,
  priorTraditional: 100_000,
  priorTech: 50_000,
  c1: 362_000,
  c2: 490_000,
  sales: 402_000,
  manager: 450_000,
};

export async function reportScenario(db: AppDb): Promise<ReportScenario> {
  const center = await makeCenter(db);
  const other = await makeCenter(db);
  const cat = await categoriesOf(db, center.id);
  const sales = center.users.sales;
  const manager = center.users.manager;
  const c1 = await makeClient(db, sales.scope, { name: `报表客户甲${center.code}`, owner_id: sales.id });
  const c2 = await makeClient(db, manager.scope, { name: `报表客户乙${center.code}`, owner_id: manager.id });
  const foreignClient = await makeClient(db, other.users.sales.scope, { name: `他人客户${other.code}` });
  const tv = { categoryId: cat["traditional.tv"], clientId: c1, ownerId: sales.id, medium: "tv" as const, lineKind: "paid" as const };
  const tech = { categoryId: cat["tech.app_dev"], clientId: c2, ownerId: manager.id, sourceKind: "contract" as const };
  const facts: FactInput[] = [
    { ...tv, month: "2024-02", amountFen: 100_000 },
    { ...tech, month: "2024-03", amountFen: 50_000 },
    { ...tv, month: "2025-01", amountFen: 200_000 },
    { ...tech, month: "2025-02", amountFen: 150_000 },
    { ...tech, month: "2025-03", amountFen: 300_000 },
    { ...tv, month: "2025-03", amountFen: 100_000 },
    { month: "2025-04", categoryId: cat["outdoor.static"], clientId: c1, ownerId: sales.id, medium: "outdoor_static", lineKind: "paid", amountFen: 80_000, useDays: 20 },
    { month: "2025-04", categoryId: cat["outdoor.static"], clientId: c1, ownerId: sales.id, medium: "outdoor_static", lineKind: "bonus", amountFen: 0, useDays: 5 },
    { ...tv, month: "2025-05", amountFen: -30_000, origin: "credit" },
    { ...tv, month: "2025-05", forMonth: "2025-02", amountFen: 12_000 },
    { month: "2025-02", categoryId: cat.subsidy, amountFen: 500_000, earned: 0 },
    { month: "2025-06", categoryId: cat["new_media.app"], clientId: c2, ownerId: sales.id, medium: "app_splash", lineKind: "paid", amountFen: 40_000 },
    { ...tv, month: "2025-07", amountFen: 999_999 },
  ];
  await insertFacts(db, center.id, facts);
  const otherCat = await categoriesOf(db, other.id);
  await insertFacts(db, other.id, [{ month: "2025-03", categoryId: otherCat["traditional.tv"], clientId: foreignClient, amountFen: 7_777_700 }]);
  const cookies = {
    admin: await cookieFor(db, center.users.admin),
    sales: await cookieFor(db, sales),
    finance: await cookieFor(db, center.users.finance),
    manager: await cookieFor(db, manager),
    auditor: await cookieFor(db, center.users.auditor),
    otherManager: await cookieFor(db, other.users.manager),
  };
  return { center, other, cat, c1, c2, foreignClient, cookies };
}
