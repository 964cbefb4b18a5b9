// What the bill screens post and put in their query strings, read into the services' inputs with
// one Chinese message per field. Pure: shared by the routes and the intent dispatcher.
import type { BillKind, BillStatus, InvoiceKind } from "~db/schema";
import { parseYuanToFen } from "~/utils/money";
import { isCalendarDate } from "~/utils/time";
import type { BillFilter } from "./bill-views.server";
import type { CreditInput } from "./credits.server";
import type { PaymentStatus } from "./receivables.server";

type Errors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Errors };

/** Payment statuses by the code the query string carries (finance.payStatus.<code>). */
export const PAY_STATUS: Record<"unpaid" | "partial" | "paid" | "credited", PaymentStatus> = { unpaid: "未收款", partial: "部分收款", paid: "已收清", credited: "已红冲" };
export type PayStatusCode = keyof typeof PAY_STATUS;
export const PAY_STATUS_CODES = Object.keys(PAY_STATUS) as PayStatusCode[];

/** The status word of a bill (as the views give it) → its code, for the tag's colour. */
export const STATUS_WORD_CODE: Record<string, string> = { 草稿: "draft", 红字发票: "credit", 未收款: "unpaid", 部分收款: "partial", 已收清: "paid", 已红冲: "credited" };

export interface BillListQuery {
  status: string;
  kind: string;
  pay: string;
  client: string;
  owner: string;
  from: string;
  to: string;
}

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined => (allowed as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
const dateOrUndefined = (value: string | null) => (value && isCalendarDate(value) ? value : undefined);

/** The list's filter from the URL; the client is a name the route turns into an id. Bad values are dropped. */
export function billQueryFromUrl(url: URL): { query: BillListQuery; filter: Omit<BillFilter, "clientId"> } {
  const p = url.searchParams;
  const status = oneOf<BillStatus>(p.get("status"), ["draft", "issued"]);
  const kind = oneOf<BillKind>(p.get("kind"), ["invoice", "credit"]);
  const pay = oneOf<PayStatusCode>(p.get("pay"), PAY_STATUS_CODES);
  const issuedFrom = dateOrUndefined(p.get("from"));
  const issuedTo = dateOrUndefined(p.get("to"));
  const owner = (p.get("owner") ?? "").trim();
  const page = Number(p.get("page"));
  return {
    query: { status: status ?? "", kind: kind ?? "", pay: pay ?? "", client: (p.get("client") ?? "").trim(), owner, from: issuedFrom ?? "", to: issuedTo ?? "" },
    filter: {
      status,
      kind,
      paymentStatus: pay ? PAY_STATUS[pay] : undefined,
      ownerId: owner || undefined,
      issuedFrom,
      issuedTo,
      page: Number.isInteger(page) && page > 0 ? page : 1,
    },
  };
}

/** The last day of the month `day` falls in. */
export function endOfMonth(day: string): string {
  const [y, m] = day.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${day.slice(0, 7)}-${String(last).padStart(2, "0")}`;
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
};

export function parseGenerate(form: FormData): Parsed<{ periodTo: string; periodFrom?: string }> {
  const periodTo = text(form, "period_to");
  const periodFrom = text(form, "period_from");
  const errors: Errors = {};
  if (!isCalendarDate(periodTo)) errors.period_to = "请填写到期截止日（YYYY-MM-DD）";
  if (periodFrom && !isCalendarDate(periodFrom)) errors.period_from = "起始日不是有效日期（YYYY-MM-DD）";
  else if (periodFrom && !errors.period_to && periodFrom > periodTo) errors.period_from = "起始日不能晚于截止日";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: periodFrom ? { periodTo, periodFrom } : { periodTo } };
}

export function parseIssueMany(form: FormData): Parsed<{ ids: string[]; issueDate: string }> {
  const ids = [...new Set(form.getAll("bill_id").filter((v): v is string => typeof v === "string" && v !== ""))];
  const issueDate = text(form, "issue_date");
  const errors: Errors = {};
  if (!ids.length) errors.bill_id = "请先勾选要开具的草稿账单";
  else if (ids.length > 200) errors.bill_id = "一次最多开具 200 张";
  if (!isCalendarDate(issueDate)) errors.issue_date = "请填写开票日期（YYYY-MM-DD）";
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { ids, issueDate } };
}

export function parseInvoiceKind(form: FormData): InvoiceKind | undefined {
  const v = text(form, "invoice_kind");
  return v === "special" || v === "ordinary" ? v : undefined;
}

export function parseDraftUpdate(form: FormData): Parsed<{ invoiceKind: InvoiceKind; notes: string }> {
  const invoiceKind = parseInvoiceKind(form);
  const notes = text(form, "notes");
  const errors: Errors = {};
  if (!invoiceKind) errors.invoice_kind = "请选择专票或普票";
  if (notes.length > 200) errors.notes = "备注不能超过 200 字";
  return invoiceKind && !Object.keys(errors).length ? { ok: true, value: { invoiceKind, notes } } : { ok: false, errors };
}

export interface ManualLineForm {
  categoryId: string;
  /** Empty: the category's own code. */
  taxCode: string;
  description: string;
  amountFen: number;
  taxIncluded: boolean;
  serviceDate: string | null;
}

export function parseManualLine(form: FormData): Parsed<ManualLineForm> {
  const categoryId = text(form, "category_id");
  const description = text(form, "description");
  const amountFen = parseYuanToFen(text(form, "amount"));
  const serviceDate = text(form, "service_date");
  const errors: Errors = {};
  if (!categoryId) errors.category_id = "请选择收入类别";
  if (!description) errors.description = "请填写项目说明";
  else if (description.length > 200) errors.description = "项目说明不能超过 200 字";
  if (amountFen === null || amountFen <= 0) errors.amount = "金额应为大于零的元数，最多两位小数";
  if (serviceDate && !isCalendarDate(serviceDate)) errors.service_date = "服务日期无效（YYYY-MM-DD）";
  if (Object.keys(errors).length || amountFen === null) return { ok: false, errors };
  return { ok: true, value: { categoryId, taxCode: text(form, "tax_code"), description, amountFen, taxIncluded: text(form, "tax_included") === "1", serviceDate: serviceDate || null } };
}

export function parseIssueDate(form: FormData): Parsed<string> {
  const issueDate = text(form, "issue_date");
  return isCalendarDate(issueDate) ? { ok: true, value: issueDate } : { ok: false, errors: { issue_date: "请填写开票日期（YYYY-MM-DD）" } };
}

/**
 * A red-letter request: everything left ("full"), or the amounts typed per line (fields
 * credit_<line id>, in yuan); lines left blank are not reversed.
 */
export function parseCredit(form: FormData): Parsed<CreditInput> {
  const reason = text(form, "reason");
  const issueDate = text(form, "issue_date");
  const notes = text(form, "notes");
  const errors: Errors = {};
  if (!reason) errors.reason = "请选择红冲原因";
  if (!isCalendarDate(issueDate)) errors.issue_date = "请填写开票日期（YYYY-MM-DD）";
  if (notes.length > 200) errors.notes = "备注不能超过 200 字";
  if (text(form, "mode") === "full") return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { reason, issueDate, full: true, notes } };
  const lines: { originalLineId: string; amountFen: number }[] = [];
  for (const [name, raw] of form.entries()) {
    if (!name.startsWith("credit_") || typeof raw !== "string" || !raw.trim()) continue;
    const amountFen = parseYuanToFen(raw);
    if (amountFen === null || amountFen <= 0) errors[`line_${name.slice(7)}`] = `冲红金额“${raw.trim()}”应为大于零的元数，最多两位小数`;
    else lines.push({ originalLineId: name.slice(7), amountFen });
  }
  if (!lines.length && !Object.keys(errors).some((k) => k.startsWith("line_"))) errors.form = "请选择全额冲红，或至少填写一行的冲红金额";
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { reason, issueDate, lines, notes } };
}

export function parseTaxInvoice(form: FormData): { number: string; date: string; replace: boolean; reason: string } {
  return { number: text(form, "number"), date: text(form, "date"), replace: text(form, "replace") === "1", reason: text(form, "reason") };
}
