import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { t, tKey } from "~/i18n";
import type { AvailabilityRow } from "~/modules/booking/availability.server";
import { capacityLabel, cardPriceLabel } from "~/modules/inventory/unit-views";
import { formatFen } from "~/utils/money";
import { AvailabilityStrip, DAILY_STRIP_MAX_DAYS } from "./AvailabilityStrip";

function priceText(price: AvailabilityRow["price"]): string {
  if (!price) return t("availability.noPrice");
  return price.basis === "spot" ? `${formatFen(price.priceFen)} / ${t("availability.per.spot")}` : cardPriceLabel(price.basis, price.priceFen);
}

/** 123 → "12.3%". */
export function fillText(permille: number): string {
  return `${Math.floor(permille / 10)}.${permille % 10}%`;
}

function FillBar({ permille }: { permille: number }) {
  return (
    <div className="avail-fill">
      <span className="avail-bar"><span style={{ width: `${Math.min(100, permille / 10)}%` }} /></span>
      <span className="num">{fillText(permille)}</span>
    </div>
  );
}

interface Props {
  rows: AvailabilityRow[];
  from: string;
  to: string;
  days: number;
  canCreate: boolean;
}

/**
 * The results, wrapped in a GET form to /orders/new: the ticked units travel as repeated `unit`
 * parameters with the dates, and the pressed button says whether to hold or to order outright.
 */
export function AvailabilityTable({ rows, from, to, days, canCreate }: Props) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allOn = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const hasShared = rows.some((r) => r.remaining);
  return (
    <Form method="get" action="/orders/new" className="avail-results">
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="to" value={to} />
      {canCreate ? (
        <div className="avail-actions">
          <span className="muted">{t("availability.selected", { n: selected.size })}</span>
          <button type="submit" name="intent" value="hold" className="primary" disabled={selected.size === 0}>{t("availability.hold")}</button>
          <button type="submit" name="intent" value="confirm" disabled={selected.size === 0}>{t("availability.confirm")}</button>
        </div>
      ) : null}
      <table className="grid avail-table">
        <thead>
          <tr>
            {canCreate ? (
              <th className="avail-check">
                <input type="checkbox" checked={allOn} aria-label={t("availability.selectAll")} title={t("availability.selectAll")}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())} />
              </th>
            ) : null}
            <th>{t("availability.col.unit")}</th>
            <th>{t("availability.col.medium")}</th>
            <th>{t("availability.col.district")}</th>
            <th>{t("availability.col.size")}</th>
            <th className="num">{t("availability.col.capacity")}</th>
            <th className="num">{t("availability.col.price")}</th>
            <th>{t("availability.col.fill")}</th>
            <th className="num">{t("availability.col.freeDays")}</th>
            {hasShared ? (
              <th title={days > DAILY_STRIP_MAX_DAYS ? t("availability.strip.weekly") : undefined}>
                {t("availability.col.remaining")}{days > DAILY_STRIP_MAX_DAYS ? <span className="muted small">（{t("inventory.per.week")}）</span> : null}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={selected.has(r.id) ? "avail-on" : undefined}>
              {canCreate ? (
                <td className="avail-check">
                  <input type="checkbox" name="unit" value={r.id} checked={selected.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)}
                    aria-label={t("availability.select", { code: r.code })} />
                </td>
              ) : null}
              <td>
                <Link className="mono" to={`/inventory/units/${r.id}`}>{r.code}</Link> {r.name}
                {r.siteName && !r.name.includes(r.siteName) ? <div className="small muted">{r.siteName}</div> : null}
              </td>
              <td className="nowrap">{tKey("medium", r.medium)}</td>
              <td className="nowrap">{r.district ?? <span className="muted">—</span>}</td>
              <td className="nowrap">{r.sizeClass ? tKey("sizeClass", r.sizeClass) : <span className="muted">—</span>}</td>
              <td className="num nowrap">{capacityLabel(r.capacity, r.capacityUnit)}</td>
              <td className={r.price ? "num nowrap" : "num nowrap muted"}>{priceText(r.price)}</td>
              <td><FillBar permille={r.fillPermille} /></td>
              <td className="num nowrap">{t("availability.freeOf", { free: r.freeDays, days })}</td>
              {hasShared ? <td>{r.remaining ? <AvailabilityStrip from={from} remaining={r.remaining} capacity={r.capacity} /> : null}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </Form>
  );
}
