// The receivables workbooks finance hands on: 应收账款账龄分析表 (a sheet per client and a sheet per
// sales rep, management and statutory buckets side by side, a totals row) and a client's 对账单.
// Both are written the way finance reads money sheets (title row, "单位：元", real dates, two-
// decimal amounts with negatives in red, frozen headers, filters). MONEY: every figure comes from
// the same functions as the screens, so a totals row is the number the screen shows.
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { addMoneySheet, DATE_FORMAT, type MoneyColumn, MONEY_FORMAT, sheetCaughtUp, yuan } from "~/modules/excel/money-sheet.server";
import { excelDate } from "~/modules/inventory/excel/cells";
import { aging, type AgingRow, MANAGEMENT_BUCKETS, STATUTORY_BUCKETS } from "./receivables.server";
import { type ClientStatement, clientStatement, STATEMENT_KIND_LABEL } from "./statement.server";

export interface ReceivablesExportMeta {
  centerName: string;
  /** "YYYY-MM-DD HH:mm", Beijing time. */
  exportedAt: string;
}

const money = (header: string, width = 14): MoneyColumn => ({ header, width, numFmt: MONEY_FORMAT });

function agingColumns(first: string): MoneyColumn[] {
  return [
    { header: first, width: 30 },
    money("应收余额", 16),
    ...MANAGEMENT_BUCKETS.map((b) => money(b.label === "未到期" ? "未到期" : `逾期${b.label}`)),
    ...STATUTORY_BUCKETS.map((b) => money(`账龄${b.label}`)),
  ];
}

const agingCells = (row: AgingRow) => [row.name, yuan(row.total_fen), ...row.management.map(yuan), ...row.statutory.map(yuan)];

/** The rule behind the buckets, printed under the title so the sheet explains itself. */
export const AGING_RULE = "逾期天数＝截止日－到期日（到期当日为未到期）；账龄＝截止日－开票日，365天以内为1年以内，366–730天为1–2年，731–1095天为2–3年，1096天起为3年以上";

/** 应收账款账龄分析表 on `asOf`: starts writing and returns the stream at once. */
export function exportAging(db: Executor, scope: Pick<Scope, "centerId">, asOf: string, meta: ReceivablesExportMeta): Readable {
  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const result = await aging(db, scope, asOf);
    const facts = `${meta.centerName}　导出时间 ${meta.exportedAt}　${AGING_RULE}`;
    const sheets: [string, string, AgingRow[]][] = [
      ["按客户", "客户", result.byClient],
      ["按销售", "销售负责人", result.byRep],
    ];
    for (const [name, first, rows] of sheets) {
      const sheet = addMoneySheet(workbook, name, `应收账款账龄分析表（${name}，截至 ${asOf}）`, facts, agingColumns(first));
      for (let i = 0; i < rows.length; i++) {
        sheet.addRow(agingCells(rows[i])).commit();
        if (i % 500 === 499) await sheetCaughtUp(sheet, pass);
      }
      const totals = sheet.addRow(agingCells(result.totals));
      totals.font = { bold: true };
      totals.commit();
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))));
  return pass;
}

const STATEMENT_COLUMNS: MoneyColumn[] = [
  { header: "日期", width: 12, numFmt: DATE_FORMAT },
  { header: "业务", width: 10 },
  { header: "单号/流水号", width: 22, numFmt: "@" },
  { header: "摘要", width: 40 },
  money("应收增加"),
  money("应收减少"),
  money("余额", 16),
];

function writeStatement(sheet: ExcelJS.Worksheet, s: ClientStatement) {
  const bold = (cells: unknown[]) => {
    const row = sheet.addRow(cells);
    row.font = { bold: true };
    row.commit();
  };
  bold([excelDate(s.from), "期初余额", null, `截至 ${s.opening.date}`, null, null, yuan(s.opening.balanceFen)]);
  for (const l of s.lines) {
    sheet.addRow([excelDate(l.date), STATEMENT_KIND_LABEL[l.kind], l.reference, l.description, l.debitFen ? yuan(l.debitFen) : null, l.creditFen ? yuan(l.creditFen) : null, yuan(l.balanceFen)]).commit();
  }
  const t = s.totals;
  bold([null, "本期合计", null, `开票 ${yuan(t.billsFen).toFixed(2)}，红字 ${yuan(t.creditsFen).toFixed(2)}，收款 ${yuan(t.paymentsFen).toFixed(2)}，退票 ${yuan(t.reversalsFen).toFixed(2)}`, yuan(t.billsFen + t.reversalsFen), yuan(t.creditsFen + t.paymentsFen), null]);
  bold([excelDate(s.to), "期末余额", null, `截至 ${s.to}`, null, null, yuan(s.closing.balanceFen)]);
  sheet.addRow([null, "其中", null, "应收账款余额", null, null, yuan(s.closing.receivableFen)]).commit();
  sheet.addRow([null, null, null, "减：未分配的预收款", null, null, yuan(s.closing.unallocatedFen)]).commit();
}

/** A client's 对账单 for the period as .xlsx; null when the client is not the caller's (or the period is not valid). */
export async function exportStatement(db: Executor, scope: Pick<Scope, "centerId">, clientId: string, period: { from: string; to: string }, meta: ReceivablesExportMeta): Promise<Readable | null> {
  const result = await clientStatement(db, scope, clientId, period);
  if (!result.ok) return null;
  const s = result.statement;
  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const sheet = addMoneySheet(workbook, "对账单", `对账单　${s.client.name}（${s.from} 至 ${s.to}）`, `${meta.centerName}　导出时间 ${meta.exportedAt}`, STATEMENT_COLUMNS);
    writeStatement(sheet, s);
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))));
  return pass;
}
