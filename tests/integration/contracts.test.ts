// Service contracts on both databases: the three pricing shapes, numbering, who may change what,
// signing and approval, delivery and acceptance, termination, renewal, the lists, tenancy and the
// audit trail.
import { beforeAll, expect, it } from "vitest";
import * as contractNew from "../../app/routes/contracts.new";
import { can } from "../../app/modules/auth/permissions";
import { hashPassword } from "../../app/modules/auth/password.server";
import type { Scope } from "../../app/modules/auth/scope";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import { insertUser } from "../../app/modules/centers/centers.server";
import { contractCategories, createContract, type ContractWriteResult, updateContract } from "../../app/modules/contracts/contracts.server";
import { acceptMilestone, addWorkLog, recordMilestoneDelivery, removeDeliverable, removeWorkLog, saveDeliverable, type DeliverableInput } from "../../app/modules/contracts/delivery.server";
import {
  approveContract, finishContract, renewContract, returnContract, startContract, submitForSigning, terminateContract,
} from "../../app/modules/contracts/lifecycle.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { endingSoonContracts, getContractDetail, lateMilestones, listContracts } from "../../app/modules/contracts/views.server";
import { todayInShanghai } from "../../app/utils/time";
import type { Role } from "../../db/schema";
import { describeEachDb } from "../support/db";
import { cookieFor, makeCenter, makeClient, PASSWORD, type TestCenter, type TestUser } from "../support/factory";
import { call } from "../support/routes";
import {
  contractParty, contractRow, type ContractParty, makeContract, milestoneContract, milestonesOf, monthlyContract, ratesOf, signedContract, tmContract,
} from "../support/contracts";

/** The "today" the date checks are run against: after every date these tests use. */
const TODAY = "2026-12-31";
const YEAR = todayInShanghai().slice(0, 4);

function must(result: ContractWriteResult): string {
  if (!result.ok) throw new Error(`refused ${result.status}: ${JSON.stringify(result.errors)}`);
  return result.id;
}

const DELIVERABLE: DeliverableInput = { kind: "app", name: "“智慧青山”客户端 v1.0", url: "https://app.example.cn", due_date: "2026-04-30", delivered_on: null, notes: "" };

describeEachDb("service contracts", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let sales: Scope;
  let manager: Scope;
  let secondSales: TestUser;
  let party: ContractParty;

  const count = async (table: "contracts" | "contract_milestones" | "contract_rates", centerId: string) =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("center_id", "=", centerId).executeTakeFirstOrThrow()).n);
  const trail = (id: string) =>
    db().selectFrom("audit_log").select(["entity", "action", "user_id", "before_json", "after_json"]).where("entity_id", "=", id).orderBy("at").orderBy("id").execute();
  const actions = async (id: string) => (await trail(id)).map((a) => `${a.entity}:${a.action}`);

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    sales = center.users.sales.scope;
    manager = center.users.manager.scope;
    const username = `${center.code}-sales2`;
    const id = await insertUser(db(), center.id, { username, displayName: "二号销售", role: "sales", passwordHash: await hashPassword(PASSWORD) });
    secondSales = { id, username, role: "sales", scope: { centerId: center.id, userId: id, role: "sales" } };
    party = await contractParty(db(), sales);
  });

  it("creates each pricing shape as a draft numbered from the center's pattern, keeps a typed number and refuses a duplicate", async () => {
    const c = await makeCenter(db());
    const s = c.users.sales.scope;
    const p = await contractParty(db(), s);
    const m = must(await createContract(db(), s, milestoneContract(p, { amount_fen: 12_345 })));
    expect(await contractRow(db(), m)).toMatchObject({
      number: `HT${YEAR}-001`, status: "draft", pricing: "milestone", owner_id: s.userId, client_id: p.clientId, category_id: p.categoryId, signed_on: "2026-01-05",
      start_date: "2026-01-05", end_date: "2026-06-30", tax_included: 1, renewed_from_id: null, return_reason: "", terminated_on: null, earned_fen: null,
    });
    expect(Number((await contractRow(db(), m)).amount_fen)).toBe(12_345);
    // MONEY: 30/40/30 of ¥123.45: 37.035 → 37.04 and 49.38, the last takes the remaining 37.03.
    expect((await milestonesOf(db(), m)).map((r) => [r.seq, r.name, r.percent_bp, Number(r.amount_fen), r.planned_date, r.accepted_on])).toEqual([
      [1, "签约", 3000, 3_704, "2026-01-05", null],
      [2, "上线交付", 4000, 4_938, "2026-04-30", null],
      [3, "终验", 3000, 3_703, "2026-06-30", null],
    ]);

    const monthly = must(await createContract(db(), s, monthlyContract(p)));
    const row = await contractRow(db(), monthly);
    expect([row.number, row.pricing, Number(row.monthly_fee_fen), Number(row.amount_fen)]).toEqual([`HT${YEAR}-002`, "monthly", 800_000, 9_600_000]);
    expect(await milestonesOf(db(), monthly)).toEqual([]);

    const tm = must(await createContract(db(), s, tmContract(p, { number: "JS-2026-08" })));
    expect((await contractRow(db(), tm)).number).toBe("JS-2026-08");
    expect((await ratesOf(db(), tm)).map((r) => [r.seq, r.name, r.unit, Number(r.price_fen)])).toEqual([[1, "直播", "场", 300_000], [2, "视频制作", "分钟", 80_000]]);

    const before = [await count("contracts", c.id), await count("contract_rates", c.id)];
    const duplicate = await createContract(db(), s, tmContract(p, { number: "JS-2026-08", title: "重复编号" }));
    expect(duplicate).toEqual({ ok: false, status: 400, errors: { number: "合同编号“JS-2026-08”已存在，请换一个编号或留空自动编号" } });
    expect([await count("contracts", c.id), await count("contract_rates", c.id)]).toEqual(before);

    // A number typed by hand that the pattern would give next is skipped by the automatic numbering.
    must(await createContract(db(), s, tmContract(p, { number: `HT${YEAR}-003` })));
    expect((await contractRow(db(), must(await createContract(db(), s, tmContract(p))))).number).toBe(`HT${YEAR}-004`);
    // Numbers are unique per center: another center may use the same one.
    const o = other.users.sales.scope;
    expect((await contractRow(db(), await makeContract(db(), o, tmContract(await contractParty(db(), o), { number: "JS-2026-08" })))).number).toBe("JS-2026-08");

    // The center's pattern decides the automatic number.
    await db().updateTable("centers").set({ contract_number_pattern: "青融服{YYYY}第{NNNN}号" }).where("id", "=", c.id).execute();
    expect((await contractRow(db(), await makeContract(db(), s, tmContract(p)))).number).toBe(`青融服${YEAR}第0005号`);

    const created = await trail(m);
    expect(created.map((a) => [a.entity, a.action, a.user_id])).toEqual([["contract", "create", s.userId]]);
    expect(JSON.parse(created[0].after_json!)).toMatchObject({ number: `HT${YEAR}-001`, amount_fen: 12_345, milestones: "签约 30% ¥37.04 2026-01-05；上线交付 40% ¥49.38 2026-04-30；终验 30% ¥37.03 2026-06-30" });
  });

  it("creates a contract from the posted form for sales; other roles may not create", async () => {
    const cookie = await cookieFor(db(), center.users.sales);
    const form = {
      number: "", title: "县融媒体平台运维", client: party.client, category_id: party.categoryId, pricing: "monthly", signed_on: "2026-01-01",
      start_date: "2026-01-20", end_date: "2026-03-10", amount: "", monthly_fee: "8,000", tax_included: "1", notes: "",
    };
    const created = await call(contractNew.action, db(), { url: "/contracts/new", cookie, form });
    expect(created.status).toBe(302);
    const id = created.headers.get("Location")!.split("?")[0].split("/").pop()!;
    expect(Number((await contractRow(db(), id)).amount_fen)).toBe(309_677 + 800_000 + 258_065);

    const bad = await call(contractNew.action, db(), { url: "/contracts/new", cookie, form: { ...form, end_date: "2026-01-01" } });
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: Record<string, string> }).errors.end_date).toBe("结束日期早于开始日期");

    const before = await count("contracts", center.id);
    for (const role of ["admin", "finance", "manager", "auditor"] as Role[]) {
      expect(can(role, "contract", "create"), role).toBe(false);
      expect(can(role, "contract", "read"), role).toBe(true);
      const refused = await call(contractNew.action, db(), { url: "/contracts/new", cookie: await cookieFor(db(), center.users[role]), form });
      expect(refused.status, role).toBe(403);
    }
    expect(can("sales", "contract", "create")).toBe(true);
    expect(can("manager", "contract", "approve")).toBe(true);
    expect(can("sales", "contract", "approve")).toBe(false);
    expect(can("finance", "contract", "update")).toBe(false);
    expect(await count("contracts", center.id)).toBe(before);
  });

  it("refuses an unknown client and a category that is not for contracts, storing nothing", async () => {
    const before = await count("contracts", center.id);
    const unknown = await createContract(db(), sales, milestoneContract({ ...party, client: "不存在的单位" }));
    expect(unknown).toEqual({ ok: false, status: 400, errors: { client: "客户“不存在的单位”不存在，请先在“客户”中建立" } });
    // Another center's client is unknown here too.
    const foreignName = `外中心单位${center.code}`;
    await makeClient(db(), other.users.sales.scope, { name: foreignName });
    expect((await createContract(db(), sales, milestoneContract({ ...party, client: foreignName }))).ok).toBe(false);

    const tv = (await categoryIdByCode(db(), sales, "traditional.tv"))!;
    const advertising = await createContract(db(), sales, milestoneContract({ ...party, categoryId: tv }));
    expect(advertising).toEqual({ ok: false, status: 400, errors: { category_id: "请选择技术服务、政府购买服务、活动或其他类别" } });
    const subsidy = (await categoryIdByCode(db(), sales, "subsidy"))!;
    expect(await createContract(db(), sales, milestoneContract({ ...party, categoryId: subsidy }))).toMatchObject({ ok: false, status: 400 });
    const foreignCategory = (await categoryIdByCode(db(), other.users.sales.scope, "tech.app_dev"))!;
    expect(await createContract(db(), sales, milestoneContract({ ...party, categoryId: foreignCategory }))).toMatchObject({ ok: false, status: 400 });
    expect(await count("contracts", center.id)).toBe(before);

    const choices = await contractCategories(db(), sales);
    expect(new Set(choices.map((c) => c.group))).toEqual(new Set(["tech_service", "gov_service", "event", "other"]));
    expect(choices.map((c) => c.code)).toContain("tech.ops");
    expect(choices.map((c) => c.code)).not.toContain("traditional.tv");
  });

  it("edits only a draft, only with the current stamp, and only by the owning sales rep", async () => {
    const id = await makeContract(db(), sales, milestoneContract(party));
    const { updated_at: stamp, number } = await contractRow(db(), id);
    const changed = milestoneContract(party, {
      title: "智慧政务客户端开发（二期）", amount_fen: 20_000_000,
      plan: [{ name: "预付款", percent: 50, date: "2026-01-05" }, { name: "验收", percent: 50, date: "2026-06-30" }],
    });
    expect(await updateContract(db(), secondSales.scope, id, changed, stamp)).toEqual({ ok: false, status: 403, errors: { form: "只有合同负责人可以修改此合同" } });
    expect(await updateContract(db(), manager, id, changed, stamp)).toMatchObject({ ok: false, status: 403 });
    expect(await updateContract(db(), center.users.finance.scope, id, changed, stamp)).toMatchObject({ ok: false, status: 403 });
    expect((await contractRow(db(), id)).title).toBe("智慧政务客户端开发");

    expect(await updateContract(db(), sales, id, changed, stamp)).toEqual({ ok: true, id });
    const row = await contractRow(db(), id);
    // An empty number keeps the one the contract has.
    expect([row.title, Number(row.amount_fen), row.number]).toEqual(["智慧政务客户端开发（二期）", 20_000_000, number]);
    expect(row.updated_at > stamp).toBe(true);
    expect((await milestonesOf(db(), id)).map((m) => [m.name, Number(m.amount_fen)])).toEqual([["预付款", 10_000_000], ["验收", 10_000_000]]);

    const stale = await updateContract(db(), sales, id, milestoneContract(party, { title: "旧标签页" }), stamp);
    expect(stale).toEqual({ ok: false, status: 409, errors: { form: "此合同已被他人修改，请刷新页面后重试" } });
    expect((await contractRow(db(), id)).title).toBe("智慧政务客户端开发（二期）");

    const entries = await trail(id);
    expect(entries.map((a) => a.action)).toEqual(["create", "update"]);
    expect(JSON.parse(entries[1].before_json!)).toMatchObject({ amount_fen: 10_000_000, milestones: "签约 30% ¥30,000.00 2026-01-05；上线交付 40% ¥40,000.00 2026-04-30；终验 30% ¥30,000.00 2026-06-30" });
    expect(JSON.parse(entries[1].after_json!)).toMatchObject({ amount_fen: 20_000_000, milestones: "预付款 50% ¥100,000.00 2026-01-05；验收 50% ¥100,000.00 2026-06-30" });

    // A duplicate number on edit is refused like on create.
    const taken = (await contractRow(db(), await makeContract(db(), sales, tmContract(party)))).number;
    const current = (await contractRow(db(), id)).updated_at;
    expect(await updateContract(db(), sales, id, milestoneContract(party, { number: taken }), current)).toMatchObject({ ok: false, status: 400, errors: { number: `合同编号“${taken}”已存在，请换一个编号或留空自动编号` } });

    // Once submitted it is no longer a draft.
    expect(await submitForSigning(db(), sales, id, {})).toEqual({ ok: true, id });
    const pending = await contractRow(db(), id);
    expect(pending.status).toBe("pending");
    expect(await updateContract(db(), sales, id, changed, pending.updated_at)).toEqual({ ok: false, status: 409, errors: { form: "合同当前状态为“待审批”，不能进行此操作" } });
  });

  it("signs at or below the center's threshold at once and sends larger contracts to a manager", async () => {
    const unsigned = await makeContract(db(), sales, tmContract(party, { signed_on: null }));
    expect(await submitForSigning(db(), sales, unsigned, {})).toEqual({ ok: false, status: 400, errors: { form: "请先编辑合同填写签订日期，再提交签订" } });
    expect((await contractRow(db(), unsigned)).status).toBe("draft");

    // The default threshold is ¥50,000.00: exactly that signs directly.
    const small = await makeContract(db(), sales, tmContract(party, { amount_fen: 5_000_000 }));
    expect(await submitForSigning(db(), secondSales.scope, small, {})).toMatchObject({ ok: false, status: 403 });
    expect(await submitForSigning(db(), sales, small, {})).toEqual({ ok: true, id: small });
    expect((await contractRow(db(), small))).toMatchObject({ status: "signed", approved_by: null, approved_at: null });
    expect(await actions(small)).toEqual(["contract:create", "contract:sign"]);

    const big = await makeContract(db(), sales, tmContract(party, { amount_fen: 5_000_001 }));
    expect(await submitForSigning(db(), sales, big, {})).toEqual({ ok: true, id: big });
    expect((await contractRow(db(), big)).status).toBe("pending");
    const submitted = (await trail(big)).at(-1)!;
    expect([submitted.action, JSON.parse(submitted.after_json!)]).toEqual(["submit", { status: "pending", return_reason: "", threshold_fen: 5_000_000 }]);

    for (const role of ["sales", "finance", "admin", "auditor"] as Role[]) {
      expect(await approveContract(db(), center.users[role].scope, big, {}), role).toEqual({ ok: false, status: 403, errors: { form: "只有主任/经理可以审批合同" } });
      expect(await returnContract(db(), center.users[role].scope, big, "金额有误", {}), role).toMatchObject({ ok: false, status: 403 });
    }
    expect((await contractRow(db(), big)).status).toBe("pending");
    const stale = await approveContract(db(), manager, big, { expectedUpdatedAt: "2000-01-01T00:00:00.000Z" });
    expect(stale).toMatchObject({ ok: false, status: 409 });

    expect(await approveContract(db(), manager, big, {})).toEqual({ ok: true, id: big });
    const approved = await contractRow(db(), big);
    expect(approved).toMatchObject({ status: "signed", approved_by: manager.userId });
    expect(approved.approved_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const approval = (await trail(big)).at(-1)!;
    expect([approval.entity, approval.action, approval.user_id]).toEqual(["contract", "approve", manager.userId]);
    // Approving twice: it is no longer waiting.
    expect(await approveContract(db(), manager, big, {})).toEqual({ ok: false, status: 409, errors: { form: "合同当前状态为“已签订”，不能进行此操作" } });

    // Returned: a draft again with the reason; resubmitting clears it.
    const returned = await makeContract(db(), sales, milestoneContract(party));
    must(await submitForSigning(db(), sales, returned, {}));
    expect(await returnContract(db(), manager, returned, "第二期付款比例需与财政批复一致", {})).toEqual({ ok: true, id: returned });
    expect(await contractRow(db(), returned)).toMatchObject({ status: "draft", return_reason: "第二期付款比例需与财政批复一致", approved_by: null });
    const r = await contractRow(db(), returned);
    must(await updateContract(db(), sales, returned, milestoneContract(party, { plan: [{ name: "签约", percent: 50, date: "2026-01-05" }, { name: "终验", percent: 50, date: "2026-06-30" }] }), r.updated_at));
    must(await submitForSigning(db(), sales, returned, {}));
    expect(await contractRow(db(), returned)).toMatchObject({ status: "pending", return_reason: "" });
    expect(await actions(returned)).toEqual(["contract:create", "contract:submit", "contract:return", "contract:update", "contract:submit"]);

    // A threshold of 0 sends every contract to a manager.
    const c = await makeCenter(db());
    await db().updateTable("centers").set({ contract_approval_fen: 0 }).where("id", "=", c.id).execute();
    const tiny = await makeContract(db(), c.users.sales.scope, tmContract(await contractParty(db(), c.users.sales.scope), { amount_fen: 100 }));
    must(await submitForSigning(db(), c.users.sales.scope, tiny, {}));
    expect((await contractRow(db(), tiny)).status).toBe("pending");
  });

  it("starts a signed contract, records deliveries and acceptance, and is 已验收 once every milestone is accepted", async () => {
    const id = await signedContract(db(), sales, milestoneContract(party), { approver: manager });
    const [first, second, third] = await milestonesOf(db(), id);
    expect(await startContract(db(), secondSales.scope, id, {})).toMatchObject({ ok: false, status: 403 });
    expect(await startContract(db(), sales, id, {})).toEqual({ ok: true, id });
    expect((await contractRow(db(), id)).status).toBe("active");
    expect(await startContract(db(), sales, id, {})).toEqual({ ok: false, status: 409, errors: { form: "合同当前状态为“履行中”，不能进行此操作" } });

    expect(await acceptMilestone(db(), sales, id, first.id, { date: "2026-03-02", note: "" }, "2026-03-01")).toEqual({ ok: false, status: 400, errors: { date: "验收日期不能晚于今天" } });
    expect(await acceptMilestone(db(), sales, id, first.id, { date: "2026-01-04", note: "" }, TODAY)).toEqual({ ok: false, status: 400, errors: { date: "验收日期不能早于签订日期 2026-01-05" } });
    expect(await acceptMilestone(db(), secondSales.scope, id, first.id, { date: "2026-01-10", note: "" }, TODAY)).toMatchObject({ ok: false, status: 403 });
    expect(await acceptMilestone(db(), manager, id, first.id, { date: "2026-01-10", note: "" }, TODAY)).toMatchObject({ ok: false, status: 403 });
    expect(await acceptMilestone(db(), sales, id, "no-such-milestone", { date: "2026-01-10", note: "" }, TODAY)).toEqual({ ok: false, status: 404, errors: { form: "里程碑不存在" } });
    expect((await milestonesOf(db(), id))[0].accepted_on).toBeNull();

    expect(await acceptMilestone(db(), sales, id, first.id, { date: "2026-01-10", note: "签约验收单 YS-001" }, TODAY)).toEqual({ ok: true, id });
    const accepted = (await milestonesOf(db(), id))[0];
    expect(accepted).toMatchObject({ accepted_on: "2026-01-10", accepted_by: sales.userId, acceptance_note: "签约验收单 YS-001", delivered_on: "2026-01-10" });
    expect(accepted.accepted_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await acceptMilestone(db(), sales, id, first.id, { date: "2026-01-11", note: "" }, TODAY)).toEqual({ ok: false, status: 409, errors: { form: "“签约”已于 2026-01-10 验收" } });
    const acceptance = (await trail(id)).at(-1)!;
    expect(acceptance.action).toBe("accept_milestone");
    expect(JSON.parse(acceptance.after_json!)).toEqual({ milestone: "签约", accepted_on: "2026-01-10", amount_fen: 3_000_000, acceptance_note: "签约验收单 YS-001" });

    expect(await finishContract(db(), sales, id, { today: TODAY })).toEqual({ ok: false, status: 409, errors: { form: "还有里程碑未验收：上线交付、终验" } });

    // Handed over on one day, accepted later: both days are kept.
    expect(await recordMilestoneDelivery(db(), sales, id, second.id, "2027-01-01", TODAY)).toMatchObject({ ok: false, status: 400 });
    expect(await recordMilestoneDelivery(db(), sales, id, second.id, "2026-04-28", TODAY)).toEqual({ ok: true, id });
    must(await acceptMilestone(db(), sales, id, second.id, { date: "2026-05-06", note: "" }, TODAY));
    expect((await milestonesOf(db(), id))[1]).toMatchObject({ delivered_on: "2026-04-28", accepted_on: "2026-05-06" });
    expect(await recordMilestoneDelivery(db(), sales, id, second.id, "2026-04-29", TODAY)).toMatchObject({ ok: false, status: 409 });
    must(await acceptMilestone(db(), sales, id, third.id, { date: "2026-07-02", note: "终验报告" }, TODAY));

    expect(await finishContract(db(), sales, id, { today: TODAY })).toEqual({ ok: true, id });
    expect((await contractRow(db(), id)).status).toBe("accepted");
    expect(await actions(id)).toEqual([
      "contract:create", "contract:submit", "contract:approve", "contract:start", "contract:accept_milestone",
      "contract:deliver_milestone", "contract:accept_milestone", "contract:accept_milestone", "contract:finish",
    ]);
    // Finished: no more acceptance or delivery.
    expect(await acceptMilestone(db(), sales, id, third.id, { date: "2026-07-03", note: "" }, TODAY)).toMatchObject({ ok: false, status: 409 });

    // A draft cannot be accepted against.
    const draft = await makeContract(db(), sales, milestoneContract(party));
    const [m] = await milestonesOf(db(), draft);
    expect(await acceptMilestone(db(), sales, draft, m.id, { date: "2026-01-10", note: "" }, TODAY)).toEqual({ ok: false, status: 409, errors: { form: "合同当前状态为“草拟”，不能进行此操作" } });
  });

  it("finishes a monthly contract only after its end, and time and materials whenever the owner says so", async () => {
    const monthly = await signedContract(db(), sales, monthlyContract(party), { approver: manager });
    expect(await finishContract(db(), sales, monthly, { today: "2026-12-30" })).toEqual({ ok: false, status: 409, errors: { form: "服务期到 2026-12-31 才结束；提前结束请用“终止合同”" } });
    expect(await finishContract(db(), sales, monthly, { today: "2026-12-31" })).toEqual({ ok: true, id: monthly });
    expect((await contractRow(db(), monthly)).status).toBe("completed");

    const tm = await signedContract(db(), sales, tmContract(party), { start: true });
    expect(await finishContract(db(), secondSales.scope, tm, { today: "2026-03-01" })).toMatchObject({ ok: false, status: 403 });
    expect(await finishContract(db(), sales, tm, { today: "2026-03-01" })).toEqual({ ok: true, id: tm });
    expect((await contractRow(db(), tm)).status).toBe("completed");
    expect(await finishContract(db(), sales, tm, { today: "2026-03-01" })).toMatchObject({ ok: false, status: 409 });
  });

  it("terminates a milestone contract keeping what it earned: the accepted milestones, or more as typed", async () => {
    const id = await signedContract(db(), sales, milestoneContract(party), { approver: manager, start: true });
    const [first] = await milestonesOf(db(), id);
    must(await acceptMilestone(db(), sales, id, first.id, { date: "2026-02-01", note: "" }, TODAY));
    const end = { reason: "客户机构改革，项目取消", earned: "" };
    expect(await terminateContract(db(), secondSales.scope, id, { ...end, date: "2026-03-01" }, {})).toMatchObject({ ok: false, status: 403 });
    expect(await terminateContract(db(), sales, id, { ...end, date: "2026-07-01" }, {})).toEqual({ ok: false, status: 400, errors: { date: "终止日期不能晚于合同结束日期 2026-06-30" } });
    expect(await terminateContract(db(), sales, id, { ...end, date: "2026-01-31" }, {})).toMatchObject({ ok: false, status: 400, errors: { date: expect.stringContaining("验收") } });
    expect(await terminateContract(db(), sales, id, { ...end, date: "2026-03-01", earned: "29,999.99" }, {})).toEqual({
      ok: false, status: 400, errors: { earned: "已实现金额不能少于已验收里程碑合计 ¥30,000.00" },
    });
    expect(await terminateContract(db(), sales, id, { ...end, date: "2026-03-01", earned: "100,000.01" }, {})).toEqual({
      ok: false, status: 400, errors: { earned: "已实现金额不能超过合同金额 ¥100,000.00" },
    });
    expect(await terminateContract(db(), sales, id, { ...end, date: "2026-03-01", earned: "abc" }, {})).toMatchObject({ ok: false, status: 400, errors: { earned: expect.stringContaining("abc") } });
    expect((await contractRow(db(), id)).status).toBe("active");

    expect(await terminateContract(db(), sales, id, { ...end, date: "2026-03-01" }, {})).toEqual({ ok: true, id });
    const row = await contractRow(db(), id);
    expect(row).toMatchObject({ status: "terminated", terminated_on: "2026-03-01", termination_reason: "客户机构改革，项目取消" });
    expect(Number(row.earned_fen)).toBe(3_000_000);
    const entry = (await trail(id)).at(-1)!;
    expect([entry.action, JSON.parse(entry.after_json!)]).toEqual(["terminate", { status: "terminated", terminated_on: "2026-03-01", termination_reason: "客户机构改革，项目取消", earned_fen: 3_000_000 }]);
    expect(await terminateContract(db(), sales, id, { ...end, date: "2026-03-02" }, {})).toMatchObject({ ok: false, status: 409 });

    // Work done beyond the accepted milestones, as typed.
    const more = await signedContract(db(), sales, milestoneContract(party), { approver: manager });
    must(await acceptMilestone(db(), sales, more, (await milestonesOf(db(), more))[0].id, { date: "2026-02-01", note: "" }, TODAY));
    must(await terminateContract(db(), sales, more, { date: "2026-04-15", reason: "双方协商解除", earned: "45000" }, {}));
    expect(Number((await contractRow(db(), more)).earned_fen)).toBe(4_500_000);

    // A draft is not terminated: it was never in force.
    const draft = await makeContract(db(), sales, milestoneContract(party));
    expect(await terminateContract(db(), sales, draft, { ...end, date: "2026-03-01" }, {})).toMatchObject({ ok: false, status: 409 });
  });

  it("terminates a monthly contract with the months served to the day, and time and materials with its logged work", async () => {
    const monthly = await signedContract(db(), sales, monthlyContract(party), { approver: manager, start: true });
    must(await terminateContract(db(), sales, monthly, { date: "2026-03-15", reason: "平台迁移至市级", earned: "999" }, {}));
    // MONEY: January and February whole, March 15/31 of ¥8,000: 3,870.967… → ¥3,870.97. The typed amount is ignored.
    expect(Number((await contractRow(db(), monthly)).earned_fen)).toBe(800_000 + 800_000 + 387_097);

    const tm = await signedContract(db(), sales, tmContract(party));
    const [live, video] = await ratesOf(db(), tm);
    must(await addWorkLog(db(), sales, tm, { rateId: live.id, date: "2026-02-01", quantity: 2, note: "春节晚会直播" }, TODAY));
    must(await addWorkLog(db(), sales, tm, { rateId: video.id, date: "2026-03-01", quantity: 30, note: "" }, TODAY));
    expect(await terminateContract(db(), sales, tm, { date: "2026-02-15", reason: "预算调整", earned: "" }, {})).toEqual({
      ok: false, status: 400, errors: { date: "终止日期之后还有工作量记录，请先删除或改选日期" },
    });
    must(await terminateContract(db(), sales, tm, { date: "2026-03-31", reason: "预算调整", earned: "" }, {}));
    expect(Number((await contractRow(db(), tm)).earned_fen)).toBe(600_000 + 2_400_000);
  });

  it("logs time and materials as quantity × the agreed price, within the term and the ceiling", async () => {
    const tm = await signedContract(db(), sales, tmContract(party), { start: true });
    const [live, video] = await ratesOf(db(), tm);
    const log = (rateId: string, date: string, quantity: number, today = TODAY) => addWorkLog(db(), sales, tm, { rateId, date, quantity, note: "" }, today);

    expect(await log(live.id, "2026-02-01", 2)).toEqual({ ok: true, id: tm });
    const logs = await db().selectFrom("contract_work_logs").selectAll().where("contract_id", "=", tm).execute();
    expect(logs.map((l) => [l.rate_id, l.work_date, l.quantity, Number(l.amount_fen), l.created_by])).toEqual([[live.id, "2026-02-01", 2, 600_000, sales.userId]]);

    expect(await log(live.id, "2026-03-02", 1, "2026-03-01")).toEqual({ ok: false, status: 400, errors: { date: "工作日期不能晚于今天" } });
    expect(await log(live.id, "2025-12-31", 1)).toEqual({ ok: false, status: 400, errors: { date: "工作日期应在合同期 2026-01-01 至 2026-12-31 之内" } });
    const elsewhere = await makeContract(db(), sales, tmContract(party));
    const foreignRate = (await ratesOf(db(), elsewhere))[0];
    expect(await log(foreignRate.id, "2026-02-01", 1)).toEqual({ ok: false, status: 400, errors: { rate_id: "请选择合同约定的服务项目" } });
    expect(await addWorkLog(db(), secondSales.scope, tm, { rateId: live.id, date: "2026-02-01", quantity: 1, note: "" }, TODAY)).toMatchObject({ ok: false, status: 403 });

    // Up to the ceiling exactly is fine (¥6,000 + 55 min × ¥800 = ¥50,000); a minute more is not.
    expect(await log(video.id, "2026-04-01", 55)).toEqual({ ok: true, id: tm });
    expect(await log(video.id, "2026-04-02", 1)).toEqual({
      ok: false, status: 409, errors: { form: "登记后合计 ¥50,800.00 将超过合同金额上限 ¥50,000.00，请先签补充协议" },
    });
    expect(await db().selectFrom("contract_work_logs").select("id").where("contract_id", "=", tm).execute()).toHaveLength(2);

    // Removing a log frees the room again.
    const videoLog = (await db().selectFrom("contract_work_logs").select("id").where("contract_id", "=", tm).where("rate_id", "=", video.id).executeTakeFirstOrThrow()).id;
    expect(await removeWorkLog(db(), sales, tm, videoLog)).toEqual({ ok: true, id: tm });
    expect(await removeWorkLog(db(), sales, tm, videoLog)).toMatchObject({ ok: false, status: 404 });
    expect(await log(video.id, "2026-04-02", 1)).toEqual({ ok: true, id: tm });
    const logged = (await trail(tm)).filter((a) => a.action === "log_work" || a.action === "remove_work");
    expect(logged.map((a) => a.action)).toEqual(["log_work", "log_work", "remove_work", "log_work"]);
    expect(JSON.parse(logged[0].after_json!)).toEqual({ item: "直播", work_date: "2026-02-01", quantity: "2场", amount_fen: 600_000, note: "" });
    expect(JSON.parse(logged[2].before_json!)).toMatchObject({ item: "视频制作", quantity: "55分钟", amount_fen: 4_400_000 });

    // Only time-and-materials contracts take logs.
    const fixed = await signedContract(db(), sales, milestoneContract(party), { approver: manager });
    expect(await addWorkLog(db(), sales, fixed, { rateId: live.id, date: "2026-02-01", quantity: 1, note: "" }, TODAY)).toEqual({
      ok: false, status: 409, errors: { form: "只有按工作量计价的合同可以登记工作量" },
    });
  });

  it("adds, changes and removes deliverables, each audited on the contract", async () => {
    const id = await makeContract(db(), sales, milestoneContract(party));
    expect(await saveDeliverable(db(), sales, id, null, DELIVERABLE)).toEqual({ ok: true, id });
    const [row] = await db().selectFrom("contract_deliverables").selectAll().where("contract_id", "=", id).execute();
    expect(row).toMatchObject({ ...DELIVERABLE, center_id: center.id });

    const delivered = { ...DELIVERABLE, delivered_on: "2026-04-28", notes: "已上架应用商店" };
    expect(await saveDeliverable(db(), sales, id, row.id, delivered)).toEqual({ ok: true, id });
    expect(await db().selectFrom("contract_deliverables").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow()).toMatchObject(delivered);
    expect(await saveDeliverable(db(), sales, id, "no-such-deliverable", delivered)).toEqual({ ok: false, status: 404, errors: { form: "交付物不存在" } });
    expect(await saveDeliverable(db(), secondSales.scope, id, row.id, DELIVERABLE)).toMatchObject({ ok: false, status: 403 });
    expect(await removeDeliverable(db(), manager, id, row.id)).toMatchObject({ ok: false, status: 403 });

    expect(await removeDeliverable(db(), sales, id, row.id)).toEqual({ ok: true, id });
    expect(await db().selectFrom("contract_deliverables").select("id").where("contract_id", "=", id).execute()).toEqual([]);
    expect(await removeDeliverable(db(), sales, id, row.id)).toEqual({ ok: false, status: 404, errors: { form: "交付物不存在" } });

    const entries = await trail(id);
    expect(entries.map((a) => `${a.entity}:${a.action}`)).toEqual(["contract:create", "contract:add_deliverable", "contract:update_deliverable", "contract:remove_deliverable"]);
    expect(JSON.parse(entries[2].before_json!)).toMatchObject({ delivered_on: null });
    expect(JSON.parse(entries[2].after_json!)).toMatchObject({ delivered_on: "2026-04-28", notes: "已上架应用商店" });

    // A terminated contract's deliverables are closed.
    const ended = await signedContract(db(), sales, tmContract(party));
    must(await terminateContract(db(), sales, ended, { date: "2026-02-01", reason: "取消", earned: "" }, {}));
    expect(await saveDeliverable(db(), sales, ended, null, DELIVERABLE)).toMatchObject({ ok: false, status: 409 });
  });

  it("renews into a draft of the next term with the schedule moved, once", async () => {
    const source = milestoneContract(party, { start_date: "2026-01-01", end_date: "2026-06-30", signed_on: "2025-12-28" });
    const id = await signedContract(db(), sales, source, { approver: manager });
    expect(await renewContract(db(), secondSales.scope, id)).toMatchObject({ ok: false, status: 403 });
    const renewed = must(await renewContract(db(), sales, id));
    const row = await contractRow(db(), renewed);
    expect(row).toMatchObject({
      status: "draft", renewed_from_id: id, owner_id: sales.userId, client_id: party.clientId, category_id: party.categoryId, pricing: "milestone",
      signed_on: null, start_date: "2026-07-01", end_date: "2026-12-31", title: source.title,
    });
    expect(row.number).toMatch(/^HT\d{4}-\d{3}$/);
    expect(row.number).not.toBe((await contractRow(db(), id)).number);
    expect(Number(row.amount_fen)).toBe(10_000_000);
    // Each planned date moves as far as the term did (181 days).
    expect((await milestonesOf(db(), renewed)).map((m) => [m.name, m.percent_bp, Number(m.amount_fen), m.planned_date, m.accepted_on])).toEqual([
      ["签约", 3000, 3_000_000, addDays("2026-01-05", 181), null],
      ["上线交付", 4000, 4_000_000, "2026-10-28", null],
      ["终验", 3000, 3_000_000, "2026-12-28", null],
    ]);
    expect(await actions(renewed)).toEqual(["contract:renew"]);

    const again = await renewContract(db(), sales, id);
    expect(again).toEqual({ ok: false, status: 409, errors: { form: `已续签为合同 ${row.number}` } });
    expect(await db().selectFrom("contracts").select("id").where("renewed_from_id", "=", id).execute()).toHaveLength(1);
    // A draft is not renewed.
    expect(await renewContract(db(), sales, renewed)).toMatchObject({ ok: false, status: 409 });

    // A monthly fee renews for the next year at the same fee.
    const monthly = await signedContract(db(), sales, monthlyContract(party, { start_date: "2026-01-01", end_date: "2026-12-31" }), { approver: manager });
    const next = await contractRow(db(), must(await renewContract(db(), sales, monthly)));
    expect([next.start_date, next.end_date, Number(next.monthly_fee_fen), Number(next.amount_fen)]).toEqual(["2027-01-01", "2027-12-31", 800_000, 9_600_000]);
    // And time and materials keeps its agreed prices.
    const tm = await signedContract(db(), sales, tmContract(party));
    const tmNext = must(await renewContract(db(), sales, tm));
    expect((await ratesOf(db(), tmNext)).map((r) => [r.name, r.unit, Number(r.price_fen)])).toEqual([["直播", "场", 300_000], ["视频制作", "分钟", 80_000]]);
  });

  it("lists contracts by category (a parent includes its children), status, owner, client and ending soon; shows late milestones", async () => {
    const c = await makeCenter(db());
    const s = c.users.sales.scope;
    const m = c.users.manager.scope;
    const username = `${c.code}-sales2`;
    const otherRep = await insertUser(db(), c.id, { username, displayName: "二号销售", role: "sales", passwordHash: await hashPassword(PASSWORD) });
    const rep2: Scope = { centerId: c.id, userId: otherRep, role: "sales" };
    const edu = await contractParty(db(), s, "tech.app_dev");
    await db().updateTable("clients").set({ name: `青山县教育局${c.code}` }).where("id", "=", edu.clientId).execute();
    const eduParty = { ...edu, client: `青山县教育局${c.code}` };
    const ops = { ...(await contractParty(db(), s, "tech.ops")) };
    const gov = { ...(await contractParty(db(), rep2, "gov_service")) };

    const app = await signedContract(db(), s, milestoneContract(eduParty), { approver: m, start: true });
    const om = await signedContract(db(), s, monthlyContract(ops), { approver: m });
    const omRenewed = await signedContract(db(), s, monthlyContract(ops, { title: "机房运维" }), { approver: m });
    const renewal = must(await renewContract(db(), s, omRenewed));
    const govDraft = await makeContract(db(), rep2, tmContract(gov, { title: "政务新媒体代运营" }));
    must(await acceptMilestone(db(), s, app, (await milestonesOf(db(), app))[0].id, { date: "2026-01-06", note: "" }, TODAY));

    const ids = async (filter: Parameters<typeof listContracts>[2], today = "2026-11-15") => (await listContracts(db(), s, filter, today)).rows.map((r) => r.id).sort();
    const sorted = (...xs: string[]) => [...xs].sort();
    const tech = (await categoryIdByCode(db(), s, "tech"))!;
    expect(await ids({})).toEqual(sorted(app, om, omRenewed, renewal, govDraft));
    expect(await ids({ categoryId: tech })).toEqual(sorted(app, om, omRenewed, renewal));
    expect(await ids({ categoryId: ops.categoryId })).toEqual(sorted(om, omRenewed, renewal));
    expect(await ids({ categoryId: gov.categoryId })).toEqual([govDraft]);
    expect(await ids({ status: "draft" })).toEqual(sorted(renewal, govDraft));
    expect(await ids({ status: "active" })).toEqual([app]);
    expect(await ids({ ownerId: otherRep })).toEqual([govDraft]);
    expect(await ids({ client: "教育局" })).toEqual([app]);
    expect(await ids({ client: ops.client.slice(-6) })).toEqual(sorted(om, omRenewed, renewal));
    expect(await ids({ q: "代运营" })).toEqual([govDraft]);
    // Ending within 60 days and in force, not yet renewed: the O&M contract whose renewal is a draft is left out.
    expect(await ids({ endingSoon: true })).toEqual([om]);
    expect(await ids({ endingSoon: true }, "2026-10-31")).toEqual([]);
    expect(await ids({ endingSoon: true }, "2026-06-01")).toEqual([app]);

    const list = await listContracts(db(), s, {}, "2026-11-15");
    expect(list.total).toBe(5);
    expect(list.amountFen).toBe(10_000_000 + 9_600_000 * 3 + 5_000_000);
    const appRow = list.rows.find((r) => r.id === app)!;
    expect(appRow).toMatchObject({ category: "技术服务/客户端开发", client_name: eduParty.client, ms_total: 3, ms_accepted: 1, status: "active", amount_fen: 10_000_000 });
    expect(list.rows.find((r) => r.id === govDraft)!.category).toBe("政府购买服务");

    const soon = await endingSoonContracts(db(), s, "2026-11-15");
    expect(soon.rows.map((r) => r.id)).toEqual([om]);
    expect(soon.total).toBe(1);
    expect((await endingSoonContracts(db(), rep2, "2026-11-15", { ownerId: otherRep })).total).toBe(0);

    const late = await lateMilestones(db(), m, "2026-05-01");
    expect(late.rows.map((r) => [r.id, r.name, r.planned_date, r.amount_fen])).toEqual([[app, "上线交付", "2026-04-30", 4_000_000]]);
    expect(late.total).toBe(1);
    expect((await lateMilestones(db(), m, "2026-07-01")).rows.map((r) => r.name)).toEqual(["上线交付", "终验"]);
    expect((await lateMilestones(db(), m, "2026-07-01", { ownerId: otherRep })).total).toBe(0);
    expect((await lateMilestones(db(), m, "2026-04-30")).total).toBe(0);

    const detail = (await getContractDetail(db(), m, app, "2026-05-01"))!;
    expect(detail.milestones.map((x) => [x.name, x.late])).toEqual([["签约", false], ["上线交付", true], ["终验", false]]);
    expect([detail.billableFen, detail.earnedToDateFen, detail.mayEdit]).toEqual([3_000_000, 3_000_000, false]);
    expect((await getContractDetail(db(), s, app, "2026-05-01"))!.mayEdit).toBe(true);
    const omDetail = (await getContractDetail(db(), s, om, "2026-03-15"))!;
    expect(omDetail.months).toHaveLength(12);
    // Billable by 15 March: January to March (each fee month from its first day); earned: to the day.
    expect([omDetail.billableFen, omDetail.earnedToDateFen]).toEqual([800_000 * 3, 800_000 * 2 + 387_097]);
    expect((await getContractDetail(db(), s, omRenewed, "2026-03-15"))!.renewal).toMatchObject({ id: renewal, status: "draft" });
  });

  it("does not find another center's contract, and every write on it answers 404", async () => {
    const id = await signedContract(db(), sales, milestoneContract(party), { approver: manager, start: true });
    const [ms] = await milestonesOf(db(), id);
    const before = await contractRow(db(), id);
    const o = other.users.sales.scope;
    const om = other.users.manager.scope;
    expect(await getContractDetail(db(), o, id, TODAY)).toBeUndefined();
    expect((await listContracts(db(), o, {}, TODAY)).rows.map((r) => r.id)).not.toContain(id);
    const results = [
      await updateContract(db(), o, id, milestoneContract(party), before.updated_at),
      await submitForSigning(db(), o, id, {}),
      await approveContract(db(), om, id, {}),
      await returnContract(db(), om, id, "不", {}),
      await startContract(db(), o, id, {}),
      await finishContract(db(), o, id, { today: TODAY }),
      await terminateContract(db(), o, id, { date: "2026-03-01", reason: "不", earned: "" }, {}),
      await renewContract(db(), o, id),
      await acceptMilestone(db(), o, id, ms.id, { date: "2026-02-01", note: "" }, TODAY),
      await recordMilestoneDelivery(db(), o, id, ms.id, "2026-02-01", TODAY),
      await saveDeliverable(db(), o, id, null, DELIVERABLE),
      await addWorkLog(db(), o, id, { rateId: "x", date: "2026-02-01", quantity: 1, note: "" }, TODAY),
    ];
    for (const r of results) expect(r).toEqual({ ok: false, status: 404, errors: { form: "合同不存在" } });
    expect(await contractRow(db(), id)).toEqual(before);
    expect((await milestonesOf(db(), id))[0].accepted_on).toBeNull();
    expect(await db().selectFrom("contract_deliverables").select("id").where("contract_id", "=", id).execute()).toEqual([]);
    expect(await db().selectFrom("audit_log").select("id").where("entity_id", "=", id).where("center_id", "=", other.id).execute()).toEqual([]);
  });

  it("leaves an audit row with entity 'contract' for every write", async () => {
    const c = await makeCenter(db());
    const s = c.users.sales.scope;
    const p = await contractParty(db(), s);
    const ids = [
      await signedContract(db(), s, milestoneContract(p), { approver: c.users.manager.scope, start: true }),
      await signedContract(db(), s, monthlyContract(p), { approver: c.users.manager.scope }),
      await signedContract(db(), s, tmContract(p), { start: true }),
    ];
    const [fixed, monthly, tm] = ids;
    must(await saveDeliverable(db(), s, fixed, null, DELIVERABLE));
    must(await recordMilestoneDelivery(db(), s, fixed, (await milestonesOf(db(), fixed))[0].id, "2026-01-05", TODAY));
    must(await acceptMilestone(db(), s, fixed, (await milestonesOf(db(), fixed))[0].id, { date: "2026-01-06", note: "" }, TODAY));
    must(await terminateContract(db(), s, fixed, { date: "2026-02-01", reason: "取消", earned: "" }, {}));
    const renewal = must(await renewContract(db(), s, monthly));
    must(await addWorkLog(db(), s, tm, { rateId: (await ratesOf(db(), tm))[0].id, date: "2026-01-02", quantity: 1, note: "" }, TODAY));
    must(await finishContract(db(), s, tm, { today: TODAY }));

    const rows = await db().selectFrom("audit_log").select(["entity", "action", "entity_id", "user_id"]).where("center_id", "=", c.id).where("entity_id", "in", [...ids, renewal]).execute();
    expect(new Set(rows.map((r) => r.entity))).toEqual(new Set(["contract"]));
    const byContract = (id: string) => rows.filter((r) => r.entity_id === id).map((r) => r.action).sort();
    expect(byContract(fixed)).toEqual(["accept_milestone", "add_deliverable", "approve", "create", "deliver_milestone", "start", "submit", "terminate"]);
    expect(byContract(monthly)).toEqual(["approve", "create", "submit"]);
    expect(byContract(tm)).toEqual(["create", "finish", "log_work", "sign", "start"]);
    expect(byContract(renewal)).toEqual(["renew"]);
    expect(rows.every((r) => r.user_id === s.userId || r.user_id === c.users.manager.id)).toBe(true);
  });
});
