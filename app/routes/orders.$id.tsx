import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { t, tKey } from "~/i18n";
import { DefinitionPanel } from "~/components/DefinitionPanel";
import { Field, FormError, Notice } from "~/components/Field";
import { LineRowsEditor } from "~/components/booking/LineRowsEditor";
import { OrderTabs } from "~/components/booking/OrderTabs";
import { StageBadge } from "~/components/booking/StageBadge";
import { BillingPlanPanel } from "~/components/finance/BillingPlanPanel";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { AD_CATEGORIES, isRegulated } from "~/modules/booking/model";
import { billingPlanAction, billingPlanPanel } from "~/modules/billing/bill-intents.server";
import { parseHeader, postedLines } from "~/modules/booking/order-form";
import { resolveLines } from "~/modules/booking/order-intake.server";
import { getOrderDetail } from "~/modules/booking/order-views.server";
import { booking, type BookingResult } from "~/modules/booking/booking-result";
import { cancelOrder, canChangeOrder, confirmOrder, placeHold, removeLine, renewHold, saveLine, updateOrderHeader } from "~/modules/booking/orders.server";
import { getCenter } from "~/modules/centers/centers.server";
import { field, notFound } from "~/utils/http.server";
import { formatBasisPoints, formatFen } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";
import { formatInstant, nowIso, todayInShanghai } from "~/utils/time";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "read");
  const detail = await getOrderDetail(context.db, caller.scope, params.id ?? "", todayInShanghai(), nowIso());
  if (!detail) notFound();
  const center = await getCenter(context.db, caller.scope);
  const mayChange = can(caller.user.role, "order", "update") && canChangeOrder(caller.scope, detail.order);
  const billingPlan = await billingPlanPanel(context.db, caller.scope, { kind: "order", id: detail.order.id });
  return { ...detail, mayChange, renewalsLeft: Math.max(0, center.hold_max_renewals - detail.order.hold_renewals), billingPlan };
}

type Intent = "hold" | "confirm" | "renew" | "cancel" | "header" | "line-save" | "line-remove";
const DONE: Record<Intent, string> = { hold: "held", confirm: "confirmed", renew: "renewed", cancel: "cancelled", header: "saved", "line-save": "lineSaved", "line-remove": "lineRemoved" };

export async function action({ request, context, params }: ActionFunctionArgs) {
  // Finance sets the billing plan without the right to change the order.
  const planned = await billingPlanAction(request, context, { kind: "order", id: params.id ?? "" }, `/orders/${params.id ?? ""}`);
  if (planned) return planned;
  const caller = await requirePermission(request, context, "order", "update");
  const form = await request.formData();
  const id = params.id ?? "";
  const intent = field(form, "intent") as Intent;
  const stamp = field(form, "updated_at");
  const { db } = context;
  const scope = caller.scope;
  let result: BookingResult;
  switch (intent) {
    case "hold":
      result = await booking(() => placeHold(db, scope, id, form.get("queue_if_full") === "1"));
      break;
    case "confirm":
      result = await booking(() => confirmOrder(db, scope, id));
      break;
    case "renew":
      result = await booking(() => renewHold(db, scope, id));
      break;
    case "cancel":
      result = await booking(() => cancelOrder(db, scope, id, field(form, "reason")));
      break;
    case "header": {
      const parsed = parseHeader(form);
      if (!parsed.ok) return data({ intent, message: t("common.formHasErrors"), errors: parsed.errors }, { status: 400 });
      const h = parsed.value;
      result = await booking(() => updateOrderHeader(db, scope, id, { title: h.title, product: h.product, adCategory: h.ad_category, approvalNumber: h.approval_number, terms: h.terms }, stamp));
      break;
    }
    case "line-save": {
      const rows = postedLines(form);
      const { lines, lineErrors } = await resolveLines(db, scope, rows);
      if (!rows.length) return data({ intent, message: "请填写广告位编号", errors: {} }, { status: 400 });
      if (lineErrors.length) return data({ intent, message: lineErrors[0].message, errors: {} }, { status: 400 });
      result = await booking(() => saveLine(db, scope, id, field(form, "line_id") || null, lines[0], stamp));
      break;
    }
    case "line-remove":
      result = await booking(() => removeLine(db, scope, id, field(form, "line_id"), stamp));
      break;
    default:
      throw data({ message: "未知的操作" }, { status: 400 });
  }
  if (!result.ok) {
    if (result.status === 404 && result.message === "订单不存在") notFound();
    return data({ intent, message: result.message, errors: result.errors ?? {} }, { status: result.status });
  }
  return redirect(`/orders/${id}?done=${DONE[intent]}`);
}

export default function OrderDetail() {
  const { order, lines, events, mayChange, renewalsLeft, billingPlan } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const done = search.get("done");
  const editing = lines.find((l) => l.id === search.get("line"));
  const live = lines.filter((l) => l.state !== "released" || order.stage === "cancelled" || order.stage === "expired");
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const stage = order.stage;
  const open = stage === "draft" || stage === "hold" || stage === "confirmed" || stage === "running";
  const lineEditable = mayChange && open;
  const queued = lines.some((l) => l.state === "queued" && !l.lapsed);
  const regulatedMissing = isRegulated(order.ad_category) && !order.approval_number;

  const rows: [string, ReactNode][] = [
    [t("orders.field.number"), <span className="mono">{order.number}</span>],
    [t("orders.field.stage"), <StageBadge stage={stage} />],
    [t("orders.field.client"), <Link to={`/clients/${order.client_id}`}>{order.client_name}</Link>],
    [t("orders.field.owner"), order.owner_name],
    [t("orders.field.product"), order.product],
    [t("orders.field.ad_category"), tKey("orders.adCategory", order.ad_category)],
    [t("orders.field.approval_number"), order.approval_number || (isRegulated(order.ad_category) ? <span className="field-error">{t("common.none")}</span> : "")],
    [t("orders.col.span"), order.start_date ? `${order.start_date} ~ ${order.end_date}` : ""],
  ];
  if (order.status === "hold") rows.push([t("orders.field.holdUntil"), `${formatInstant(order.hold_expires_at!)}（${t("orders.field.renewals")} ${order.hold_renewals}）`]);
  const money: [string, ReactNode][] = [
    [t("orders.field.totalList"), formatFen(order.list_fen)],
    [t("orders.field.totalDiscount"), formatFen(order.list_fen - order.net_fen)],
    [t("orders.field.totalNet"), <strong>{formatFen(order.net_fen)}</strong>],
    [t("orders.field.inWords"), <span className="money-words">人民币{fenToChineseUpper(order.net_fen)}</span>],
  ];

  return (
    <section>
      <OrderTabs />
      <div className="page-head">
        <h1>
          <span className="mono">{order.number}</span> {order.title}
        </h1>
        <div className="actions">
          <Link to="/orders">{t("common.back")}</Link>
          <Link className="button" to={`/orders/${order.id}/print`}>{t("orders.detail.print")}</Link>
        </div>
      </div>
      <Notice message={done ? (done === "queued" ? t("orders.detail.done.queued", { n: search.get("n") ?? "" }) : tKey("orders.detail.done", done)) : null} />
      <FormError message={result?.message} />
      {stage === "hold" ? <div className="banner banner-warn">{t("orders.detail.holdBanner", { at: formatInstant(order.hold_expires_at!) })}</div> : null}
      {stage === "expired" ? <div className="banner banner-error">{t("orders.detail.expiredBanner", { at: formatInstant(order.hold_expires_at ?? order.closed_at ?? "") })}</div> : null}
      {stage === "cancelled" ? <div className="banner banner-error">{t("orders.detail.cancelledBanner", { at: formatInstant(order.closed_at ?? ""), reason: order.cancel_reason })}</div> : null}
      {queued && open ? <div className="banner banner-warn">{t("orders.detail.queuedBanner")}</div> : null}
      {regulatedMissing && open ? <div className="banner banner-warn">{t("orders.detail.regulatedMissing")}</div> : null}
      {!mayChange && open ? <p className="muted small">{t("orders.detail.notOwner")}</p> : null}

      <div className="two-col">
        <DefinitionPanel title={t("orders.title")} rows={rows} />
        <DefinitionPanel title={t("orders.field.totalNet")} rows={money} />
      </div>
      {billingPlan ? <BillingPlanPanel plan={billingPlan} errors={result?.intent === "billing-plan" ? result.errors : undefined} busy={busy} /> : null}

      {mayChange && open ? (
        <div className="panel actions-panel">
          {stage === "draft" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="hold" />
              <label className="check" title={t("orders.new.queueHint")}><input type="checkbox" name="queue_if_full" value="1" /> {t("orders.new.queue")}</label>
              <button type="submit" disabled={busy}>{t("orders.detail.hold")}</button>
            </Form>
          ) : null}
          {stage === "draft" || stage === "hold" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="confirm" />
              <button type="submit" className="primary" disabled={busy}>{t("orders.detail.confirm")}</button>
            </Form>
          ) : null}
          {stage === "hold" && renewalsLeft > 0 ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="renew" />
              <button type="submit" disabled={busy}>{t("orders.detail.renew", { n: renewalsLeft })}</button>
            </Form>
          ) : null}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="cancel" />
            <input name="reason" placeholder={t("orders.field.cancelReason")} aria-label={t("orders.field.cancelReason")} maxLength={200} required />
            <button type="submit" className="danger" disabled={busy} title={t("orders.detail.cancelHint")}>{t("orders.detail.cancel")}</button>
          </Form>
        </div>
      ) : null}

      <div className="panel">
        <h2>{t("orders.detail.lines")}</h2>
        <table className="grid">
          <thead>
            <tr>
              <th>{t("orders.line.unitName")}</th>
              <th>{t("orders.line.start")}</th>
              <th>{t("orders.line.end")}</th>
              <th className="num">{t("orders.line.days")}</th>
              <th className="num">{t("orders.line.quantity")}</th>
              <th>{t("orders.line.kind")}</th>
              <th className="num">{t("orders.line.list")}</th>
              <th className="num">{t("orders.line.discount")}</th>
              <th className="num">{t("orders.line.netCol")}</th>
              <th>{t("orders.line.content")}</th>
              <th>{t("orders.line.state")}</th>
              {lineEditable ? <th>{t("common.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {live.map((l) => (
              <tr key={l.id}>
                <td><Link to={`/inventory/units/${l.unit_id}`} className="mono">{l.unit_code}</Link> {l.unit_name}</td>
                <td className="nowrap">{l.start_date}</td>
                <td className="nowrap">{l.end_date}</td>
                <td className="num">{l.days}</td>
                <td className="num">{l.quantity}{l.seconds ? ` × ${l.seconds}秒` : ""}{l.daypart ? ` ${tKey("orders.daypart", l.daypart)}` : ""}</td>
                <td>{tKey("orders.kind", l.kind)}</td>
                <td className="num">{formatFen(l.list_fen)}</td>
                <td className="num">{formatBasisPoints(l.discount_bp)}</td>
                <td className="num">{formatFen(l.net_fen)}</td>
                <td>{l.content}</td>
                <td>
                  {l.state === "queued" && !l.lapsed ? <span className="tag state-queued">{t("orders.queuePlace", { n: l.queuePlace ?? 2 })}</span> : l.lapsed ? t("orders.line.lapsed") : tKey("orders.lineState", l.state)}
                </td>
                {lineEditable ? (
                  <td className="nowrap">
                    <Link to={`?line=${l.id}#line-form`}>{t("orders.line.edit")}</Link>{" "}
                    {stage !== "running" ? (
                      <Form method="post" className="inline-form" style={{ display: "inline" }}>
                        <input type="hidden" name="intent" value="line-remove" />
                        <input type="hidden" name="line_id" value={l.id} />
                        <input type="hidden" name="updated_at" value={order.updated_at} />
                        <button type="submit" className="linklike danger-text" disabled={busy}>{t("orders.line.remove")}</button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
            {live.length === 0 ? <tr><td colSpan={12} className="muted">{t("common.empty")}</td></tr> : null}
          </tbody>
        </table>
      </div>

      {lineEditable ? (
        <div className="panel" id="line-form">
          <h2>{editing ? t("orders.line.editTitle") : t("orders.line.add")}</h2>
          <Form method="post" key={`${editing?.id ?? "new"}-${order.updated_at}`}>
            <input type="hidden" name="intent" value="line-save" />
            <input type="hidden" name="updated_at" value={order.updated_at} />
            {editing ? <input type="hidden" name="line_id" value={editing.id} /> : null}
            <LineRowsEditor
              single
              errors={{}}
              initial={[
                editing
                  ? {
                      unit: editing.unit_code, start_date: editing.start_date, end_date: editing.end_date, quantity: String(editing.quantity), kind: editing.kind,
                      daypart: editing.daypart ?? "", seconds: editing.seconds ? String(editing.seconds) : "", position: editing.position ?? "",
                      discount: editing.net_fixed ? "" : formatBasisPoints(editing.discount_bp).replace("%", ""), net: editing.net_fixed ? (editing.net_fen / 100).toFixed(2) : "", content: editing.content,
                    }
                  : { unit: "", start_date: order.start_date ?? "", end_date: order.end_date ?? "" },
              ]}
            />
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>{t("orders.line.save")}</button>
              {editing ? <Link to=".">{t("common.cancel")}</Link> : null}
            </div>
          </Form>
        </div>
      ) : null}

      {mayChange && open ? (
        <details className="panel">
          <summary>{t("orders.detail.editHeader")}</summary>
          <Form method="post" className="form-grid" key={order.updated_at}>
            <input type="hidden" name="intent" value="header" />
            <input type="hidden" name="updated_at" value={order.updated_at} />
            <input type="hidden" name="client" value={order.client_name} />
            <Field label={t("orders.field.title")} error={errors.title} required>
              <input name="title" defaultValue={order.title} required maxLength={100} />
            </Field>
            <Field label={t("orders.field.product")} error={errors.product}>
              <input name="product" defaultValue={order.product} maxLength={100} />
            </Field>
            <Field label={t("orders.field.ad_category")} error={errors.ad_category}>
              <select name="ad_category" defaultValue={order.ad_category}>
                {AD_CATEGORIES.map((c) => <option key={c} value={c}>{tKey("orders.adCategory", c)}</option>)}
              </select>
            </Field>
            <Field label={t("orders.field.approval_number")} error={errors.approval_number} hint={t("orders.field.approvalHint")}>
              <input name="approval_number" defaultValue={order.approval_number} maxLength={60} />
            </Field>
            <Field label={t("orders.field.terms")} error={errors.terms}>
              <textarea name="terms" defaultValue={order.terms} rows={2} maxLength={1000} />
            </Field>
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>{t("common.save")}</button>
            </div>
          </Form>
        </details>
      ) : null}

      <div className="panel">
        <h2>{t("orders.detail.trail")}</h2>
        <table className="grid">
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td className="nowrap muted">{formatInstant(e.at)}</td>
                <td className="nowrap">{e.user_name ?? t("orders.event.system")}</td>
                <td className="nowrap">{tKey("orders.event", e.kind)}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
