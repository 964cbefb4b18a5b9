// A year's fiscal subsidies with their total; finance deletes one recorded by mistake while its
// month is open (a closed month's rows say so instead of offering the button).
import { RowButton } from "~/components/finance/tax/RowForms";
import { t } from "~/i18n";
import type { SubsidyRow } from "~/modules/revenue/subsidies.server";
import { formatFen } from "~/utils/money";

export function SubsidiesTable({ rows, year, closedThrough, canEdit }: { rows: SubsidyRow[]; year: number; closedThrough: string | null; canEdit: boolean }) {
  const cols = canEdit ? 7 : 6;
  const totalFen = rows.reduce((s, r) => s + r.amountFen, 0);
  const closed = (r: SubsidyRow) => closedThrough !== null && r.receivedOn.slice(0, 7) <= closedThrough;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("subsidy.col.receivedOn")}</th>
          <th>{t("subsidy.col.category")}</th>
          <th>{t("subsidy.col.grantor")}</th>
          <th className="num">{t("subsidy.col.amountShort")}</th>
          <th>{t("subsidy.col.note")}</th>
          <th>{t("subsidy.col.createdBy")}</th>
          {canEdit ? <th>{t("common.actions")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={cols} className="muted">{t("subsidy.none")}</td>
          </tr>
        ) : null}
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="mono nowrap">{r.receivedOn}</td>
            <td className="nowrap">{r.categoryName}</td>
            <td>{r.grantor}</td>
            <td className="num nowrap">{formatFen(r.amountFen)}</td>
            <td className="muted">{r.note}</td>
            <td className="nowrap">{r.createdByName}</td>
            {canEdit ? (
              <td className="nowrap">
                {closed(r) ? (
                  <span className="tag month-closed-tag" title={t("subsidy.closedHint")}>{t("subsidy.closedTag")}</span>
                ) : (
                  <RowButton intent="delete" id={r.id} label={t("subsidy.delete")} danger confirm={t("subsidy.confirmDelete", { date: r.receivedOn, grantor: r.grantor, amount: formatFen(r.amountFen) })}>
                    <input type="hidden" name="year" value={year} />
                  </RowButton>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
      {rows.length ? (
        <tfoot>
          <tr className="total-row">
            <td colSpan={3}>{t("subsidy.total", { count: rows.length })}</td>
            <td className="num nowrap">{formatFen(totalFen)}</td>
            <td colSpan={cols - 4} />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
