// /finance/culture-fee?month=YYYY-MM: the month's 文化事业建设费 (last month unless told) worked
// out in full, the advertising lines behind it, and the month's deductions, which finance keeps.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "~/components/Field";
import { CultureFeeComputation } from "~/components/finance/tax/CultureFeeComputation";
import { CultureFeeLines } from "~/components/finance/tax/CultureFeeLines";
import { DeductionsPanel, type DeductionValues } from "~/components/finance/tax/DeductionsPanel";
import taxStyles from "~/components/finance/tax.css";
import { t, tKey } from "~/i18n";
import { can } from "~/modules/auth/permissions";
import { addCultureFeeDeduction, cultureFeeForMonth, removeCultureFeeDeduction, updateCultureFeeDeduction } from "~/modules/billing/culture-fee.server";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { deductionInput, isMonth, monthFromUrl } from "~/modules/billing/tax-forms";
import type { FieldErrors } from "~/utils/form";
import { field, forbidden, notFound } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: taxStyles }];

/** The page lists this many lines at most; the workbook has them all. */
const SHOWN_LINES = 300;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const url = new URL(request.url);
  const { month, bad } = monthFromUrl(url, todayInShanghai());
  const result = await cultureFeeForMonth(context.db, caller.scope, month);
  if (!result.ok) forbidden();
  const { lines, deductions, ...figures } = result.computation;
  const body = {
    month,
    badMonth: bad,
    computation: { ...figures, lineCount: lines.length, deductionCount: deductions.length },
    lines: lines.slice(0, SHOWN_LINES),
    deductions,
    canEdit: can(caller.user.role, "billing", "update"),
    editing: url.searchParams.get("edit"),
  };
  return bad ? data(body, { status: 400 }) : body;
}

type Refusal = { target: string; errors: FieldErrors; values: DeductionValues };

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "update");
  const form = await request.formData();
  const intent = field(form, "intent");
  const id = field(form, "id");
  const input = deductionInput(form);
  const result =
    intent === "add" ? await addCultureFeeDeduction(context.db, caller.scope, input)
    : intent === "update" ? await updateCultureFeeDeduction(context.db, caller.scope, id, input)
    : intent === "delete" ? await removeCultureFeeDeduction(context.db, caller.scope, id)
    : null;
  if (!result) return data<Refusal>({ target: "", errors: { form: t("error.badRequest.title") }, values: input }, { status: 400 });
  if (!result.ok) {
    if (result.status === 404) notFound();
    if (result.status === 403) forbidden();
    return data<Refusal>({ target: intent === "update" ? `edit:${id}` : intent, errors: result.errors, values: input }, { status: result.status });
  }
  const month = isMonth(input.month.trim()) ? input.month.trim() : "";
  return redirect(`/finance/culture-fee${month ? `?month=${month}&` : "?"}done=${intent}`);
}

export default function CultureFee() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as Refusal | undefined;
  const [search] = useSearchParams();
  const done = search.get("done");
  // Errors of a field the open form shows are shown there; anything else goes on top.
  const loose = refused && (refused.target === "" || refused.errors.form) ? refused.errors.form : undefined;
  return (
    <div className="tax-page">
      <div className="page-head">
        <h2>{t("tax.cf.title", { month: d.month })}</h2>
        <div className="actions">
          <Form method="get" className="inline-form">
            <input type="month" name="month" defaultValue={d.month} aria-label={t("tax.cf.month")} required />
            <button type="submit">{t("tax.cf.show")}</button>
          </Form>
          <a className="button" href={`/finance/culture-fee.xlsx?month=${d.month}`} download>{t("tax.exportExcel")}</a>
        </div>
      </div>
      <Notice message={done && !refused ? tKey("tax.cf.done", done) : null} />
      <FormError message={d.badMonth ? t("tax.cf.badMonth") : loose} />
      <p className="muted small">
        {t("tax.cf.period", { from: d.computation.from, to: d.computation.to })}　{t("tax.cf.taxpayer", { status: tKey("center.taxpayer", d.computation.taxpayerStatus) })}
      </p>
      <CultureFeeComputation c={d.computation} />
      <DeductionsPanel
        month={d.month}
        deductions={d.deductions}
        totalFen={d.computation.deductionsFen}
        canEdit={d.canEdit}
        editing={d.editing}
        refused={refused && refused.target ? refused : null}
      />
      <CultureFeeLines lines={d.lines} count={d.computation.lineCount} baseFen={d.computation.baseFen} salesFen={d.computation.salesFen} />
    </div>
  );
}
