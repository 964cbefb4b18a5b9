// The contracts export (服务合同台账, .xlsx): the contracts the list's filters select, on one sheet,
// and their milestones on a second, written the way finance reads money sheets (title row,
// "单位：元", real dates, two-decimal amounts with negatives in red, frozen headers, filters).
// The rows come page by page from the list's own query, so the file holds what the list shows.
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import { addMoneySheet, DATE_FORMAT, type MoneyColumn, MONEY_FORMAT, sheetCaughtUp, yuan } from "~/modules/excel/money-sheet.server";
import type { Executor } from "~db/dialect";
import { tKey } from "~/i18n";
import type { Scope } from "~/modules/auth/scope";
import { earnedBy, type IncomeEntry } from "~/modules/income/seam";
import { incomeEntries } from "~/modules/income/sources.server";
import { excelDate } from "~/modules/inventory/excel/cells";
import { IN_FORCE, isLate } from "./model";
import { type ContractFilter, listContracts } from "./views.server";



const CONTRACT_COLUMNS: MoneyColumn[] = [
  { header: "编号", width: 15, numFmt: "@" },
  { header: "名称", width: 30 },
  { header: "客户", width: 24 },
  { header: "收入类别", width: 18 },
  { header: "计价方式", width: 11 },
  { header: "负责人", width: 10 },
  { header: "签订日期", width: 11, numFmt: DATE_FORMAT },
  { header: "开始日期", width: 11, numFmt: DATE_FORMAT },
  { header: "结束日期", width: 11, numFmt: DATE_FORMAT },
  { header: "含税", width: 6 },
  { header: "合同金额", width: 14, numFmt: MONEY_FORMAT },
  { header: "月服务费", width: 12, numFmt: MONEY_FORMAT },
  { header: "已验收/已实现金额", width: 16, numFmt: MONEY_FORMAT },
  { header: "状态", width: 8 },
];

const MILESTONE_COLUMNS: MoneyColumn[] = [
  { header: "合同编号", width: 15, numFmt: "@" },
  { header: "序号", width: 6, numFmt: "0" },
  { header: "名称", width: 24 },
  { header: "比例", width: 8, numFmt: "0.00%" },
  { header: "金额", width: 14, numFmt: MONEY_FORMAT },
  { header: "计划日期", width: 11, numFmt: DATE_FORMAT },
  { header: "交付日期", width: 11, numFmt: DATE_FORMAT },
  { header: "验收日期", width: 11, numFmt: DATE_FORMAT },
  { header: "验收人", width: 10 },
  { header: "是否逾期", width: 8 },
];


type ListedContract = Awaited<ReturnType<typeof listContracts>>["rows"][number];

/** The filtered contracts, a list page at a time, in the list's order. */
export async function* exportedContracts(db: Executor, scope: Scope, filter: ContractFilter, today: string): AsyncGenerator<ListedContract[]> {
  for (let page = 1; ; page++) {
    const listed = await listContracts(db, scope, { ...filter, page }, today);
    if (listed.rows.length === 0) return;
    yield listed.rows;
    if (page * listed.pageSize >= listed.total) return;
  }
}

/**
 * MONEY: what each contract has earned by today, read through the income seam exactly as the
 * contract page counts it (accepted milestones, fee months served to the day, logged work, a
 * termination settlement once its day has come). Drafts and contracts awaiting approval earn nothing.
 */
async function earnedByContract(db: Executor, scope: Scope, today: string): Promise<Map<string, number>> {
  const entries = await incomeEntries(db, scope, { source: { kind: "contract" }, period: { from: "0001-01-01", to: today } });
  const byContract = new Map<string, IncomeEntry[]>();
  for (const e of entries) byContract.set(e.source.id, [...(byContract.get(e.source.id) ?? []), e]);
  return new Map([...byContract].map(([id, list]) => [id, earnedBy(list, today)]));
}

async function milestonesFor(db: Executor, scope: Scope, rows: ListedContract[]) {
  const list = await db
    .selectFrom("contract_milestones as m")
    .leftJoin("users as u", "u.id", "m.accepted_by")
    .select(["m.contract_id", "m.seq", "m.name", "m.percent_bp", "m.amount_fen", "m.planned_date", "m.delivered_on", "m.accepted_on", "u.display_name as accepted_by_name"])
    .where("m.center_id", "=", scope.centerId)
    .where("m.contract_id", "in", rows.map((r) => r.id))
    .orderBy("m.contract_id")
    .orderBy("m.seq")
    .execute();
  const byContract = new Map<string, typeof list>();
  for (const m of list) byContract.set(m.contract_id, [...(byContract.get(m.contract_id) ?? []), m]);
  return byContract;
}

/** What the filters say, in words, for the line under the title. */
async function filterText(db: Executor, scope: Scope, filter: ContractFilter): Promise<string> {
  const parts: string[] = [];
  if (filter.categoryId) {
    const c = await db
      .selectFrom("revenue_categories as c")
      .leftJoin("revenue_categories as p", "p.id", "c.parent_id")
      .select(["c.name", "p.name as parent"])
      .where("c.center_id", "=", scope.centerId)
      .where("c.id", "=", filter.categoryId)
      .executeTakeFirst();
    parts.push(`收入类别：${c ? (c.parent ? `${c.parent}/${c.name}` : c.name) : "（不存在）"}`);
  }
  if (filter.status) parts.push(`状态：${tKey("contracts.status", filter.status)}`);
  if (filter.ownerId) {
    const owner = await db.selectFrom("users").select("display_name").where("center_id", "=", scope.centerId).where("id", "=", filter.ownerId).executeTakeFirst();
    parts.push(`负责人：${owner?.display_name ?? "（不存在）"}`);
  }
  if (filter.client) parts.push(`客户含“${filter.client}”`);
  if (filter.endingSoon) parts.push("60天内到期");
  if (filter.q) parts.push(`关键词“${filter.q}”`);
  return parts.join("；");
}



export interface ContractsExportMeta {
  centerName: string;
  /** "YYYY-MM-DD HH:mm", Beijing time. */
  exportedAt: string;
  today: string;
}

/** Starts writing and returns the stream at once; the sheets are written one after the other. */
export function exportContracts(db: Executor, scope: Scope, filter: ContractFilter, meta: ContractsExportMeta): Readable {
  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const { page: _page, ...all } = filter;
  const write = async () => {
    const facts = [`${meta.centerName}　导出时间 ${meta.exportedAt}`, await filterText(db, scope, all)].filter(Boolean).join("　");

    const contractSheet = addMoneySheet(workbook, "合同", `服务合同台账（截至 ${meta.today}）`, facts, CONTRACT_COLUMNS);
    const earned = await earnedByContract(db, scope, meta.today);
    for await (const rows of exportedContracts(db, scope, all, meta.today)) {
      for (const k of rows) {
        contractSheet
          .addRow([
            k.number, k.title, k.client_name, k.category, tKey("contracts.pricing", k.pricing), k.owner_name ?? "",
            excelDate(k.signed_on), excelDate(k.start_date), excelDate(k.end_date), k.tax_included ? "是" : "否",
            yuan(k.amount_fen), k.pricing === "monthly" ? yuan(k.monthly_fee_fen) : null, yuan(earned.get(k.id) ?? 0), tKey("contracts.status", k.status),
          ])
          .commit();
      }
      await sheetCaughtUp(contractSheet, pass);
    }
    contractSheet.commit();

    const milestoneSheet = addMoneySheet(workbook, "里程碑", `合同里程碑明细（截至 ${meta.today}）`, facts, MILESTONE_COLUMNS);
    for await (const rows of exportedContracts(db, scope, all, meta.today)) {
      const milestones = await milestonesFor(db, scope, rows);
      for (const k of rows) {
        // A milestone is overdue only while its contract is in force, as on the late-milestone list.
        const inForce = IN_FORCE.includes(k.status);
        for (const m of milestones.get(k.id) ?? []) {
          milestoneSheet
            .addRow([
              k.number, Number(m.seq), m.name, Number(m.percent_bp) / 10000, yuan(m.amount_fen),
              excelDate(m.planned_date), excelDate(m.delivered_on), excelDate(m.accepted_on), m.accepted_by_name ?? "", inForce && isLate(m, meta.today) ? "是" : "否",
            ])
            .commit();
        }
      }
      await sheetCaughtUp(milestoneSheet, pass);
    }
    milestoneSheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))));
  return pass;
}
