import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { Field, FormError, Notice } from "~/components/Field";
import { requirePermission } from "~/modules/auth/guard.server";
import { isRole, ROLES } from "~/modules/auth/permissions";
import { createUser } from "~/modules/users/users.server";
import { field } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "user", "create");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "user", "create");
  const form = await request.formData();
  const values = { username: field(form, "username"), displayName: field(form, "display_name"), role: field(form, "role") };
  const errors: Record<string, string> = {};
  if (!isRole(values.role)) errors.role = t("users.badRole");
  if (!values.displayName) errors.display_name = t("common.required");
  if (values.displayName.length > 64) errors.display_name = t("clients.tooLong", { max: 64 });
  if (Object.keys(errors).length || !isRole(values.role)) return data({ errors, values, created: null }, { status: 400 });
  const result = await createUser(context.db, caller.scope, { ...values, role: values.role });
  if (!result.ok) return data({ errors: { [result.field ?? "form"]: result.message }, values, created: null }, { status: 400 });
  return { errors: {} as Record<string, string>, values, created: { id: result.id, password: result.password } };
}

export default function NewUser() {
  const result = useActionData<typeof action>();
  if (result?.created) {
    return (
      <div className="narrow">
        <Notice message={t("users.created", { name: result.values.username, password: result.created.password })} />
        <Link to="/settings/users">{t("common.back")}</Link>
      </div>
    );
  }
  const errors = result?.errors ?? {};
  return (
    <Form method="post" className="stack narrow">
      <h2>{t("users.new")}</h2>
      <FormError message={errors.form} />
      <Field label={t("users.username")} error={errors.username} hint={t("users.badUsername")} required>
        <input name="username" defaultValue={result?.values.username} required autoComplete="off" />
      </Field>
      <Field label={t("users.displayName")} error={errors.display_name} required>
        <input name="display_name" defaultValue={result?.values.displayName} required maxLength={64} />
      </Field>
      <Field label={t("users.role")} error={errors.role} required>
        <select name="role" defaultValue={result?.values.role ?? "sales"}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{tKey("role", r)}</option>
          ))}
        </select>
      </Field>
      <div className="actions">
        <button type="submit" className="primary">{t("common.create")}</button>
        <Link to="/settings/users">{t("common.cancel")}</Link>
      </div>
    </Form>
  );
}
