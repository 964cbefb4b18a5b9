// Issuing bills and correcting them on both databases: problems listed before issue, gapless
// numbers under concurrency, immutability, red-letter credits and the status words that follow,
// the bill views, tenancy and permissions.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, parseDatabaseUrl } from "../../db/connection";
import { addManualLine, issueBill, issueBills, issueProblems, removeDraftLine, updateDraft } from "../../app/modules/billing/bills.server";
import { getBill, listBills } from "../../app/modules/billing/bill-views.server";
import { createCredit } from "../../app/modules/billing/credits.server";
import { setBillingPlan } from "../../app/modules/billing/plans.server";
import { lineMoney } from "../../app/modules/billing/tax";
import { categoryIdByCode } from "../../app/modules/categories/categories.server";
import { addSponsor, createEvent } from "../../app/modules/events/events.server";
import { describeEachDb } from "../support/db";
import { makeClient } from "../support/factory";
import { insertPayment } from "../support/ledger-bills";
import {
  AD_CODE, billableClient, type BillingWorld, billingWorld, billsOf, confirmedOrder, generate, issue, issuedBill, linesOf, manualDraft,
} from "../support/billing";

const money = (b: { net_fen: number; tax_fen: number; total_fen: number }) => [Number(b.net_fen), Number(b.tax_fen), Number(b.total_fen)];

describeEachDb("issuing and correcting bills", ({ db, dialect }) => {
  let w: BillingWorld;

  beforeAll(async () => {
    w = await billingWorld(db());
  });

  const billRow = (id: string) => db().selectFrom("bills").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("issues a generated draft with its number, the buyer's details, a due date and totals, then refuses every change", async () => {
    const world = await billingWorld(db());
    const clientId = await billableClient(db(), world.sales);
    const { orderId } = await confirmedOrder(db(), world.sales, clientId, [
      { from: "2026-02-01", to: "2026-02-10", netFen: 12_345_67 },
      { from: "2026-02-11", to: "2026-02-20", netFen: 7_654_33 },
    ]);
    await setBillingPlan(db(), world.finance, { kind: "order", id: orderId }, { schedule: "once_start", paymentDays: 15 });
    await generate(db(), world.finance, "2026-02-28");
    const [draft] = await billsOf(db(), world.center.id, clientId);
    expect(await updateDraft(db(), world.finance, draft.id, { invoiceKind: "special", notes: "二月投放" })).toMatchObject({ ok: true });
    expect(await issueProblems(db(), world.finance, draft.id)).toEqual({ ok: true, problems: [] });

    expect(await issueBill(db(), world.finance, draft.id, { issueDate: "2026-03-05" })).toEqual({ ok: true, id: draft.id, number: "ZD2026-000001" });
    const bill = await billRow(draft.id);
    const lines = await linesOf(db(), draft.id);
    const expected = [lineMoney(12_345_67, true, 600), lineMoney(7_654_33, true, 600)];
    expect(bill).toMatchObject({
      status: "issued", number: "ZD2026-000001", invoice_kind: "special", issue_date: "2026-03-05", due_date: "2026-03-20", notes: "二月投放",
      buyer_tax_id: "91350100M000100Y43", buyer_address_phone: "城关镇人民路 1 号 0591-87654321", buyer_bank_account: "中国工商银行城关支行 1402000000000000001",
      issued_by: world.finance.userId,
    });
    expect(money(bill)).toEqual([expected[0].net_fen + expected[1].net_fen, expected[0].tax_fen + expected[1].tax_fen, 20_000_00]);

    const again = await issueBill(db(), world.finance, draft.id, { issueDate: "2026-03-06" });
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect(await updateDraft(db(), world.finance, draft.id, { notes: "改" })).toMatchObject({ ok: false, status: 409 });
    expect(await removeDraftLine(db(), world.finance, draft.id, lines[0].id)).toMatchObject({ ok: false, status: 409 });
    const categoryId = (await categoryIdByCode(db(), world.finance, "outdoor.static"))!;
    expect(await addManualLine(db(), world.finance, draft.id, { categoryId, taxCode: AD_CODE, description: "加一行", amountFen: 100, taxIncluded: true })).toMatchObject({ ok: false, status: 409 });
    await generate(db(), world.finance, "2026-12-31");
    expect(await billRow(draft.id)).toEqual(bill);
    expect(await linesOf(db(), draft.id)).toEqual(lines);
    expect(await billsOf(db(), world.center.id, clientId)).toHaveLength(1);
    const audit = await db().selectFrom("audit_log").select("action").where("entity_id", "=", draft.id).orderBy("at").execute();
    expect(audit.map((a) => a.action)).toEqual(["generate_create", "update", "issue"]);
  });

  it("gives 200 bills issued at once 200 distinct consecutive numbers", async () => {
    const world = await billingWorld(db());
    const clientId = await billableClient(db(), world.sales);
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push(await manualDraft(db(), world.finance, clientId, [{ amountFen: 1_000_00 + i }]));
    // On MariaDB a pool of 50 connections, so many issuing transactions really wait on each other.
    const url = inject("mysqlUrl");
    const racing = dialect === "mysql" && url ? createDb(parseDatabaseUrl(`${url}?connectionLimit=50`)) : db();
    try {
      const results = await Promise.all(ids.map((id) => issueBill(racing, world.finance, id, { issueDate: "2026-04-01" })));
      expect(results.every((r) => r.ok)).toBe(true);
    } finally {
      if (racing !== db()) await racing.destroy();
    }
    const numbers = (await db().selectFrom("bills").select("number").where("center_id", "=", world.center.id).execute()).map((r) => r.number).sort();
    expect(numbers).toEqual(Array.from({ length: 200 }, (_v, i) => `ZD2026-${String(i + 1).padStart(6, "0")}`));
  }, 120_000);

  it("lists every problem before issue and issues nothing while one remains", async () => {
    const noBank = await billableClient(db(), w.sales, { bank_name: "", bank_account: "" });
    const draftId = await manualDraft(db(), w.finance, noBank, [{ amountFen: 5_000_00 }]);
    await updateDraft(db(), w.finance, draftId, { invoiceKind: "special" });
    const listed = await issueProblems(db(), w.finance, draftId);
    expect(listed).toMatchObject({ ok: true, problems: [expect.stringContaining("开户银行和账号")] });
    const refused = await issueBill(db(), w.finance, draftId, { issueDate: "2026-03-15" });
    expect(refused).toMatchObject({ ok: false, status: 400, errors: { form: expect.stringContaining("开户银行和账号") } });
    expect(await billRow(draftId)).toMatchObject({ status: "draft", number: null });
    expect(await getBill(db(), w.manager, draftId)).toMatchObject({ ok: true, bill: { status_word: "草稿", problems: (listed as { problems: string[] }).problems } });

    // 普票: organisations need their tax id, individuals do not.
    const noTaxId = await billableClient(db(), w.sales, { credit_code: "" });
    const orgDraft = await manualDraft(db(), w.finance, noTaxId, [{ amountFen: 1_00 }]);
    expect(await issueProblems(db(), w.finance, orgDraft)).toMatchObject({ problems: [expect.stringContaining("纳税人识别号")] });
    const person = await makeClient(db(), w.sales, { kind: "individual" });
    expect(await issueProblems(db(), w.finance, await manualDraft(db(), w.finance, person, [{ amountFen: 1_00 }]))).toEqual({ ok: true, problems: [] });

    // A sponsorship of a category without a tax code, and a bill without lines.
    const client = await billableClient(db(), w.sales);
    const event = await createEvent(db(), w.sales, { title: "元宵晚会", type: "gala", venue: "县剧院", starts_at: "2026-03-01T19:00", ends_at: "2026-03-01T21:00", owner_id: w.sales.userId!, category_id: "", budget: 0, notes: "" });
    if (!event.ok) throw new Error("event not created");
    await addSponsor(db(), w.sales, event.id, { client_id: client, package: "冠名", amount: 20_000_00 });
    // A center that has not chosen a tax code for its events.
    await db().updateTable("revenue_categories").set({ vat_item_code: "" }).where("center_id", "=", w.center.id).where("code", "=", "event").execute();
    await generate(db(), w.finance, "2026-03-31");
    const [eventBill] = await billsOf(db(), w.center.id, client);
    const [eventLine] = await linesOf(db(), eventBill.id);
    expect(eventLine.tax_code).toBe("");
    expect(await issueProblems(db(), w.finance, eventBill.id)).toMatchObject({ problems: [expect.stringContaining("没有税收分类编码")] });
    expect(await removeDraftLine(db(), w.finance, eventBill.id, eventLine.id)).toMatchObject({ ok: true });
    expect(await issueProblems(db(), w.finance, eventBill.id)).toMatchObject({ problems: ["账单没有明细行"] });
    expect(money(await billRow(eventBill.id))).toEqual([0, 0, 0]);
  });

  it("credits part of an invoice and then the rest, the original's status following", async () => {
    const clientId = await billableClient(db(), w.sales);
    const original = await issuedBill(db(), w.finance, clientId, [{ amountFen: 10_000_01 }, { amountFen: 5_000_00, taxIncluded: false }], "2026-03-15");
    const [l1, l2] = await linesOf(db(), original.id);
    const total = Number((await billRow(original.id)).total_fen);
    expect(await getBill(db(), w.finance, original.id, "2026-03-31")).toMatchObject({ ok: true, bill: { status_word: "未收款", open_fen: total } });

    expect(await createCredit(db(), w.finance, original.id, { reason: "销售折让", issueDate: "2026-03-20", lines: [{ originalLineId: l1.id, amountFen: 10_000_02 }] })).toMatchObject({
      ok: false, status: 400, errors: { [`line_${l1.id}`]: expect.stringContaining("最多还可冲红") },
    });
    expect(await createCredit(db(), w.finance, original.id, { reason: "打折", issueDate: "2026-03-20", full: true })).toMatchObject({ ok: false, status: 400 });
    expect(await createCredit(db(), w.finance, original.id, { reason: "销售折让", issueDate: "2026-03-01", full: true })).toMatchObject({ ok: false, status: 400 });
    const partial = await createCredit(db(), w.finance, original.id, { reason: "销售折让", issueDate: "2026-03-20", lines: [{ originalLineId: l1.id, amountFen: 3_000_00 }] });
    expect(partial).toMatchObject({ ok: true, number: expect.stringMatching(/^ZD2026-\d{6}$/) });
    const partialId = (partial as { id: string }).id;
    const [p1] = await linesOf(db(), partialId);
    expect(p1).toMatchObject({ original_line_id: l1.id, tax_code: AD_CODE });
    expect(money(p1)).toEqual(money(lineMoney(-3_000_00, true, 600)));
    expect(Number(p1.amount_fen)).toBe(-3_000_00);
    expect(await billRow(partialId)).toMatchObject({ kind: "credit", status: "issued", original_bill_id: original.id, credit_reason: "销售折让", issue_date: "2026-03-20" });
    const afterPartial = await getBill(db(), w.finance, original.id, "2026-03-31");
    const credited = -Number((await billRow(partialId)).total_fen);
    // Part credited, nothing received: still 未收款.
    expect(afterPartial).toMatchObject({ ok: true, bill: { status_word: "未收款", credited_fen: credited, open_fen: total - credited } });
    expect(await getBill(db(), w.finance, original.id, "2026-03-19")).toMatchObject({ bill: { status_word: "未收款", open_fen: total } });

    const full = await createCredit(db(), w.finance, original.id, { reason: "服务中止", issueDate: "2026-03-25", full: true });
    expect(full).toMatchObject({ ok: true });
    const restLines = await linesOf(db(), (full as { id: string }).id);
    expect(restLines.map((l) => [l.original_line_id, Number(l.amount_fen)])).toEqual([[l1.id, -7_000_01], [l2.id, -5_000_00]]);
    // The untouched line is mirrored exactly; the partly credited one nets to zero with its credits.
    expect(money(restLines[1])).toEqual(money(l2).map((x) => -x));
    expect([0, 1, 2].map((i) => money(l1)[i] + money(p1)[i] + money(restLines[0])[i])).toEqual([0, 0, 0]);
    const detail = await getBill(db(), w.finance, original.id, "2026-03-31");
    expect(detail).toMatchObject({ ok: true, bill: { status_word: "已红冲", open_fen: 0, credited_fen: total } });
    expect((detail as { bill: { credits: unknown[] } }).bill.credits).toHaveLength(2);
    expect(await getBill(db(), w.finance, partialId)).toMatchObject({ bill: { status_word: "红字发票", original: { id: original.id, number: original.number } } });
    expect(await createCredit(db(), w.finance, original.id, { reason: "服务中止", issueDate: "2026-03-26", full: true })).toMatchObject({ ok: false, status: 409 });
    expect(await createCredit(db(), w.finance, partialId, { reason: "服务中止", issueDate: "2026-03-26", full: true })).toMatchObject({ ok: false, status: 409 });
  });

  it("bills again what was credited as a wrong invoice, but not a discount", async () => {
    const clientId = await billableClient(db(), w.sales);
    await confirmedOrder(db(), w.sales, clientId, [{ from: "2026-05-01", to: "2026-05-02", netFen: 8_000_00 }]);
    await generate(db(), w.finance, "2026-05-31");
    const [first] = await billsOf(db(), w.center.id, clientId);
    await issue(db(), w.finance, first.id, "2026-05-03");
    const [line] = await linesOf(db(), first.id);
    expect(await createCredit(db(), w.finance, first.id, { reason: "销售折让", issueDate: "2026-05-04", lines: [{ originalLineId: line.id, amountFen: 1_000_00 }] })).toMatchObject({ ok: true });
    await generate(db(), w.finance, "2026-05-31");
    expect((await billsOf(db(), w.center.id, clientId)).filter((b) => b.status === "draft")).toEqual([]);
    expect(await createCredit(db(), w.finance, first.id, { reason: "开票有误", issueDate: "2026-05-05", full: true })).toMatchObject({ ok: true });
    await generate(db(), w.finance, "2026-05-31");
    const [redo] = (await billsOf(db(), w.center.id, clientId)).filter((b) => b.status === "draft");
    expect((await linesOf(db(), redo.id)).map((l) => [l.source_key, Number(l.amount_fen)])).toEqual([[line.source_key, 7_000_00]]);
  });

  it("lists bills with filters, payment status and totals", async () => {
    const world = await billingWorld(db());
    const a = await billableClient(db(), world.sales);
    const b = await billableClient(db(), world.sales2);
    const paid = await issuedBill(db(), world.finance, a, [{ amountFen: 1_000_00 }], "2026-03-01");
    const part = await issuedBill(db(), world.finance, a, [{ amountFen: 2_000_00 }], "2026-03-10");
    const open = await issuedBill(db(), world.finance, b, [{ amountFen: 4_000_00 }], "2026-04-01");
    const draft = await manualDraft(db(), world.finance, b, [{ amountFen: 9_00 }]);
    await insertPayment(db(), { centerId: world.center.id, clientId: a, receivedOn: "2026-03-20", amountFen: 1_500_00, allocations: [{ billId: paid.id, amountFen: 1_000_00 }, { billId: part.id, amountFen: 500_00 }] });
    // A bounced payment counts for nothing from its reversal on.
    await insertPayment(db(), { centerId: world.center.id, clientId: b, receivedOn: "2026-04-02", amountFen: 4_000_00, reversedOn: "2026-04-05", allocations: [{ billId: open.id, amountFen: 4_000_00 }] });

    const all = await listBills(db(), world.finance, { asOf: "2026-04-30" });
    if (!all.ok) throw new Error("refused");
    expect(all.list.total).toBe(4);
    // Drafts first (work still to do), then the issued by issue date, newest first.
    expect(all.list.rows.map((r) => r.id)).toEqual([draft, open.id, part.id, paid.id]);
    expect(all.list.rows.map((r) => r.status_word)).toEqual(["草稿", "未收款", "部分收款", "已收清"]);
    expect(all.list.totals).toEqual({ net_fen: all.list.rows.reduce((s, r) => s + r.net_fen, 0), tax_fen: all.list.rows.reduce((s, r) => s + r.tax_fen, 0), total_fen: 7_009_00, open_fen: 1_500_00 + 4_000_00 });
    const onTheFourth = await listBills(db(), world.finance, { asOf: "2026-04-04", paymentStatus: "已收清" });
    expect(onTheFourth.ok && onTheFourth.list.rows.map((r) => r.id).sort()).toEqual([open.id, paid.id].sort());
    const partly = await listBills(db(), world.finance, { asOf: "2026-04-30", paymentStatus: "部分收款" });
    expect(partly.ok && partly.list).toMatchObject({ total: 1, totals: { open_fen: 1_500_00 } });
    const march = await listBills(db(), world.finance, { status: "issued", issuedFrom: "2026-03-01", issuedTo: "2026-03-31", clientId: a, asOf: "2026-04-30" });
    expect(march.ok && march.list.rows.map((r) => r.id)).toEqual([part.id, paid.id]);
    const page2 = await listBills(db(), world.finance, { pageSize: 3, page: 2, asOf: "2026-04-30" });
    expect(page2.ok && page2.list).toMatchObject({ total: 4, page: 2, rows: [{ id: paid.id }] });
    const byRep = await listBills(db(), world.manager, { ownerId: world.sales2.userId!, asOf: "2026-04-30" });
    expect(byRep.ok && byRep.list.rows.map((r) => r.id)).toEqual([draft, open.id]);
    // A sales rep reads the bills of their own clients only.
    const mine = await listBills(db(), world.sales, { asOf: "2026-04-30" });
    expect(mine.ok && mine.list.rows.map((r) => r.id)).toEqual([part.id, paid.id]);
    expect(await getBill(db(), world.sales, open.id)).toMatchObject({ ok: false, status: 404 });
    const detail = await getBill(db(), world.sales, part.id, "2026-04-30");
    expect(detail).toMatchObject({ ok: true, bill: { paid_fen: 500_00, open_fen: 1_500_00, allocations: [{ amount_fen: 500_00, allocated_on: "2026-03-20" }], lines: [{ printed_name: "*广告服务*广告发布费" }] } });
  });

  describe("tenancy and permissions", () => {
    it("answers 404 for another center's bill and 403 to anyone but finance", async () => {
      const clientId = await billableClient(db(), w.sales);
      const draft = await manualDraft(db(), w.finance, clientId, [{ amountFen: 3_000_00 }]);
      const issued = await issuedBill(db(), w.finance, clientId, [{ amountFen: 3_000_00 }]);
      const stranger = (await billingWorld(db())).finance;
      expect(await getBill(db(), stranger, issued.id)).toMatchObject({ ok: false, status: 404 });
      expect(await issueBill(db(), stranger, draft, { issueDate: "2026-03-15" })).toMatchObject({ ok: false, status: 404 });
      expect(await updateDraft(db(), stranger, draft, { notes: "x" })).toMatchObject({ ok: false, status: 404 });
      expect(await issueProblems(db(), stranger, draft)).toMatchObject({ ok: false, status: 404 });
      expect(await createCredit(db(), stranger, issued.id, { reason: "开票有误", issueDate: "2026-03-20", full: true })).toMatchObject({ ok: false, status: 404 });
      for (const role of ["sales", "manager", "auditor"] as const) {
        const scope = w.center.users[role].scope;
        expect(await issueBill(db(), scope, draft, { issueDate: "2026-03-15" })).toMatchObject({ ok: false, status: 403 });
        expect(await issueBills(db(), scope, [draft], { issueDate: "2026-03-15" })).toMatchObject({ ok: false, status: 403 });
        expect(await updateDraft(db(), scope, draft, { invoiceKind: "special" })).toMatchObject({ ok: false, status: 403 });
        expect(await createCredit(db(), scope, issued.id, { reason: "开票有误", issueDate: "2026-03-20", full: true })).toMatchObject({ ok: false, status: 403 });
      }
      expect(await getBill(db(), w.center.users.auditor.scope, issued.id)).toMatchObject({ ok: true });
      const both = await issueBills(db(), w.finance, [draft, issued.id], { issueDate: "2026-03-16" });
      expect(both).toMatchObject({ ok: true, issued: [{ id: draft }], refused: [{ id: issued.id, status: 409 }] });
    });
  });
});
