import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { Notice } from "~/components/Field";
import { QuotePreview, type QuoteOutcome } from "~/components/inventory/QuotePreview";
import { RateCardForm, type RateCardDefaults, rateCardFormDefaults } from "~/components/inventory/RateCardForm";
import { RateHistoryTable } from "~/components/inventory/RateHistoryTable";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { quote } from "~/modules/inventory/quote";
import { parseRateCardForm, spotFieldName } from "~/modules/inventory/rate-card-form";
import { addRateCard, cardsForQuote, rateHistory } from "~/modules/inventory/rate-cards.server";
import { defaultBasis, nextMonthRange, parseQuoteParams, type QuoteEcho } from "~/modules/inventory/unit-views";
import { getUnit } from "~/modules/inventory/units.server";
import { notFound } from "~/utils/http.server";
import { fenToYuanString } from "~/utils/money";
import { todayInShanghai } from "~/utils/time";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "read");
  const unit = await getUnit(context.db, caller.scope, params.id ?? "");
  if (!unit) notFound();
  const today = todayInShanghai();
  const url = new URL(request.url);
  const cards = await rateHistory(context.db, caller.scope, unit.id);
  const latest = cards[0];
  const firstSpot = cards.find((c) => c.basis === "spot")?.spot_prices[0];
  const range = nextMonthRange(today);
  const param = (name: string, fallback: string) => url.searchParams.get(name) ?? fallback;
  const echo: QuoteEcho = {
    from: param("from", range.from),
    to: param("to", range.to),
    quantity: param("quantity", "1"),
    daypart: param("daypart", firstSpot?.daypart ?? ""),
    seconds: param("seconds", firstSpot ? String(firstSpot.seconds) : ""),
    position: param("position", ""),
  };
  let outcome: QuoteOutcome = null;
  if (url.searchParams.has("from")) {
    const input = parseQuoteParams(echo);
    outcome = input.ok ? quote({ ...input, cards: await cardsForQuote(context.db, caller.scope, unit.id) }) : { ok: false, code: "bad_input", message: input.message };
  }
  // A new price usually revises the latest card, so the form starts from it (except its date).
  const percent = (bp: number) => (bp ? fenToYuanString(bp) : "");
  const defaults: RateCardDefaults = {
    effective_from: "",
    basis: latest?.basis ?? defaultBasis(unit.medium),
    price: latest && latest.basis !== "spot" ? fenToYuanString(Number(latest.price_fen)) : "",
    min_days: latest?.min_days ? String(latest.min_days) : "",
    surcharge_first: percent(latest?.surcharge_first_bp ?? 0),
    surcharge_last: percent(latest?.surcharge_last_bp ?? 0),
    spots: Object.fromEntries((latest?.spot_prices ?? []).map((s) => [spotFieldName(s.daypart, s.seconds), fenToYuanString(Number(s.price_fen))])),
  };
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, medium: unit.medium, archived: unit.archived },
    cards,
    today,
    defaults,
    echo,
    outcome,
    spotPriced: cards.some((c) => c.basis === "spot"),
    canAdd: can(caller.user.role, "inventory", "create"),
    saved: url.searchParams.get("saved") === "1",
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const form = await request.formData();
  const parsed = parseRateCardForm(form);
  const result = parsed.ok ? await addRateCard(context.db, caller.scope, params.id ?? "", parsed.value) : { ok: false as const, status: 400 as const, errors: parsed.errors };
  if (!result.ok) {
    if (result.status === 404) notFound();
    return data({ errors: result.errors, defaults: rateCardFormDefaults(form) }, { status: result.status });
  }
  return redirect(`/inventory/units/${params.id}/rates?saved=1`);
}

export default function UnitRates() {
  const { unit, cards, today, defaults, echo, outcome, spotPriced, canAdd, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <div className="page-head">
        <h1>
          {t("inventory.rates.title")}：<span className="mono">{unit.code}</span> {unit.name} <span className="tag">{tKey("medium", unit.medium)}</span>
        </h1>
        <Link to={`/inventory/units/${unit.id}`}>{t("inventory.backToUnit")}</Link>
      </div>
      {saved && !actionData ? <Notice message={t("inventory.rates.saved")} /> : null}
      <div className="panel">
        <h2>{t("inventory.quote.title")}</h2>
        <p className="muted small">{t("inventory.quote.hint")}</p>
        {cards.length ? <QuotePreview echo={echo} outcome={outcome} spotPriced={spotPriced} /> : <p className="muted">{t("inventory.quote.needCards")}</p>}
      </div>
      <div className="panel">
        <h2>{t("inventory.rates.history")}</h2>
        <RateHistoryTable cards={cards} today={today} />
      </div>
      {canAdd ? (
        <div className="panel">
          <h2>{t("inventory.rates.add")}</h2>
          <RateCardForm key={actionData ? "retry" : `fresh-${cards.length}`} defaults={actionData?.defaults ?? defaults} errors={actionData?.errors} />
        </div>
      ) : null}
    </section>
  );
}
