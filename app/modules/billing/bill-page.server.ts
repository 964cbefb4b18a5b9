// Everything the bill page and its print sheet read for one bill, in the caller's scope: the bill,
// its client's current invoice details (what a draft will carry once issued), what the draft
// forms choose from, and the trail for those who read audit.
import { providerConfigured } from "./provider/http-provider.server";
import type { Executor } from "~db/dialect";
import { can } from "~/modules/auth/permissions";
import type { Caller } from "~/modules/auth/guard.server";
import { assignableCategories } from "~/modules/categories/categories.server";
import { forbidden, notFound } from "~/utils/http.server";
import { billHistory } from "./bill-history.server";
import { getBill } from "./bill-views.server";
import { CREDIT_REASONS } from "./credits.server";

/** The bill or a thrown 404/403: another center's bill, or a bill a sales rep may not see, is not found. */
export async function loadBill(db: Executor, caller: Caller, id: string, today: string) {
  const result = await getBill(db, caller.scope, id, today);
  if (!result.ok) {
    if (result.status === 403) forbidden();
    notFound();
  }
  const bill = result.bill;
  const client = await db
    .selectFrom("clients")
    .select(["id", "name", "credit_code", "address", "phone", "bank_name", "bank_account"])
    .where("center_id", "=", caller.scope.centerId)
    .where("id", "=", bill.client_id)
    .executeTakeFirstOrThrow();
  // An issued bill prints the buyer as it was on the issue day; a draft, as the client stands now.
  const buyer =
    bill.status === "issued"
      ? { name: bill.buyer_name, taxId: bill.buyer_tax_id, addressPhone: bill.buyer_address_phone, bank: bill.buyer_bank_account }
      : {
          name: client.name,
          taxId: client.credit_code,
          addressPhone: `${client.address} ${client.phone}`.trim(),
          bank: `${client.bank_name} ${client.bank_account}`.trim(),
        };
  return { bill, client: { id: client.id, name: client.name }, buyer };
}

export async function billPage(db: Executor, caller: Caller, id: string, today: string) {
  const { bill, client, buyer } = await loadBill(db, caller, id, today);
  const role = caller.user.role;
  const mayWrite = can(role, "billing", "update");
  const editing = mayWrite && bill.status === "draft";
  const [categories, taxCodes, history] = await Promise.all([
    editing ? assignableCategories(db, caller.scope) : [],
    editing
      ? db.selectFrom("tax_codes").select(["code", "short_name", "item_name"]).where("center_id", "=", caller.scope.centerId).where("retired", "=", 0).orderBy("code").execute()
      : [],
    can(role, "audit", "read") ? billHistory(db, caller.scope, bill.id, bill.allocations.map((a) => a.payment_id)) : null,
  ]);
  return {
    bill,
    client,
    buyer,
    today,
    mayWrite,
    mayEditClient: can(role, "client", "update"),
    providerReady: mayWrite && bill.status === "issued" && !bill.tax_invoice_number && providerConfigured(),
    categories: categories.map((c) => ({ id: c.id, label: c.label })),
    taxCodes,
    creditReasons: [...CREDIT_REASONS],
    history,
  };
}
