import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { newId } from "~db/ids";
import { t, tKey } from "~/i18n";
import { Field, FormError } from "~/components/Field";
import { OrderTabs } from "~/components/booking/OrderTabs";
import { LineRowsEditor } from "~/components/booking/LineRowsEditor";
import { requirePermission } from "~/modules/auth/guard.server";
import { AD_CATEGORIES } from "~/modules/booking/model";
import { orderInputFromForm } from "~/modules/booking/order-intake.server";
import { unitsByIds } from "~/modules/booking/order-views.server";
import { clientNameSuggestions } from "~/modules/clients/clients.server";
import { booking } from "~/modules/booking/booking-result";
import { createOrder } from "~/modules/booking/orders.server";
import { getCenter } from "~/modules/centers/centers.server";
import { addDays } from "~/modules/inventory/calendar-dates";
import { isCalendarDate, todayInShanghai } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "create");
  const url = new URL(request.url);
  const today = todayInShanghai();
  const from = isCalendarDate(url.searchParams.get("from") ?? "") ? url.searchParams.get("from")! : addDays(today, 1);
  const to = isCalendarDate(url.searchParams.get("to") ?? "") && url.searchParams.get("to")! >= from ? url.searchParams.get("to")! : addDays(from, 29);
  const intent = url.searchParams.get("intent") === "confirm" ? "confirm" : "hold";
  const units = await unitsByIds(context.db, caller.scope, url.searchParams.getAll("unit"));
  const center = await getCenter(context.db, caller.scope);
  return {
    rows: units.map((u) => ({ unit: u.code, label: `${u.name} · ${tKey("medium", u.medium)}`, start_date: from, end_date: to, daypart: u.capacity_unit === "second" ? "a" : "", seconds: u.capacity_unit === "second" ? "15" : "" })),
    defaultDates: { from, to },
    intent,
    clientNames: await clientNameSuggestions(context.db, caller.scope),
    holdRule: { days: center.hold_days, renewals: center.hold_max_renewals },
    // One key per rendered form: a double submit (or a resubmitted page) finds the first order.
    idempotencyKey: newId(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "create");
  const form = await request.formData();
  const intake = await orderInputFromForm(context.db, caller.scope, form);
  if (!intake.ok) return data({ message: t("common.formHasErrors"), errors: intake.errors, lineErrors: intake.lineErrors }, { status: 400 });
  const result = await booking(() => createOrder(context.db, caller.scope, intake.value));
  if (!result.ok) return data({ message: result.message, errors: result.errors ?? {}, lineErrors: result.lineErrors ?? result.conflicts?.map((c) => ({ index: c.index, message: c.message })) ?? [] }, { status: result.status });
  const done = result.created === false ? "existing" : result.queued ? "queued" : "created";
  return redirect(`/orders/${result.id}?done=${done}${result.queued ? `&n=${result.queued}` : ""}`);
}

export default function NewOrder() {
  const { rows, defaultDates, intent, clientNames, holdRule, idempotencyKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const lineErrors = Object.fromEntries((result?.lineErrors ?? []).map((e) => [e.index, e.message]));
  return (
    <section>
      <OrderTabs />
      <div className="page-head">
        <h1>{t("orders.new")}</h1>
        <Link to="/orders/availability">{t("orders.tab.availability")}</Link>
      </div>
      <Form method="post" className="stack">
        <input type="hidden" name="idempotency_key" value={idempotencyKey} />
        <FormError message={errors.form ?? result?.message} />
        <div className="form-grid">
          <Field label={t("orders.field.client")} error={errors.client} required>
            <input name="client" list="client-names" required autoComplete="off" />
          </Field>
          <datalist id="client-names">
            {clientNames.map((name) => <option key={name} value={name} />)}
          </datalist>
          <Field label={t("orders.field.title")} error={errors.title} required>
            <input name="title" required maxLength={100} />
          </Field>
          <Field label={t("orders.field.product")} error={errors.product}>
            <input name="product" maxLength={100} />
          </Field>
          <Field label={t("orders.field.ad_category")} error={errors.ad_category}>
            <select name="ad_category" defaultValue="general">
              {AD_CATEGORIES.map((c) => <option key={c} value={c}>{tKey("orders.adCategory", c)}</option>)}
            </select>
          </Field>
          <Field label={t("orders.field.approval_number")} error={errors.approval_number} hint={t("orders.field.approvalHint")}>
            <input name="approval_number" maxLength={60} />
          </Field>
          <Field label={t("orders.field.terms")} error={errors.terms}>
            <textarea name="terms" rows={2} maxLength={1000} />
          </Field>
        </div>
        <h2>{t("orders.new.lines")}</h2>
        <LineRowsEditor initial={rows.length ? rows : [{ unit: "", start_date: defaultDates.from, end_date: defaultDates.to }]} errors={lineErrors} />
        <label className="check" title={t("orders.new.queueHint")}>
          <input type="checkbox" name="queue_if_full" value="1" /> {t("orders.new.queue")}
        </label>
        <p className="muted small">{t("orders.new.holdRule", { days: holdRule.days, n: holdRule.renewals })}</p>
        <div className="actions">
          <button type="submit" name="intent" value="hold" className={intent === "hold" ? "primary" : undefined} disabled={busy}>{t("orders.new.asHold")}</button>
          <button type="submit" name="intent" value="confirm" className={intent === "confirm" ? "primary" : undefined} disabled={busy}>{t("orders.new.asConfirm")}</button>
          <button type="submit" name="intent" value="draft" disabled={busy}>{t("orders.new.asDraft")}</button>
          <Link to="/orders">{t("common.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
