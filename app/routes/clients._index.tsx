import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ClientKind } from "~db/schema";
import { t, tKey } from "~/i18n";
import { Pagination } from "~/components/Pagination";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { CLIENT_KINDS } from "~/modules/clients/client-form";
import { searchClients } from "~/modules/clients/clients.server";
import { listActiveUsers } from "~/modules/users/users.server";
import { pageParam } from "~/utils/http.server";
import { formatBasisPoints } from "~/utils/money";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "client", "read");
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const kindParam = url.searchParams.get("kind") ?? "";
  const kind = (CLIENT_KINDS as readonly string[]).includes(kindParam) ? (kindParam as ClientKind) : undefined;
  const mine = url.searchParams.get("mine") === "1";
  const ownerId = mine ? caller.user.id : url.searchParams.get("owner") || undefined;
  const result = await searchClients(context.db, caller.scope, { q, kind, ownerId, page: pageParam(url) });
  const owners = await listActiveUsers(context.db, caller.scope);
  return {
    ...result,
    filters: { q, kind: kind ?? "", mine, owner: mine ? "" : (ownerId ?? "") },
    owners,
    canCreate: can(caller.user.role, "client", "create"),
  };
}

export default function ClientList() {
  const { rows, total, page, pageSize, filters, owners, canCreate } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-head">
        <h1>{t("clients.title")}</h1>
        {canCreate ? <Link className="button primary" to="/clients/new">{t("clients.new")}</Link> : null}
      </div>
      <Form method="get" className="filters">
        <input type="search" name="q" defaultValue={filters.q} placeholder={t("clients.searchPlaceholder")} aria-label={t("common.search")} />
        <select name="kind" defaultValue={filters.kind} aria-label={t("clients.kind")}>
          <option value="">{t("clients.kind")}：{t("common.all")}</option>
          {CLIENT_KINDS.map((k) => (
            <option key={k} value={k}>{tKey("clients.kind", k)}</option>
          ))}
        </select>
        <select name="owner" defaultValue={filters.owner} aria-label={t("clients.owner")}>
          <option value="">{t("clients.owner")}：{t("common.all")}</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>{o.display_name}</option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} /> {t("clients.onlyMine")}
        </label>
        <button type="submit">{t("common.search")}</button>
        <Link to="/clients">{t("common.reset")}</Link>
      </Form>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("clients.name")}</th>
            <th>{t("clients.kind")}</th>
            <th>{t("clients.creditCode")}</th>
            <th>{t("clients.contactName")}</th>
            <th>{t("clients.contactPhone")}</th>
            <th>{t("clients.owner")}</th>
            <th className="num">{t("clients.commission")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td><Link to={`/clients/${c.id}`}>{c.name}</Link></td>
              <td>{tKey("clients.kind", c.kind)}</td>
              <td className="mono">{c.credit_code}</td>
              <td>{c.contact_name}</td>
              <td>{c.contact_phone}</td>
              <td>{c.owner_name ?? <span className="muted">{t("clients.noOwner")}</span>}</td>
              <td className="num">{c.commission_bp ? formatBasisPoints(c.commission_bp) : ""}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr><td colSpan={7} className="muted">{t("common.empty")}</td></tr>
          ) : null}
        </tbody>
      </table>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
