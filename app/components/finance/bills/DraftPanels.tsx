import { Form, Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { Field } from "~/components/Field";
import { problemFix } from "~/modules/billing/bill-display";

type Errors = Record<string, string | undefined>;

/** What would stop the issue, each with the page where it is fixed; shown before anyone tries. */
export function ProblemList({ problems, clientId, mayEditClient }: { problems: string[]; clientId: string; mayEditClient: boolean }) {
  if (!problems.length) return <div className="banner banner-ok bill-problems">{t("bills.problems.none")}</div>;
  return (
    <div className="banner banner-warn bill-problems" role="status">
      <strong>{t("bills.problems.title", { n: problems.length })}</strong>
      <ol>
        {problems.map((p) => {
          const fix = problemFix(p, clientId, mayEditClient);
          return (
            <li key={p}>
              {p}
              {fix.href.startsWith("#") ? <a href={fix.href}>{t(fix.label)}</a> : <Link to={fix.href}>{t(fix.label)}</Link>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

interface DraftFormsProps {
  bill: { id: string; invoice_kind: string; notes: string; updated_at: string };
  problems: number;
  categories: { id: string; label: string }[];
  taxCodes: { code: string; short_name: string; item_name: string }[];
  today: string;
  intent?: string;
  errors: Errors;
  busy: boolean;
}

/** Finance's forms on a draft: invoice kind and notes, a line by hand, and the issue itself. */
export function DraftForms({ bill, problems, categories, taxCodes, today, intent, errors, busy }: DraftFormsProps) {
  const e = (name: string, own: string) => (intent === own ? errors[name] : undefined);
  return (
    <div className="bill-forms">
      <div className="panel" id="issue">
        <h2>{t("bills.draft.issue")}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="issue" />
          <Field label={t("bills.draft.issueDate")} error={e("issue_date", "issue")} required>
            <input type="date" name="issue_date" defaultValue={today} required />
          </Field>
          <p className="muted small">{problems ? t("bills.draft.issueBlocked") : t("bills.draft.issueHint")}</p>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || problems > 0}>{t("bills.draft.issueSubmit")}</button>
          </div>
        </Form>
      </div>
      <div className="panel">
        <h2>{t("bills.draft.edit")}</h2>
        <Form method="post" className="stack" key={bill.updated_at}>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="updated_at" value={bill.updated_at} />
          <Field label={t("bills.field.invoiceKind")} error={e("invoice_kind", "update")}>
            <select name="invoice_kind" defaultValue={bill.invoice_kind}>
              {(["ordinary", "special"] as const).map((k) => (
                <option key={k} value={k}>{tKey("finance.invoiceKind", k)}</option>
              ))}
            </select>
          </Field>
          <Field label={t("bills.field.notes")} error={e("notes", "update")}>
            <textarea name="notes" rows={2} maxLength={200} defaultValue={bill.notes} />
          </Field>
          <div className="actions">
            <button type="submit" disabled={busy}>{t("bills.draft.save")}</button>
          </div>
        </Form>
      </div>
      <div className="panel" id="add-line">
        <h2>{t("bills.draft.addLine")}</h2>
        <Form method="post" className="stack" key={bill.updated_at}>
          <input type="hidden" name="intent" value="line-add" />
          <input type="hidden" name="updated_at" value={bill.updated_at} />
          <Field label={t("bills.draft.category")} error={e("category_id", "line-add")} required>
            <select name="category_id" required defaultValue="">
              <option value="" disabled>—</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>{c.label}</option>
              ))}
            </select>
          </Field>
          <Field label={t("bills.draft.taxCode")} error={e("tax_code", "line-add")}>
            <select name="tax_code" defaultValue="">
              <option value="">{t("bills.draft.taxCodeDefault")}</option>
              {taxCodes.map((c) => (
                <option key={c.code} value={c.code}>{`${c.code} *${c.short_name}*${c.item_name}`}</option>
              ))}
            </select>
          </Field>
          <Field label={t("bills.draft.description")} error={e("description", "line-add")} required>
            <input name="description" required maxLength={200} />
          </Field>
          <Field label={t("bills.draft.amount")} error={e("amount", "line-add")} required>
            <input name="amount" inputMode="decimal" required />
          </Field>
          <label className="check">
            <input type="checkbox" name="tax_included" value="1" defaultChecked /> {t("bills.draft.taxIncluded")}
          </label>
          <Field label={t("bills.draft.serviceDate")} error={e("service_date", "line-add")}>
            <input type="date" name="service_date" title={t("bills.draft.serviceDateHint")} />
          </Field>
          <div className="actions">
            <button type="submit" disabled={busy}>{t("bills.draft.addSubmit")}</button>
          </div>
        </Form>
      </div>
    </div>
  );
}
