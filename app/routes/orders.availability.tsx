import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { t } from "~/i18n";
import { AvailabilityFilters } from "~/components/booking/AvailabilityFilters";
import { AvailabilityTable } from "~/components/booking/AvailabilityTable";
import { OrderTabs } from "~/components/booking/OrderTabs";
import { Pagination } from "~/components/Pagination";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { parseAvailabilityFilter } from "~/modules/booking/availability-filter";
import { searchAvailability } from "~/modules/booking/availability.server";
import { districts } from "~/modules/inventory/units.server";
import { nowIso, todayInShanghai } from "~/utils/time";
import styles from "~/components/booking/availability.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: `${t("availability.title")} · ${t("app.name")}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "read");
  const parsed = parseAvailabilityFilter(new URL(request.url).searchParams, todayInShanghai());
  const result = parsed.ok ? await searchAvailability(context.db, caller.scope, parsed.filter, nowIso()) : null;
  return {
    filters: parsed.echo,
    errors: parsed.ok ? [] : parsed.errors,
    range: parsed.ok ? { from: parsed.filter.from, to: parsed.filter.to } : null,
    result,
    districts: await districts(context.db, caller.scope),
    canCreate: can(caller.user.role, "order", "create"),
  };
}

export default function Availability() {
  const { filters, errors, range, result, districts, canCreate } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <section>
      <OrderTabs />
      <div className="page-head">
        <h1>{t("availability.title")}</h1>
        <span className="muted small">{t("availability.hint")}{canCreate ? t("availability.hintSelect") : null}</span>
      </div>
      <AvailabilityFilters filters={filters} districts={districts} />
      {errors.length ? (
        <div className="banner banner-error" role="alert">
          {errors.map((e) => (
            <div key={e}>{e}</div>
          ))}
        </div>
      ) : null}
      {result && range ? (
        <>
          <p className="avail-summary">
            {t("availability.summary", { from: range.from, to: range.to, days: result.days, total: result.total })}
            {canCreate ? null : <span className="muted small"> {t("availability.readOnly")}</span>}
          </p>
          {result.total === 0 ? (
            <div className="avail-empty">{t("availability.empty")}</div>
          ) : (
            <>
              {/* Keyed by the search, so ticks from another page or search never travel along unseen. */}
              <AvailabilityTable key={search} rows={result.rows} from={range.from} to={range.to} days={result.days} canCreate={canCreate} />
              <Pagination page={result.page} pageSize={result.pageSize} total={result.total} />
            </>
          )}
        </>
      ) : null}
    </section>
  );
}
