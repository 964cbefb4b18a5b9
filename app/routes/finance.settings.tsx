// /finance/settings: 税率与编码. The center's dated VAT rates, culture-fee rates with their
// exemption threshold, and the tax classification codes. Finance and admin change them; the
// other readers of the money desks see them.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "~/components/Field";
import { CultureFeeRatesPanel, type Refused, VatRatesPanel } from "~/components/finance/tax/RatesPanels";
import { TaxCodesPanel } from "~/components/finance/tax/TaxCodesPanel";
import taxStyles from "~/components/finance/tax.css";
import { t, tKey } from "~/i18n";
import { can } from "~/modules/auth/permissions";
import type { BillingResult } from "~/modules/billing/access";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { cultureFeeRateInput, taxCodeInput, vatRateInput } from "~/modules/billing/tax-forms";
import {
  addCultureFeeRate, addTaxCode, addVatRate, endCultureFeeRate, endVatRate, listTaxSettings, removeCultureFeeRate, removeVatRate, setTaxCodeRetired, updateTaxCode,
} from "~/modules/billing/tax-settings.server";
import { REPORT_GROUPS } from "~/modules/categories/category-form";
import { field, forbidden, notFound } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: taxStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const result = await listTaxSettings(context.db, caller.scope);
  if (!result.ok) forbidden();
  const url = new URL(request.url);
  return {
    vatRates: result.vatRates,
    cultureFeeRates: result.cultureFeeRates,
    taxCodes: result.taxCodes,
    groups: REPORT_GROUPS as string[],
    today: todayInShanghai(),
    canEdit: can(caller.user.role, "billing", "update"),
    ending: url.searchParams.get("end"),
    editing: url.searchParams.get("edit"),
  };
}

const INTENTS = ["vat-add", "vat-end", "vat-remove", "cf-add", "cf-end", "cf-remove", "code-add", "code-update", "code-retire", "code-restore"] as const;
type Intent = (typeof INTENTS)[number];
const isIntent = (v: string): v is Intent => (INTENTS as readonly string[]).includes(v);

/** The ?done= word a successful intent shows (tax.settings.done.*). */
const DONE: Record<Intent, string> = {
  "vat-add": "rateAdded", "vat-end": "rateEnded", "vat-remove": "rateRemoved", "cf-add": "rateAdded", "cf-end": "rateEnded", "cf-remove": "rateRemoved",
  "code-add": "codeAdded", "code-update": "codeUpdated", "code-retire": "codeRetired", "code-restore": "codeRestored",
};

function run(intent: Intent, db: Parameters<typeof addVatRate>[0], scope: Parameters<typeof addVatRate>[1], id: string, form: FormData): Promise<BillingResult> {
  switch (intent) {
    case "vat-add": return addVatRate(db, scope, vatRateInput(form));
    case "vat-end": return endVatRate(db, scope, id, field(form, "valid_to"));
    case "vat-remove": return removeVatRate(db, scope, id);
    case "cf-add": return addCultureFeeRate(db, scope, cultureFeeRateInput(form));
    case "cf-end": return endCultureFeeRate(db, scope, id, field(form, "valid_to"));
    case "cf-remove": return removeCultureFeeRate(db, scope, id);
    case "code-add": return addTaxCode(db, scope, taxCodeInput(form));
    case "code-update": return updateTaxCode(db, scope, id, taxCodeInput(form));
    case "code-retire": return setTaxCodeRetired(db, scope, id, true);
    case "code-restore": return setTaxCodeRetired(db, scope, id, false);
  }
}

/** Which form a refusal belongs to: the add forms by name, a row's form by its id. */
const targetOf = (intent: Intent, id: string) => (intent.endsWith("-add") ? intent : `${intent}:${id}`);

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "update");
  const form = await request.formData();
  const intent = field(form, "intent");
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  if (!isIntent(intent)) return data<NonNullable<Refused>>({ target: "", errors: { form: t("error.badRequest.title") }, values }, { status: 400 });
  const id = field(form, "id");
  const result = await run(intent, context.db, caller.scope, id, form);
  if (!result.ok) {
    if (result.status === 404) notFound();
    if (result.status === 403) forbidden();
    return data<NonNullable<Refused>>({ target: targetOf(intent, id), errors: result.errors, values }, { status: result.status });
  }
  return redirect(`/finance/settings?done=${DONE[intent]}`);
}

/** Refusals whose fields the open form shows stay there; the rest (a removal refused, say) go on top. */
function looseMessage(refused: Refused): string | undefined {
  if (!refused) return undefined;
  const inForm = refused.target.endsWith("-add") || refused.target.startsWith("code-update:") || refused.target.includes("-end:");
  if (inForm) return refused.errors.form && !refused.target.includes("-end:") ? refused.errors.form : undefined;
  return Object.values(refused.errors).filter(Boolean).join("；") || undefined;
}

export default function TaxSettings() {
  const d = useLoaderData<typeof loader>();
  const refused = (useActionData<typeof action>() as Refused | undefined) ?? null;
  const [search] = useSearchParams();
  const done = search.get("done");
  return (
    <div className="tax-page">
      <div className="page-head">
        <h2>{t("tax.settings.title")}</h2>
      </div>
      <Notice message={done && !refused ? tKey("tax.settings.done", done) : null} />
      <FormError message={looseMessage(refused)} />
      {!d.canEdit ? <p className="muted small">{t("tax.settings.readOnly")}</p> : null}
      <VatRatesPanel rates={d.vatRates} groups={d.groups} canEdit={d.canEdit} today={d.today} ending={d.ending} refused={refused} />
      <CultureFeeRatesPanel rates={d.cultureFeeRates} canEdit={d.canEdit} today={d.today} ending={d.ending} refused={refused} />
      <TaxCodesPanel codes={d.taxCodes} canEdit={d.canEdit} editing={d.editing} refused={refused} />
    </div>
  );
}
