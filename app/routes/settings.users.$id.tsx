import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { FormError, Notice } from "~/components/Field";
import { requirePermission } from "~/modules/auth/guard.server";
import { isRole, ROLES } from "~/modules/auth/permissions";
import { getUser, resetPassword, updateUserAccess } from "~/modules/users/users.server";
import { field, notFound } from "~/utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "user", "update");
  const user = await getUser(context.db, caller.scope, params.id ?? "");
  if (!user) notFound();
  return { user, isSelf: user.id === caller.user.id };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "user", "update");
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = field(form, "intent");
  if (intent === "reset") {
    const result = await resetPassword(context.db, caller.scope, id);
    if (!result) notFound();
    const user = await getUser(context.db, caller.scope, id);
    return { notice: t("users.passwordResetDone", { name: user?.username ?? "", password: result.password }), error: null };
  }
  const role = field(form, "role");
  const change =
    intent === "disable" ? { disabled: true } : intent === "enable" ? { disabled: false } : intent === "role" && isRole(role) ? { role } : null;
  if (!change) return data({ notice: null, error: t("users.badRole") }, { status: 400 });
  const result = await updateUserAccess(context.db, caller.scope, id, change);
  if (!result) notFound();
  if (!result.ok) return data({ notice: null, error: result.message }, { status: 409 });
  return { notice: t("common.saved"), error: null };
}

export default function UserDetail() {
  const { user, isSelf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="narrow stack">
      <h2>
        {user.display_name} <span className="mono muted">{user.username}</span>
      </h2>
      <Notice message={result?.notice} />
      <FormError message={result?.error ?? undefined} />
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="role" />
        <label>
          {t("users.role")}{" "}
          <select name="role" defaultValue={user.role} key={user.role}>
            {ROLES.map((r) => (
              <option key={r} value={r}>{tKey("role", r)}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t("users.changeRole")}</button>
      </Form>
      <div className="inline-form">
        <span>
          {t("users.status")}：{user.disabled ? t("users.disabled") : t("users.enabled")}
        </span>
        {!isSelf ? (
          <Form method="post">
            <input type="hidden" name="intent" value={user.disabled ? "enable" : "disable"} />
            <button type="submit" className={user.disabled ? undefined : "danger"}>
              {user.disabled ? t("users.enable") : t("users.disable")}
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="reset" />
          <button type="submit">{t("users.resetPassword")}</button>
        </Form>
      </div>
      <Link to="/settings/users">{t("common.back")}</Link>
    </div>
  );
}
