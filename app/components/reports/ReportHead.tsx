import type { ReactNode } from "react";
import { useLocation } from "@remix-run/react";
import { t } from "~/i18n";

/**
 * A report's heading: its title, the .xlsx link carrying the page's own query string (so the
 * file has the same filter), the refusal of a bad filter, the closing note and what the figures mean.
 */
export function ReportHead({ title, xlsx, error, closing, future = null, children }: { title: string; xlsx: string; error: string | null; closing: string; future?: string | null; children?: ReactNode }) {
  const { search } = useLocation();
  const query = new URLSearchParams(search);
  query.delete("page");
  const text = query.toString();
  return (
    <>
      <div className="page-head">
        <h2>{title}</h2>
        <div className="actions">{error ? null : <a href={`${xlsx}${text ? `?${text}` : ""}`} download>{t("rpt.export")}</a>}</div>
      </div>
      {error ? <div className="banner banner-error" role="alert">{error}</div> : null}
      <p className="report-closing small">{closing}</p>
      {future ? <p className="report-future small">{future}</p> : null}
      {children ? <div className="report-definition small">{children}</div> : null}
    </>
  );
}
