import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { t } from "~/i18n";
import { OccupancyGrid } from "~/components/booking/OccupancyGrid";
import { OrderTabs } from "~/components/booking/OrderTabs";
import gridStyles from "~/components/booking/grid.css";
import { Pagination } from "~/components/Pagination";
import { requirePermission } from "~/modules/auth/guard.server";
import { addMonths, monthOf, occupancyGrid, parseGridParams } from "~/modules/booking/grid.server";
import { UnitFilterSelects } from "~/components/FilterSelect";
import { districts } from "~/modules/inventory/units.server";
import { pageParam } from "~/utils/http.server";
import { nowIso, todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: gridStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "read");
  const url = new URL(request.url);
  const today = todayInShanghai();
  const { month, filter, echo } = parseGridParams(url.searchParams, today);
  const grid = await occupancyGrid(context.db, caller.scope, { month, filter, page: pageParam(url) }, nowIso());
  return {
    grid,
    today,
    filters: echo,
    prevMonth: addMonths(month, -1),
    nextMonth: addMonths(month, 1),
    thisMonth: monthOf(today),
    districts: await districts(context.db, caller.scope),
  };
}

export default function OccupancyGridPage() {
  const { grid, today, filters, prevMonth, nextMonth, thisMonth, districts } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  // Month links keep the filters and start again at page 1.
  const monthHref = (month: string) => {
    const params = new URLSearchParams(search);
    params.set("month", month);
    params.delete("page");
    return `?${params}`;
  };
  const [year, month] = grid.month.split("-").map(Number);
  return (
    <section>
      <OrderTabs />
      <div className="page-head">
        <h1>{t("grid.title")}</h1>
        <div className="actions og-months">
          <Link to={monthHref(prevMonth)}>{t("grid.prevMonth")}</Link>
          <strong>{t("grid.monthTitle", { year, month })}</strong>
          <Link to={monthHref(nextMonth)}>{t("grid.nextMonth")}</Link>
          {grid.month !== thisMonth ? <Link to={monthHref(thisMonth)}>{t("grid.thisMonth")}</Link> : null}
        </div>
      </div>
      <Form method="get" className="filters">
        <input type="hidden" name="month" value={filters.month} />
        <input type="search" name="q" defaultValue={filters.q} placeholder={t("grid.searchPlaceholder")} aria-label={t("grid.searchPlaceholder")} />
        <UnitFilterSelects values={filters} districts={districts} />
        <button type="submit">{t("common.search")}</button>
        <Link to={`/orders/grid?month=${filters.month}`}>{t("common.reset")}</Link>
      </Form>
      <OccupancyGrid grid={grid} today={today} />
      <Pagination page={grid.page} pageSize={grid.pageSize} total={grid.total} />
    </section>
  );
}
