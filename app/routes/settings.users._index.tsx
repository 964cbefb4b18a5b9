import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { listUsers } from "~/modules/users/users.server";
import { formatInstant } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "user", "read");
  return { users: await listUsers(context.db, caller.scope), canManage: can(caller.user.role, "user", "update") };
}

export default function Users() {
  const { users, canManage } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="page-head">
        <h2>{t("users.title")}</h2>
        {canManage ? <Link className="button primary" to="/settings/users/new">{t("users.new")}</Link> : null}
      </div>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("users.username")}</th>
            <th>{t("users.displayName")}</th>
            <th>{t("users.role")}</th>
            <th>{t("users.status")}</th>
            <th>{t("audit.at")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? "row-muted" : undefined}>
              <td className="mono">{canManage ? <Link to={`/settings/users/${u.id}`}>{u.username}</Link> : u.username}</td>
              <td>{u.display_name}</td>
              <td>{tKey("role", u.role)}</td>
              <td>{u.disabled ? t("users.disabled") : t("users.enabled")}</td>
              <td className="nowrap">{formatInstant(u.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
