import { useNavigate } from "@remix-run/react";
import { memo, type MouseEvent, useCallback } from "react";
import { t, tKey } from "~/i18n";
import type { GridCell, GridDay, GridOrder, GridRow, OccupancyGrid as Grid } from "~/modules/booking/grid.server";

import { MARK } from "~/modules/booking/grid-marks";

const { confirmed: CONFIRMED, hold: HOLD, bonus: BONUS, queued: QUEUED, unsellable: UNSELLABLE } = MARK;

function fillClass(fill: number): string {
  if (fill <= 0) return "f0";
  if (fill <= 25) return "f1";
  if (fill <= 50) return "f2";
  if (fill <= 75) return "f3";
  if (fill < 100) return "f4";
  return "f5";
}

function dayClass(day: GridDay, today: string): string {
  return `${day.weekday === 0 || day.weekday === 6 ? " wk" : ""}${day.date === today ? " td" : ""}`;
}

function cellClass(cell: GridCell | null, day: GridDay, today: string): string {
  let cls = `c ${cell ? fillClass(cell.fill) : "f0"}${dayClass(day, today)}`;
  if (!cell) return cls;
  if (cell.marks & HOLD) cls += " m-hold";
  if (cell.marks & CONFIRMED) cls += " m-conf";
  if (cell.marks & BONUS) cls += " m-bonus";
  if (cell.marks & QUEUED) cls += " m-queue";
  if (cell.marks & UNSELLABLE) cls += " m-off";
  return cls;
}

function cellTitle(cell: GridCell, row: GridRow, day: GridDay, orders: GridOrder[]): string {
  const lines = [`${day.date} 周${tKey("grid.weekday", String(day.weekday))} · ${row.code}`];
  if (cell.reason) lines.push(t("grid.tip.unsellable", { reason: tKey("grid.reason", cell.reason) }));
  if (cell.used > 0) lines.push(t("grid.tip.used", { used: cell.used, capacity: row.capacity, unit: tKey("capacityUnit", row.capacityUnit), fill: cell.fill }));
  for (const index of cell.orders) {
    const o = orders[index];
    lines.push(`${o.number} ${o.client} · ${tKey("orders.lineState", o.state)}`);
  }
  return lines.join("\n");
}

const Row = memo(function Row({ row, days, cells, orders, today }: { row: GridRow; days: GridDay[]; cells: (GridCell | null)[]; orders: GridOrder[]; today: string }) {
  return (
    <tr>
      <th scope="row" className="og-unit">
        <div className="og-unit-in">
          <a href={`/inventory/units/${row.id}`} data-nav className="mono">{row.code}</a>
          <span className="og-cap">{row.capacity} {tKey("capacityUnit", row.capacityUnit)}</span>
          <span className="og-name" title={row.name}>{row.name}</span>
        </div>
      </th>
      {row.cells.map((index, i) => {
        const day = days[i];
        const cell = cells[index];
        const first = cell && cell.orders.length ? orders[cell.orders[0]] : null;
        return (
          <td key={day.date} className={cellClass(cell, day, today)}>
            {first ? (
              <a href={`/orders/${first.id}`} data-nav aria-label={`${day.date} ${row.code} ${first.number}`}>
                {cell!.orders.length > 1 ? cell!.orders.length : ""}
              </a>
            ) : null}
          </td>
        );
      })}
    </tr>
  );
});

/**
 * Units by days. Links are plain anchors (open in a new tab works, nothing to hydrate per cell);
 * one click handler on the table turns a plain click into a client-side navigation. Tooltips are
 * written when the pointer first reaches a cell: thousands of them in the HTML would outweigh
 * the grid itself.
 */
export function OccupancyGrid({ grid, today }: { grid: Grid; today: string }) {
  const navigate = useNavigate();
  const onClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as HTMLElement).closest("a[data-nav]");
      if (!anchor) return;
      event.preventDefault();
      navigate(anchor.getAttribute("href") ?? "/");
    },
    [navigate],
  );
  const onMouseOver = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      const td = (event.target as HTMLElement).closest("td.c") as HTMLTableCellElement | null;
      if (!td || td.title) return;
      const row = grid.rows[(td.parentElement as HTMLTableRowElement).sectionRowIndex];
      const dayIndex = td.cellIndex - 1;
      const cell = row ? grid.cells[row.cells[dayIndex]] : null;
      if (row && cell) td.title = cellTitle(cell, row, grid.days[dayIndex], grid.orders);
    },
    [grid],
  );
  return (
    <>
      <GridLegend />
      {/* The container scrolls both ways; the header row and the unit column stay in place. */}
      <div className="og-scroll" onClick={onClick} onMouseOver={onMouseOver} role="presentation">
        <table className="og">
          <thead>
            <tr>
              <th className="og-corner" scope="col">{t("grid.col.unit")}</th>
              {grid.days.map((day) => (
                <th key={day.date} scope="col" className={`og-day${dayClass(day, today)}`}>
                  <span>{day.day}</span>
                  <span className="og-wd">{tKey("grid.weekday", String(day.weekday))}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <Row key={row.id} row={row} days={grid.days} cells={grid.cells} orders={grid.orders} today={today} />
            ))}
            {grid.rows.length === 0 ? (
              <tr>
                <td colSpan={grid.days.length + 1} className="og-empty muted">{t("grid.empty")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}

function GridLegend() {
  const fills: [string, string][] = [
    ["f0", t("grid.legend.free")],
    ["f1", t("grid.legend.upTo25")],
    ["f2", t("grid.legend.upTo50")],
    ["f3", t("grid.legend.upTo75")],
    ["f4", t("grid.legend.upTo99")],
    ["f5", t("grid.legend.full")],
  ];
  const marks: [string, string][] = [
    ["f5 m-conf", t("grid.mark.confirmed")],
    ["f5 m-hold", t("grid.mark.hold")],
    ["f3 m-conf m-bonus", t("grid.mark.bonus")],
    ["f0 m-queue", t("grid.mark.queued")],
    ["f0 m-off", t("grid.mark.unsellable")],
  ];
  return (
    <div className="og-legend" aria-label={t("grid.legend")}>
      <span className="og-legend-group">
        <strong>{t("grid.legend.fill")}</strong>
        {fills.map(([cls, label]) => (
          <span key={cls} className="og-key"><i className={`og-swatch c ${cls}`} />{label}</span>
        ))}
      </span>
      <span className="og-legend-group">
        <strong>{t("grid.legend.marks")}</strong>
        {marks.map(([cls, label]) => (
          <span key={cls} className="og-key"><i className={`og-swatch c ${cls}`} />{label}</span>
        ))}
        <span className="og-key"><i className="og-swatch c f3 m-conf og-many">2</i>{t("grid.mark.several")}</span>
        <span className="og-key"><i className="og-swatch og-today" />{t("grid.mark.today")}</span>
      </span>
      <div className="og-note small muted">{t("grid.legend.click")} {t("grid.excluded")}</div>
    </div>
  );
}
