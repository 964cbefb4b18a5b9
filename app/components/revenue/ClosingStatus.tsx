// The closing page's first lines: how far the center is closed, by whom and when, what closing
// means, and what corrections of closed months have since landed in open months.
import { t } from "~/i18n";
import type { ClosingView } from "~/modules/revenue/closing-view.server";
import { formatFen } from "~/utils/money";
import { formatInstant } from "~/utils/time";

type Status = Pick<ClosingView, "closedThrough" | "closedAt" | "closedByName" | "corrections">;

export function ClosingStatus({ closedThrough, closedAt, closedByName, corrections }: Status) {
  if (!closedThrough) return <p className="closing-status closing-rule">{t("closing.none")}</p>;
  const said = closedAt && closedByName
    ? t("closing.closedBy", { month: closedThrough, name: closedByName, at: formatInstant(closedAt) })
    : t("closing.closedNoBy", { month: closedThrough });
  return (
    <>
      <p className="closing-status">
        <strong>{said}</strong>；{t("closing.rule")}
      </p>
      {corrections.count > 0 ? (
        <p className="muted small closing-rule">
          {t("closing.corrections", {
            count: corrections.count,
            earned: formatFen(corrections.earnedFen),
            subsidy: corrections.subsidyFen ? t("closing.correctionsSubsidy", { amount: formatFen(corrections.subsidyFen) }) : "",
          })}
        </p>
      ) : (
        <div className="closing-rule" />
      )}
    </>
  );
}
