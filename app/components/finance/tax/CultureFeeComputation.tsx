// The month's 文化事业建设费 worked out line by line, as the 计算表 sheet prints it.
import type { ReactNode } from "react";
import { t } from "~/i18n";
import type { CultureFeeMonth } from "~/modules/billing/culture-fee.server";
import { formatBasisPoints, formatFen } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";

/** The month's figures without its lines and deductions, which the page shows by count here. */
export type ComputationView = Omit<CultureFeeMonth, "lines" | "deductions"> & { lineCount: number; deductionCount: number };

/** The statutory 3 %: a lower rate in force is a reduction, and says so. */
const STATUTORY_BP = 300;

export function CultureFeeComputation({ c }: { c: ComputationView }) {
  const rateNote =
    c.rateBp === null ? t("tax.cf.noRate") : c.rateBp < STATUTORY_BP ? t("tax.cf.rateReduced", { statutory: formatBasisPoints(STATUTORY_BP), to: c.to }) : t("tax.cf.rateNote", { to: c.to });
  const rows: [string, ReactNode, ReactNode, string?][] = [
    [t("tax.cf.base"), formatFen(c.baseFen), t("tax.cf.baseNote", { count: c.lineCount })],
    [t("tax.cf.deductions"), formatFen(-c.deductionsFen), t("tax.cf.deductionsNote", { count: c.deductionCount })],
    [t("tax.cf.taxable"), formatFen(c.taxableFen), t("tax.cf.taxableNote")],
    [t("tax.cf.rate"), c.rateBp === null ? "—" : formatBasisPoints(c.rateBp), rateNote],
    [t("tax.cf.sales"), formatFen(c.salesFen), t("tax.cf.salesNote")],
    [t("tax.cf.threshold"), c.thresholdFen === null ? "—" : formatFen(c.thresholdFen), t(c.taxpayerStatus === "small" ? "tax.cf.thresholdSmall" : "tax.cf.thresholdGeneral")],
    [t("tax.cf.exempt"), c.exempt ? t("common.yes") : t("common.no"), ""],
  ];
  return (
    <table className="grid computation">
      <thead>
        <tr>
          <th>{t("tax.cf.item")}</th>
          <th className="num">{t("tax.cf.value")}</th>
          <th>{t("tax.cf.note")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value, note]) => (
          <tr key={label}>
            <td>{label}</td>
            <td className="num nowrap">{value}</td>
            <td className="muted">{note}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="fee-row">
          <td>{t("tax.cf.fee")}</td>
          <td className="num nowrap">{formatFen(c.feeFen)}</td>
          <td>
            <div>{c.reason}</div>
            <div className="money-words">{fenToChineseUpper(c.feeFen, { prefix: true })}</div>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
