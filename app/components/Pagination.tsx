import { Link, useLocation } from "@remix-run/react";
import { t } from "~/i18n";

export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <div className="pagination">
      <span>{t("common.pageOf", { page, pages, total })}</span>
      {page > 1 ? <Link to={hrefFor(page - 1)}>{t("common.prev")}</Link> : <span className="muted">{t("common.prev")}</span>}
      {page < pages ? <Link to={hrefFor(page + 1)}>{t("common.next")}</Link> : <span className="muted">{t("common.next")}</span>}
    </div>
  );
}
