// /finance/subsidies?year=YYYY: the fiscal subsidies received in a year (this year unless told),
// their total, and for finance the form that records one and the button that deletes one.
// Subsidies are not earned income: every income total keeps them apart.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "~/components/Field";
import taxStyles from "~/components/finance/tax.css";
import revenueStyles from "~/components/revenue/revenue.css";
import { SubsidiesTable } from "~/components/revenue/SubsidiesTable";
import { SubsidyAddForm } from "~/components/revenue/SubsidyAddForm";
import { t, tKey } from "~/i18n";
import { can } from "~/modules/auth/permissions";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { closedThrough } from "~/modules/revenue/closing.server";
import { addSubsidy, listSubsidies, removeSubsidy, subsidyCategories, type SubsidyValues } from "~/modules/revenue/subsidies.server";
import type { FieldErrors } from "~/utils/form";
import { field, forbidden, notFound } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: taxStyles },
  { rel: "stylesheet", href: revenueStyles },
];

/** ?year=: four digits, else this year (and a 400 when something else was asked for). */
function yearFromUrl(url: URL, today: string): { year: number; bad: boolean } {
  const current = Number(today.slice(0, 4));
  const asked = (url.searchParams.get("year") ?? "").trim();
  if (!asked) return { year: current, bad: false };
  return /^(20\d\d|2100)$/.test(asked) ? { year: Number(asked), bad: false } : { year: current, bad: true };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const today = todayInShanghai();
  const { year, bad } = yearFromUrl(new URL(request.url), today);
  const canEdit = can(caller.user.role, "billing", "update");
  const [rows, categories, closed] = await Promise.all([
    listSubsidies(context.db, caller.scope, year),
    canEdit ? subsidyCategories(context.db, caller.scope) : Promise.resolve([]),
    closedThrough(context.db, caller.scope),
  ]);
  const current = Number(today.slice(0, 4));
  const years = [...new Set([year, ...Array.from({ length: 6 }, (_, i) => current - i)])].sort((a, b) => b - a);
  const body = { year, years, badYear: bad, today, rows, totalFen: rows.reduce((s, r) => s + r.amountFen, 0), categories, closedThrough: closed, canEdit };
  return bad ? data(body, { status: 400 }) : body;
}

type Refusal = { target: string; errors: FieldErrors; values: SubsidyValues };

const valuesOf = (form: FormData): SubsidyValues => ({
  category_id: field(form, "category_id"),
  received_on: field(form, "received_on").trim(),
  grantor: field(form, "grantor"),
  amount: field(form, "amount"),
  note: field(form, "note"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "update");
  const form = await request.formData();
  const intent = field(form, "intent");
  const values = valuesOf(form);
  const result =
    intent === "add" ? await addSubsidy(context.db, caller.scope, values)
    : intent === "delete" ? await removeSubsidy(context.db, caller.scope, field(form, "id"))
    : null;
  if (!result) return data<Refusal>({ target: "", errors: { form: t("error.badRequest.title") }, values }, { status: 400 });
  if (!result.ok) {
    if (result.status === 404) notFound();
    if (result.status === 403) forbidden();
    return data<Refusal>({ target: intent, errors: result.errors, values }, { status: result.status });
  }
  const year = intent === "add" ? values.received_on.slice(0, 4) : field(form, "year");
  return redirect(`/finance/subsidies?${/^\d{4}$/.test(year) ? `year=${year}&` : ""}done=${intent}`);
}

export default function Subsidies() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as Refusal | undefined;
  const [search] = useSearchParams();
  const done = search.get("done");
  // Field errors of the add form show at their fields; anything else goes on top.
  const loose = refused && (refused.target !== "add" || refused.errors.form) ? (refused.errors.form ?? Object.values(refused.errors)[0]) : undefined;
  return (
    <div className="revenue-page">
      <div className="page-head">
        <h2>{t("subsidy.title", { year: d.year })}</h2>
        <div className="actions">
          <Form method="get" className="inline-form">
            <select name="year" defaultValue={d.year} aria-label={t("subsidy.year")}>
              {d.years.map((y) => (
                <option key={y} value={y}>{y}</option>
              ))}
            </select>
            <button type="submit">{t("subsidy.show")}</button>
          </Form>
        </div>
      </div>
      <Notice message={done && !refused ? tKey("subsidy.done", done) : null} />
      <FormError message={d.badYear ? t("subsidy.badYear") : loose} />
      <p className="muted small subsidy-hint">{t("subsidy.hint")}</p>
      <div className="panel">
        <SubsidiesTable rows={d.rows} year={d.year} closedThrough={d.closedThrough} canEdit={d.canEdit} />
        {d.canEdit ? <SubsidyAddForm categories={d.categories} today={d.today} fresh={d.rows.length} refused={refused?.target === "add" ? refused : null} /> : null}
      </div>
    </div>
  );
}
