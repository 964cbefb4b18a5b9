// The bill pages' posted actions, each read from its form and handed to the service. The routes
// stay dispatchers: permission, then one of these, then redirect (with what to show) or the refusal.
import { type AppLoadContext, data, redirect } from "@remix-run/node";
import type { AppDb } from "~db/connection";
import type { Executor } from "~db/dialect";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import type { Scope } from "~/modules/auth/scope";
import { field, forbidden, notFound } from "~/utils/http.server";
import { type BillingResult, billingRefusal } from "./access";
import { parseCredit, parseDraftUpdate, parseGenerate, parseIssueDate, parseIssueMany, parseManualLine, parseTaxInvoice } from "./bill-form";
import { addManualLine, issueBill, issueBills, removeDraftLine, updateDraft } from "./bills.server";
import { createCredit } from "./credits.server";
import { generateBills, type GenerateSummary } from "./generate.server";
import { getBillingPlan, setBillingPlan, type SourceId } from "./plans.server";
import { providerFromEnv } from "./provider/http-provider.server";
import type { EInvoiceProvider } from "./provider/provider";
import { sendToProvider } from "./provider/send.server";
import { recordTaxInvoice } from "./tax-platform/import.server";

export const BILL_INTENTS = ["update", "line-add", "line-remove", "issue", "tax-invoice", "credit", "provider"] as const;
export type BillIntent = (typeof BILL_INTENTS)[number];

export function isBillIntent(value: string): value is BillIntent {
  return (BILL_INTENTS as readonly string[]).includes(value);
}

const STALE = "该账单刚刚被修改过（可能是重复提交），请核对页面后再操作";

/**
 * A form rendered before the bill last changed is refused, so a double click does not add a line
 * twice. Not locked: the services lock; this only catches a form that is already out of date.
 */
async function staleDraft(db: Executor, scope: Scope, billId: string, stamp: string): Promise<BillingResult | null> {
  if (!stamp) return null;
  const bill = await db.selectFrom("bills").select("updated_at").where("center_id", "=", scope.centerId).where("id", "=", billId).executeTakeFirst();
  if (!bill) return billingRefusal(404, { form: "账单不存在" });
  return bill.updated_at === stamp ? null : billingRefusal(409, { form: STALE });
}

/** A credit form counts the credits it saw; another credit raised since (a second click) refuses it. */
async function staleCredits(db: Executor, scope: Scope, billId: string, seen: string): Promise<BillingResult | null> {
  if (seen === "") return null;
  const row = await db
    .selectFrom("bills")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("center_id", "=", scope.centerId)
    .where("original_bill_id", "=", billId)
    .where("kind", "=", "credit")
    .executeTakeFirstOrThrow();
  return Number(row.n) === Number(seen) ? null : billingRefusal(409, { form: "这张发票刚刚开具过红字发票（可能是重复提交），请核对后再操作" });
}

async function categoryCode(db: Executor, scope: Scope, categoryId: string): Promise<string> {
  const row = await db.selectFrom("revenue_categories").select("vat_item_code").where("center_id", "=", scope.centerId).where("id", "=", categoryId).executeTakeFirst();
  return row?.vat_item_code ?? "";
}

/** Runs one posted intent for bill `id`; on success, the query string the page shows it with. */
export async function runBillIntent(db: AppDb, scope: Scope, id: string, intent: BillIntent, form: FormData, today: string): Promise<BillingResult<{ id: string; done: string }>> {
  const stale = ["update", "line-add", "line-remove"].includes(intent) ? await staleDraft(db, scope, id, field(form, "updated_at")) : null;
  if (stale && !stale.ok) return stale;
  const done = (result: BillingResult<{ id: string }>, query: string) => (result.ok ? { ok: true as const, id, done: query } : result);
  switch (intent) {
    case "update": {
      const parsed = parseDraftUpdate(form);
      return parsed.ok ? done(await updateDraft(db, scope, id, parsed.value), "done=updated") : billingRefusal(400, parsed.errors);
    }
    case "line-add": {
      const parsed = parseManualLine(form);
      if (!parsed.ok) return billingRefusal(400, parsed.errors);
      const line = parsed.value;
      const taxCode = line.taxCode || (await categoryCode(db, scope, line.categoryId));
      return done(await addManualLine(db, scope, id, { ...line, taxCode }, today), "done=lineAdded");
    }
    case "line-remove":
      return done(await removeDraftLine(db, scope, id, field(form, "line_id")), "done=lineRemoved");
    case "issue": {
      const parsed = parseIssueDate(form);
      if (!parsed.ok) return billingRefusal(400, parsed.errors);
      const result = await issueBill(db, scope, id, { issueDate: parsed.value });
      return result.ok ? { ok: true, id, done: `done=issued&n=${encodeURIComponent(result.number)}` } : result;
    }
    case "tax-invoice": {
      const result = await recordTaxInvoice(db, scope, id, parseTaxInvoice(form), today);
      return result.ok ? { ok: true, id, done: result.unchanged ? "done=taxInvoiceSame" : "done=taxInvoice" } : result;
    }
    case "provider": {
      let provider: EInvoiceProvider | null;
      try {
        provider = providerFromEnv(process.env, { log: (line) => console.warn(line) });
      } catch (error) {
        return billingRefusal(409, { form: error instanceof Error ? error.message : String(error) });
      }
      const result = await sendToProvider(db, scope, id, provider, today);
      return result.ok ? { ok: true, id, done: "done=taxInvoice" } : result;
    }
    case "credit": {
      const parsed = parseCredit(form);
      if (!parsed.ok) return billingRefusal(400, parsed.errors);
      const again = await staleCredits(db, scope, id, field(form, "credits_seen"));
      if (again && !again.ok) return again;
      const result = await createCredit(db, scope, id, parsed.value);
      return result.ok ? { ok: true, id, done: `done=credited&n=${encodeURIComponent(result.number)}` } : result;
    }
  }
}

export interface IssueRefusal {
  id: string;
  status: 400 | 403 | 404 | 409;
  label: string;
  message: string;
}

export type ListOutcome =
  | { ok: true; intent: "generate"; summary: GenerateSummary }
  | { ok: true; intent: "issue"; issued: { id: string; number: string }[]; refused: IssueRefusal[] }
  | { ok: false; intent: string; status: 400 | 403 | 404 | 409 | 502; errors: Record<string, string | undefined> };

/** The list page's two writes: generate drafts for a period, and issue the ticked drafts. */
export async function runListIntent(db: AppDb, scope: Scope, intent: string, form: FormData): Promise<ListOutcome> {
  if (intent === "generate") {
    const parsed = parseGenerate(form);
    if (!parsed.ok) return { ok: false, intent, status: 400, errors: parsed.errors };
    const result = await generateBills(db, scope, parsed.value);
    return result.ok ? { ok: true, intent, summary: result.summary } : { ok: false, intent, status: result.status, errors: result.errors };
  }
  if (intent === "issue") {
    const parsed = parseIssueMany(form);
    if (!parsed.ok) return { ok: false, intent, status: 400, errors: parsed.errors };
    const result = await issueBills(db, scope, parsed.value.ids, { issueDate: parsed.value.issueDate });
    if (!result.ok) return { ok: false, intent, status: result.status, errors: result.errors };
    const ids = result.refused.map((r) => r.id);
    const names = ids.length
      ? await db.selectFrom("bills as b").innerJoin("clients as c", "c.id", "b.client_id").select(["b.id", "c.name"]).where("b.center_id", "=", scope.centerId).where("b.id", "in", ids).execute()
      : [];
    const refused = result.refused.map((r) => ({ id: r.id, status: r.status as IssueRefusal["status"], label: names.find((n) => n.id === r.id)?.name ?? r.id, message: r.message }));
    return { ok: true, intent, issued: result.issued, refused };
  }
  return { ok: false, intent, status: 400, errors: { form: "未知的操作" } };
}

/** The query string a generation run is shown with after the redirect. */
export function generatedQuery(s: GenerateSummary): string {
  const q = new URLSearchParams({ done: "generated", c: String(s.created.length), u: String(s.changed.length), d: String(s.deleted.length), la: String(s.linesAdded), lu: String(s.linesUpdated), lr: String(s.linesRemoved) });
  return q.toString();
}

// ---- billing plans on the order and contract pages ------------------------------------------------

/** What the plan panel shows; null for those who do not read billing. */
export async function billingPlanPanel(db: Executor, scope: Scope, source: SourceId) {
  if (!can(scope.role, "billing", "read")) return null;
  const result = await getBillingPlan(db, scope, source);
  if (!result.ok) return null;
  return { ...result.plan, mayChange: can(scope.role, "billing", "update") };
}

export const PLAN_INTENT = "billing-plan";

/**
 * The plan form posts to its page with ?intent=billing-plan, so the page can send it here before
 * its own checks: finance changes plans without the right to change the order or contract, and
 * the page's body is read only once the caller may change billing. Null when it is not a plan post.
 */
export async function billingPlanAction(request: Request, context: AppLoadContext, source: SourceId, back: string) {
  if (new URL(request.url).searchParams.get("intent") !== PLAN_INTENT) return null;
  const caller = await requirePermission(request, context, "billing", "update");
  const form = await request.formData();
  const result = await setBillingPlan(context.db, caller.scope, source, { schedule: field(form, "schedule"), paymentDays: field(form, "payment_days") });
  if (result.ok) return redirect(`${back}?plan=saved`);
  if (result.status === 404) notFound();
  if (result.status === 403) forbidden();
  const message = Object.values(result.errors).filter(Boolean).join("；");
  return data({ intent: PLAN_INTENT, message, errors: result.errors, target: "" }, { status: result.status });
}
