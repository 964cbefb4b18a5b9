// Selected issued bills as the tax bureau's bulk-issue workbook (数电发票 批量开具). The layout
// comes from template data (template.ts): notes on row 1, constraints on row 2, headers on row 3,
// one row per bill on sheet 1 and one per bill line on sheet 2 from row 4, keyed by 发票流水号 (the
// bill number). Red-letter credits never go out this way: the platform reverses an invoice
// through its own red-letter confirmation, so they are refused here, as are bills whose tax
// invoice number is already recorded (exporting them again would issue a second invoice).
import ExcelJS from "exceljs";
import type { Executor } from "~db/dialect";
import type { BillLinesTable, BillsTable, ClientKind } from "~db/schema";
import type { Scope } from "~/modules/auth/scope";
import { mulDivHalfUp } from "~/utils/money";
import { todayInShanghai } from "~/utils/time";
import { billingRefusal, readsAllBilling } from "../access";
import { printedItemName } from "../tax";
import { CURRENT_TEMPLATE, type InvoiceField, type LineField, type TaxPlatformTemplate, type TemplateColumn, type TemplateSheet } from "./template";

/** The platform takes a limited batch per file; more bills go out in several files. */
export const MAX_EXPORT_BILLS = 500;

export type ExportOutcome =
  | { ok: true; buffer: Buffer; fileName: string; asciiFileName: string; bills: number; lines: number; warnings: string[] }
  | ReturnType<typeof billingRefusal>;

type Cell = string | number | null;

interface BuyerParts {
  address: string;
  phone: string;
  bank: string;
  account: string;
}

interface ExportBill {
  bill: Pick<BillsTable, "number" | "invoice_kind" | "buyer_name" | "buyer_tax_id" | "buyer_address_phone" | "buyer_bank_account" | "notes" | "net_fen" | "tax_fen" | "total_fen">;
  clientKind: ClientKind;
  buyer: BuyerParts;
  includesTax: boolean;
  lines: Pick<BillLinesTable, "seq" | "tax_code" | "short_name" | "item_name" | "description" | "quantity" | "tax_included" | "rate_bp" | "net_fen" | "tax_fen" | "total_fen">[];
}

interface Seller {
  bank_name: string;
  bank_account: string;
}

/** MONEY: fen → yuan only for the cell; two decimals of an exact fen amount. */
const yuan = (fen: number) => Number(fen) / 100;

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * The bill keeps address+phone and bank+account as one text each (copied from the client on
 * issue); the template wants four cells. When the client's current details still make up the
 * copied text, they give the exact parts; otherwise the trailing number is split off.
 */
export function splitBuyer(
  addressPhone: string,
  bankAccount: string,
  client: { address: string; phone: string; bank_name: string; bank_account: string } | null,
): BuyerParts {
  const parts = { address: "", phone: "", bank: "", account: "" };
  const ap = squash(addressPhone);
  if (client && squash(`${client.address} ${client.phone}`) === ap) Object.assign(parts, { address: client.address.trim(), phone: client.phone.trim() });
  else {
    const m = /^(.*?)\s*(\+?\d[\d\-()（）]{5,}\d(?:转\d+)?)$/.exec(ap);
    Object.assign(parts, m ? { address: m[1].trim(), phone: m[2] } : { address: ap });
  }
  const ba = squash(bankAccount);
  if (client && squash(`${client.bank_name} ${client.bank_account}`) === ba) Object.assign(parts, { bank: client.bank_name.trim(), account: client.bank_account.trim() });
  else {
    const m = /^(.*?)\s*(\d[\d ]{5,}\d)$/.exec(ba);
    Object.assign(parts, m ? { bank: m[1].trim(), account: m[2] } : { bank: ba });
  }
  return parts;
}

/** What sheet 2's 金额 holds for a line: with VAT when the invoice row says 是否含税 = 是. */
const lineAmountFen = (e: ExportBill, line: ExportBill["lines"][number]) => Number(e.includesTax ? line.total_fen : line.net_fen);

function unitPrice(amountFen: number, quantity: number): number | null {
  if (!(quantity > 0)) return null;
  // Exact when the amount divides evenly; otherwise six decimals keep 数量 × 单价 within a fen.
  return amountFen % quantity === 0 ? amountFen / quantity / 100 : Number((amountFen / quantity / 100).toFixed(6));
}

function invoiceCell(field: InvoiceField, e: ExportBill, seller: Seller, t: TaxPlatformTemplate): Cell {
  const b = e.bill;
  const { labels } = t;
  switch (field) {
    case "serial": return b.number ?? "";
    case "invoiceKind": return labels.invoiceKind[b.invoice_kind];
    case "includesTax": return e.includesTax ? labels.yes : labels.no;
    case "naturalPerson": return e.clientKind === "individual" ? labels.yes : labels.no;
    case "buyerName": return b.buyer_name;
    case "buyerTaxId": return b.buyer_tax_id;
    case "buyerAddress": return e.buyer.address;
    case "buyerPhone": return e.buyer.phone;
    case "buyerAddressPhone": return squash(b.buyer_address_phone);
    case "buyerBank": return e.buyer.bank;
    case "buyerAccount": return e.buyer.account;
    case "buyerBankAccount": return squash(b.buyer_bank_account);
    case "showBuyerContact": return squash(b.buyer_address_phone + b.buyer_bank_account) ? labels.showBuyerContact : "";
    case "sellerBank": return seller.bank_name;
    case "sellerAccount": return seller.bank_account;
    case "remark": return b.notes;
    case "netAmount": return yuan(b.net_fen);
    case "taxAmount": return yuan(b.tax_fen);
    case "totalAmount": return yuan(b.total_fen);
  }
}

function lineCell(field: LineField, e: ExportBill, index: number): Cell {
  const line = e.lines[index];
  switch (field) {
    case "serial": return e.bill.number ?? "";
    case "lineNo": return index + 1;
    case "itemName": return printedItemName(line.short_name, line.item_name);
    case "itemPlainName": return line.item_name;
    case "taxCode": return line.tax_code;
    case "spec": return "";
    case "unit": return "";
    case "description": return line.description;
    case "quantity": return Number(line.quantity);
    case "unitPrice": return unitPrice(lineAmountFen(e, line), Number(line.quantity));
    case "amount": return yuan(lineAmountFen(e, line));
    case "rate": return Number(line.rate_bp) / 10000;
    case "tax": return yuan(line.tax_fen);
  }
}

const isEmpty = (v: Cell) => v === null || (typeof v === "string" && v.trim() === "");

/** Issued bills may still lack what the platform insists on (data changed rules since): named, not hidden. */
function missingRequired(e: ExportBill, seller: Seller, t: TaxPlatformTemplate): string[] {
  const needed = (c: TemplateColumn<string>) => c.required === true || (c.required === "special" && e.bill.invoice_kind === "special");
  const missing = t.invoiceSheet.columns.filter((c) => c.key && needed(c) && isEmpty(invoiceCell(c.key, e, seller, t))).map((c) => c.header);
  for (let i = 0; i < e.lines.length; i++) {
    for (const c of t.lineSheet.columns) if (c.key && needed(c) && isEmpty(lineCell(c.key, e, i))) missing.push(`第 ${i + 1} 行明细的${c.header}`);
  }
  return missing.length ? [`${e.bill.number}：${[...new Set(missing)].join("、")}为空，电子税务局会拒收该张发票`] : [];
}

/**
 * MONEY: with lines both with and without VAT on one bill, sheet 2 carries amounts without VAT
 * and the platform works the tax out again per line; say so where its figure may differ.
 */
function mixedTaxWarnings(e: ExportBill): string[] {
  if (e.includesTax || e.lines.every((l) => !Number(l.tax_included))) return [];
  return e.lines
    .filter((l) => Number(l.tax_included) && mulDivHalfUp(Math.abs(Number(l.net_fen)), Number(l.rate_bp), 10000) !== Math.abs(Number(l.tax_fen)))
    .map((l) => `${e.bill.number} 第 ${l.seq} 行：含税与不含税明细混开，平台按不含税金额计算的税额会与账单相差 1 分，请核对`);
}

function styleTopRows(sheet: ExcelJS.Worksheet, columns: readonly TemplateColumn<string>[], notes: string): void {
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.getCell(1, 1).value = notes;
  sheet.mergeCells(1, 1, 1, Math.max(columns.length, 1));
  sheet.getRow(1).height = 36;
  sheet.getCell(1, 1).alignment = { wrapText: true, vertical: "top" };
  columns.forEach((c, i) => {
    const constraint = sheet.getCell(2, i + 1);
    constraint.value = c.constraint;
    constraint.alignment = { wrapText: true, vertical: "top" };
    constraint.font = { color: { argb: "FF667085" }, size: 9 };
    const header = sheet.getCell(3, i + 1);
    header.value = c.header;
    header.font = { bold: true, color: { argb: c.required ? "FFB42318" : "FF1F2933" } };
    header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE9EDF2" } };
  });
  sheet.getRow(2).height = 48;
}

function writeDataRow(sheet: ExcelJS.Worksheet, rowNumber: number, columns: readonly TemplateColumn<string>[], value: (c: TemplateColumn<string>) => Cell): void {
  columns.forEach((c, i) => {
    const v = c.key ? value(c) : null;
    if (isEmpty(v)) return;
    const cell = sheet.getCell(rowNumber, i + 1);
    cell.value = v;
    if (c.numFmt) cell.numFmt = c.numFmt;
  });
}

function addSheet<K extends string>(workbook: ExcelJS.Workbook, sheet: TemplateSheet<K>): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", xSplit: 1, ySplit: 3, topLeftCell: "B4", activeCell: "B4" }] });
  styleTopRows(ws, sheet.columns, sheet.notes);
  return ws;
}

/** The workbook for bills already checked and loaded. Pure apart from exceljs. */
export async function taxPlatformWorkbook(bills: readonly ExportBill[], seller: Seller, template: TaxPlatformTemplate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const invoices = addSheet(workbook, template.invoiceSheet);
  bills.forEach((e, i) => writeDataRow(invoices, 4 + i, template.invoiceSheet.columns, (c) => invoiceCell(c.key as InvoiceField, e, seller, template)));
  const lines = addSheet(workbook, template.lineSheet);
  let row = 4;
  for (const e of bills) {
    for (let i = 0; i < e.lines.length; i++) writeDataRow(lines, row++, template.lineSheet.columns, (c) => lineCell(c.key as LineField, e, i));
  }
  for (const s of template.staticSheets) {
    const ws = workbook.addWorksheet(s.name, { state: s.hidden ? "hidden" : "visible" });
    for (const r of s.rows) r.cells.forEach((text, i) => (ws.getCell(r.row, i + 1).value = text));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const listed = (numbers: (string | null)[]) => numbers.map((n) => n ?? "（无编号）").join("、");

/** Checks the selection: this center's issued invoices with no tax invoice recorded yet. */
function refusalFor(ids: string[], found: Pick<BillsTable, "id" | "number" | "kind" | "status" | "tax_invoice_number">[]) {
  if (found.length < ids.length) return billingRefusal(404, { form: `有 ${ids.length - found.length} 张所选账单不存在或不属于本单位，请刷新后重新选择` });
  const problems: string[] = [];
  const drafts = found.filter((b) => b.status !== "issued");
  if (drafts.length) problems.push(`${drafts.length} 张账单尚未开具，开具后才能导出`);
  const credits = found.filter((b) => b.status === "issued" && b.kind === "credit");
  if (credits.length) problems.push(`红字账单不在此导出（${listed(credits.map((b) => b.number))}）：请在电子税务局通过红字发票确认信息办理`);
  const recorded = found.filter((b) => b.status === "issued" && b.kind === "invoice" && b.tax_invoice_number !== "");
  if (recorded.length) problems.push(`已登记数电发票号码，不能再次导出开票：${listed(recorded.map((b) => b.number))}`);
  return problems.length ? billingRefusal(409, { form: problems.join("；") }) : null;
}

/**
 * The bulk-issue workbook for the selected bills of the caller's center. Anyone who reads bills
 * may export (nothing changes here); finance then uploads it to the platform.
 */
export async function exportForTaxPlatform(
  db: Executor,
  scope: Scope,
  billIds: readonly string[],
  options: { template?: TaxPlatformTemplate; today?: string } = {},
): Promise<ExportOutcome> {
  if (!readsAllBilling(scope)) return billingRefusal(403, { form: "没有查看账单的权限" });
  const ids = [...new Set(billIds.filter((id) => id))];
  if (!ids.length) return billingRefusal(400, { form: "请先勾选要导出的账单" });
  if (ids.length > MAX_EXPORT_BILLS) return billingRefusal(400, { form: `一次最多导出 ${MAX_EXPORT_BILLS} 张账单，请分批导出` });
  const template = options.template ?? CURRENT_TEMPLATE;

  // SECURITY: the center is part of every lookup; another center's id is simply not found.
  const found = await db.selectFrom("bills").selectAll().where("center_id", "=", scope.centerId).where("id", "in", ids).execute();
  const refused = refusalFor(ids, found);
  if (refused) return refused;

  const lines = await db
    .selectFrom("bill_lines")
    .select(["bill_id", "seq", "tax_code", "short_name", "item_name", "description", "quantity", "tax_included", "rate_bp", "net_fen", "tax_fen", "total_fen"])
    .where("center_id", "=", scope.centerId)
    .where("bill_id", "in", ids)
    .orderBy("bill_id")
    .orderBy("seq")
    .execute();
  const clients = await db
    .selectFrom("clients")
    .select(["id", "kind", "address", "phone", "bank_name", "bank_account"])
    .where("center_id", "=", scope.centerId)
    .where("id", "in", [...new Set(found.map((b) => b.client_id))])
    .execute();
  const seller = await db.selectFrom("centers").select(["bank_name", "bank_account"]).where("id", "=", scope.centerId).executeTakeFirstOrThrow();

  const clientById = new Map(clients.map((c) => [c.id, c]));
  const bills: ExportBill[] = [...found]
    .sort((a, b) => (a.number ?? "").localeCompare(b.number ?? ""))
    .map((bill) => {
      const client = clientById.get(bill.client_id) ?? null;
      const own = lines.filter((l) => l.bill_id === bill.id).sort((a, b) => Number(a.seq) - Number(b.seq));
      return {
        bill,
        clientKind: client?.kind ?? "enterprise",
        buyer: splitBuyer(bill.buyer_address_phone, bill.buyer_bank_account, client),
        includesTax: own.length > 0 && own.every((l) => Number(l.tax_included) === 1),
        lines: own,
      };
    });
  const empty = bills.filter((e) => e.lines.length === 0);
  if (empty.length) return billingRefusal(409, { form: `账单没有明细，不能开票：${listed(empty.map((e) => e.bill.number))}` });

  const warnings = bills.flatMap((e) => [...missingRequired(e, seller, template), ...mixedTaxWarnings(e)]);
  const buffer = await taxPlatformWorkbook(bills, seller, template);
  const today = options.today ?? todayInShanghai();
  return {
    ok: true,
    buffer,
    fileName: `数电发票批量开具-${today}.xlsx`,
    asciiFileName: `einvoice-batch-${today}.xlsx`,
    bills: bills.length,
    lines: lines.length,
    warnings,
  };
}
