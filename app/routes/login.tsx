import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { t } from "~/i18n";
import { FormError } from "~/components/Field";
import { authenticate } from "~/modules/auth/login.server";
import { safeNext } from "~/modules/auth/guard.server";
import { getSessionUser, startSession } from "~/modules/auth/session.server";
import { field } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getSessionUser(context, request)) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const username = field(form, "username");
  const result = await authenticate(
    context.db,
    { username, password: String(form.get("password") ?? ""), ip: context.clientIp },
    context.throttle,
  );
  if (!result.ok) return data({ error: result.message, username }, { status: result.status });
  const cookie = await startSession(context.db, request, result.user, { ip: context.clientIp });
  return redirect(safeNext(field(form, "next")), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="login-card">
      <h1>{t("app.name")}</h1>
      <p className="muted">{t("app.tagline")}</p>
      <Form method="post" className="stack">
        <FormError message={actionData?.error} />
        <input type="hidden" name="next" value={params.get("next") ?? "/"} />
        <label className="field">
          <span className="field-label">{t("login.username")}</span>
          <input name="username" autoComplete="username" required defaultValue={actionData?.username} autoFocus />
        </label>
        <label className="field">
          <span className="field-label">{t("login.password")}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
    </div>
  );
}
