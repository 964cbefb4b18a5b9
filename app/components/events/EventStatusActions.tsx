import { Form } from "@remix-run/react";
import type { EventStatus } from "~db/schema";
import { type MessageKey, t } from "~/i18n";
import { Field } from "~/components/Field";
import { nextStatuses } from "~/modules/events/model";

function buttonLabel(from: EventStatus, to: EventStatus): MessageKey {
  if (from === "cancelled") return "events.action.restore";
  if (from === "done") return "events.action.reopenDone";
  return `events.action.${to === "cancelled" ? "cancel" : to}`;
}

/** The moves the event's status allows; cancelling asks for a reason. */
export function EventStatusActions({ status, updatedAt, reasonError, busy }: { status: EventStatus; updatedAt: string; reasonError?: string; busy: boolean }) {
  const moves = nextStatuses(status);
  return (
    <div className="panel actions-panel">
      {moves
        .filter((to) => to !== "cancelled")
        .map((to) => (
          <Form method="post" key={to} className="inline-form">
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="to" value={to} />
            <input type="hidden" name="updated_at" value={updatedAt} />
            <button type="submit" className={to === "confirmed" || to === "done" ? "primary" : undefined} disabled={busy}>
              {t(buttonLabel(status, to))}
            </button>
          </Form>
        ))}
      {moves.includes("cancelled") ? (
        <Form method="post" className="inline-form cancel-form">
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="to" value="cancelled" />
          <input type="hidden" name="updated_at" value={updatedAt} />
          <Field label={t("events.action.cancelReason")} error={reasonError}>
            <input name="reason" maxLength={200} />
          </Field>
          <button type="submit" className="danger" disabled={busy}>{t("events.action.cancel")}</button>
        </Form>
      ) : null}
    </div>
  );
}
