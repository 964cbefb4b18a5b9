// The contract page's posted actions, each read from its form and handed to the service. The route
// stays a dispatcher: permission, then one of these, then redirect or show the refusal.
import type { AppDb } from "~db/connection";
import type { Scope } from "~/modules/auth/scope";
import { checkFile, chosenFile } from "~/modules/inventory/files.server";
import { field } from "~/utils/http.server";
import { isCalendarDate } from "~/utils/time";
import { type ContractWriteResult, refusal } from "./access.server";
import { parseReason, parseTermination } from "./contract-form";
import { acceptMilestone, addWorkLog, type DeliverableInput, recordMilestoneDelivery, removeDeliverable, removeWorkLog, saveDeliverable } from "./delivery.server";
import { attachContractFile } from "./files.server";
import { approveContract, finishContract, renewContract, returnContract, startContract, submitForSigning, terminateContract } from "./lifecycle.server";
import { isDeliverableKind } from "./model";

export const INTENTS = [
  "submit", "approve", "return", "start", "finish", "terminate", "renew", "accept", "deliver",
  "deliverable-add", "deliverable-delivered", "deliverable-remove", "log-add", "log-remove", "file-upload",
] as const;
export type Intent = (typeof INTENTS)[number];

export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}

/** The ?done= word a successful intent shows (contracts.done.*). */
export const DONE: Record<Intent, string> = {
  submit: "submit", approve: "approve", return: "return", start: "start", finish: "finish", terminate: "terminate", renew: "renewed",
  accept: "accept", deliver: "deliver", "deliverable-add": "deliverable", "deliverable-delivered": "deliverable", "deliverable-remove": "deliverableRemoved",
  "log-add": "log", "log-remove": "logRemoved", "file-upload": "file",
};

function dateField(form: FormData, name: string): string | null | undefined {
  const v = field(form, name);
  if (!v) return null;
  return isCalendarDate(v) ? v : undefined;
}

function parseDeliverable(form: FormData, today: string): { ok: true; value: DeliverableInput } | { ok: false; errors: Record<string, string> } {
  const kind = field(form, "kind");
  const name = field(form, "name");
  const url = field(form, "url");
  const due = dateField(form, "due_date");
  const delivered = dateField(form, "delivered_on");
  const errors: Record<string, string> = {};
  if (!isDeliverableKind(kind)) errors.kind = "请选择交付物类型";
  if (!name) errors.name = "请填写交付物名称";
  else if (name.length > 100) errors.name = "名称过长（最多 100 个字）";
  if (url && (!/^https?:\/\/\S+$/i.test(url) || url.length > 300)) errors.url = "链接应以 http:// 或 https:// 开头，最多 300 个字符";
  if (due === undefined) errors.due_date = "计划交付日期不是有效日期";
  if (delivered === undefined) errors.delivered_on = "实际交付日期不是有效日期";
  else if (delivered && delivered > today) errors.delivered_on = "实际交付日期不能晚于今天";
  const notes = field(form, "notes");
  if (notes.length > 200) errors.notes = "说明过长（最多 200 个字）";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { kind: kind as DeliverableInput["kind"], name, url, due_date: due ?? null, delivered_on: delivered ?? null, notes } };
}

async function deliverableDelivered(db: AppDb, scope: Scope, id: string, deliverableId: string, today: string): Promise<ContractWriteResult> {
  const current = await db.selectFrom("contract_deliverables").selectAll().where("center_id", "=", scope.centerId).where("contract_id", "=", id).where("id", "=", deliverableId).executeTakeFirst();
  if (!current) return refusal(404, { form: "交付物不存在" });
  const { kind, name, url, due_date, notes } = current;
  return saveDeliverable(db, scope, id, deliverableId, { kind, name, url, due_date, delivered_on: today, notes });
}

/** Runs one posted intent for contract `id`. */
export async function runIntent(db: AppDb, scope: Scope, id: string, intent: Intent, form: FormData, today: string): Promise<ContractWriteResult> {
  const stamp = { expectedUpdatedAt: field(form, "updated_at") || undefined };
  switch (intent) {
    case "submit":
      return submitForSigning(db, scope, id, stamp);
    case "approve":
      return approveContract(db, scope, id, stamp);
    case "return": {
      const parsed = parseReason(form);
      return parsed.ok ? returnContract(db, scope, id, parsed.value.reason, stamp) : refusal(400, parsed.errors);
    }
    case "start":
      return startContract(db, scope, id, stamp);
    case "finish":
      return finishContract(db, scope, id, { ...stamp, today });
    case "terminate": {
      const parsed = parseTermination(form);
      return parsed.ok ? terminateContract(db, scope, id, parsed.value, stamp) : refusal(400, parsed.errors);
    }
    case "renew":
      return renewContract(db, scope, id);
    case "accept":
    case "deliver": {
      const date = field(form, "date");
      if (!isCalendarDate(date)) return refusal(400, { date: "日期不是有效日期（YYYY-MM-DD）" });
      if (intent === "deliver") return recordMilestoneDelivery(db, scope, id, field(form, "milestone_id"), date, today);
      const note = field(form, "note");
      if (note.length > 200) return refusal(400, { note: "说明过长（最多 200 个字）" });
      return acceptMilestone(db, scope, id, field(form, "milestone_id"), { date, note }, today);
    }
    case "deliverable-add": {
      const parsed = parseDeliverable(form, today);
      return parsed.ok ? saveDeliverable(db, scope, id, null, parsed.value) : refusal(400, parsed.errors);
    }
    case "deliverable-delivered":
      return deliverableDelivered(db, scope, id, field(form, "deliverable_id"), today);
    case "deliverable-remove":
      return removeDeliverable(db, scope, id, field(form, "deliverable_id"));
    case "log-add": {
      const date = field(form, "date");
      const quantity = Number(field(form, "quantity"));
      if (!isCalendarDate(date)) return refusal(400, { date: "日期不是有效日期（YYYY-MM-DD）" });
      if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 100_000) return refusal(400, { quantity: "数量应为 1–100000 的整数" });
      const note = field(form, "note");
      if (note.length > 200) return refusal(400, { note: "说明过长（最多 200 个字）" });
      return addWorkLog(db, scope, id, { rateId: field(form, "rate_id"), date, quantity, note }, today);
    }
    case "log-remove":
      return removeWorkLog(db, scope, id, field(form, "log_id"));
    case "file-upload": {
      const file = chosenFile(form, "file");
      if (!file) return refusal(400, { file: "请选择要上传的文件" });
      const checked = await checkFile(file, "contract_scan");
      if (!checked.ok) return refusal(checked.status, { file: checked.message });
      return attachContractFile(db, scope, id, checked.file);
    }
  }
}
