// Between preview and commit the uploaded file waits under IMPORT_DIR/<center id>/<token>: the
// commit form carries only the token, so the user does not pick the file twice and the commit
// applies exactly the bytes that were previewed. Only files that passed validation are kept;
// the file is deleted after its commit, and leftovers older than a day on the next upload.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Scope } from "~/modules/auth/scope";

const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^[0-9a-f]{48}$/;

export function importDir(): string {
  return path.resolve(process.env.IMPORT_DIR || "data/imports");
}

interface UploadMeta {
  userId: string | null;
  fileName: string;
  uploadedAt: string;
}

/** SECURITY: the path is built from the caller's own center and a token of hex digits only. */
function pathsFor(scope: Scope, token: string) {
  const dir = path.join(importDir(), scope.centerId);
  return { dir, data: path.join(dir, `${token}.upload`), meta: path.join(dir, `${token}.json`) };
}

export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

export async function saveUpload(scope: Scope, bytes: Uint8Array, fileName: string): Promise<string> {
  const token = randomBytes(24).toString("hex");
  const paths = pathsFor(scope, token);
  await fs.mkdir(paths.dir, { recursive: true });
  await sweep(paths.dir);
  await fs.writeFile(paths.data, bytes, { flag: "wx" });
  const meta: UploadMeta = { userId: scope.userId, fileName, uploadedAt: new Date().toISOString() };
  await fs.writeFile(paths.meta, JSON.stringify(meta), { flag: "wx" });
  return token;
}

/** The stored upload, or null when it is missing, expired, or was uploaded by someone else. */
export async function loadUpload(scope: Scope, token: string): Promise<{ bytes: Uint8Array; fileName: string } | null> {
  if (!isToken(token)) return null;
  const paths = pathsFor(scope, token);
  try {
    const meta = JSON.parse(await fs.readFile(paths.meta, "utf8")) as UploadMeta;
    if (meta.userId !== scope.userId) return null;
    if (Date.now() - Date.parse(meta.uploadedAt) > MAX_AGE_MS) return null;
    return { bytes: new Uint8Array(await fs.readFile(paths.data)), fileName: meta.fileName };
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return null;
    throw error;
  }
}

export async function discardUpload(scope: Scope, token: string): Promise<void> {
  if (!isToken(token)) return;
  const paths = pathsFor(scope, token);
  await fs.rm(paths.data, { force: true });
  await fs.rm(paths.meta, { force: true });
}

/** Previews that were never committed must not pile up. */
async function sweep(dir: string): Promise<void> {
  const now = Date.now();
  for (const name of await fs.readdir(dir)) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > MAX_AGE_MS) await fs.rm(file, { force: true });
  }
}
