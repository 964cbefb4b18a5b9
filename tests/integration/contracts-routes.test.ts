// The contract screens as the browser meets them: the form's refusals and double submits, who may
// post which action, another center's ids, and scans uploaded and served.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as contractNew from "../../app/routes/contracts.new";
import * as contractDetail from "../../app/routes/contracts.$id";
import * as contractEdit from "../../app/routes/contracts.$id_.edit";
import * as contractFile from "../../app/routes/contracts.$id_.files.$fileId";
import * as contractList from "../../app/routes/contracts._index";
import { newId } from "../../db/ids";
import { describeEachDb } from "../support/db";
import { contractParty, makeContract, milestoneContract, type ContractParty } from "../support/contracts";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call, contextFor } from "../support/routes";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

let uploadRoot: string;
beforeAll(async () => {
  uploadRoot = await fs.mkdtemp(path.join(os.tmpdir(), "contract-files-"));
  process.env.UPLOAD_DIR = uploadRoot;
});
afterAll(async () => {
  await fs.rm(uploadRoot, { recursive: true, force: true });
});

type RouteFn = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;

/** Posts a multipart form with one file, as a browser's file input does. */
async function upload(fn: RouteFn, db: Parameters<typeof contextFor>[0], cookie: string, id: string, file: { name: string; bytes: Buffer; type: string }) {
  const form = new FormData();
  form.append("intent", "file-upload");
  form.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  const request = new Request(`http://localhost/contracts/${id}`, { method: "POST", body: form, headers: { Cookie: cookie } });
  try {
    const value = await fn({ request, params: { id }, context: contextFor(db) });
    if (value instanceof Response) return { status: value.status, location: value.headers.get("Location"), body: null };
    const v = value as { type?: string; data?: unknown; init?: { status?: number } };
    return { status: v.init?.status ?? 200, location: null, body: v.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: null, body: null };
    const v = thrown as { init?: { status?: number } };
    if (v?.init?.status) return { status: v.init.status, location: null, body: null };
    throw thrown;
  }
}

describeEachDb("contract screens", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let party: ContractParty;
  const cookies: Record<string, string> = {};
  const count = async () => Number((await db().selectFrom("contracts").select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", center.id).executeTakeFirstOrThrow()).n);

  const form = (over: Record<string, string> = {}) => ({
    idempotency_key: newId(), number: "", title: "政务客户端开发", client: party.client, category_id: party.categoryId, pricing: "milestone",
    signed_on: "2026-01-05", start_date: "2026-01-05", end_date: "2026-06-30", amount: "100000.01", monthly_fee: "", tax_included: "1", notes: "",
    ...over,
  });
  const withRows = (base: Record<string, string>, rows: [string, string, string][]) => {
    const params = new URLSearchParams(base);
    for (const [name, percent, date] of rows) {
      params.append("ms_name", name);
      params.append("ms_percent", percent);
      params.append("ms_date", date);
    }
    return params;
  };
  const post = (params: URLSearchParams, cookie: string) =>
    contractNew.action({
      request: new Request("http://localhost/contracts/new", { method: "POST", body: params, headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }),
      params: {},
      context: contextFor(db()),
    }) as Promise<unknown>;

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    party = await contractParty(db(), center.users.sales.scope);
    for (const role of ["sales", "finance", "manager"] as const) cookies[role] = await cookieFor(db(), center.users[role]);
    cookies.otherSales = await cookieFor(db(), other.users.sales);
  });

  it("refuses a bad form with Chinese messages, a 400, the rows kept and nothing stored", async () => {
    const before = await count();
    const result = (await post(withRows(form(), [["签约", "30", "2026-01-05"], ["交付", "40", "2026-04-30"], ["终验", "20", "2026-06-30"]]), cookies.sales)) as {
      init: { status: number };
      data: { errors: Record<string, string>; defaults: { milestones: { name: string }[] } };
    };
    expect(result.init.status).toBe(400);
    expect(result.data.errors.milestones).toBe("里程碑比例合计应为 100%，现为 90%");
    expect(result.data.defaults.milestones.map((m) => m.name)).toEqual(["签约", "交付", "终验"]);
    expect(await count()).toBe(before);
  });

  it("creates a draft, and the same form posted again lands on the same contract", async () => {
    const params = withRows(form(), [["签约", "30", "2026-01-05"], ["交付", "40", "2026-04-30"], ["终验", "30", "2026-06-30"]]);
    const first = (await post(params, cookies.sales)) as Response;
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toMatch(/^\/contracts\/\w+\?done=created$/);
    const again = (await post(params, cookies.sales)) as Response;
    expect(again.headers.get("Location")).toBe(first.headers.get("Location")!.replace("created", "existing"));
    const id = first.headers.get("Location")!.split("/")[2].split("?")[0];
    const amounts = await db().selectFrom("contract_milestones").select("amount_fen").where("contract_id", "=", id).orderBy("seq").execute();
    expect(amounts.map((a) => Number(a.amount_fen))).toEqual([3_000_000, 4_000_000, 3_000_001]);
  });

  it("lets only sales open the new-contract form; everyone in the center reads the list", async () => {
    expect((await call(contractNew.loader, db(), { url: "/contracts/new", cookie: cookies.finance })).status).toBe(403);
    expect((await call(contractNew.loader, db(), { url: "/contracts/new", cookie: cookies.sales })).status).toBe(200);
    const list = await call(contractList.loader, db(), { url: "/contracts?status=draft", cookie: cookies.finance });
    expect(list.status).toBe(200);
    expect((list.body as { total: number }).total).toBeGreaterThan(0);
  });

  it("answers another center's contract with 404 on every page and action", async () => {
    const id = await makeContract(db(), center.users.sales.scope, milestoneContract(party));
    const opts = { cookie: cookies.otherSales, params: { id } };
    expect((await call(contractDetail.loader, db(), { url: `/contracts/${id}`, ...opts })).status).toBe(404);
    expect((await call(contractEdit.loader, db(), { url: `/contracts/${id}/edit`, ...opts })).status).toBe(404);
    expect((await call(contractDetail.action, db(), { url: `/contracts/${id}`, form: { intent: "submit" }, ...opts })).status).toBe(404);
  });

  it("checks who may post which action: finance nothing, a manager only approval, the owner the rest", async () => {
    const id = await makeContract(db(), center.users.sales.scope, milestoneContract(party, { amount_fen: 90_000_000 }));
    const act = (cookie: string, intent: string, extra: Record<string, string> = {}) =>
      call(contractDetail.action, db(), { url: `/contracts/${id}`, cookie, params: { id }, form: { intent, ...extra } });
    expect((await act(cookies.finance, "submit")).status).toBe(403);
    expect((await act(cookies.manager, "submit")).status).toBe(403);
    expect((await act(cookies.sales, "approve")).status).toBe(403);
    expect((await act(cookies.sales, "submit")).headers.get("Location")).toBe(`/contracts/${id}?done=submit`);
    const refused = await act(cookies.manager, "return", { reason: "" });
    expect(refused.status).toBe(400);
    expect((refused.body as { errors: Record<string, string> }).errors.reason).toBe("请填写原因");
    expect((await act(cookies.manager, "approve")).headers.get("Location")).toBe(`/contracts/${id}?done=approve`);
    const row = await db().selectFrom("contracts").select(["status", "approved_by"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "signed", approved_by: center.users.manager.id });
    const unknown = await act(cookies.sales, "explode");
    expect(unknown.status).toBe(400);
  });

  it("takes a scan checked by its bytes, serves it to the center only, and refuses a disguised file", async () => {
    const id = await makeContract(db(), center.users.sales.scope, milestoneContract(party));
    const fake = await upload(contractDetail.action as RouteFn, db(), cookies.sales, id, { name: "合同.pdf", bytes: Buffer.from("just text"), type: "application/pdf" });
    expect(fake.status).toBe(400);
    expect(JSON.stringify(fake.body)).toContain("合同扫描件只接受 PDF、JPG 或 PNG 文件");
    const ok = await upload(contractDetail.action as RouteFn, db(), cookies.sales, id, { name: "签字版.pdf", bytes: PDF, type: "application/pdf" });
    expect(ok.status).toBe(302);
    const file = await db().selectFrom("contract_files").selectAll().where("contract_id", "=", id).executeTakeFirstOrThrow();
    expect(file.original_name).toBe("签字版.pdf");
    const served = await call(contractFile.loader, db(), { url: `/contracts/${id}/files/${file.id}`, cookie: cookies.finance, params: { id, fileId: file.id } });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("application/pdf");
    expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const foreign = await call(contractFile.loader, db(), { url: `/contracts/${id}/files/${file.id}`, cookie: cookies.otherSales, params: { id, fileId: file.id } });
    expect(foreign.status).toBe(404);
    const byManager = await upload(contractDetail.action as RouteFn, db(), cookies.manager, id, { name: "x.pdf", bytes: PDF, type: "application/pdf" });
    expect(byManager.status).toBe(403);
  });
});
