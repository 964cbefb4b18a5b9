import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { t } from "~/i18n";
import { Field, FormError, Notice } from "~/components/Field";
import { requireUser } from "~/modules/auth/guard.server";
import { changeOwnPassword } from "~/modules/users/users.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireUser(request, context);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  const result = await changeOwnPassword(context.db, caller.scope, caller.sessionId, {
    current: text("current"),
    next: text("next"),
    confirm: text("confirm"),
  });
  if (!result.ok) return data({ done: false, field: result.field, error: result.message }, { status: 400 });
  return { done: true, field: undefined, error: undefined };
}

export default function ChangePassword() {
  const result = useActionData<typeof action>();
  const errorFor = (name: string) => (result?.field === name ? result.error : undefined);
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <Notice message={result?.done ? t("account.changed") : null} />
      <FormError message={result && !result.done && !result.field ? result.error : undefined} />
      <Form method="post" className="stack" key={result?.done ? "done" : "form"}>
        <Field label={t("account.current")} error={errorFor("current")}>
          <input name="current" type="password" autoComplete="current-password" required />
        </Field>
        <Field label={t("account.new")} error={errorFor("next")} hint={t("account.tooShort")}>
          <input name="next" type="password" autoComplete="new-password" required minLength={10} />
        </Field>
        <Field label={t("account.confirm")} error={errorFor("confirm")}>
          <input name="confirm" type="password" autoComplete="new-password" required />
        </Field>
        <div className="actions">
          <button type="submit" className="primary">{t("common.save")}</button>
        </div>
      </Form>
    </section>
  );
}
