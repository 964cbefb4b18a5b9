import type { ReactNode } from "react";

/**
 * A chart drawn on the server (an SVG string) with its numbers as a table. `side`: the table sits
 * beside the chart where there is room; otherwise below it.
 */
export function ChartFigure({ svg, label, note, side = false, children }: { svg: string; label: string; note?: ReactNode; side?: boolean; children: ReactNode }) {
  return (
    <figure className={side ? "chart-figure chart-side" : "chart-figure"}>
      <div className="chart-svg" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
      <div className="chart-table">
        {children}
        {note ? <p className="muted small">{note}</p> : null}
      </div>
    </figure>
  );
}
