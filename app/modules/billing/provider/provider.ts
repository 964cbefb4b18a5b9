// An e-invoice service provider (a licensed intermediary that issues 数电发票 on the tax bureau's
// platform through an API) as the billing module sees it. Optional: without one, finance exports
// the bulk-issue workbook and imports the result file instead. Every request names the bill by its
// number (the 发票流水号), which is also the idempotency key: asking twice for the same serial must
// never give two invoices. Amounts are integer fen here; an implementation converts at its edge.
import type { InvoiceKind } from "~db/schema";

export type CreditReason = "开票有误" | "销货退回" | "服务中止" | "销售折让";

export interface EInvoiceBuyer {
  name: string;
  taxId: string;
  /** Address and phone, as copied onto the bill on issue. */
  addressPhone: string;
  /** Bank and account, as copied onto the bill on issue. */
  bankAccount: string;
  naturalPerson: boolean;
}

export interface EInvoiceLine {
  /** *简称*品名, e.g. *广告服务*广告发布费. */
  itemName: string;
  /** 19-digit 商品和服务税收分类编码. */
  taxCode: string;
  quantity: number;
  /** With VAT when the request's taxIncluded says so (negative on a red-letter request). */
  amountFen: number;
  rateBp: number;
  taxFen: number;
}

export interface IssueRequest {
  /** Our bill number (ZD2026-000123): the 发票流水号 and the idempotency key. */
  serial: string;
  invoiceKind: InvoiceKind;
  taxIncluded: boolean;
  buyer: EInvoiceBuyer;
  lines: EInvoiceLine[];
  netFen: number;
  taxFen: number;
  totalFen: number;
  remark: string;
}

export interface RedLetterRequest {
  /** The credit bill's own number. */
  serial: string;
  /** The 数电发票号码 of the invoice being reversed, and its date. */
  originalInvoiceNumber: string;
  originalInvoiceDate: string;
  reason: CreditReason;
  /** Negative amounts, as on the credit bill. */
  lines: EInvoiceLine[];
  netFen: number;
  taxFen: number;
  totalFen: number;
}

export interface IssuedInvoice {
  serial: string;
  /** The 20-digit 数电发票号码. */
  invoiceNumber: string;
  /** 'YYYY-MM-DD'. */
  issuedOn: string;
}

/**
 * Why a request did not succeed:
 * - rejected: the provider refused the request as it stands (4xx); sending it again is useless;
 * - unavailable: server errors or the network, still failing after the bounded retries;
 * - timeout: no answer in time, still after the retries; whether anything was issued is unknown,
 *   so ask with query() before issuing again (the idempotency key also guards that case);
 * - malformed: the provider answered, but not with what its contract promises.
 */
export type ProviderFailure = "rejected" | "unavailable" | "timeout" | "malformed";

export type ProviderResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; failure: ProviderFailure; message: string; status: number | null; attempts: number };

export interface EInvoiceProvider {
  /** Issues a blue invoice, or answers the invoice already issued under the same serial. */
  issue(request: IssueRequest): Promise<ProviderResult<IssuedInvoice>>;
  /** Raises a red-letter invoice reversing (part of) an issued one. */
  redLetter(request: RedLetterRequest): Promise<ProviderResult<IssuedInvoice>>;
  /** What the provider holds for a serial; null when it has issued nothing under it. */
  query(serial: string): Promise<ProviderResult<IssuedInvoice | null>>;
}

/** The Chinese message a screen shows for a failed request. */
export function failureMessage(result: Extract<ProviderResult<unknown>, { ok: false }>): string {
  switch (result.failure) {
    case "rejected":
      return `电子发票服务商拒绝了该请求：${result.message}`;
    case "unavailable":
      return `电子发票服务商暂时无法访问（已尝试 ${result.attempts} 次），请稍后重试`;
    case "timeout":
      return `电子发票服务商未在规定时间内答复（已尝试 ${result.attempts} 次）；发票可能已开具，请先查询再决定是否重开`;
    case "malformed":
      return `电子发票服务商的答复无法识别：${result.message}`;
  }
}
