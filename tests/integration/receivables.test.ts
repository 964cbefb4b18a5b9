// Receivables as of a day on both databases: open amounts and payment status words, the overdue
// list, aging at every bucket boundary (management by days overdue, statutory by days since issue)
// with per-client and per-rep totals equal to the open receivables to the fen, the .xlsx 账龄分析表
// whose totals row is the screen's, and another center's bills never counted.
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "../../app/modules/centers/centers.server";
import { type PaymentInput, recordPayment } from "../../app/modules/billing/payments.server";
import { exportAging } from "../../app/modules/billing/receivables-export.server";
import {
  aging, type AgingRow, bucketBounds, bucketIndex, bucketOfDate, MANAGEMENT_BUCKETS, openAmounts, overdueBills, paymentStatus, receivableOn, STATUTORY_BUCKETS,
} from "../../app/modules/billing/receivables.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { describeEachDb } from "../support/db";
import { makeCenter, makeClient, type TestCenter } from "../support/factory";
import { insertBill, insertCredit } from "../support/bills-direct";

const D = "2026-06-30";
const TODAY = "2026-11-27";
const MONEY = "#,##0.00;[Red]-#,##0.00";

const sumRows = (rows: AgingRow[], pick: (r: AgingRow) => number[]) => rows.reduce((acc, r) => acc.map((v, i) => v + pick(r)[i]), pick(rows[0]).map(() => 0));

async function workbookOf(stream: Readable) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return workbook;
}

describe("aging buckets", () => {
  it("puts day counts at the documented boundaries, and the date form agrees with the day form", () => {
    const management = [0, 1, 30, 31, 60, 61, 90, 91, 180, 181, 365, 366, -5].map((d) => MANAGEMENT_BUCKETS[bucketIndex(MANAGEMENT_BUCKETS, d)].label);
    expect(management).toEqual(["未到期", "1–30天", "1–30天", "31–60天", "31–60天", "61–90天", "61–90天", "91–180天", "91–180天", "181–365天", "181–365天", ">365天", "未到期"]);
    const statutory = [0, 365, 366, 730, 731, 1095, 1096].map((d) => STATUTORY_BUCKETS[bucketIndex(STATUTORY_BUCKETS, d)].label);
    expect(statutory).toEqual(["1年以内", "1年以内", "1–2年", "1–2年", "2–3年", "2–3年", "3年以上"]);
    for (const buckets of [MANAGEMENT_BUCKETS, STATUTORY_BUCKETS]) {
      const bounds = bucketBounds(buckets, "2028-03-01");
      for (let d = -40; d <= 1200; d++) expect(bucketOfDate(bounds, addDays("2028-03-01", -d))).toBe(bucketIndex(buckets, d));
    }
  });

  it("names the payment status from total, paid and credited", () => {
    expect([paymentStatus(100, 0, 0), paymentStatus(100, 40, 0), paymentStatus(100, 0, 40), paymentStatus(100, 60, 40), paymentStatus(100, 100, 0), paymentStatus(100, 0, 100), paymentStatus(100, 30, 100)]).toEqual([
      // Part credited with nothing received is still 未收款: no money has come in.
      "未收款", "部分收款", "未收款", "已收清", "已收清", "已红冲", "已红冲",
    ]);
  });
});

describeEachDb("receivables", ({ db }) => {
  let center: TestCenter;
  let other: TestCenter;
  let secondRep: string;

  const pay = async (c: TestCenter, clientId: string, over: Partial<PaymentInput>) => {
    const input: PaymentInput = { clientId, receivedOn: D, amountFen: 1, method: "transfer", payer: "", reference: "", notes: "", allocate: "auto", ...over };
    const result = await recordPayment(db(), c.users.finance.scope, input, TODAY);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result;
  };

  beforeAll(async () => {
    center = await makeCenter(db());
    other = await makeCenter(db());
    secondRep = await insertUser(db(), center.id, { username: `${center.code}-sales2`, displayName: "二号销售", role: "sales", passwordHash: "x" });
  });

  it("buckets every boundary day of overdue and of age, per client and per rep, with totals equal to the open receivables", async () => {
    const sales = center.users.sales.scope;
    const dueClient = await makeClient(db(), sales, { name: `到期测试${center.code}` });
    const ageClient = await makeClient(db(), sales, { name: `账龄测试${center.code}` });
    const overdue = [0, 1, 30, 31, 60, 61, 90, 91, 180, 181, 365, 366, -10];
    const expectedManagement = [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 0];
    const management = MANAGEMENT_BUCKETS.map(() => 0);
    const dueStatutory = STATUTORY_BUCKETS.map(() => 0);
    for (const [i, days] of overdue.entries()) {
      const due = addDays(D, -days);
      const amount = (i + 1) * 10_000;
      await insertBill(db(), center.id, { clientId: dueClient, ownerId: i % 2 ? secondRep : center.users.sales.id, issueDate: addDays(due, -30), dueDate: due, totalFen: amount });
      management[expectedManagement[i]] += amount;
      dueStatutory[days + 30 <= 365 ? 0 : 1] += amount;
    }
    // Partly paid, and paid after D (which must not count on D).
    const paid = await insertBill(db(), center.id, { clientId: dueClient, ownerId: null, issueDate: addDays(D, -45), dueDate: addDays(D, -15), totalFen: 500_000 });
    await pay(center, dueClient, { amountFen: 200_000, allocate: [{ billId: paid.id, amountFen: 200_000 }], receivedOn: addDays(D, -1) });
    await pay(center, dueClient, { amountFen: 100_000, allocate: [{ billId: paid.id, amountFen: 100_000 }], receivedOn: addDays(D, 1) });
    management[1] += 300_000;
    dueStatutory[0] += 300_000;

    const ages = [365, 366, 730, 731, 1095, 1096];
    const expectedStatutory = [0, 1, 1, 2, 2, 3];
    const statutory = STATUTORY_BUCKETS.map(() => 0);
    for (const [i, days] of ages.entries()) {
      const amount = (i + 1) * 1_000_000 + 1;
      await insertBill(db(), center.id, { clientId: ageClient, ownerId: secondRep, issueDate: addDays(D, -days), totalFen: amount });
      statutory[expectedStatutory[i]] += amount;
    }
    // Issued after D: not a receivable on D.
    await insertBill(db(), center.id, { clientId: ageClient, issueDate: addDays(D, 1), totalFen: 777_777 });

    const result = await aging(db(), center.users.manager.scope, D);
    const dueRow = result.byClient.find((r) => r.key === dueClient)!;
    const ageRow = result.byClient.find((r) => r.key === ageClient)!;
    expect(dueRow.management).toEqual(management);
    expect(dueRow.statutory).toEqual(dueStatutory);
    expect(ageRow.statutory).toEqual(statutory);
    // Due 30 days after issue: 335 and 336 days overdue for the bills issued 365 and 366 days before D.
    expect(ageRow.management).toEqual([0, 0, 0, 0, 0, 3_000_002, statutory.reduce((a, b) => a + b, 0) - 3_000_002]);
    expect(dueRow.name).toBe(`到期测试${center.code}`);

    const bills = await openAmounts(db(), center.users.auditor.scope, D);
    const open = bills.reduce((s, b) => s + b.open_fen, 0);
    expect(result.totals.total_fen).toBe(open);
    expect(await receivableOn(db(), center.users.manager.scope, D)).toBe(open);
    for (const rows of [result.byClient, result.byRep]) {
      expect(rows.reduce((s, r) => s + r.total_fen, 0)).toBe(open);
      expect(sumRows(rows, (r) => r.management)).toEqual(result.totals.management);
      expect(sumRows(rows, (r) => r.statutory)).toEqual(result.totals.statutory);
    }
    for (const row of [...result.byClient, ...result.byRep, result.totals]) {
      expect(row.management.reduce((a, b) => a + b, 0)).toBe(row.total_fen);
      expect(row.statutory.reduce((a, b) => a + b, 0)).toBe(row.total_fen);
    }
    expect(result.byRep.map((r) => r.name).sort()).toEqual(["sales用户", "二号销售", "（未指定）"].sort());
    const byOwner = (ownerId: string | null) => bills.filter((b) => b.owner_id === ownerId).reduce((s, b) => s + b.open_fen, 0);
    expect(result.byRep.find((r) => r.key === secondRep)!.total_fen).toBe(byOwner(secondRep));
    expect(result.byRep.find((r) => r.key === "")!.total_fen).toBe(byOwner(null));

    const workbook = await workbookOf(exportAging(db(), center.users.manager.scope, D, { centerName: "测试中心", exportedAt: "2026-07-01 09:00" }));
    for (const [name, rows] of [["按客户", result.byClient], ["按销售", result.byRep]] as const) {
      const sheet = workbook.getWorksheet(name)!;
      expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([name === "按客户" ? "客户" : "销售负责人", "应收余额", "未到期", "逾期1–30天", "逾期31–60天", "逾期61–90天", "逾期91–180天", "逾期181–365天", "逾期>365天", "账龄1年以内", "账龄1–2年", "账龄2–3年", "账龄3年以上"]);
      expect(sheet.rowCount).toBe(3 + rows.length + 1);
      const last = sheet.getRow(sheet.rowCount);
      expect((last.values as unknown[]).slice(1)).toEqual(["合计", result.totals.total_fen / 100, ...result.totals.management.map((v) => v / 100), ...result.totals.statutory.map((v) => v / 100)]);
      expect(last.getCell(2).numFmt).toBe(MONEY);
    }
  });

  it("gives status words and open amounts as of a day, counting credits from their issue day only", async () => {
    const clientId = await makeClient(db(), center.users.sales.scope);
    const unpaid = await insertBill(db(), center.id, { clientId, issueDate: "2026-03-01", totalFen: 100_000 });
    const partial = await insertBill(db(), center.id, { clientId, issueDate: "2026-03-02", totalFen: 100_000 });
    const settled = await insertBill(db(), center.id, { clientId, issueDate: "2026-03-03", totalFen: 100_000 });
    const credited = await insertBill(db(), center.id, { clientId, issueDate: "2026-03-04", totalFen: 100_000 });
    const mixed = await insertBill(db(), center.id, { clientId, issueDate: "2026-03-05", totalFen: 100_000 });
    await pay(center, clientId, { receivedOn: "2026-04-01", amountFen: 40_000, allocate: [{ billId: partial.id, amountFen: 40_000 }] });
    await pay(center, clientId, { receivedOn: "2026-04-01", amountFen: 100_000, allocate: [{ billId: settled.id, amountFen: 100_000 }] });
    await insertCredit(db(), center.id, credited.id, { issueDate: "2026-05-01", full: true, reason: "开票有误" });
    await insertCredit(db(), center.id, mixed.id, { issueDate: "2026-05-02", amountFen: 30_000, reason: "销售折让" });
    await insertCredit(db(), center.id, unpaid.id, { issueDate: "2026-05-02", amountFen: 50_000, status: "draft" });
    await pay(center, clientId, { receivedOn: "2026-05-03", amountFen: 70_000, allocate: [{ billId: mixed.id, amountFen: 70_000 }] });
    const on = async (asOf: string) => new Map((await openAmounts(db(), center.users.finance.scope, asOf, { clientId })).map((b) => [b.id, [b.status, b.open_fen]]));
    const before = await on("2026-04-30");
    expect([before.get(unpaid.id), before.get(partial.id), before.get(settled.id), before.get(credited.id), before.get(mixed.id)]).toEqual([
      ["未收款", 100_000], ["部分收款", 60_000], ["已收清", 0], ["未收款", 100_000], ["未收款", 100_000],
    ]);
    const after = await on("2026-05-03");
    expect([after.get(unpaid.id), after.get(credited.id), after.get(mixed.id)]).toEqual([["未收款", 100_000], ["已红冲", 0], ["已收清", 0]]);
    expect((await on("2026-05-02")).get(mixed.id)).toEqual(["未收款", 70_000]);
    expect((await on("2026-02-28")).size).toBe(0);
    expect(await receivableOn(db(), center.users.finance.scope, "2026-05-03", clientId)).toBe(160_000);
  });

  it("lists overdue bills: due before the day with money open, most overdue first", async () => {
    const clientId = await makeClient(db(), center.users.sales.scope);
    const older = await insertBill(db(), center.id, { clientId, issueDate: "2026-01-01", dueDate: "2026-01-31", totalFen: 10_000 });
    const newer = await insertBill(db(), center.id, { clientId, issueDate: "2026-02-01", dueDate: "2026-03-03", totalFen: 20_000 });
    const dueToday = await insertBill(db(), center.id, { clientId, issueDate: "2026-02-01", dueDate: "2026-03-10", totalFen: 30_000 });
    const paid = await insertBill(db(), center.id, { clientId, issueDate: "2026-01-01", dueDate: "2026-01-15", totalFen: 40_000 });
    await pay(center, clientId, { receivedOn: "2026-02-01", amountFen: 40_000, allocate: [{ billId: paid.id, amountFen: 40_000 }] });
    await pay(center, clientId, { receivedOn: "2026-02-01", amountFen: 5_000, allocate: [{ billId: newer.id, amountFen: 5_000 }] });
    const list = await overdueBills(db(), center.users.manager.scope, "2026-03-10", { clientId });
    expect(list.map((b) => [b.id, b.days_overdue, b.open_fen, b.status])).toEqual([
      [older.id, 38, 10_000, "未收款"],
      [newer.id, 7, 15_000, "部分收款"],
    ]);
    expect(list.every((b) => b.id !== dueToday.id && b.client_name !== "")).toBe(true);
  });

  it("never counts another center's bills", async () => {
    const mine = await makeClient(db(), center.users.sales.scope);
    await insertBill(db(), center.id, { clientId: mine, issueDate: "2026-01-01", totalFen: 12_345 });
    const fresh = await makeCenter(db());
    const theirs = await makeClient(db(), fresh.users.sales.scope);
    await insertBill(db(), fresh.id, { clientId: theirs, issueDate: "2026-01-01", totalFen: 54_321 });
    const result = await aging(db(), fresh.users.manager.scope, D);
    expect(result.byClient.map((r) => [r.key, r.total_fen])).toEqual([[theirs, 54_321]]);
    expect(result.totals.total_fen).toBe(54_321);
    expect(await openAmounts(db(), other.users.manager.scope, D, { clientId: mine })).toEqual([]);
    expect(await receivableOn(db(), other.users.manager.scope, D, mine)).toBe(0);
    expect((await overdueBills(db(), other.users.manager.scope, D)).length).toBe(0);
  });
});
