import { Form } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import type { QuoteResult } from "~/modules/inventory/quote";
import { DAYPARTS, SPOT_LENGTHS } from "~/modules/inventory/rate-card-form";
import type { QuoteEcho } from "~/modules/inventory/unit-views";
import { fenToChineseUpper } from "~/utils/money-words";
import { formatBasisPoints, formatFen } from "~/utils/money";

export type QuoteOutcome = QuoteResult | { ok: false; code: "bad_input"; message: string } | null;

/**
 * A GET form, so a quote is a link a salesperson can send on; the loader prices it with the same
 * quote() that bookings will use.
 */
export function QuotePreview({ echo, outcome, spotPriced }: { echo: QuoteEcho; outcome: QuoteOutcome; spotPriced: boolean }) {
  return (
    <div className="stack">
      <Form method="get" className="filters">
        <label className="check">
          {t("inventory.quote.from")}
          <input type="date" name="from" defaultValue={echo.from} required />
        </label>
        <label className="check">
          {t("inventory.quote.to")}
          <input type="date" name="to" defaultValue={echo.to} required />
        </label>
        <label className="check">
          {t("inventory.quote.quantity")}
          <input name="quantity" defaultValue={echo.quantity} inputMode="numeric" size={4} />
        </label>
        {spotPriced ? (
          <>
            <label className="check">
              {t("inventory.quote.daypart")}
              <select name="daypart" defaultValue={echo.daypart}>
                {DAYPARTS.map((d) => (
                  <option key={d} value={d}>{tKey("daypart", d)}</option>
                ))}
              </select>
            </label>
            <label className="check">
              {t("inventory.quote.seconds")}
              <select name="seconds" defaultValue={echo.seconds}>
                {SPOT_LENGTHS.map((s) => (
                  <option key={s} value={s}>{t("inventory.rates.seconds", { n: s })}</option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        <label className="check">
          {t("inventory.quote.position")}
          <select name="position" defaultValue={echo.position}>
            <option value="">{t("inventory.quote.position.none")}</option>
            <option value="first">{t("inventory.quote.position.first")}</option>
            <option value="last">{t("inventory.quote.position.last")}</option>
          </select>
        </label>
        <button type="submit">{t("inventory.quote.submit")}</button>
      </Form>
      {outcome ? <QuoteResultView outcome={outcome} /> : null}
    </div>
  );
}

function QuoteResultView({ outcome }: { outcome: NonNullable<QuoteOutcome> }) {
  if (!outcome.ok) return <div className="banner banner-error" role="alert">{outcome.message}</div>;
  return (
    <>
      <div className="stats">
        <div className="stat">
          <span className="stat-label">{t("inventory.quote.total")}</span>
          <span className="stat-value">{formatFen(outcome.totalFen)}</span>
          <span className="small">{t("inventory.quote.upper")}：{fenToChineseUpper(outcome.totalFen, { prefix: true })}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{t("inventory.quote.base")}</span>
          <span className="stat-value">{formatFen(outcome.baseFen)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">
            {t("inventory.quote.surcharge")}
            {outcome.surchargeBp ? `（${formatBasisPoints(outcome.surchargeBp)}）` : ""}
          </span>
          <span className="stat-value">{formatFen(outcome.surchargeFen)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{t("inventory.quote.days")}</span>
          <span className="stat-value">{outcome.days}</span>
        </div>
      </div>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("inventory.quote.segment")}</th>
            <th className="num">{t("inventory.quote.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {outcome.segments.map((s) => (
            <tr key={`${s.cardId}-${s.from}`}>
              <td>{s.description}</td>
              <td className="num">{formatFen(s.amountFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
