// POST /finance/tax-platform/export.xlsx with the ticked bills (bill=<id>, repeated): the tax
// bureau's bulk-issue workbook for them. Nothing changes here, so every reader of the money desks
// may export; the form is posted straight (not fetched), so the workbook downloads as a file.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { downloadRefusal, xlsxBuffer } from "~/modules/billing/tax-downloads.server";
import { selectedBillIds } from "~/modules/billing/tax-forms";
import { exportForTaxPlatform } from "~/modules/billing/tax-platform/export.server";

const BACK = { href: "/finance/tax-platform", label: "返回税务平台" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireBillingDesk(request, context, "read");
  return downloadRefusal(405, "请在税务平台页面勾选账单后导出", BACK);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const ids = selectedBillIds(await request.formData());
  const result = await exportForTaxPlatform(context.db, caller.scope, ids);
  if (!result.ok) return downloadRefusal(result.status, Object.values(result.errors).filter(Boolean).join("；"), BACK);
  return xlsxBuffer(result.buffer, result.fileName, result.asciiFileName);
}
