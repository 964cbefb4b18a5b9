import type { ContractStatus } from "~db/schema";
import { tKey } from "~/i18n";

/** Reuses the order stage colors (app/styles/app.css .stage-*): 待审批 reads like a hold, 履行中 like a running order. */
const TONE: Record<ContractStatus, string> = {
  draft: "draft",
  pending: "hold",
  signed: "confirmed",
  active: "running",
  accepted: "completed",
  completed: "completed",
  terminated: "cancelled",
};

export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  return <span className={`tag stage-${TONE[status]}`}>{tKey("contracts.status", status)}</span>;
}
