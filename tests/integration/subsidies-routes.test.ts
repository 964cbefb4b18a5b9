// The fiscal-subsidies page as the browser meets it: finance records a subsidy (and its fact, kept
// apart from earned income), bad input stores nothing, a subsidy of a closed month cannot be
// deleted, another center's subsidy is not found, and who may read or write.
import { beforeAll, expect, it } from "vitest";
import * as subsidiesPage from "../../app/routes/finance.subsidies";
import { addMonths } from "../../app/modules/analytics/series";
import { closeMonth } from "../../app/modules/revenue/closing.server";
import type { SubsidyRow } from "../../app/modules/revenue/subsidies.server";
import { todayInShanghai } from "../../app/utils/time";
import type { AppDb } from "../../db/connection";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, type TestCenter } from "../support/factory";
import { call } from "../support/routes";

const TODAY = todayInShanghai();
const YEAR = Number(TODAY.slice(0, 4));
const LAST = addMonths(TODAY.slice(0, 7), -1);

type Page = { year: number; rows: SubsidyRow[]; totalFen: number; categories: { id: string; name: string }[]; closedThrough: string | null; canEdit: boolean };

async function subsidyCategory(db: AppDb, centerId: string): Promise<string> {
  const row = await db.selectFrom("revenue_categories").select("id").where("center_id", "=", centerId).where("code", "=", "subsidy").executeTakeFirstOrThrow();
  return row.id;
}

describeEachDb("fiscal subsidies screen", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let category: string;
  const cookies = {} as Record<"finance" | "admin" | "manager" | "auditor" | "sales", string>;

  const page = async (cookie: string, query = "") => {
    const got = await call(subsidiesPage.loader, db(), { url: `/finance/subsidies${query}`, cookie });
    expect(got.status).toBe(200);
    return got.body as Page;
  };
  const post = (cookie: string, form: Record<string, string>) => call(subsidiesPage.action, db(), { url: "/finance/subsidies", cookie, form });
  const subsidies = (centerId = center.id) => db().selectFrom("subsidies").selectAll().where("center_id", "=", centerId).execute();
  const facts = (centerId = center.id) => db().selectFrom("revenue_facts").selectAll().where("center_id", "=", centerId).where("source_kind", "=", "subsidy").execute();
  const form = (over: Record<string, string> = {}) => ({ intent: "add", category_id: category, received_on: TODAY, grantor: "县财政局", amount: "120,000.50", note: "2026 年度融媒体建设补助", ...over });

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    category = await subsidyCategory(db(), center.id);
    for (const role of ["finance", "admin", "manager", "auditor", "sales"] as const) cookies[role] = await cookieFor(db(), center.users[role]);
  });

  it("records a subsidy and its fact (not earned income), and lists it with the year's total", async () => {
    const added = await post(cookies.finance, form());
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe(`/finance/subsidies?year=${YEAR}&done=add`);
    const [row] = await subsidies();
    expect(row).toMatchObject({ category_id: category, received_on: TODAY, grantor: "县财政局", note: "2026 年度融媒体建设补助", created_by: center.users.finance.id });
    expect(Number(row.amount_fen)).toBe(12_000_050);
    const stored = await facts();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source_id: row.id, month: TODAY.slice(0, 7), for_month: TODAY.slice(0, 7), category_id: category });
    expect(Number(stored[0].earned)).toBe(0);
    expect(Number(stored[0].amount_fen)).toBe(12_000_050);

    const p = await page(cookies.manager);
    expect(p).toMatchObject({ year: YEAR, totalFen: 12_000_050, canEdit: false, categories: [] });
    expect(p.rows).toEqual([expect.objectContaining({ id: row.id, categoryName: "财政补助", grantor: "县财政局", amountFen: 12_000_050, createdByName: "finance用户" })]);
    const f = await page(cookies.finance, `?year=${YEAR}`);
    expect(f.canEdit).toBe(true);
    expect(f.categories.map((c) => c.id)).toEqual([category]);
    expect((await page(cookies.auditor, `?year=${YEAR - 1}`)).rows).toEqual([]);
    expect((await call(subsidiesPage.loader, db(), { url: "/finance/subsidies?year=26", cookie: cookies.finance })).status).toBe(400);
  });

  it("refuses bad input with field messages and stores nothing", async () => {
    const before = (await subsidies()).length;
    for (const amount of ["0", "-5", "abc", "1.234", ""]) {
      const refused = await post(cookies.finance, form({ amount }));
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ target: "add", errors: { amount: expect.stringContaining("金额") }, values: { amount } });
    }
    const many = await post(cookies.finance, form({ grantor: " ", received_on: "2026-02-30", category_id: "" }));
    expect(many.status).toBe(400);
    expect((many.body as { errors: Record<string, string> }).errors).toMatchObject({ grantor: expect.any(String), received_on: expect.any(String), category_id: expect.any(String) });
    // An earned-income category, another center's category, a date after today.
    const tv = await db().selectFrom("revenue_categories").select("id").where("center_id", "=", center.id).where("code", "=", "traditional.tv").executeTakeFirstOrThrow();
    expect((await post(cookies.finance, form({ category_id: tv.id }))).status).toBe(400);
    expect((await post(cookies.finance, form({ category_id: await subsidyCategory(db(), other.id) }))).status).toBe(400);
    expect((await post(cookies.finance, form({ received_on: `${YEAR + 1}-01-01` }))).status).toBe(400);
    expect((await post(cookies.finance, { intent: "grant" })).status).toBe(400);
    expect(await subsidies()).toHaveLength(before);
    expect(await facts()).toHaveLength(before);
  });

  it("deletes a subsidy of an open month, refuses one of a closed month, and does not find another center's", async () => {
    const inLast = await post(cookies.finance, form({ received_on: `${LAST}-10`, amount: "5000", grantor: "县文广旅体局" }));
    expect(inLast.status).toBe(302);
    const lastRow = (await subsidies()).find((s) => s.received_on === `${LAST}-10`)!;
    const todayRow = (await subsidies()).find((s) => s.received_on === TODAY)!;
    const closed = await closeMonth(db(), center.users.finance.scope, LAST, null);
    expect(closed.ok).toBe(true);

    const refused = await post(cookies.finance, { intent: "delete", id: lastRow.id, year: String(YEAR) });
    expect(refused.status).toBe(409);
    expect((refused.body as { errors: { form: string } }).errors.form).toContain(`${LAST} 及以前已关账`);
    expect((await subsidies()).map((s) => s.id)).toContain(lastRow.id);
    expect((await page(cookies.finance, `?year=${LAST.slice(0, 4)}`)).closedThrough).toBe(LAST);

    const foreign = await post(await cookieFor(db(), other.users.finance), { intent: "delete", id: todayRow.id, year: String(YEAR) });
    expect(foreign.status).toBe(404);
    expect((await post(cookies.manager, { intent: "delete", id: todayRow.id })).status).toBe(403);
    expect((await subsidies()).map((s) => s.id)).toContain(todayRow.id);

    const deleted = await post(cookies.admin, { intent: "delete", id: todayRow.id, year: String(YEAR) });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Location")).toBe(`/finance/subsidies?year=${YEAR}&done=delete`);
    expect((await subsidies()).map((s) => s.id)).toEqual([lastRow.id]);
    expect((await facts()).map((f) => f.source_id)).toEqual([lastRow.id]);
    const audit = await db().selectFrom("audit_log").select(["action", "entity_id"]).where("center_id", "=", center.id).where("entity", "=", "subsidy").execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "create", "delete"]);
  });

  it("lets managers and auditors read but not write, and shuts sales out", async () => {
    const before = (await subsidies()).length;
    expect((await post(cookies.manager, form())).status).toBe(403);
    expect((await post(cookies.auditor, form())).status).toBe(403);
    expect((await post(cookies.sales, form())).status).toBe(403);
    expect((await call(subsidiesPage.loader, db(), { url: "/finance/subsidies", cookie: cookies.sales })).status).toBe(403);
    expect((await page(cookies.auditor)).canEdit).toBe(false);
    expect(await subsidies()).toHaveLength(before);
    expect(await subsidies(other.id)).toEqual([]);
  });
});
