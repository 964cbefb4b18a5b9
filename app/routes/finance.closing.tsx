// /finance/closing: how far the center's months are closed, the form that closes through a chosen
// month (finance and admin), and the last 24 months' recognised, invoiced and collected figures.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "~/components/Field";
import taxStyles from "~/components/finance/tax.css";
import { CloseMonthForm } from "~/components/revenue/CloseMonthForm";
import { ClosingMonthsTable } from "~/components/revenue/ClosingMonthsTable";
import { ClosingStatus } from "~/components/revenue/ClosingStatus";
import revenueStyles from "~/components/revenue/revenue.css";
import { t } from "~/i18n";
import { isMonthKey } from "~/modules/analytics/series";
import { can } from "~/modules/auth/permissions";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { closeMonth } from "~/modules/revenue/closing.server";
import { closingView } from "~/modules/revenue/closing-view.server";
import { field, forbidden } from "~/utils/http.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: taxStyles },
  { rel: "stylesheet", href: revenueStyles },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const view = await closingView(context.db, caller.scope);
  return { ...view, canClose: can(caller.user.role, "billing", "update") };
}

type Refusal = { message: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "update");
  const form = await request.formData();
  if (field(form, "intent") !== "close") return data<Refusal>({ message: t("error.badRequest.title") }, { status: 400 });
  const month = field(form, "month").trim();
  const expected = field(form, "expected").trim();
  // `expected`: the closed month the form was rendered with; anything else than the stored one is stale (409).
  const result = await closeMonth(context.db, caller.scope, month, expected === "" ? null : expected);
  if (!result.ok) {
    if (result.status === 403) forbidden();
    return data<Refusal>({ message: result.message }, { status: result.status });
  }
  return redirect(`/finance/closing?done=${result.closedThrough}`);
}

export default function Closing() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as Refusal | undefined;
  const [search] = useSearchParams();
  const done = search.get("done");
  return (
    <div className="revenue-page">
      <div className="page-head">
        <h2>{t("closing.title")}</h2>
      </div>
      <Notice message={done && !refused && isMonthKey(done) ? t("closing.done", { month: done }) : null} />
      <FormError message={refused?.message} />
      <ClosingStatus closedThrough={d.closedThrough} closedAt={d.closedAt} closedByName={d.closedByName} corrections={d.corrections} />
      <CloseMonthForm key={d.closedThrough ?? ""} choices={d.choices} expected={d.closedThrough} lastMonth={d.lastMonth} canClose={d.canClose} />
      <ClosingMonthsTable months={d.months} lastMonth={d.lastMonth} />
    </div>
  );
}
