import type { ReactNode } from "react";

/** A labelled form row with its error message; the input is the child. */
export function Field({ label, error, hint, children, required }: { label: string; error?: string; hint?: string | null; children: ReactNode; required?: boolean }) {
  return (
    <label className={error ? "field has-error" : "field"}>
      <span className="field-label">
        {label}
        {required ? <span className="req">*</span> : null}
      </span>
      {children}
      {error ? <span className="field-error" role="alert">{error}</span> : hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}

export function FormError({ message }: { message?: string }) {
  return message ? <div className="banner banner-error" role="alert">{message}</div> : null;
}

export function Notice({ message }: { message?: string | null }) {
  return message ? <div className="banner banner-ok" role="status">{message}</div> : null;
}
