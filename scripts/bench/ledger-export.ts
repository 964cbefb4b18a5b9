// ledger-export: the 开票台账 .xlsx over every issued bill of a center (county-l: 100,000 bills and
// their credits), written by exportInvoiceLedger (keyset pages from the database, each invoice's
// collection status from its allocations and credits, money-sheet formatting, a totals row) into a
// sink that takes bytes as fast as they come. Baseline: a bare exceljs streaming writer writing the
// same rows (the cell values, read once beforehand outside the timing, with the same column number
// formats) and nothing else: no database, no title rows, no totals. unstyled_baseline_ms is the same
// writer without the column formats, for reference. The targets: median at most 1.3 × the
// baseline, peak RSS at most 300 MB.
// Peak RSS is sampled every 20 ms during each export; the export runs all come first, before the
// baseline's rows are loaded, so the rows held for the baseline do not count against the export.
// rss_before_mb is where the process stood before the first export (after the dataset was made, which
// can leave a few hundred MB behind); peak_rss_growth_mb is what the exports added to it.
import { PassThrough, type Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import ExcelJS from "exceljs";
import type { AppDb } from "../../db/connection";
import type { Scope } from "../../app/modules/auth/scope";
import { exportInvoiceLedger, INVOICE_LEDGER_COLUMNS, invoiceLedgerPages, invoiceLedgerRow, type LedgerPeriod } from "../../app/modules/billing/ledgers-export.server";
import { type BenchResult, type DbLabel, median, round, summarise } from "./stats";

export interface LedgerExportOptions {
  centerId: string;
  label?: DbLabel;
  /** Export runs and baseline runs each (default 5). */
  runs?: number;
  /** Default: from the first to the last issue date of the center's bills. */
  period?: LedgerPeriod;
  log?: (line: string) => void;
}

const TARGET_RATIO = 1.3;
const TARGET_PEAK_RSS_MB = 300;

/** Drains a stream as fast as it gives, counting bytes. */
async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  await pipeline(stream, new Writable({ write: (chunk: Buffer, _encoding, done) => ((bytes += chunk.length), done()) }));
  return bytes;
}

/** Runs `work` while sampling RSS; returns its time and the highest RSS seen. */
async function measured<T>(work: () => Promise<T>): Promise<{ ms: number; peakMb: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const value = await work();
    return { ms: performance.now() - started, peakMb: round(Math.max(peak, process.memoryUsage().rss) / (1024 * 1024), 1), value };
  } finally {
    clearInterval(sampler);
  }
}

/** The baseline: the same cell values through a plain streaming writer (with or without the column formats). */
function bareWorkbook(rows: ExcelJS.CellValue[][], formats: boolean): Readable {
  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const sheet = workbook.addWorksheet("开票台账");
    if (formats) sheet.columns = INVOICE_LEDGER_COLUMNS.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    sheet.addRow(INVOICE_LEDGER_COLUMNS.map((c) => c.header)).commit();
    for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))));
  return pass;
}

async function financeScope(db: AppDb, centerId: string): Promise<Scope> {
  const user = await db.selectFrom("users").select(["id", "role"]).where("center_id", "=", centerId).where("role", "in", ["finance", "admin"]).orderBy("role", "desc").executeTakeFirstOrThrow();
  return { centerId, userId: user.id, role: user.role };
}

async function issuedSpan(db: AppDb, centerId: string): Promise<LedgerPeriod> {
  const span = await db
    .selectFrom("bills")
    .select((eb) => [eb.fn.min("issue_date").as("first"), eb.fn.max("issue_date").as("last")])
    .where("center_id", "=", centerId)
    .where("status", "=", "issued")
    .executeTakeFirstOrThrow();
  if (!span.first || !span.last) throw new Error("该中心没有已开具的账单，无法测量开票台账导出");
  return { from: String(span.first), to: String(span.last) };
}

export async function benchLedgerExport(db: AppDb, opts: LedgerExportOptions): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const runs = opts.runs ?? 5;
  const scope = await financeScope(db, opts.centerId);
  const period = opts.period ?? (await issuedSpan(db, opts.centerId));
  const asOf = period.to;
  const meta = { centerName: "基准中心", exportedAt: `${asOf} 09:00`, asOf };
  const rssBefore = round(process.memoryUsage().rss / (1024 * 1024), 1);

  // One export to warm caches and the JIT, not counted.
  const warm = await drain(exportInvoiceLedger(db, scope, period, meta));
  log(`ledger-export：${period.from} 至 ${period.to}，文件 ${round(warm / 1024 / 1024, 2)} MB`);
  const samples: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await measured(() => drain(exportInvoiceLedger(db, scope, period, meta)));
    samples.push(run.ms);
    peaks.push(run.peakMb);
    log(`  导出第 ${i + 1} 次：${Math.round(run.ms)} ms，峰值 RSS ${run.peakMb} MB`);
  }

  const rows: ExcelJS.CellValue[][] = [];
  for await (const page of invoiceLedgerPages(db, scope, period, asOf)) for (const bill of page) rows.push(invoiceLedgerRow(bill));
  await drain(bareWorkbook(rows, true));
  const base: number[] = [];
  const unstyled: number[] = [];
  for (let i = 0; i < runs; i++) {
    base.push((await measured(() => drain(bareWorkbook(rows, true)))).ms);
    unstyled.push((await measured(() => drain(bareWorkbook(rows, false)))).ms);
    log(`  基线第 ${i + 1} 次：${Math.round(base[i])} ms（无格式 ${Math.round(unstyled[i])} ms）`);
  }

  return summarise("ledger-export", opts.label ?? "sqlite", samples, base, {
    rows: rows.length,
    baseline_ms: round(median(base), 1),
    unstyled_baseline_ms: round(median(unstyled), 1),
    peak_rss_mb: Math.max(...peaks),
    rss_before_mb: rssBefore,
    peak_rss_growth_mb: round(Math.max(...peaks) - rssBefore, 1),
    file_mb: round(warm / 1024 / 1024, 2),
    target_ratio: TARGET_RATIO,
    target_peak_rss_mb: TARGET_PEAK_RSS_MB,
  });
}
