import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { OrderTabs } from "~/components/booking/OrderTabs";
import { EventStatusBadge } from "~/components/events/EventStatusBadge";
import { Pagination } from "~/components/Pagination";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { parseEventFilter } from "~/modules/events/event-filter";
import { listEvents } from "~/modules/events/events.server";
import { EVENT_STATUSES, EVENT_TYPES, formatSpan } from "~/modules/events/model";
import { listActiveUsers } from "~/modules/users/users.server";
import { pageParam } from "~/utils/http.server";
import { formatFen } from "~/utils/money";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "read");
  const url = new URL(request.url);
  const { filter, echo } = parseEventFilter(url.searchParams, caller.user.id);
  const result = await listEvents(context.db, caller.scope, { ...filter, page: pageParam(url) });
  return {
    ...result,
    filters: echo,
    owners: await listActiveUsers(context.db, caller.scope),
    canCreate: can(caller.user.role, "order", "create"),
  };
}

export default function EventList() {
  const { rows, total, page, pageSize, sums, filters, owners, canCreate } = useLoaderData<typeof loader>();
  return (
    <section>
      <OrderTabs />
      <div className="page-head">
        <h1>{t("events.title")}</h1>
        <div className="actions">
          <Link to="/events/calendar">{t("events.calendar")}</Link>
          {canCreate ? <Link className="button primary" to="/events/new">{t("events.new")}</Link> : null}
        </div>
      </div>
      <Form method="get" className="filters">
        <input type="search" name="q" defaultValue={filters.q} placeholder={t("events.searchPlaceholder")} aria-label={t("common.search")} />
        <select name="status" defaultValue={filters.status} aria-label={t("events.col.status")}>
          <option value="">{t("events.col.status")}：{t("common.all")}</option>
          {EVENT_STATUSES.map((s) => (
            <option key={s} value={s}>{tKey("events.status", s)}</option>
          ))}
        </select>
        <select name="type" defaultValue={filters.type} aria-label={t("events.col.type")}>
          <option value="">{t("events.col.type")}：{t("common.all")}</option>
          {EVENT_TYPES.map((type) => (
            <option key={type} value={type}>{tKey("events.type", type)}</option>
          ))}
        </select>
        <select name="owner" defaultValue={filters.owner} aria-label={t("events.col.owner")}>
          <option value="">{t("events.col.owner")}：{t("common.all")}</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>{o.display_name}</option>
          ))}
        </select>
        <label className="check">{t("events.month")} <input type="month" name="month" defaultValue={filters.month} /></label>
        <label className="check">{t("events.period")} <input type="date" name="from" defaultValue={filters.from} aria-label={t("events.field.starts_at")} /></label>
        <input type="date" name="to" defaultValue={filters.to} aria-label={t("events.field.ends_at")} />
        {canCreate ? (
          <label className="check">
            <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} /> {t("events.onlyMine")}
          </label>
        ) : null}
        <button type="submit">{t("common.search")}</button>
        <Link to="/events">{t("common.reset")}</Link>
      </Form>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("events.col.title")}</th>
            <th>{t("events.col.type")}</th>
            <th>{t("events.col.time")}</th>
            <th>{t("events.col.venue")}</th>
            <th>{t("events.col.owner")}</th>
            <th>{t("events.col.status")}</th>
            <th className="num">{t("events.col.sponsors")}</th>
            <th className="num">{t("events.col.sponsorTotal")}</th>
            <th className="num">{t("events.col.budget")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} className={e.status === "cancelled" ? "row-muted" : undefined}>
              <td><Link to={`/events/${e.id}`}>{e.title}</Link></td>
              <td className="nowrap">{tKey("events.type", e.type)}</td>
              <td className="nowrap">{formatSpan(e.starts_at, e.ends_at)}</td>
              <td>{e.venue || <span className="muted">—</span>}</td>
              <td className="nowrap">{e.owner_name}</td>
              <td><EventStatusBadge status={e.status} /></td>
              <td className="num">{e.sponsor_count}</td>
              <td className="num">{formatFen(e.sponsor_fen)}</td>
              <td className="num">{formatFen(e.budget_fen)}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr><td colSpan={9} className="muted">{t("common.empty")}</td></tr>
          ) : null}
        </tbody>
      </table>
      {total > 0 ? (
        <p className="muted small">{t("events.sums", { n: total, budget: formatFen(sums.budgetFen), sponsor: formatFen(sums.sponsorFen) })}</p>
      ) : null}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
