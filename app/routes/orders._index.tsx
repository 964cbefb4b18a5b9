import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { OrderTabs } from "~/components/booking/OrderTabs";
import { StageBadge } from "~/components/booking/StageBadge";
import { Pagination } from "~/components/Pagination";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { isRegulated, ORDER_STAGES, type OrderStage } from "~/modules/booking/model";
import { listOrders } from "~/modules/booking/order-views.server";
import { listActiveUsers } from "~/modules/users/users.server";
import { pageParam } from "~/utils/http.server";
import { formatFen } from "~/utils/money";
import { formatInstant, isCalendarDate, nowIso, todayInShanghai } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "read");
  const url = new URL(request.url);
  const param = (name: string) => url.searchParams.get(name) ?? "";
  const stage = (ORDER_STAGES as string[]).includes(param("stage")) ? (param("stage") as OrderStage) : undefined;
  const mine = param("mine") === "1";
  const from = isCalendarDate(param("from")) ? param("from") : "";
  const to = isCalendarDate(param("to")) ? param("to") : "";
  const now = nowIso();
  const today = todayInShanghai();
  const ownerId = mine ? caller.user.id : param("owner") || undefined;
  const result = await listOrders(context.db, caller.scope, { q: param("q"), stage, ownerId, from: from || undefined, to: to || undefined, page: pageParam(url) }, today, now);
  return {
    ...result,
    filters: { q: param("q"), stage: stage ?? "", mine, owner: mine ? "" : (ownerId ?? ""), from, to },
    owners: await listActiveUsers(context.db, caller.scope, ["sales"]),
    canCreate: can(caller.user.role, "order", "create"),
  };
}

export default function OrderList() {
  const { rows, total, page, pageSize, filters, owners, canCreate } = useLoaderData<typeof loader>();
  const exportQuery = new URLSearchParams({ from: filters.from, to: filters.to, ...(filters.stage ? { stage: filters.stage } : {}), ...(filters.owner ? { owner: filters.owner } : {}) }).toString();
  return (
    <section>
      <OrderTabs />
      <div className="page-head">
        <h1>{t("orders.title")}</h1>
        <div className="actions">
          <a href={`/orders/export.xlsx?${exportQuery}`}>{t("orders.export")}</a>
          {canCreate ? <Link className="button primary" to="/orders/new">{t("orders.new")}</Link> : null}
        </div>
      </div>
      <Form method="get" className="filters">
        <input type="search" name="q" defaultValue={filters.q} placeholder={t("orders.searchPlaceholder")} aria-label={t("common.search")} />
        <select name="stage" defaultValue={filters.stage} aria-label={t("orders.col.stage")}>
          <option value="">{t("orders.col.stage")}：{t("common.all")}</option>
          {ORDER_STAGES.map((s) => (
            <option key={s} value={s}>{tKey("orders.stage", s)}</option>
          ))}
        </select>
        <select name="owner" defaultValue={filters.owner} aria-label={t("orders.col.owner")}>
          <option value="">{t("orders.col.owner")}：{t("common.all")}</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>{o.display_name}</option>
          ))}
        </select>
        <label className="check">{t("orders.period")} <input type="date" name="from" defaultValue={filters.from} aria-label={t("orders.line.start")} /></label>
        <input type="date" name="to" defaultValue={filters.to} aria-label={t("orders.line.end")} />
        {canCreate ? (
          <label className="check">
            <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} /> {t("orders.onlyMine")}
          </label>
        ) : null}
        <button type="submit">{t("common.search")}</button>
        <Link to="/orders">{t("common.reset")}</Link>
      </Form>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("orders.col.number")}</th>
            <th>{t("orders.col.client")}</th>
            <th>{t("orders.col.title")}</th>
            <th>{t("orders.col.owner")}</th>
            <th>{t("orders.col.stage")}</th>
            <th>{t("orders.col.span")}</th>
            <th className="num">{t("orders.col.list")}</th>
            <th className="num">{t("orders.col.net")}</th>
            <th>{t("orders.col.created")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.id}>
              <td className="mono"><Link to={`/orders/${o.id}`}>{o.number}</Link></td>
              <td>{o.client_name}</td>
              <td>
                {o.title} {isRegulated(o.ad_category) ? <span className="tag">{t("orders.regulatedTag")}</span> : null}
              </td>
              <td>{o.owner_name}</td>
              <td><StageBadge stage={o.stage} /></td>
              <td className="nowrap">{o.start_date ? `${o.start_date} ~ ${o.end_date}` : ""}</td>
              <td className="num">{formatFen(o.list_fen)}</td>
              <td className="num">{formatFen(o.net_fen)}</td>
              <td className="nowrap muted">{formatInstant(o.created_at)}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr><td colSpan={9} className="muted">{t("common.empty")}</td></tr>
          ) : null}
        </tbody>
      </table>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
