// The answers of the finance download routes: a workbook (streamed, or a finished buffer) with a
// Chinese file name, or a short Chinese page saying why nothing was downloaded. A download is
// reached by a plain link or form post, so a refusal has to read as a page, not as data.
import type { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { Caller } from "~/modules/auth/guard.server";
import { attachmentHeader, XLSX_CONTENT_TYPE } from "~/modules/inventory/excel/cells";
import { formatInstant, todayInShanghai } from "~/utils/time";
import type { AppLoadContext } from "@remix-run/node";
import { requireBillingDesk } from "./guard.server";
import type { exportInvoiceLedger, LedgerExportMeta } from "./ledgers-export.server";
import { periodFromUrl } from "./tax-forms";

export function exportMeta(caller: Caller, now = new Date()): LedgerExportMeta {
  return { centerName: caller.center.name, exportedAt: formatInstant(now.toISOString()), asOf: todayInShanghai(now) };
}

const headers = (fileName: string, asciiName: string) => ({
  "Content-Type": XLSX_CONTENT_TYPE,
  "Content-Disposition": attachmentHeader(fileName, asciiName),
  "Cache-Control": "no-store",
});

/** Sends the exporter's stream as it is written: a ledger is never held in memory whole. */
export function xlsxStream(stream: Readable, fileName: string, asciiName: string): Response {
  return new Response(createReadableStreamFromReadable(stream), { headers: headers(fileName, asciiName) });
}

export function xlsxBuffer(buffer: Buffer, fileName: string, asciiName: string): Response {
  return new Response(new Uint8Array(buffer), { headers: { ...headers(fileName, asciiName), "Content-Length": String(buffer.byteLength) } });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Why the download was refused, with the way back. */
export function downloadRefusal(status: number, message: string, back: { href: string; label: string }): Response {
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>无法导出</title></head>`
    + `<body style="font-family:sans-serif;padding:32px;color:#1f2933"><h1 style="font-size:18px">无法导出</h1>`
    + `<p>${escapeHtml(message)}</p><p><a href="${escapeHtml(back.href)}">${escapeHtml(back.label)}</a></p></body></html>`;
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/** GET of a ledger for ?from=&to= (this month when not given), streamed as it is written. */
export async function ledgerDownload(request: Request, context: AppLoadContext, exporter: typeof exportInvoiceLedger, names: (from: string, to: string) => [fileName: string, asciiName: string]) {
  const caller = await requireBillingDesk(request, context, "read");
  const meta = exportMeta(caller);
  const parsed = periodFromUrl(new URL(request.url), meta.asOf);
  if (!parsed.ok) return downloadRefusal(400, Object.values(parsed.errors).join("；"), { href: "/finance/ledgers", label: "返回台账导出" });
  const { from, to } = parsed.period;
  return xlsxStream(exporter(context.db, caller.scope, parsed.period, meta), ...names(from, to));
}
