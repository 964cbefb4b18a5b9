import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { OrderTabs } from "~/components/booking/OrderTabs";
import { EMPTY_EVENT, EventForm, eventFormDefaults } from "~/components/events/EventForm";
import { requirePermission } from "~/modules/auth/guard.server";
import { parseEventForm } from "~/modules/events/event-form";
import { createEvent, eventFormChoices } from "~/modules/events/events.server";
import { isCalendarDate } from "~/utils/time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "create");
  const { owners, categories, defaultCategoryId } = await eventFormChoices(context.db, caller.scope);
  // The calendar links here with the day that was clicked.
  const date = new URL(request.url).searchParams.get("date") ?? "";
  const day = isCalendarDate(date) ? date : "";
  return {
    owners,
    categories,
    defaults: {
      ...EMPTY_EVENT,
      owner_id: caller.user.id,
      category_id: defaultCategoryId ?? "",
      starts_at: day ? `${day}T09:00` : "",
      ends_at: day ? `${day}T17:00` : "",
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "create");
  const form = await request.formData();
  const parsed = parseEventForm(form);
  const result = parsed.ok ? await createEvent(context.db, caller.scope, parsed.value) : { ok: false as const, status: 400 as const, errors: parsed.errors };
  if (!result.ok) return data({ errors: result.errors, defaults: eventFormDefaults(form) }, { status: result.status });
  return redirect(`/events/${result.id}?done=created`);
}

export default function NewEvent() {
  const { owners, categories, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <OrderTabs />
      <h1>{t("events.new")}</h1>
      <EventForm
        key={actionData ? "retry" : "fresh"}
        defaults={actionData?.defaults ?? defaults}
        errors={actionData?.errors}
        owners={owners}
        categories={categories}
        submitLabel={t("common.save")}
        cancelHref="/events"
      />
    </section>
  );
}
