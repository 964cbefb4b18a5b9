// Site photos and permit scans: read from a multipart form in memory, checked by their bytes,
// written under UPLOAD_DIR/<center_id>/<id>.<ext>, and recorded in site_files with an audit
// entry in one transaction. The file on disk is removed again if the database refuses the row.
import fs from "node:fs/promises";
import path from "node:path";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import type { AppDb } from "~db/connection";
import { type Executor, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { SiteFilesTable } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { nowIso } from "~/utils/time";

export type FilePurpose = SiteFilesTable["purpose"] | "contract_scan" | "tax_result";
type Kind = "jpeg" | "png" | "webp" | "pdf" | "xlsx";

const MB = 1024 * 1024;

const KINDS: Record<Kind, { ext: string; contentType: string }> = {
  jpeg: { ext: "jpg", contentType: "image/jpeg" },
  png: { ext: "png", contentType: "image/png" },
  webp: { ext: "webp", contentType: "image/webp" },
  pdf: { ext: "pdf", contentType: "application/pdf" },
  xlsx: { ext: "xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
};

export const UPLOAD_RULES: Record<FilePurpose, { maxBytes: number; kinds: Kind[]; tooLarge: string; badType: string; accept: string }> = {
  photo: {
    maxBytes: 5 * MB,
    kinds: ["jpeg", "png", "webp"],
    tooLarge: "文件过大（照片不超过 5 MB）",
    badType: "只接受 JPG、PNG 或 WebP 图片",
    accept: "image/jpeg,image/png,image/webp",
  },
  permit_scan: {
    maxBytes: 10 * MB,
    kinds: ["pdf", "jpeg", "png"],
    tooLarge: "文件过大（许可证扫描件不超过 10 MB）",
    badType: "扫描件只接受 PDF、JPG 或 PNG 文件",
    accept: "application/pdf,image/jpeg,image/png",
  },
  contract_scan: {
    maxBytes: 20 * MB,
    kinds: ["pdf", "jpeg", "png"],
    tooLarge: "文件过大（合同扫描件不超过 20 MB）",
    badType: "合同扫描件只接受 PDF、JPG 或 PNG 文件",
    accept: "application/pdf,image/jpeg,image/png",
  },
  // The tax bureau's 批量开具 result file, read (not stored) to record 数电发票号码.
  tax_result: {
    maxBytes: 10 * MB,
    kinds: ["xlsx"],
    tooLarge: "文件过大（开票结果文件不超过 10 MB）",
    badType: "只接受电子税务局导出的 Excel（.xlsx）文件",
    accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
};

/**
 * SECURITY: the type comes from the file's first bytes, never from its name or the browser's
 * claim, so a script renamed .png is refused and nothing else is ever served as an image.
 */
export function sniffKind(bytes: Uint8Array): Kind | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return "jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "webp"; // RIFF....WEBP
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (starts([0x50, 0x4b, 0x03, 0x04])) return "xlsx"; // a zip; whether it is a workbook is for its reader to find
  return null;
}

export function uploadDir(): string {
  return path.resolve(process.env.UPLOAD_DIR || "data/uploads");
}

export type UploadForm = { ok: true; form: FormData } | { ok: false; status: 400 | 413; message: string };

/**
 * Reads a form that may carry a file. Plain (urlencoded) posts are read as usual; multipart
 * posts keep each part in memory up to the purpose's limit and stop reading past it.
 */
export async function readUploadForm(request: Request, purpose: FilePurpose): Promise<UploadForm> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { ok: true, form: await request.formData() };
  const rule = UPLOAD_RULES[purpose];
  // A declared body far past the limit is refused before a byte of it is buffered.
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > rule.maxBytes + 64 * 1024) return { ok: false, status: 413, message: rule.tooLarge };
  try {
    const handler = unstable_createMemoryUploadHandler({ maxPartSize: rule.maxBytes });
    return { ok: true, form: await unstable_parseMultipartFormData(request, handler) };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, status: 413, message: rule.tooLarge };
    if (error instanceof TypeError) return { ok: false, status: 400, message: "上传内容无法读取，请重新选择文件后提交" };
    throw error;
  }
}

/** The chosen file of a form field, or null when the field was left empty. */
export function chosenFile(form: FormData, name: string): File | null {
  const value = form.get(name);
  if (!value || typeof value === "string") return null;
  return value.size === 0 && value.name === "" ? null : value;
}

export interface CheckedFile {
  bytes: Uint8Array;
  kind: Kind;
  originalName: string;
}

export type FileCheck = { ok: true; file: CheckedFile } | { ok: false; status: 400 | 413; message: string };

/** Size and type checks, before anything is written. */
export async function checkFile(file: File, purpose: FilePurpose): Promise<FileCheck> {
  const rule = UPLOAD_RULES[purpose];
  if (file.size > rule.maxBytes) return { ok: false, status: 413, message: rule.tooLarge };
  if (file.size === 0) return { ok: false, status: 400, message: "文件是空的，请重新选择" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = sniffKind(bytes);
  if (!kind || !rule.kinds.includes(kind)) return { ok: false, status: 400, message: rule.badType };
  return { ok: true, file: { bytes, kind, originalName: cleanName(file.name, KINDS[kind].ext) } };
}

/** Control characters and path parts out; a name is shown and sent back in a header. */
function cleanName(name: string, ext: string): string {
  const base = (name.split(/[/\\]/).pop() ?? "").replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return (base || `file.${ext}`).slice(-200);
}

/** Puts the checked bytes on disk under a new id; the caller records the row and removes the file if that fails. */
export async function writeUpload(scope: Scope, file: CheckedFile) {
  const id = newId();
  const { ext, contentType } = KINDS[file.kind];
  const storageKey = `${scope.centerId}/${id}.${ext}`;
  const fullPath = path.join(uploadDir(), storageKey);
  await fs.mkdir(path.dirname(fullPath), { recursive: true });
  await fs.writeFile(fullPath, file.bytes, { flag: "wx" });
  return { id, storageKey, contentType, fullPath };
}

export type StoreResult = { ok: true; id: string } | { ok: false; status: 404; message: string };

/**
 * Writes the file, then its row and audit entry in one transaction. `ownerId` is the site for a
 * photo and the permit for a scan; both must belong to the caller's center and to `siteId`.
 */
export async function storeSiteFile(
  db: AppDb,
  scope: Scope,
  target: { siteId: string; purpose: SiteFilesTable["purpose"]; ownerId: string },
  file: CheckedFile,
): Promise<StoreResult> {
  const { id, storageKey, contentType, fullPath } = await writeUpload(scope, file);
  try {
    const result = await writeTransaction(db, async (trx) => {
      if (!(await ownerExists(trx, scope, target))) return { ok: false, status: 404, message: "点位或许可证不存在" } as const;
      const row = {
        id,
        center_id: scope.centerId,
        site_id: target.siteId,
        purpose: target.purpose,
        owner_id: target.ownerId,
        storage_key: storageKey,
        content_type: contentType,
        size_bytes: file.bytes.byteLength,
        original_name: file.originalName,
        created_at: nowIso(),
      };
      await trx.insertInto("site_files").values(row).execute();
      const photo = target.purpose === "photo";
      await recordAudit(trx, scope, {
        entity: photo ? "site" : "permit",
        entityId: target.ownerId,
        action: photo ? "add_photo" : "attach_scan",
        after: { original_name: row.original_name, content_type: contentType, size_bytes: row.size_bytes },
      });
      return { ok: true, id } as const;
    });
    if (!result.ok) await removeQuietly(fullPath);
    return result;
  } catch (error) {
    await removeQuietly(fullPath);
    throw error;
  }
}

async function ownerExists(trx: Executor, scope: Scope, target: { siteId: string; purpose: SiteFilesTable["purpose"]; ownerId: string }): Promise<boolean> {
  if (target.purpose === "photo") {
    if (target.ownerId !== target.siteId) return false;
    const site = await trx.selectFrom("sites").select("id").where("center_id", "=", scope.centerId).where("id", "=", target.siteId).executeTakeFirst();
    return Boolean(site);
  }
  const permit = await trx
    .selectFrom("permits")
    .select("id")
    .where("center_id", "=", scope.centerId)
    .where("site_id", "=", target.siteId)
    .where("id", "=", target.ownerId)
    .executeTakeFirst();
  return Boolean(permit);
}

export async function removeQuietly(file: string) {
  await fs.rm(file, { force: true });
}

/** A stored file of the caller's center with its bytes, or null (missing or another center's). */
export async function readSiteFile(db: Executor, scope: Scope, id: string) {
  const row = await db.selectFrom("site_files").selectAll().where("center_id", "=", scope.centerId).where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const body = await readStored(row.storage_key);
  return body ? { row, body } : null;
}

/** The bytes of a stored upload, or null when the file is gone. */
export async function readStored(storageKey: string) {
  try {
    return await fs.readFile(path.join(uploadDir(), storageKey));
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return null;
    throw error;
  }
}

/** RFC 5987 filename* value: UTF-8, percent-encoded, including the characters it reserves. */
export function contentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename*=UTF-8''${encoded}`;
}

/** The response that serves a stored upload inline, with its checked type. */
export function fileResponse(row: { content_type: string; original_name: string }, body: NonNullable<Awaited<ReturnType<typeof readStored>>>): Response {
  return new Response(body, {
    headers: {
      "Content-Type": row.content_type,
      "Content-Length": String(body.byteLength),
      "Content-Disposition": contentDisposition(row.original_name),
      // SECURITY: the browser must not second-guess the checked type, and shared caches keep nothing.
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=3600",
    },
  });
}
