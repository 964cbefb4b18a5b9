// One price for every unit the list's filter selects (a "unit group"): the filter travels in the URL.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import type { AppLoadContext } from "@remix-run/node";
import { t } from "~/i18n";
import { FormError, Notice } from "~/components/Field";
import { RateCardForm, type RateCardDefaults, rateCardFormDefaults } from "~/components/inventory/RateCardForm";
import { requirePermission } from "~/modules/auth/guard.server";
import type { Scope } from "~/modules/auth/scope";
import { describeFilter } from "~/modules/inventory/excel/filter";
import { parseRateCardForm } from "~/modules/inventory/rate-card-form";
import { addRateCardToUnits } from "~/modules/inventory/rate-cards.server";
import { parseUnitFilter, permitWindow } from "~/modules/inventory/unit-views";
import { listUnits } from "~/modules/inventory/units.server";
import { todayInShanghai } from "~/utils/time";

const MAX_GROUP = 500;

async function selectedUnits(context: AppLoadContext, scope: Scope, url: URL) {
  const { filter } = parseUnitFilter(url.searchParams);
  const result = await listUnits(context.db, scope, { ...filter, includeArchived: false, page: 1, pageSize: MAX_GROUP }, permitWindow(todayInShanghai()));
  return { filterText: describeFilter(filter), total: result.total, units: result.rows.map((r) => ({ id: r.id, code: r.code, name: r.name })) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const selection = await selectedUnits(context, caller.scope, new URL(request.url));
  const defaults: RateCardDefaults = { effective_from: "", basis: "month", price: "", min_days: "", surcharge_first: "", surcharge_last: "", spots: {} };
  return { ...selection, defaults, tooMany: selection.total > MAX_GROUP };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "inventory", "create");
  const form = await request.formData();
  const selection = await selectedUnits(context, caller.scope, new URL(request.url));
  if (selection.total > MAX_GROUP) return data({ errors: { form: t("inventory.group.tooMany", { max: MAX_GROUP }) } as Record<string, string>, defaults: rateCardFormDefaults(form), count: 0 }, { status: 400 });
  const parsed = parseRateCardForm(form);
  const result = parsed.ok ? await addRateCardToUnits(context.db, caller.scope, selection.units.map((u) => u.id), parsed.value) : { ok: false as const, status: 400 as const, errors: parsed.errors };
  if (!result.ok) return data({ errors: result.errors as Record<string, string>, defaults: rateCardFormDefaults(form), count: 0 }, { status: result.status });
  return { errors: {} as Record<string, string>, defaults: null, count: result.count ?? 0 };
}

export default function GroupRates() {
  const { filterText, total, units, defaults, tooMany } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { search } = useLocation();
  const done = actionData && actionData.count > 0;
  return (
    <section>
      <div className="page-head">
        <h1>{t("inventory.group.title")}</h1>
        <Link to={`/inventory${search}`}>{t("inventory.backToList")}</Link>
      </div>
      <p className="muted">{t("inventory.group.hint")}</p>
      <Notice message={done ? t("inventory.group.saved", { count: actionData.count }) : null} />
      <div className="panel">
        <h2>{t("inventory.group.selection", { filter: filterText, count: total })}</h2>
        <p className="small">{units.slice(0, 40).map((u) => u.code).join("、")}{units.length > 40 ? " …" : ""}</p>
      </div>
      {tooMany ? (
        <FormError message={t("inventory.group.tooMany", { max: MAX_GROUP })} />
      ) : total > 0 && !done ? (
        <div className="panel">
          <RateCardForm key={actionData ? "retry" : "fresh"} defaults={actionData?.defaults ?? defaults} errors={actionData?.errors} />
        </div>
      ) : null}
    </section>
  );
}
