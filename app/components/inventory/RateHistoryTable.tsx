import type { Daypart, PriceBasis } from "~db/schema";
import { t, tKey } from "~/i18n";
import { DAYPARTS } from "~/modules/inventory/rate-card-form";
import { cardPriceLabel, cardStanding, surchargeLabel } from "~/modules/inventory/unit-views";
import { formatFen } from "~/utils/money";
import { formatInstant } from "~/utils/time";

export interface RateHistoryRow {
  id: string;
  effective_from: string;
  basis: PriceBasis;
  price_fen: number;
  min_days: number;
  surcharge_first_bp: number;
  surcharge_last_bp: number;
  created_by_name: string | null;
  created_at: string;
  spot_prices: { id: string; daypart: Daypart; seconds: number; price_fen: number }[];
}

/** One line per daypart in broadcast order (特段, A段, B段): "A段 5 秒 ¥20.00 · 15 秒 ¥60.00". */
function SpotPrices({ prices }: { prices: RateHistoryRow["spot_prices"] }) {
  return (
    <>
      {DAYPARTS.map((d) => {
        const row = prices.filter((p) => p.daypart === d).sort((a, b) => a.seconds - b.seconds);
        if (row.length === 0) return null;
        return (
          <div key={d}>
            <span className="muted">{tKey("daypart", d)}</span>{" "}
            {row.map((p) => `${t("inventory.rates.seconds", { n: p.seconds })} ${formatFen(Number(p.price_fen))}`).join(" · ")}
          </div>
        );
      })}
    </>
  );
}

/** A unit's rate cards, newest first, with the one in force today marked. */
export function RateHistoryTable({ cards, today }: { cards: RateHistoryRow[]; today: string }) {
  if (cards.length === 0) return <p className="muted">{t("inventory.rates.noCards")}</p>;
  const froms = cards.map((c) => c.effective_from);
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("inventory.rates.effectiveFrom")}</th>
          <th>{t("inventory.rates.basis")}</th>
          <th>{t("inventory.rates.title")}</th>
          <th className="num">{t("inventory.rates.minDays")}</th>
          <th>{t("inventory.rates.surcharges")}</th>
          <th>{t("inventory.rates.createdBy")}</th>
        </tr>
      </thead>
      <tbody>
        {cards.map((c) => {
          const standing = cardStanding(c.effective_from, froms, today);
          return (
            <tr key={c.id} className={standing === "past" ? "row-muted" : undefined}>
              <td className="nowrap">
                {c.effective_from}
                {standing === "past" ? null : <> <span className="tag">{t(`inventory.rates.${standing}`)}</span></>}
              </td>
              <td className="nowrap">{tKey("basis", c.basis)}</td>
              <td className="nowrap">
                {c.basis === "spot" ? <SpotPrices prices={c.spot_prices} /> : cardPriceLabel(c.basis, Number(c.price_fen))}
              </td>
              <td className="num">{c.min_days > 1 ? c.min_days : <span className="muted">—</span>}</td>
              <td>{surchargeLabel(c.surcharge_first_bp, c.surcharge_last_bp) || <span className="muted">—</span>}</td>
              <td className="nowrap">
                {c.created_by_name ?? t("audit.system")}
                <div className="small muted">{formatInstant(c.created_at)}</div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
