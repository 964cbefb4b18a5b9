// The demo center's last twelve months of billing, done as its finance clerk would have done them
// through the real billing services: bills generated at each month's end and issued early the
// next month, most paid within their terms, some paid in part, a few still open and overdue, one
// partial red-letter correction, and a culture-fee deduction. The current month is left to the
// person trying the product: generating it finds a new client whose tax id is still missing.
import type { AppDb } from "../../db/connection";
import type { Scope } from "../../app/modules/auth/scope";
import { issueBills } from "../../app/modules/billing/bills.server";
import { createCredit } from "../../app/modules/billing/credits.server";
import { addCultureFeeDeduction } from "../../app/modules/billing/culture-fee.server";
import { generateBills } from "../../app/modules/billing/generate.server";
import { recordPayment } from "../../app/modules/billing/payments.server";
import type { PaymentMethod } from "../../db/schema";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { todayInShanghai } from "../../app/utils/time";

const MONTHS = 12;

/** The first day of the month `k` months from today's month. */
function monthStart(today: string, k: number): string {
  const total = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-01`;
}

/** A fixed, well-spread number per bill, so the demo is the same on every machine. */
function spread(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`示范数据：${what}未能完成：${JSON.stringify((result as { errors?: unknown }).errors)}`);
  return result as Extract<T, { ok: true }>;
}

const METHODS: PaymentMethod[] = ["transfer", "transfer", "transfer", "acceptance", "cheque", "cash"];

export async function seedDemoBills(db: AppDb, centerId: string, today: string = todayInShanghai()): Promise<{ bills: number; payments: number }> {
  if (await db.selectFrom("bills").select("id").where("center_id", "=", centerId).limit(1).executeTakeFirst()) return { bills: 0, payments: 0 };
  const clerk = await db.selectFrom("users").select("id").where("center_id", "=", centerId).where("role", "=", "finance").orderBy("id").executeTakeFirstOrThrow();
  const finance: Scope = { centerId, userId: clerk.id, role: "finance" };
  const issued: { id: string; number: string; issueDate: string }[] = [];
  // The demo center's government purchases are system upkeep and programme making: it bills them
  // as IT operation and maintenance (the default tree leaves this category's code to each center).
  await db.updateTable("revenue_categories").set({ vat_item_code: "3040203000000000000" }).where("center_id", "=", centerId).where("code", "=", "gov_service").execute();

  for (let k = -MONTHS; k < 0; k++) {
    const periodTo = addDays(monthStart(today, k + 1), -1);
    // Rates for service still to come are those of the day the month was billed.
    must(await generateBills(db, finance, { periodTo, today: periodTo }), `${periodTo.slice(0, 7)} 账单生成`);
    const issueDate = [addDays(monthStart(today, k + 1), 4), today].sort()[0];
    const drafts = await db.selectFrom("bills").select("id").where("center_id", "=", centerId).where("status", "=", "draft").orderBy("id").execute();
    const outcome = must(await issueBills(db, finance, drafts.map((b) => b.id), { issueDate }), `${periodTo.slice(0, 7)} 账单开具`);
    for (const b of outcome.issued) issued.push({ ...b, issueDate });
  }

  let payments = 0;
  for (const bill of issued) {
    const row = await db.selectFrom("bills").select(["client_id", "total_fen", "due_date"]).where("id", "=", bill.id).executeTakeFirstOrThrow();
    const roll = spread(bill.number);
    // One in eight is never paid (overdue by now if old enough), one in eight is paid in part.
    if (roll % 8 === 0) continue;
    const share = roll % 8 === 1 ? 0.5 : 1;
    const receivedOn = addDays(bill.issueDate, 10 + (roll % 45));
    if (receivedOn > today) continue;
    const amountFen = Math.round(Number(row.total_fen) * share);
    if (amountFen <= 0) continue;
    must(
      await recordPayment(
        db,
        finance,
        {
          clientId: row.client_id, receivedOn, amountFen, method: METHODS[roll % METHODS.length], payer: "", reference: `HD${receivedOn.replaceAll("-", "")}${String(roll % 10000).padStart(4, "0")}`,
          notes: share < 1 ? "客户先付一半，余款待结算后支付" : "", idempotencyKey: `demo-pay-${bill.number}`, allocate: [{ billId: bill.id, amountFen }],
        },
        today,
      ),
      `收款 ${bill.number}`,
    );
    payments++;
  }

  // A discount agreed after the fact: 500 yuan off the first line of the oldest bill nobody has paid.
  const corrected = issued.find((b) => spread(b.number) % 8 === 0);
  if (corrected) {
    const line = await db.selectFrom("bill_lines").select(["id", "total_fen"]).where("bill_id", "=", corrected.id).orderBy("seq").executeTakeFirstOrThrow();
    const amountFen = Math.min(50_000, Number(line.total_fen));
    const creditDay = [addDays(corrected.issueDate, 20), today].sort()[0];
    must(await createCredit(db, finance, corrected.id, { reason: "销售折让", issueDate: creditDay, lines: [{ originalLineId: line.id, amountFen }], notes: "投放时段调整，双方协商折让" }), `红冲 ${corrected.number}`);
  }

  must(
    await addCultureFeeDeduction(db, finance, { month: monthStart(today, -1).slice(0, 7), payee: "浙江广播电视集团", invoice_number: "25332000000012345678", amount: "3000.00", notes: "省台代播广告分成" }),
    "文化事业建设费扣除项",
  );
  return { bills: issued.length, payments };
}
