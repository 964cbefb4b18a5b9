import type { ReactNode } from "react";

/** A label whose definition shows on hover (title=), marked with a dotted underline. */
export function Hint({ title, children }: { title: string; children: ReactNode }) {
  return (
    <span className="dash-hint" title={title}>
      {children}
    </span>
  );
}
