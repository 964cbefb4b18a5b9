// The inventory import as the route sees it: preview an upload (parse, validate every row, plan,
// keep the file under a token) and commit a previewed upload (all or nothing, in one write
// transaction, with one audit entry summarising the import besides the per-row entries).
import type { AppDb } from "~db/connection";
import { isUniqueViolation, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import { t } from "~/i18n";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { applyPlan, type CommitMode, ImportAborted } from "./commit.server";
import { enumLabel } from "./columns";
import { loadLookups } from "./lookups.server";
import { type FileFormat, parseUpload } from "./parse";
import { type Plan, planImport, type Tally } from "./plan";
import { discardUpload, loadUpload, saveUpload } from "./upload-store.server";
import { type ImportRow, type Problem, validateRows } from "./validate";

/** From this many rows the commit uses batched inserts (see commit.server.ts). */
export const BATCH_FROM = 500;

export interface ImportCounts {
  rows: number;
  sites: Tally;
  units: Tally;
}

export interface Refusal {
  ok: false;
  status: 400 | 404 | 409 | 413;
  message: string;
  /** Every problem found, in sheet order (row, then column). */
  problems: Problem[];
}

export interface PreviewUnit {
  row: number;
  code: string;
  name: string;
  medium: string;
  siteCode: string;
  action: "create" | "update";
  changed: string[];
}

export interface PreviewSite {
  row: number;
  code: string;
  name: string;
  action: "create" | "update";
  changed: string[];
}

export type PreviewOutcome = { ok: true; token: string; fileName: string; format: FileFormat; counts: ImportCounts; units: PreviewUnit[]; sites: PreviewSite[] } | Refusal;

export type CommitOutcome = { ok: true; fileName: string; counts: ImportCounts } | Refusal;

export interface ImportTimings {
  parseMs: number;
  validateMs: number;
  commitMs: number;
}

function refusal(status: Refusal["status"], message: string, problems: Problem[] = []): Refusal {
  return { ok: false, status, message, problems };
}

function rowsRefusal(problems: Problem[]): Refusal {
  const rows = new Set(problems.map((p) => p.row)).size;
  return refusal(400, t("excel.error.rowsInvalid", { rows, problems: problems.length }), problems);
}

type Checked = { ok: true; format: FileFormat; rows: ImportRow[] } | Refusal;

/** Parse and the checks that need no database. */
async function check(bytes: Uint8Array, timings?: ImportTimings): Promise<Checked> {
  let started = performance.now();
  const parsed = await parseUpload(bytes);
  if (timings) timings.parseMs = performance.now() - started;
  if (!parsed.ok) return refusal(parsed.refusal.status, parsed.refusal.message);
  started = performance.now();
  const { rows, problems } = validateRows(parsed.sheet.rows);
  if (timings) timings.validateMs = performance.now() - started;
  if (problems.length) return rowsRefusal(problems);
  return { ok: true, format: parsed.sheet.format, rows };
}

function previewOf(plan: Plan): { units: PreviewUnit[]; sites: PreviewSite[] } {
  return {
    sites: plan.sites.map((s) => ({ row: s.row, code: s.code, name: s.values.name, action: s.existing ? "update" : "create", changed: s.changed })),
    units: plan.units.map((u) => ({
      row: u.row,
      code: u.values.code,
      name: u.values.name,
      medium: enumLabel("medium", u.values.medium),
      siteCode: u.siteCode ?? "",
      action: u.existing ? "update" : "create",
      changed: u.changed,
    })),
  };
}

export async function previewImport(db: AppDb, scope: Scope, upload: { bytes: Uint8Array; fileName: string }): Promise<PreviewOutcome> {
  const checked = await check(upload.bytes);
  if (!checked.ok) return checked;
  const plan = planImport(checked.rows, await loadLookups(db, scope, { lock: false }));
  if (plan.problems.length) return rowsRefusal(plan.problems);
  const token = await saveUpload(scope, upload.bytes, upload.fileName);
  return { ok: true, token, fileName: upload.fileName, format: checked.format, counts: plan.counts, ...previewOf(plan) };
}

/**
 * Everything or nothing: the plan is made again inside the transaction from locked rows (the
 * data may have changed since the preview), then applied, then summarised in the audit log.
 */
export async function importBytes(
  db: AppDb,
  scope: Scope,
  upload: { bytes: Uint8Array; fileName: string },
  options: { mode?: CommitMode; timings?: ImportTimings } = {},
): Promise<CommitOutcome> {
  const checked = await check(upload.bytes, options.timings);
  if (!checked.ok) return checked;
  const started = performance.now();
  try {
    const counts = await writeTransaction(db, async (trx) => {
      const lookups = await loadLookups(trx, scope, { lock: true });
      const plan = planImport(checked.rows, lookups);
      if (plan.problems.length) throw new ImportAborted(plan.problems);
      const mode = options.mode ?? (checked.rows.length >= BATCH_FROM ? "batched" : "rows");
      await applyPlan(trx, scope, plan, lookups, mode);
      const { rows, units, sites } = plan.counts;
      // Flat numbers: the audit screen shows one value per field.
      await recordAudit(trx, scope, {
        entity: "import",
        entityId: newId(),
        action: "import",
        after: {
          file_name: upload.fileName,
          format: checked.format,
          rows,
          units_created: units.created,
          units_updated: units.updated,
          units_unchanged: units.unchanged,
          sites_created: sites.created,
          sites_updated: sites.updated,
          sites_unchanged: sites.unchanged,
        },
      });
      return plan.counts;
    });
    if (options.timings) options.timings.commitMs = performance.now() - started;
    return { ok: true, fileName: upload.fileName, counts };
  } catch (error) {
    if (error instanceof ImportAborted) return rowsRefusal(error.problems);
    // Someone else created one of these codes between our read and our insert.
    if (isUniqueViolation(error)) return refusal(409, t("excel.error.concurrent"));
    throw error;
  }
}

export async function commitImport(db: AppDb, scope: Scope, token: string, options: { mode?: CommitMode } = {}): Promise<CommitOutcome> {
  const upload = await loadUpload(scope, token);
  if (!upload) return refusal(404, t("excel.error.uploadGone"));
  const outcome = await importBytes(db, scope, upload, options);
  if (outcome.ok) await discardUpload(scope, token);
  return outcome;
}
