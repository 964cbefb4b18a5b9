// /settings/notifications (设置 › 消息提醒): the center's WeCom/DingTalk group robots, which
// reminder kinds go to which robots, and the last 50 messages sent or failed. Admin only.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "~/components/Field";
import { AddRobotForm, OutboxTable, RobotsTable, RoutesTable } from "~/components/notify/NotifySections";
import { t, tKey } from "~/i18n";
import { requirePermission } from "~/modules/auth/guard.server";
import { AUDIENCE_LABELS } from "~/modules/notify/kinds";
import { addRobot, removeRobot, replaceWebhook, setRobotPaused } from "~/modules/notify/robot-settings.server";
import { notificationSettings, sendTestMessage, setKind } from "~/modules/notify/settings.server";
import { field, forbidden, notFound } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "center", "update");
  return notificationSettings(context.db, caller.scope);
}

type Refusal = { intent: string; message: string; field?: string; id?: string; values?: { name: string; kind: string; webhook_url: string; owner_id: string } };

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "center", "update");
  const form = await request.formData();
  const intent = field(form, "intent");
  const id = field(form, "id");
  if (intent === "test") {
    const outcome = await sendTestMessage(context.db, caller.scope, id);
    if (!outcome.ok) {
      if (outcome.status === 404) notFound();
      forbidden();
    }
    return { tested: id, sent: outcome.sent, text: outcome.text };
  }
  const values = { name: field(form, "name"), kind: field(form, "kind"), webhook_url: field(form, "webhook_url"), owner_id: field(form, "owner_id") };
  const result =
    intent === "add_robot" ? await addRobot(context.db, caller.scope, { ...values, secret: field(form, "secret") })
    : intent === "remove_robot" ? await removeRobot(context.db, caller.scope, id)
    : intent === "pause_robot" || intent === "resume_robot" ? await setRobotPaused(context.db, caller.scope, id, intent === "pause_robot")
    : intent === "replace_webhook" ? await replaceWebhook(context.db, caller.scope, id, { webhook_url: field(form, "webhook_url"), secret: field(form, "secret") })
    : intent === "set_routes"
      ? await setKind(context.db, caller.scope, field(form, "kind"), { enabled: field(form, "enabled") === "1", perOwner: field(form, "per_owner") === "1", robotIds: form.getAll("robot_id").map(String) })
    : null;
  if (!result) return data<Refusal>({ intent, message: t("error.badRequest.title") }, { status: 400 });
  if (!result.ok) {
    if (result.status === 404) notFound();
    if (result.status === 403) forbidden();
    return data<Refusal>({ intent, message: result.message, field: result.field, id: id || undefined, values: intent === "add_robot" ? values : undefined }, { status: result.status });
  }
  return redirect(`/settings/notifications?done=${intent}`);
}

export default function NotificationSettings() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as Refusal | undefined;
  const [params] = useSearchParams();
  const done = params.get("done");
  const addRefused = refused?.intent === "add_robot" ? refused : undefined;
  // A refused new webhook is shown in its robot's row, beside the form it came from.
  const replaceRefused = refused?.intent === "replace_webhook" ? refused : undefined;
  return (
    <div className="stack">
      <p className="muted small">{t("notify.hint")}</p>
      <Notice message={done && !refused ? tKey("notify.done", done) : null} />
      {refused && !addRefused && !replaceRefused ? <FormError message={refused.message} /> : null}
      <section className="panel">
        <h2>{t("notify.robots")}</h2>
        <RobotsTable robots={d.robots} replaceRefused={replaceRefused ? { id: replaceRefused.id ?? "", message: replaceRefused.message } : null} />
      </section>
      <section className="panel">
        <h2>{t("notify.add.title")}</h2>
        {addRefused && !addRefused.field ? <FormError message={addRefused.message} /> : null}
        <AddRobotForm users={d.users} values={addRefused?.values ?? null} error={addRefused?.message} field={addRefused?.field} fresh={`fresh-${d.robots.length}`} />
      </section>
      <section className="panel">
        <h2>{t("notify.routes")}</h2>
        <p className="muted small">{t("notify.routes.hint")}</p>
        <RoutesTable kinds={d.kinds} robots={d.robots.filter((r) => !r.ownerId)} routes={d.routes} audienceLabels={AUDIENCE_LABELS} />
      </section>
      <section className="panel">
        <h2>{t("notify.outbox")}</h2>
        <p className="muted small">{t("notify.outbox.hint", { pending: d.pending, failed: d.failed })}</p>
        <OutboxTable rows={d.outbox} />
      </section>
    </div>
  );
}
