// The moves a contract allows the person looking at it: the owner submits, starts, finishes,
// terminates and renews; a manager approves or returns a contract waiting for approval.
import { Form } from "@remix-run/react";
import type { ContractPricing, ContractStatus } from "~db/schema";
import { t } from "~/i18n";
import { Field } from "~/components/Field";
import type { FieldErrors } from "~/utils/form";

interface Props {
  status: ContractStatus;
  pricing: ContractPricing;
  updatedAt: string;
  isOwner: boolean;
  mayApprove: boolean;
  renewed: boolean;
  /** Milestones not yet accepted: a milestone contract cannot be accepted as a whole before they are. */
  openMilestones: number;
  /** A monthly-fee contract is finished only once its term is over. */
  endDate: string;
  today: string;
  errors?: FieldErrors;
  intent?: string;
  busy: boolean;
}

function Move({ intent, label, updatedAt, tone, busy }: { intent: string; label: string; updatedAt: string; tone?: string; busy: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="updated_at" value={updatedAt} />
      <button type="submit" className={tone} disabled={busy}>{label}</button>
    </Form>
  );
}

export function ContractActions({ status, pricing, updatedAt, isOwner, mayApprove, renewed, openMilestones, endDate, today, errors = {}, intent, busy }: Props) {
  const inForce = status === "signed" || status === "active";
  const moves = [
    isOwner && status === "draft" ? <Move key="submit" intent="submit" label={t("contracts.action.submit")} updatedAt={updatedAt} tone="primary" busy={busy} /> : null,
    mayApprove && status === "pending" ? <Move key="approve" intent="approve" label={t("contracts.action.approve")} updatedAt={updatedAt} tone="primary" busy={busy} /> : null,
    isOwner && status === "signed" ? <Move key="start" intent="start" label={t("contracts.action.start")} updatedAt={updatedAt} tone="primary" busy={busy} /> : null,
    isOwner && inForce && (pricing === "milestone" ? openMilestones === 0 : pricing === "tm" || today >= endDate) ? (
      <Move key="finish" intent="finish" label={t(pricing === "milestone" ? "contracts.action.finishAccepted" : "contracts.action.finishCompleted")} updatedAt={updatedAt} busy={busy} />
    ) : null,
    isOwner && !renewed && ["signed", "active", "accepted", "completed"].includes(status) ? (
      <Move key="renew" intent="renew" label={t("contracts.action.renew")} updatedAt={updatedAt} busy={busy} />
    ) : null,
  ].filter(Boolean);
  const returning = mayApprove && status === "pending";
  const terminating = isOwner && inForce;
  if (moves.length === 0 && !returning && !terminating) return null;
  return (
    <div className="panel actions-panel">
      {moves}
      {returning ? (
        <Form method="post" className="inline-form cancel-form">
          <input type="hidden" name="intent" value="return" />
          <input type="hidden" name="updated_at" value={updatedAt} />
          <Field label={t("contracts.action.returnReason")} error={intent === "return" ? errors.reason : undefined}>
            <input name="reason" maxLength={200} />
          </Field>
          <button type="submit" disabled={busy}>{t("contracts.action.return")}</button>
        </Form>
      ) : null}
      {terminating ? (
        <details className="terminate" open={intent === "terminate"}>
          <summary>{t("contracts.action.terminate")}</summary>
          <Form method="post" className="inline-form cancel-form">
            <input type="hidden" name="intent" value="terminate" />
            <input type="hidden" name="updated_at" value={updatedAt} />
            <Field label={t("contracts.action.terminateDate")} error={intent === "terminate" ? errors.date : undefined}>
              <input type="date" name="date" defaultValue={today} />
            </Field>
            <Field label={t("contracts.action.terminateReason")} error={intent === "terminate" ? errors.reason : undefined}>
              <input name="reason" maxLength={200} />
            </Field>
            {pricing === "milestone" ? (
              <Field label={t("contracts.action.terminateEarned")} error={intent === "terminate" ? errors.earned : undefined} hint={t("contracts.action.terminateEarnedHint")}>
                <input name="earned" inputMode="decimal" className="narrow-input" />
              </Field>
            ) : null}
            <button type="submit" className="danger" disabled={busy}>{t("contracts.action.terminate")}</button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
