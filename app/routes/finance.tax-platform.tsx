// /finance/tax-platform: the round trip with the tax bureau's platform. Out: issued bills without
// a 数电发票号码 (issue dates from..to, last month and this one unless told), ticked blue invoices
// as the bulk-issue workbook. In (finance only): the platform's result file, previewed row by
// row, then recorded all or nothing.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "~/components/Field";
import { type ImportState, ResultPreview, ResultProblems, ResultUploadForm } from "~/components/finance/tax/TaxResultImport";
import { WaitingBillsExport } from "~/components/finance/tax/WaitingBillsExport";
import taxStyles from "~/components/finance/tax.css";
import { t } from "~/i18n";
import { can } from "~/modules/auth/permissions";
import { requireBillingDesk } from "~/modules/billing/guard.server";
import { monthPeriod, periodFromUrl, previousMonth } from "~/modules/billing/tax-forms";
import { billsWaitingForNumbers } from "~/modules/billing/tax-platform-queue.server";
import { MAX_EXPORT_BILLS } from "~/modules/billing/tax-platform/export.server";
import { commitInvoiceResults, previewInvoiceResults, type ResultProblem } from "~/modules/billing/tax-platform/import.server";
import { discardUpload, loadUpload, saveUpload } from "~/modules/inventory/excel/upload-store.server";
import { checkFile, chosenFile, readUploadForm, UPLOAD_RULES } from "~/modules/inventory/files.server";
import { field } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: taxStyles }];

/** The page lists this many problems or rows at most; the counts are always shown. */
const SHOWN = 1000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "read");
  const today = todayInShanghai();
  const parsed = periodFromUrl(new URL(request.url), today, { from: monthPeriod(previousMonth(today)).from, to: today });
  const rule = UPLOAD_RULES.tax_result;
  const base = { period: parsed.period, max: MAX_EXPORT_BILLS, canImport: can(caller.user.role, "billing", "update"), accept: rule.accept, maxMb: rule.maxBytes / 1024 / 1024 };
  if (!parsed.ok) return data({ ...base, errors: parsed.errors, bills: [], more: false, earlier: { count: 0, since: null } }, { status: 400 });
  const waiting = await billsWaitingForNumbers(context.db, caller.scope, parsed.period);
  return { ...base, errors: null, ...waiting };
}

function refused(status: number, message: string, problems: ResultProblem[] = []) {
  return data<ImportState>({ stage: "refused", message, problems: problems.slice(0, SHOWN), problemCount: problems.length }, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireBillingDesk(request, context, "update");
  const upload = await readUploadForm(request, "tax_result");
  if (!upload.ok) return refused(upload.status, upload.message);
  const form = upload.form;
  const intent = field(form, "intent");

  if (intent === "preview") {
    const file = chosenFile(form, "file");
    if (!file) return refused(400, t("tax.import.chooseFile"));
    const checked = await checkFile(file, "tax_result");
    if (!checked.ok) return refused(checked.status, checked.message);
    const { bytes, originalName: fileName } = checked.file;
    const preview = await previewInvoiceResults(context.db, caller.scope, { bytes, fileName });
    if (!preview.ok) return refused(preview.status, preview.message, preview.problems);
    // Only a file that can be recorded as it stands is kept for the confirm step.
    const token = preview.problems.length === 0 && preview.counts.record > 0 ? await saveUpload(caller.scope, bytes, fileName) : null;
    return data<ImportState>({
      stage: "preview", token, fileName, counts: preview.counts,
      rows: preview.rows.slice(0, SHOWN), rowCount: preview.rows.length, problems: preview.problems.slice(0, SHOWN), problemCount: preview.problems.length,
    });
  }

  if (intent === "commit") {
    const token = field(form, "token");
    const stored = await loadUpload(caller.scope, token);
    if (!stored) return refused(400, t("tax.import.expired"));
    const outcome = await commitInvoiceResults(context.db, caller.scope, stored);
    if (!outcome.ok) {
      // Rows that no longer pass need a corrected file: this one is of no more use.
      if (outcome.status === 409) await discardUpload(caller.scope, token);
      return refused(outcome.status, outcome.message, outcome.problems);
    }
    await discardUpload(caller.scope, token);
    return redirect(`/finance/tax-platform?done=imported&recorded=${outcome.recorded}&unchanged=${outcome.unchanged}`);
  }
  return refused(400, t("error.badRequest.title"));
}

export default function TaxPlatform() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as ImportState | undefined;
  const [search] = useSearchParams();
  const done = search.get("done") === "imported" && !state;
  return (
    <div className="tax-page">
      <div className="page-head">
        <h2>{t("tax.platform.title")}</h2>
      </div>
      <Notice message={done ? t("tax.import.done", { recorded: search.get("recorded") ?? "0", unchanged: search.get("unchanged") ?? "0" }) : null} />

      <div className="panel">
        <div className="page-head">
          <h3 className="panel-title">{t("tax.platform.exportTitle")}</h3>
        </div>
        <p className="muted small">{t("tax.platform.exportHint")}</p>
        <Form method="get" className="filters">
          <label className="check">
            {t("tax.platform.issuedFrom")}
            <input type="date" name="from" defaultValue={d.period.from} required />
          </label>
          <label className="check">
            {t("tax.ledgers.to")}
            <input type="date" name="to" defaultValue={d.period.to} required />
          </label>
          <button type="submit">{t("common.search")}</button>
        </Form>
        <FormError message={d.errors ? Object.values(d.errors).join("；") : undefined} />
        {d.earlier.count > 0 && d.earlier.since ? (
          <div className="banner banner-warn">
            {t("tax.platform.earlier", { count: d.earlier.count, since: d.earlier.since })}{" "}
            <Link to={`?from=${d.earlier.since}&to=${d.period.to}`}>{t("tax.platform.showEarlier")}</Link>
          </div>
        ) : null}
        {d.errors ? null : <WaitingBillsExport key={`${d.period.from}-${d.period.to}`} bills={d.bills} more={d.more} max={d.max} />}
      </div>

      <div className="panel">
        <h3 className="panel-title">{t("tax.import.title")}</h3>
        {!d.canImport ? (
          <p className="muted small">{t("tax.import.readOnly")}</p>
        ) : state?.stage === "preview" ? (
          <ResultPreview state={state} />
        ) : (
          <div className="stack">
            <p className="muted small">{t("tax.import.hint")}</p>
            {state?.stage === "refused" ? <FormError message={state.message} /> : null}
            {state?.stage === "refused" ? <ResultProblems problems={state.problems} count={state.problemCount} /> : null}
            <ResultUploadForm accept={d.accept} maxMb={d.maxMb} />
          </div>
        )}
      </div>
    </div>
  );
}
