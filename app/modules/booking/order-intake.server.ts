// From a posted order form to the service's input: header and lines parsed, the client found by
// name and the units by code within the caller's center. Every problem is reported at once.
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import type { FieldErrors } from "~/utils/form";
import type { LineInput } from "./lines.server";
import { type BookingIntent, type CreateOrderInput, type OrderHeader } from "./orders.server";
import { type LineDraft, type LineFields, parseHeader, parseLine, postedLines } from "./order-form";
import { clientByName } from "~/modules/clients/clients.server";
import { unitsByCodes } from "./order-views.server";

export type Intake<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; lineErrors: { index: number; message: string }[] };

export async function resolveLines(db: Executor, scope: Scope, rows: LineFields[]): Promise<{ lines: LineInput[]; lineErrors: { index: number; message: string }[] }> {
  const drafts: (LineDraft | null)[] = [];
  const lineErrors: { index: number; message: string }[] = [];
  rows.forEach((row, index) => {
    const parsed = parseLine(row);
    if (parsed.ok) drafts.push(parsed.value);
    else {
      drafts.push(null);
      lineErrors.push({ index, message: parsed.message });
    }
  });
  const units = new Map((await unitsByCodes(db, scope, drafts.flatMap((d) => (d ? [d.unit] : [])))).map((u) => [u.code, u]));
  const lines: LineInput[] = [];
  drafts.forEach((draft, index) => {
    if (!draft) return;
    const unit = units.get(draft.unit);
    if (!unit || unit.archived) {
      lineErrors.push({ index, message: `广告位编号“${draft.unit}”不存在或已归档` });
      return;
    }
    const { unit: _code, ...rest } = draft;
    lines.push({ ...rest, unitId: unit.id });
  });
  return { lines, lineErrors: lineErrors.sort((a, b) => a.index - b.index) };
}

export async function orderInputFromForm(db: Executor, scope: Scope, form: FormData): Promise<Intake<CreateOrderInput>> {
  const header = parseHeader(form);
  const errors: FieldErrors = header.ok ? {} : { ...header.errors };
  let clientId = "";
  if (header.ok) {
    const client = await clientByName(db, scope, header.value.client);
    if (client) clientId = client.id;
    else errors.client = `没有名为“${header.value.client}”的客户，请从建议中选择或先新建客户`;
  }
  const { lines, lineErrors } = await resolveLines(db, scope, postedLines(form));
  const intentRaw = String(form.get("intent") ?? "");
  const intent: BookingIntent = intentRaw === "draft" || intentRaw === "confirm" ? intentRaw : "hold";
  if (intent !== "draft" && !lines.length && !lineErrors.length) errors.form = "请至少填写一行投放（广告位编号与日期）";
  const key = String(form.get("idempotency_key") ?? "").trim();
  if (!/^[0-9A-Za-z]{10,40}$/.test(key)) errors.form = "表单已失效，请刷新页面后重新提交";
  if (!header.ok || Object.keys(errors).length || lineErrors.length) return { ok: false, errors, lineErrors };
  const h = header.value;
  const orderHeader: OrderHeader = { clientId, title: h.title, product: h.product, adCategory: h.ad_category, approvalNumber: h.approval_number, terms: h.terms };
  return { ok: true, value: { header: orderHeader, lines, intent, queueIfFull: form.get("queue_if_full") === "1", idempotencyKey: key } };
}
