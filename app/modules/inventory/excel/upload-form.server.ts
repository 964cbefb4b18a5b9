// Reading the import's multipart upload: in memory, at most 10 MB, refused before buffering when
// the declared size is already too large.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { t } from "~/i18n";
import { MAX_UPLOAD_BYTES } from "./columns";

export type ImportUpload = { ok: true; bytes: Uint8Array; fileName: string } | { ok: false; status: 400 | 413; message: string };

export function isMultipart(request: Request): boolean {
  return (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
}

/** A file name is shown on the page and written to the audit log: no paths, no control characters. */
function cleanName(name: string): string {
  return (name.split(/[/\\]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(-200);
}

export async function readImportUpload(request: Request, field = "file"): Promise<ImportUpload> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  // The multipart envelope adds a little; anything far past the limit is refused unread.
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) return { ok: false, status: 413, message: t("excel.error.tooLarge") };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, status: 413, message: t("excel.error.tooLarge") };
    if (error instanceof TypeError) return { ok: false, status: 400, message: t("excel.import.badForm") };
    throw error;
  }
  const file = form.get(field);
  if (!file || typeof file === "string" || (file.size === 0 && file.name === "")) return { ok: false, status: 400, message: t("excel.import.chooseFile") };
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()), fileName: cleanName(file.name) || "upload" };
}
