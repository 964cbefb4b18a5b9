import { tKey } from "~/i18n";
import type { PermitState } from "~/modules/inventory/model";

// Colours follow the banners of app.css: green fine, amber act soon, red act now.
const TONE: Record<PermitState, { color: string; background: string; borderColor: string }> = {
  valid: { color: "#1d7a46", background: "#edf7f1", borderColor: "#b9dec8" },
  expiring: { color: "#9a6700", background: "#fff8e6", borderColor: "#f0d894" },
  expired: { color: "#b42318", background: "#fdf0ef", borderColor: "#f0c2bd" },
  none: { color: "#b42318", background: "#fdf0ef", borderColor: "#f0c2bd" },
  not_needed: { color: "#6b7785", background: "#f5f6f8", borderColor: "#dfe3e8" },
};

/** A permit's state as a small coloured tag. */
export function PermitStateBadge({ state }: { state: PermitState }) {
  return (
    <span className="tag nowrap" style={TONE[state]}>
      {tKey("permitState", state)}
    </span>
  );
}
