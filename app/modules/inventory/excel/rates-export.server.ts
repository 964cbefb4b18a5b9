// The rate-card export (刊例价表): every card of the filtered units, oldest first per unit, as
// finance expects a money sheet: a title row, "单位：元", frozen headers, filters, real Excel dates,
// amounts as numbers with two decimals.
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Executor } from "~db/dialect";
import type { Daypart, RateCardRow } from "~db/schema";
import { t, tKey } from "~/i18n";
import type { Scope } from "~/modules/auth/scope";
import { DAYPARTS, SPOT_LENGTHS } from "../rate-card-form";
import type { PermitWindow, UnitFilter } from "../units.server";
import { excelDate } from "./cells";
import { enumLabel, RATE_TITLE, RATE_UNIT_NOTE } from "./columns";
import { filteredUnits } from "./export.server";
import { styleHeader } from "./workbook";

const MONEY_FMT = "#,##0.00";
const SPOTS = DAYPARTS.flatMap((daypart) => SPOT_LENGTHS.map((seconds) => ({ daypart, seconds })));

const COLUMNS: { header: string; width: number; numFmt?: string }[] = [
  { header: t("excel.rates.unitCode"), width: 14, numFmt: "@" },
  { header: t("excel.rates.unitName"), width: 24 },
  { header: t("excel.rates.medium"), width: 12 },
  { header: t("excel.rates.effectiveFrom"), width: 12, numFmt: "yyyy-mm-dd" },
  { header: t("excel.rates.inForce"), width: 10 },
  { header: t("excel.rates.basis"), width: 16 },
  { header: t("excel.rates.price"), width: 14, numFmt: MONEY_FMT },
  { header: t("excel.rates.minDays"), width: 9, numFmt: "0" },
  { header: t("excel.rates.surchargeFirst"), width: 10, numFmt: "0.00%" },
  { header: t("excel.rates.surchargeLast"), width: 10, numFmt: "0.00%" },
  ...SPOTS.map(({ daypart, seconds }) => ({ header: t("excel.rates.spotPrice", { daypart: tKey("daypart", daypart), seconds }), width: 11, numFmt: MONEY_FMT })),
];

const HEADER_ROW = 3;

/** MONEY: fen → yuan only at the edge, for the cell; Excel shows it with two decimals. */
const yuan = (fen: number) => Number(fen) / 100;

/** Which card is in force today: the latest one that has started. */
function inForceLabel(card: RateCardRow, cards: RateCardRow[], today: string): string {
  if (card.effective_from > today) return t("excel.rates.future");
  const current = cards.filter((c) => c.effective_from <= today).reduce((a, b) => (b.effective_from > a.effective_from ? b : a));
  return current.id === card.id ? t("excel.rates.current") : t("excel.rates.past");
}

export function exportRateCards(db: Executor, scope: Scope, filter: UnitFilter, window: PermitWindow, meta: { centerName: string; exportedAt: string }): Readable {
  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const sheet = workbook.addWorksheet(t("excel.sheet.rates"), { views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW, topLeftCell: "C4", activeCell: "C4" }] });
    sheet.columns = COLUMNS.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    const title = sheet.addRow([RATE_TITLE]);
    title.font = { bold: true, size: 16 };
    sheet.mergeCells(1, 1, 1, 6);
    sheet.addRow([RATE_UNIT_NOTE, `${meta.centerName}　导出时间 ${meta.exportedAt}`]);
    styleHeader(sheet.addRow(COLUMNS.map((c) => c.header)));
    sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: COLUMNS.length } };
    for await (const page of filteredUnits(db, scope, filter, window)) {
      const unitIds = page.map((p) => p.unit.id);
      const cards = await db.selectFrom("rate_cards").selectAll().where("center_id", "=", scope.centerId).where("unit_id", "in", unitIds).orderBy("effective_from").execute();
      const spots = cards.length
        ? await db.selectFrom("rate_card_spot_prices").selectAll().where("center_id", "=", scope.centerId).where("rate_card_id", "in", cards.map((c) => c.id)).execute()
        : [];
      const spotPrice = new Map(spots.map((s) => [`${s.rate_card_id}:${s.daypart}:${s.seconds}`, Number(s.price_fen)]));
      for (const { unit } of page) {
        const own = cards.filter((c) => c.unit_id === unit.id);
        for (const card of own) {
          const price = (daypart: Daypart, seconds: number) => spotPrice.get(`${card.id}:${daypart}:${seconds}`);
          sheet
            .addRow([
              unit.code,
              unit.name,
              enumLabel("medium", unit.medium),
              excelDate(card.effective_from),
              inForceLabel(card, own, window.today),
              tKey("basis", card.basis),
              card.basis === "spot" ? null : yuan(card.price_fen),
              Number(card.min_days),
              Number(card.surcharge_first_bp) / 10000,
              Number(card.surcharge_last_bp) / 10000,
              ...SPOTS.map(({ daypart, seconds }) => {
                const fen = price(daypart, seconds);
                return fen === undefined ? null : yuan(fen);
              }),
            ])
            .commit();
        }
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))));
  return pass;
}
