// Site photos and permit scans: checked by their bytes, stored on disk and in site_files in one
// go, refused whole (no row, no file) when too large or of the wrong type, and served back only
// to users of the same center.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as fileRoute from "../../app/routes/files.$id";
import * as sitePermits from "../../app/routes/inventory.sites.$id.permits";
import * as sitePhotos from "../../app/routes/inventory.sites.$id.photos";
import { storeSiteFile } from "../../app/modules/inventory/files.server";
import { createSite } from "../../app/modules/inventory/sites.server";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call, contextFor } from "../support/routes";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

type Outcome = { status: number; body: unknown; headers: Headers; response: Response | null };

/** Posts a multipart form (what a browser sends with a file input) straight to an action. */
async function postMultipart(
  fn: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>,
  db: Parameters<typeof contextFor>[0],
  opts: { cookie: string; params: Record<string, string>; fields?: Record<string, string>; file?: { field: string; name: string; bytes: Buffer; type: string } },
): Promise<Outcome> {
  const form = new FormData();
  for (const [k, v] of Object.entries(opts.fields ?? {})) form.append(k, v);
  if (opts.file) form.append(opts.file.field, new File([new Uint8Array(opts.file.bytes)], opts.file.name, { type: opts.file.type }));
  const request = new Request("http://localhost/upload", { method: "POST", body: form, headers: { Cookie: opts.cookie } });
  let value: unknown;
  try {
    value = await fn({ request, params: opts.params, context: contextFor(db) });
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, body: null, headers: value.headers, response: value };
  const v = value as { type?: string; data?: unknown; init?: { status?: number } };
  if (v?.type === "DataWithResponseInit") return { status: v.init?.status ?? 200, body: v.data, headers: new Headers(), response: null };
  if (value instanceof Error) throw value;
  return { status: 200, body: value, headers: new Headers(), response: null };
}

let uploadRoot: string;
const previousDir = process.env.UPLOAD_DIR;
beforeAll(() => {
  uploadRoot = fs.mkdtempSync(path.join(os.tmpdir(), "rm-uploads-"));
  process.env.UPLOAD_DIR = uploadRoot;
});
afterAll(() => {
  process.env.UPLOAD_DIR = previousDir;
  fs.rmSync(uploadRoot, { recursive: true, force: true });
});

describeEachDb("site uploads", ({ db }) => {
  let center: TestCenter;
  let admin: string;
  let siteId: string;

  const filesOnDisk = () => {
    const dir = path.join(uploadRoot, center.id);
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };
  const rows = (purpose?: "photo" | "permit_scan") => {
    let q = db().selectFrom("site_files").selectAll().where("center_id", "=", center.id);
    if (purpose) q = q.where("purpose", "=", purpose);
    return q.execute();
  };
  const uploadPhoto = (name: string, bytes: Buffer, type: string) =>
    postMultipart(sitePhotos.action, db(), { cookie: admin, params: { id: siteId }, file: { field: "photo", name, bytes, type } });

  beforeAll(async () => {
    center = await makeCenter(db());
    admin = await cookieFor(db(), center.users.admin);
    const site = await createSite(db(), center.users.admin.scope, {
      code: "UP-1", name: "上传测试点位", facility_type: "lightbox", address: "", district: "城关镇",
      latitude: null, longitude: null, width_m: 300, height_m: 200, illuminated: 1, traffic_notes: "",
    });
    if (!site.ok) throw new Error("site not created");
    siteId = site.id;
  });

  it("refuses a text file renamed .png with 400 and stores nothing", async () => {
    const result = await uploadPhoto("广告.png", Buffer.from("<script>alert(1)</script>"), "image/png");
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ message: "只接受 JPG、PNG 或 WebP 图片" });
    expect(await rows()).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it("refuses a photo over 5 MB with 413 and stores nothing", async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const result = await uploadPhoto("大图.png", big, "image/png");
    expect(result.status).toBe(413);
    expect(result.body).toEqual({ message: "文件过大（照片不超过 5 MB）" });
    expect(await rows()).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it("refuses a PDF as a photo (the scan types are not photo types)", async () => {
    const result = await uploadPhoto("现场.jpg", PDF, "image/jpeg");
    expect(result.status).toBe(400);
    expect(await rows()).toEqual([]);
  });

  it("stores a real PNG and JPEG, audits them, and serves them back with the checked type", async () => {
    // The browser's claim (octet-stream) and the name (.bin) are ignored: the bytes decide.
    expect((await uploadPhoto("东侧 全景(1).bin", PNG, "application/octet-stream")).status).toBe(302);
    expect((await uploadPhoto("夜景.jpeg", JPEG, "image/jpeg")).status).toBe(302);
    const stored = await rows("photo");
    expect(stored.map((r) => [r.content_type, r.size_bytes, r.owner_id, r.site_id])).toEqual([
      ["image/png", PNG.length, siteId, siteId],
      ["image/jpeg", JPEG.length, siteId, siteId],
    ]);
    expect(stored[0].storage_key).toBe(`${center.id}/${stored[0].id}.png`);
    expect(filesOnDisk().sort()).toEqual([`${stored[0].id}.png`, `${stored[1].id}.jpg`].sort());
    const audit = await db().selectFrom("audit_log").select("action").where("entity", "=", "site").where("entity_id", "=", siteId).where("action", "=", "add_photo").execute();
    expect(audit).toHaveLength(2);

    const sales = await cookieFor(db(), center.users.sales);
    const served = await call(fileRoute.loader, db(), { url: `/files/${stored[0].id}`, cookie: sales, params: { id: stored[0].id } });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(served.headers.get("Cache-Control")).toContain("private");
    expect(served.headers.get("Content-Disposition")).toBe(`inline; filename*=UTF-8''${encodeURIComponent("东侧 全景")}%281%29.bin`);
    const response = (await fileRoute.loader({
      request: new Request(`http://localhost/files/${stored[1].id}`, { headers: { Cookie: sales } }),
      params: { id: stored[1].id },
      context: contextFor(db()),
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("image/jpeg");
    expect(Buffer.from(await response.arrayBuffer()).equals(JPEG)).toBe(true);
  });

  it("answers 404 for another center's file, and to a missing one", async () => {
    const [photo] = await rows("photo");
    const other = await makeCenter(db());
    const foreign = await cookieFor(db(), other.users.admin);
    expect((await call(fileRoute.loader, db(), { url: "/", cookie: foreign, params: { id: photo.id } })).status).toBe(404);
    expect((await call(fileRoute.loader, db(), { url: "/", cookie: foreign, params: { id: "NOPE" } })).status).toBe(404);
    const intoForeignSite = await postMultipart(sitePhotos.action, db(), { cookie: foreign, params: { id: siteId }, file: { field: "photo", name: "x.png", bytes: PNG, type: "image/png" } });
    expect(intoForeignSite.status).toBe(404);
    const anonymous = await call(fileRoute.loader, db(), { url: `/files/${photo.id}`, params: { id: photo.id } });
    expect(anonymous.status).toBe(302);
  });

  it("adds a permit with its scan in one submit, and refuses the permit when the scan is wrong", async () => {
    const permitFields = { intent: "add", number: "XK-SCAN-1", authority: "县城市管理局", start_date: "2026-01-01", end_date: "2027-12-31" };
    const refused = await postMultipart(sitePermits.action, db(), {
      cookie: admin,
      params: { id: siteId },
      fields: { ...permitFields, number: "XK-BAD" },
      file: { field: "scan", name: "许可证.pdf", bytes: Buffer.from("MZ not a pdf"), type: "application/pdf" },
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { errors: Record<string, string> }).errors.scan).toBe("扫描件只接受 PDF、JPG 或 PNG 文件");
    expect(await db().selectFrom("permits").select("id").where("number", "=", "XK-BAD").execute()).toEqual([]);

    const ok = await postMultipart(sitePermits.action, db(), {
      cookie: admin,
      params: { id: siteId },
      fields: permitFields,
      file: { field: "scan", name: "许可证.pdf", bytes: PDF, type: "application/pdf" },
    });
    expect(ok.status).toBe(302);
    const permit = await db().selectFrom("permits").selectAll().where("center_id", "=", center.id).where("number", "=", "XK-SCAN-1").executeTakeFirstOrThrow();
    const [scan] = await rows("permit_scan");
    expect(scan).toMatchObject({ owner_id: permit.id, site_id: siteId, content_type: "application/pdf", original_name: "许可证.pdf" });
    const audit = await db().selectFrom("audit_log").select("action").where("entity", "=", "permit").where("entity_id", "=", permit.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["attach_scan", "create"]);

    // Without a file the same form still adds a permit (the scan is optional).
    const plain = await postMultipart(sitePermits.action, db(), { cookie: admin, params: { id: siteId }, fields: { ...permitFields, number: "XK-NOSCAN" } });
    expect(plain.status).toBe(302);
    expect(await rows("permit_scan")).toHaveLength(1);
  });

  it("refuses a scan over 10 MB with 413, and removes the file when its row cannot be written", async () => {
    const before = filesOnDisk().length;
    const big = await postMultipart(sitePermits.action, db(), {
      cookie: admin,
      params: { id: siteId },
      fields: { intent: "add", number: "XK-BIG", authority: "县城管局", start_date: "2026-01-01", end_date: "2026-12-31" },
      file: { field: "scan", name: "big.pdf", bytes: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), type: "application/pdf" },
    });
    expect(big.status).toBe(413);
    expect((big.body as { message: string }).message).toBe("文件过大（许可证扫描件不超过 10 MB）");
    expect(await db().selectFrom("permits").select("id").where("number", "=", "XK-BIG").execute()).toEqual([]);
    // A scan for a permit that is not this site's: no row, and the file written first is gone.
    const result = await storeSiteFile(db(), center.users.admin.scope, { siteId, purpose: "permit_scan", ownerId: "NO-SUCH-PERMIT" }, { bytes: PDF, kind: "pdf", originalName: "x.pdf" });
    expect(result.ok).toBe(false);
    expect(filesOnDisk()).toHaveLength(before);
  });
});
