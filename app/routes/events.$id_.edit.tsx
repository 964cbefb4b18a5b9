import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { OrderTabs } from "~/components/booking/OrderTabs";
import { EventForm, eventFormDefaults } from "~/components/events/EventForm";
import { requirePermission } from "~/modules/auth/guard.server";
import { parseEventForm } from "~/modules/events/event-form";
import { canEditEvent, eventFormChoices, getEvent, updateEvent } from "~/modules/events/events.server";
import { field, forbidden, notFound } from "~/utils/http.server";
import { fenToYuanString } from "~/utils/money";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "update");
  const detail = await getEvent(context.db, caller.scope, params.id ?? "");
  if (!detail) notFound();
  const { event } = detail;
  if (!canEditEvent(caller.scope, event)) forbidden();
  const { owners, categories } = await eventFormChoices(context.db, caller.scope);
  // A category retired since it was chosen stays selectable for this event.
  const withCurrent = categories.some((c) => c.id === event.category_id)
    ? categories
    : [...categories, { id: event.category_id, code: "", label: event.category_name ?? event.category_id }];
  return {
    id: event.id,
    owners,
    categories: withCurrent,
    defaults: {
      title: event.title,
      type: event.type,
      venue: event.venue,
      starts_at: event.starts_at,
      ends_at: event.ends_at,
      owner_id: event.owner_id,
      category_id: event.category_id,
      budget: event.budget_fen ? fenToYuanString(event.budget_fen) : "",
      notes: event.notes,
      updated_at: event.updated_at,
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "update");
  const form = await request.formData();
  const defaults = { ...eventFormDefaults(form), updated_at: field(form, "updated_at") };
  const parsed = parseEventForm(form);
  if (!parsed.ok) return data({ errors: parsed.errors, defaults }, { status: 400 });
  const result = await updateEvent(context.db, caller.scope, params.id ?? "", parsed.value, field(form, "updated_at"));
  if (!result.ok) {
    if (result.status === 404) notFound();
    if (result.status === 403) forbidden();
    return data({ errors: result.errors, defaults }, { status: result.status });
  }
  return redirect(`/events/${result.id}?done=saved`);
}

export default function EditEvent() {
  const { id, owners, categories, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <OrderTabs />
      <h1>{t("events.edit")}：{defaults.title}</h1>
      <EventForm
        key={actionData ? "retry" : "fresh"}
        defaults={actionData?.defaults ?? defaults}
        errors={actionData?.errors}
        owners={owners}
        categories={categories}
        submitLabel={t("common.save")}
        cancelHref={`/events/${id}`}
      />
    </section>
  );
}
