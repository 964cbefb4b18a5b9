import { useState } from "react";
import { t } from "~/i18n";
import { LINE_KINDS } from "~/modules/booking/model";
import { tKey } from "~/i18n";

export interface LineRowDefaults {
  unit: string;
  label?: string;
  start_date: string;
  end_date: string;
  quantity?: string;
  kind?: string;
  daypart?: string;
  seconds?: string;
  position?: string;
  discount?: string;
  net?: string;
  content?: string;
}

/**
 * Line rows posted as parallel fields (unit, start_date, end_date …, one value per row). Rows are
 * React state so people can add and remove rows; a row left without a unit code is ignored.
 */
export function LineRowsEditor({ initial, errors, single = false }: { initial: LineRowDefaults[]; errors: Record<number, string>; single?: boolean }) {
  const [rows, setRows] = useState(() => (initial.length ? initial : [blank(initial)]).map((r, i) => ({ ...r, key: i })));
  const [next, setNext] = useState(rows.length);
  const add = () => {
    const last = rows[rows.length - 1];
    setRows([...rows, { ...blank([]), start_date: last?.start_date ?? "", end_date: last?.end_date ?? "", key: next }]);
    setNext(next + 1);
  };
  return (
    <>
      <table className="grid lines-table">
        <thead>
          <tr>
            <th style={{ width: "11%" }}>{t("orders.line.unit")}</th>
            <th style={{ width: "10%" }}>{t("orders.line.start")}</th>
            <th style={{ width: "10%" }}>{t("orders.line.end")}</th>
            <th style={{ width: "6%" }}>{t("orders.line.quantity")}</th>
            <th style={{ width: "7%" }}>{t("orders.line.kind")}</th>
            <th style={{ width: "7%" }}>{t("orders.line.daypart")}</th>
            <th style={{ width: "6%" }}>{t("orders.line.seconds")}</th>
            <th style={{ width: "7%" }}>{t("orders.line.position")}</th>
            <th style={{ width: "6%" }}>{t("orders.line.discount")}</th>
            <th style={{ width: "9%" }} title={t("orders.line.netHint")}>{t("orders.line.net")}</th>
            <th>{t("orders.line.content")}</th>
            {single ? null : <th style={{ width: "4%" }} />}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.key} className={errors[index] ? "has-error" : undefined}>
              <td>
                <input name="unit" defaultValue={row.unit} className="mono" aria-label={t("orders.line.unit")} />
                {row.label ? <div className="small muted">{row.label}</div> : null}
                {errors[index] ? <div className="field-error" role="alert">{errors[index]}</div> : null}
              </td>
              <td><input type="date" name="start_date" defaultValue={row.start_date} aria-label={t("orders.line.start")} /></td>
              <td><input type="date" name="end_date" defaultValue={row.end_date} aria-label={t("orders.line.end")} /></td>
              <td><input type="number" name="quantity" min={1} defaultValue={row.quantity ?? "1"} aria-label={t("orders.line.quantity")} /></td>
              <td>
                <select name="kind" defaultValue={row.kind ?? "paid"} aria-label={t("orders.line.kind")}>
                  {LINE_KINDS.map((k) => <option key={k} value={k}>{tKey("orders.kind", k)}</option>)}
                </select>
              </td>
              <td>
                <select name="daypart" defaultValue={row.daypart ?? ""} aria-label={t("orders.line.daypart")}>
                  <option value="">—</option>
                  <option value="special">特段</option>
                  <option value="a">A段</option>
                  <option value="b">B段</option>
                </select>
              </td>
              <td><input type="number" name="seconds" min={1} defaultValue={row.seconds ?? ""} aria-label={t("orders.line.seconds")} /></td>
              <td>
                <select name="position" defaultValue={row.position ?? ""} aria-label={t("orders.line.position")}>
                  <option value="">{t("orders.line.positionNone")}</option>
                  <option value="first">{t("orders.line.positionFirst")}</option>
                  <option value="last">{t("orders.line.positionLast")}</option>
                </select>
              </td>
              <td><input name="discount" defaultValue={row.discount ?? ""} inputMode="decimal" aria-label={t("orders.line.discount")} /></td>
              <td><input name="net" defaultValue={row.net ?? ""} inputMode="decimal" aria-label={t("orders.line.net")} /></td>
              <td><input name="content" defaultValue={row.content ?? ""} maxLength={500} aria-label={t("orders.line.content")} /></td>
              {single ? null : (
                <td>
                  <button type="button" className="linklike" onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>{t("orders.line.removeRow")}</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {single ? null : (
        <p>
          <button type="button" onClick={add}>{t("orders.line.addRow")}</button> <span className="muted small">{t("orders.new.unitHint")}</span>
        </p>
      )}
    </>
  );
}

function blank(initial: LineRowDefaults[]): LineRowDefaults {
  return { unit: "", start_date: initial[0]?.start_date ?? "", end_date: initial[0]?.end_date ?? "" };
}
