import { t } from "~/i18n";
import { addDays } from "~/modules/inventory/calendar-dates";

/** Ranges longer than a month are drawn one cell per week, or the strip would outgrow its column. */
export const DAILY_STRIP_MAX_DAYS = 31;

interface Cell {
  from: string;
  to: string;
  /** The least capacity left on a sellable day of the cell; null when no day of it is sellable. */
  left: number | null;
}

export function stripCells(from: string, remaining: (number | null)[]): Cell[] {
  const size = remaining.length > DAILY_STRIP_MAX_DAYS ? 7 : 1;
  const cells: Cell[] = [];
  for (let start = 0; start < remaining.length; start += size) {
    const end = Math.min(start + size, remaining.length) - 1;
    let left: number | null = null;
    for (let i = start; i <= end; i++) {
      const value = remaining[i];
      if (value !== null && (left === null || value < left)) left = value;
    }
    cells.push({ from: addDays(from, start), to: addDays(from, end), left });
  }
  return cells;
}

/** 0 = empty … 4 = full; "closed" when the unit cannot be sold. */
function tone(left: number | null, capacity: number): string {
  if (left === null) return "closed";
  if (left <= 0) return "t4";
  const used = capacity - left;
  if (used === 0) return "t0";
  return used * 2 < capacity ? "t1" : used * 4 < capacity * 3 ? "t2" : "t3";
}

function title(cell: Cell, capacity: number, weekly: boolean): string {
  if (cell.left === null) return weekly ? t("availability.strip.weekClosed", { from: cell.from, to: cell.to }) : t("availability.strip.closed", { date: cell.from });
  return weekly
    ? t("availability.strip.week", { from: cell.from, to: cell.to, left: cell.left, capacity })
    : t("availability.strip.day", { date: cell.from, left: cell.left, capacity });
}

/** Capacity left per day (or per week) of a shared unit as a row of tiny cells. */
export function AvailabilityStrip({ from, remaining, capacity }: { from: string; remaining: (number | null)[]; capacity: number }) {
  const weekly = remaining.length > DAILY_STRIP_MAX_DAYS;
  return (
    <div className={weekly ? "avail-strip weekly" : "avail-strip"}>
      {stripCells(from, remaining).map((cell) => (
        <span key={cell.from} className={`avail-cell ${tone(cell.left, capacity)}`} title={title(cell, capacity, weekly)} />
      ))}
    </div>
  );
}
