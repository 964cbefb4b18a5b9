import { tKey } from "~/i18n";
import type { OrderStage } from "~/modules/booking/model";

/** An order's stage as a small colored tag; the colors are in app/styles/app.css (.stage-*). */
export function StageBadge({ stage }: { stage: OrderStage }) {
  return <span className={`tag stage-${stage}`}>{tKey("orders.stage", stage)}</span>;
}
