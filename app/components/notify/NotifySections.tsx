// The sections of 设置 › 消息提醒: robots (with an inline test answer), the add form, the routing
// of each reminder kind, and the outbox log. All forms post back to the page.
import { Form, useFetcher } from "@remix-run/react";
import { Field } from "~/components/Field";
import { t, tKey } from "~/i18n";
import { formatInstant } from "~/utils/time";
import type { OutboxView, RobotView as Robot } from "~/modules/notify/settings.server";

type User = { id: string; name: string; role: string };
type TestAnswer = { tested?: string; sent?: boolean; text?: string; message?: string };

function TestButton({ robotId }: { robotId: string }) {
  const fetcher = useFetcher<TestAnswer>();
  const answer = fetcher.data;
  return (
    <fetcher.Form method="post" className="inline-form" preventScrollReset>
      <input type="hidden" name="intent" value="test" />
      <input type="hidden" name="id" value={robotId} />
      <button type="submit" className="linklike" disabled={fetcher.state !== "idle"}>{t("notify.test")}</button>
      {answer?.text ? <span className={answer.sent ? "ok-text small" : "danger-text small"} role="status">{answer.text}</span> : null}
      {answer?.message ? <span className="danger-text small" role="alert">{answer.message}</span> : null}
    </fetcher.Form>
  );
}

/** A new webhook for a robot (a rotated key), folded under its masked address. */
function ReplaceWebhook({ robot, error }: { robot: Robot; error: string | null }) {
  return (
    <details className="replace-webhook" open={error !== null}>
      <summary className="small">{t("notify.replace")}</summary>
      <Form method="post" className="stack" preventScrollReset>
        <input type="hidden" name="intent" value="replace_webhook" />
        <input type="hidden" name="id" value={robot.id} />
        <input name="webhook_url" maxLength={500} className="mono" autoComplete="off" required aria-label={t("notify.replace.webhook", { name: robot.name })} placeholder="https://" />
        {robot.kind === "dingtalk" ? (
          <input name="secret" type="password" maxLength={120} className="mono" autoComplete="off" aria-label={t("notify.replace.secret", { name: robot.name })} placeholder={t("notify.replace.secretHint")} />
        ) : null}
        {error ? <span className="danger-text small" role="alert">{error}</span> : null}
        <div className="actions">
          <button type="submit">{t("notify.replace.submit")}</button>
        </div>
      </Form>
    </details>
  );
}

export function RobotsTable({ robots, replaceRefused }: { robots: Robot[]; replaceRefused: { id: string; message: string } | null }) {
  if (robots.length === 0) return <p className="muted">{t("notify.noRobots")}</p>;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("notify.col.name")}</th>
          <th>{t("notify.col.kind")}</th>
          <th>{t("notify.col.webhook")}</th>
          <th>{t("notify.col.sign")}</th>
          <th>{t("notify.col.owner")}</th>
          <th>{t("notify.col.test")}</th>
          <th>{t("common.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {robots.map((r) => (
          <tr key={r.id} className={r.disabled ? "muted" : undefined}>
            <td>
              {r.name}
              {r.disabled ? <span className="small">（{t("notify.paused")}）</span> : null}
            </td>
            <td className="nowrap">{tKey("notify.kind", r.kind)}</td>
            <td className="notify-url">
              <span className="mono small">{r.maskedUrl}</span>
              <ReplaceWebhook robot={r} error={replaceRefused?.id === r.id ? replaceRefused.message : null} />
            </td>
            <td className="nowrap">{r.kind === "dingtalk" ? (r.hasSecret ? t("notify.sign.set") : t("notify.sign.unset")) : <span className="muted">—</span>}</td>
            <td className="nowrap">{r.ownerName ? t("notify.owner.of", { name: r.ownerName }) : <span className="muted">{t("notify.owner.group")}</span>}</td>
            <td><TestButton robotId={r.id} /></td>
            <td className="nowrap">
              <Form method="post" className="inline-form" preventScrollReset>
                <input type="hidden" name="intent" value={r.disabled ? "resume_robot" : "pause_robot"} />
                <input type="hidden" name="id" value={r.id} />
                <button type="submit" className="linklike">{r.disabled ? t("notify.resume") : t("notify.pause")}</button>
              </Form>{" "}
              <Form method="post" className="inline-form" preventScrollReset>
                <input type="hidden" name="intent" value="remove_robot" />
                <input type="hidden" name="id" value={r.id} />
                <button
                  type="submit"
                  className="linklike danger-text"
                  onClick={(e) => {
                    if (!window.confirm(t("notify.removeConfirm", { name: r.name }))) e.preventDefault();
                  }}
                >
                  {t("notify.remove")}
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type RobotValues = { name: string; kind: string; webhook_url: string; owner_id: string };

export function AddRobotForm({ users, values, error, field, fresh }: { users: User[]; values: RobotValues | null; error?: string; field?: string; fresh: string }) {
  const v = values ?? { name: "", kind: "wecom", webhook_url: "", owner_id: "" };
  const at = (name: string) => (error && field === name ? error : undefined);
  return (
    <Form method="post" className="stack narrow" key={values ? "retry" : fresh} preventScrollReset>
      <input type="hidden" name="intent" value="add_robot" />
      <Field label={t("notify.add.name")} error={at("name")} required>
        <input name="name" defaultValue={v.name} maxLength={50} required />
      </Field>
      <Field label={t("notify.add.kind")} error={at("kind")} required>
        <select name="kind" defaultValue={v.kind}>
          <option value="wecom">{t("notify.kind.wecom")}</option>
          <option value="dingtalk">{t("notify.kind.dingtalk")}</option>
        </select>
      </Field>
      <Field label={t("notify.add.webhook")} error={at("webhook_url")} hint={t("notify.add.webhookHint")} required>
        <input name="webhook_url" defaultValue={v.webhook_url} maxLength={500} className="mono" autoComplete="off" required />
      </Field>
      {/* SECURITY: the secret is never echoed back, even on a refused form. */}
      <Field label={t("notify.add.secret")} error={at("secret")} hint={t("notify.add.secretHint")}>
        <input name="secret" type="password" maxLength={120} className="mono" autoComplete="off" />
      </Field>
      <Field label={t("notify.add.owner")} error={at("owner_id")} hint={t("notify.add.ownerHint")}>
        <select name="owner_id" defaultValue={v.owner_id}>
          <option value="">{t("notify.owner.group")}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}（{tKey("role", u.role)}）
            </option>
          ))}
        </select>
      </Field>
      <div className="actions">
        <button type="submit" className="primary">{t("notify.add.submit")}</button>
      </div>
    </Form>
  );
}

type Kind = { kind: string; label: string; audience: string; enabled: boolean; perOwner: boolean };

/** One row per reminder kind: on or off, per owner (sales kinds), and the group robots it goes to. */
export function RoutesTable({ kinds, robots, routes, audienceLabels }: { kinds: Kind[]; robots: Robot[]; routes: Record<string, string[]>; audienceLabels: Record<string, string> }) {
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("notify.routes.kind")}</th>
          <th>{t("notify.routes.audience")}</th>
          <th>{t("notify.routes.enabled")}</th>
          <th>{t("notify.routes.perOwner")}</th>
          {robots.map((r) => (
            <th key={r.id}>{r.name}</th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {kinds.map((k) => {
          const formId = `route-${k.kind}`;
          const on = new Set(routes[k.kind] ?? []);
          const nowhere = k.enabled && on.size === 0 && !k.perOwner;
          return (
            <tr key={k.kind} className={k.enabled ? undefined : "muted"}>
              <td>
                {k.label}
                {nowhere ? <span className="danger-text small">（{t("notify.routes.nowhere")}）</span> : null}
              </td>
              <td className="nowrap muted">{audienceLabels[k.audience] ?? k.audience}</td>
              <td>
                <input type="checkbox" form={formId} name="enabled" value="1" defaultChecked={k.enabled} aria-label={`${k.label} ${t("notify.routes.enabled")}`} />
              </td>
              <td>
                {k.audience === "sales" ? (
                  <input type="checkbox" form={formId} name="per_owner" value="1" defaultChecked={k.perOwner} aria-label={`${k.label} ${t("notify.routes.perOwner")}`} />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              {robots.map((r) => (
                <td key={r.id}>
                  <input type="checkbox" form={formId} name="robot_id" value={r.id} defaultChecked={on.has(r.id)} aria-label={`${k.label} → ${r.name}`} />
                </td>
              ))}
              <td>
                <Form method="post" id={formId} key={`${k.enabled}-${k.perOwner}-${[...on].join(",")}`} preventScrollReset>
                  <input type="hidden" name="intent" value="set_routes" />
                  <input type="hidden" name="kind" value={k.kind} />
                  <button type="submit" className="linklike">{t("notify.routes.save")}</button>
                </Form>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}


export function OutboxTable({ rows }: { rows: OutboxView[] }) {
  if (rows.length === 0) return <p className="muted">{t("notify.outbox.empty")}</p>;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("notify.outbox.time")}</th>
          <th>{t("notify.outbox.title")}</th>
          <th>{t("notify.outbox.robot")}</th>
          <th>{t("notify.outbox.status")}</th>
          <th className="num">{t("notify.outbox.attempts")}</th>
          <th>{t("notify.outbox.when")}</th>
          <th>{t("notify.outbox.error")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.id}>
            <td className="nowrap">{formatInstant(o.createdAt)}</td>
            <td title={o.kindLabel}>{o.title}</td>
            <td className="nowrap">{o.robotName}</td>
            <td className={o.status === "failed" ? "nowrap danger-text" : "nowrap"}>{tKey("notify.status", o.status === "pending" && o.attempts === 0 ? "queued" : o.status)}</td>
            <td className="num">{o.attempts}</td>
            <td className="nowrap">
              {o.sentAt ? t("notify.outbox.sentAt", { at: formatInstant(o.sentAt) }) : o.nextAttemptAt ? t("notify.outbox.nextAt", { at: formatInstant(o.nextAttemptAt) }) : <span className="muted">—</span>}
            </td>
            <td className="small">{o.lastError || <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
