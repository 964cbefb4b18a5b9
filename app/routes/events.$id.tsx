import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { t, tKey } from "~/i18n";
import { DefinitionPanel } from "~/components/DefinitionPanel";
import { FormError, Notice } from "~/components/Field";
import { OrderTabs } from "~/components/booking/OrderTabs";
import { EventHistory } from "~/components/events/EventHistory";
import { EventStatusActions } from "~/components/events/EventStatusActions";
import { EventStatusBadge } from "~/components/events/EventStatusBadge";
import { SponsorsPanel } from "~/components/events/SponsorsPanel";
import eventStyles from "~/components/events/events.css";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { type FieldErrors, parseCancelForm, parseSponsorForm } from "~/modules/events/event-form";
import { clientNameSuggestions } from "~/modules/clients/clients.server";
import { addSponsor, canEditEvent, type EventWriteResult, getEvent, removeSponsor, resolveSponsor, setEventStatus, updateSponsor } from "~/modules/events/events.server";
import { eventHistoryView } from "~/modules/events/history.server";
import { formatSpan, isEventStatus } from "~/modules/events/model";
import { field, forbidden, notFound } from "~/utils/http.server";
import { formatFen } from "~/utils/money";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "read");
  const detail = await getEvent(context.db, caller.scope, params.id ?? "");
  if (!detail) notFound();
  const mayEdit = canEditEvent(caller.scope, detail.event);
  return {
    ...detail,
    mayEdit,
    clientNames: mayEdit ? await clientNameSuggestions(context.db, caller.scope) : [],
    history: can(caller.user.role, "audit", "read") ? await eventHistoryView(context.db, caller.scope, detail.event.id) : null,
  };
}

type Intent = "status" | "sponsor-add" | "sponsor-save" | "sponsor-remove";
const DONE: Record<Intent, string> = { status: "status", "sponsor-add": "sponsorAdded", "sponsor-save": "sponsorSaved", "sponsor-remove": "sponsorRemoved" };

function refused(intent: Intent, status: number, errors: FieldErrors, form: FormData) {
  const sponsorId = intent === "sponsor-save" ? field(form, "sponsor_id") : null;
  const values = { client: field(form, "client"), package: field(form, "package"), amount: field(form, "amount") };
  return data({ intent, sponsorId, values, errors }, { status });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "update");
  const form = await request.formData();
  const id = params.id ?? "";
  const intent = field(form, "intent") as Intent;
  const { db } = context;
  const scope = caller.scope;
  let result: EventWriteResult;
  if (intent === "status") {
    const to = field(form, "to");
    if (!isEventStatus(to)) throw data({ message: t("events.err.unknownAction") }, { status: 400 });
    let reason = "";
    if (to === "cancelled") {
      const parsed = parseCancelForm(form);
      if (!parsed.ok) return refused(intent, 400, parsed.errors, form);
      reason = parsed.value.reason;
    }
    result = await setEventStatus(db, scope, id, to, { reason, expectedUpdatedAt: field(form, "updated_at") || undefined, today: todayInShanghai() });
  } else if (intent === "sponsor-add" || intent === "sponsor-save") {
    const parsed = parseSponsorForm(form);
    if (!parsed.ok) {
      // Name an unknown client now too, so one round trip shows every problem.
      const name = field(form, "client");
      const known = !name || parsed.errors.client ? null : await resolveSponsor(db, scope, { client: name, package: "", amount: 0 });
      return refused(intent, 400, { ...parsed.errors, ...(known && !known.ok ? known.errors : {}) }, form);
    }
    const input = await resolveSponsor(db, scope, parsed.value);
    if (!input.ok) return refused(intent, 400, input.errors, form);
    result =
      intent === "sponsor-add"
        ? await addSponsor(db, scope, id, input.value)
        : await updateSponsor(db, scope, id, field(form, "sponsor_id"), input.value, field(form, "updated_at"));
  } else if (intent === "sponsor-remove") {
    result = await removeSponsor(db, scope, id, field(form, "sponsor_id"));
  } else {
    throw data({ message: t("events.err.unknownAction") }, { status: 400 });
  }
  if (!result.ok) {
    if (result.status === 404 && result.errors.form === t("events.err.notFound")) notFound();
    if (result.status === 403) forbidden();
    return refused(intent, result.status, result.errors, form);
  }
  return redirect(`/events/${id}?done=${DONE[intent]}`);
}

export default function EventDetail() {
  const { event, sponsors, sponsorFen, cancelReason, mayEdit, clientNames, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const done = search.get("done");
  const isSponsorForm = result?.intent === "sponsor-add" || result?.intent === "sponsor-save";
  const editingId = result?.intent === "sponsor-save" ? result.sponsorId : search.get("sponsor");
  const category = event.category_parent_name ? `${event.category_parent_name}/${event.category_name}` : (event.category_name ?? "");
  const open = event.status !== "cancelled";

  const rows: [string, ReactNode][] = [
    [t("events.field.type"), tKey("events.type", event.type)],
    [t("events.field.status"), <EventStatusBadge status={event.status} />],
    [t("events.field.time"), formatSpan(event.starts_at, event.ends_at)],
    [t("events.field.venue"), event.venue],
    [t("events.field.owner"), event.owner_name],
    [t("events.field.category"), category],
  ];
  const money: [string, ReactNode][] = [
    [t("events.field.budgetShow"), formatFen(event.budget_fen)],
    [t("events.sponsor.total"), <strong>{formatFen(sponsorFen)}</strong>],
    [t("events.col.sponsors"), t("events.sponsor.count", { n: sponsors.length })],
  ];
  return (
    <section>
      <OrderTabs />
      <div className="page-head">
        <h1>{event.title}</h1>
        <div className="actions">
          <Link to="/events">{t("common.back")}</Link>
          <Link to={`/events/calendar?view=month&date=${event.starts_at.slice(0, 10)}`}>{t("events.calendar")}</Link>
          {mayEdit ? <Link className="button primary" to={`/events/${event.id}/edit`}>{t("common.edit")}</Link> : null}
        </div>
      </div>
      <Notice message={done && !result ? tKey("events.done", done) : null} />
      <FormError message={result?.errors.form} />
      {event.status === "cancelled" ? <div className="banner banner-error">{t("events.cancelledBanner", { reason: cancelReason ?? "—" })}</div> : null}
      {!mayEdit && open ? <p className="muted small">{t("events.notOwner")}</p> : null}
      <div className="two-col">
        <DefinitionPanel title={t("events.section.basic")} rows={rows} />
        <DefinitionPanel title={t("events.section.money")} rows={money} />
      </div>
      {event.notes ? <p className="notes">{event.notes}</p> : null}
      {mayEdit ? (
        <EventStatusActions status={event.status} updatedAt={event.updated_at} reasonError={result?.intent === "status" ? result.errors.reason : undefined} busy={busy} />
      ) : null}
      <SponsorsPanel
        eventId={event.id}
        sponsors={sponsors}
        totalFen={sponsorFen}
        editable={mayEdit && open}
        editingId={editingId ?? null}
        clientNames={clientNames}
        refused={isSponsorForm ? { sponsorId: result.sponsorId, values: result.values, errors: result.errors } : null}
      />
      {history ? (
        <div className="panel">
          <h2>{t("events.section.history")}</h2>
          <EventHistory rows={history} />
        </div>
      ) : null}
    </section>
  );
}
