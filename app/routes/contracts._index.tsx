import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { ContractStatusBadge } from "~/components/contracts/ContractStatusBadge";
import contractStyles from "~/components/contracts/contracts.css";
import { Pagination } from "~/components/Pagination";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { categoryTree } from "~/modules/categories/categories.server";
import { contractFilterFromUrl } from "~/modules/contracts/contract-filter";
import { CONTRACT_GROUPS } from "~/modules/contracts/contracts.server";
import { CONTRACT_STATUSES } from "~/modules/contracts/model";
import { listContracts } from "~/modules/contracts/views.server";
import { listActiveUsers } from "~/modules/users/users.server";
import { formatFen } from "~/utils/money";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "contract", "read");
  const url = new URL(request.url);
  const filter = contractFilterFromUrl(url);
  const mine = url.searchParams.get("mine") === "1";
  if (mine) filter.ownerId = caller.user.id;
  const [result, owners, tree] = await Promise.all([
    listContracts(context.db, caller.scope, filter, todayInShanghai()),
    listActiveUsers(context.db, caller.scope),
    categoryTree(context.db, caller.scope),
  ]);
  // A top category selects all of its children too.
  const categories = tree
    .filter((top) => CONTRACT_GROUPS.includes(top.report_group))
    .flatMap((top) => [{ id: top.id, label: top.children.length ? `${top.name}（全部）` : top.name }, ...top.children.map((c) => ({ id: c.id, label: `${top.name}/${c.name}` }))]);
  const params = url.searchParams;
  return {
    ...result,
    owners,
    categories,
    canCreate: can(caller.user.role, "contract", "create"),
    exportHref: `/contracts/export.xlsx${url.search}`,
    filters: {
      q: params.get("q") ?? "", category: params.get("category") ?? "", status: params.get("status") ?? "", owner: mine ? "" : (params.get("owner") ?? ""),
      client: params.get("client") ?? "", ending: params.get("ending") === "1", mine,
    },
  };
}

export default function ContractList() {
  const { rows, total, amountFen, page, pageSize, owners, categories, canCreate, filters, exportHref } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-head">
        <h1>{t("contracts.title")}</h1>
        <div className="actions">
          <a href={exportHref}>{t("contracts.export")}</a>
          {canCreate ? <Link className="button primary" to="/contracts/new">{t("contracts.new")}</Link> : null}
        </div>
      </div>
      <Form method="get" className="filters">
        <input type="search" name="q" defaultValue={filters.q} placeholder={t("contracts.searchPlaceholder")} aria-label={t("common.search")} />
        <input name="client" defaultValue={filters.client} placeholder={t("contracts.clientPlaceholder")} aria-label={t("contracts.col.client")} />
        <select name="category" defaultValue={filters.category} aria-label={t("contracts.col.category")}>
          <option value="">{t("contracts.col.category")}：{t("common.all")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>{c.label}</option>
          ))}
        </select>
        <select name="status" defaultValue={filters.status} aria-label={t("contracts.col.status")}>
          <option value="">{t("contracts.col.status")}：{t("common.all")}</option>
          {CONTRACT_STATUSES.map((s) => (
            <option key={s} value={s}>{tKey("contracts.status", s)}</option>
          ))}
        </select>
        <select name="owner" defaultValue={filters.owner} aria-label={t("contracts.col.owner")}>
          <option value="">{t("contracts.col.owner")}：{t("common.all")}</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>{o.display_name}</option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" name="ending" value="1" defaultChecked={filters.ending} /> {t("contracts.endingSoon")}
        </label>
        {canCreate ? (
          <label className="check">
            <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} /> {t("contracts.onlyMine")}
          </label>
        ) : null}
        <button type="submit">{t("common.search")}</button>
        <Link to="/contracts">{t("common.reset")}</Link>
      </Form>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("contracts.col.number")}</th>
            <th>{t("contracts.col.title")}</th>
            <th>{t("contracts.col.client")}</th>
            <th>{t("contracts.col.category")}</th>
            <th>{t("contracts.col.pricing")}</th>
            <th>{t("contracts.col.owner")}</th>
            <th>{t("contracts.col.term")}</th>
            <th className="num">{t("contracts.col.amount")}</th>
            <th>{t("contracts.col.delivery")}</th>
            <th>{t("contracts.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} className={c.status === "terminated" ? "row-muted" : undefined}>
              <td className="mono nowrap"><Link to={`/contracts/${c.id}`}>{c.number}</Link></td>
              <td><Link to={`/contracts/${c.id}`}>{c.title}</Link></td>
              <td>{c.client_name}</td>
              <td className="nowrap">{c.category}</td>
              <td className="nowrap">{tKey("contracts.pricing", c.pricing)}</td>
              <td className="nowrap">{c.owner_name}</td>
              <td className="nowrap">{c.start_date} ~ {c.end_date}</td>
              <td className="num">{formatFen(c.amount_fen)}</td>
              <td className="delivery-cell">
                {c.ms_total ? <span>{t("contracts.progress.milestones", { done: c.ms_accepted, total: c.ms_total })}</span> : null}
                {c.ms_total && c.dl_total ? " · " : null}
                {c.dl_total ? <span>{t("contracts.progress.deliverables", { done: c.dl_done, total: c.dl_total })}</span> : null}
                {!c.ms_total && !c.dl_total ? <span className="muted">—</span> : null}
              </td>
              <td className="nowrap"><ContractStatusBadge status={c.status} /></td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr><td colSpan={10} className="muted">{t("common.empty")}</td></tr>
          ) : null}
        </tbody>
      </table>
      {total > 0 ? <p className="muted small">{t("contracts.sums", { n: total, amount: formatFen(amountFen) })}</p> : null}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
