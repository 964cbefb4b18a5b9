import { Form } from "@remix-run/react";
import { t } from "~/i18n";
import { Field } from "~/components/Field";
import type { BillDetail } from "~/modules/billing/bill-views.server";
import { formatFen } from "~/utils/money";

type Errors = Record<string, string | undefined>;

/** 数电发票号码 and date typed by hand; a number already recorded is only replaced with a reason. */
export function TaxInvoiceForm({ bill, today, errors, busy }: { bill: BillDetail; today: string; errors: Errors; busy: boolean }) {
  const recorded = Boolean(bill.tax_invoice_number);
  return (
    <div className="panel">
      <h2>{t("bills.taxInvoice.title")}</h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="tax-invoice" />
        <Field label={t("bills.taxInvoice.number")} error={errors.number} required>
          <input name="number" className="mono" inputMode="numeric" maxLength={40} required defaultValue={bill.tax_invoice_number} />
        </Field>
        <Field label={t("bills.taxInvoice.date")} error={errors.date} required>
          <input type="date" name="date" required max={today} defaultValue={bill.tax_invoice_date ?? bill.issue_date ?? today} />
        </Field>
        {recorded ? (
          <>
            <label className="check">
              <input type="checkbox" name="replace" value="1" /> {t("bills.taxInvoice.replace")}
            </label>
            <Field label={t("bills.taxInvoice.reason")} error={errors.reason}>
              <input name="reason" maxLength={200} />
            </Field>
          </>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={busy}>{t("bills.taxInvoice.submit")}</button>
        </div>
      </Form>
    </div>
  );
}

/** With an e-invoice provider configured: issue the tax invoice through it, and record its number. */
export function ProviderForm({ busy }: { busy: boolean }) {
  return (
    <div className="panel">
      <h2>{t("bills.provider.title")}</h2>
      <p className="muted small">{t("bills.provider.hint")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="provider" />
        <button type="submit" className="primary" disabled={busy}>{t("bills.provider.submit")}</button>
      </Form>
    </div>
  );
}

/** Typing an amount means a partial credit. */
function pickLines(e: { currentTarget: HTMLInputElement }) {
  const radio = e.currentTarget.form?.querySelector<HTMLInputElement>('input[name="mode"][value="lines"]');
  if (radio && e.currentTarget.value.trim()) radio.checked = true;
}

/** A red-letter credit: everything that remains, or amounts per line, for one of the four reasons. */
export function CreditForm({ bill, reasons, today, errors, busy }: { bill: BillDetail; reasons: string[]; today: string; errors: Errors; busy: boolean }) {
  const creditable = bill.lines.filter((l) => l.creditable_fen > 0);
  if (!creditable.length) {
    return (
      <div className="panel">
        <h2>{t("bills.credit.title")}</h2>
        <p className="muted">{t("bills.credit.nothingLeft")}</p>
      </div>
    );
  }
  const lineErrors = Object.entries(errors).filter(([k, v]) => k.startsWith("line_") && v);
  return (
    <div className="panel" id="credit">
      <h2>{t("bills.credit.title")}</h2>
      <p className="muted small">{t("bills.credit.hint")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="credit" />
        <input type="hidden" name="credits_seen" value={bill.credits.length} />
        <Field label={t("bills.credit.reason")} error={errors.reason} required>
          <select name="reason" required defaultValue="">
            <option value="" disabled>—</option>
            {reasons.map((r) => (
              <option key={r} value={r}>{r}</option>
            ))}
          </select>
        </Field>
        <Field label={t("bills.credit.issueDate")} error={errors.issue_date} required>
          <input type="date" name="issue_date" required min={bill.issue_date ?? undefined} defaultValue={today} />
        </Field>
        <fieldset className="stack">
          <legend>{t("bills.credit.mode")}</legend>
          <label className="check">
            <input type="radio" name="mode" value="full" defaultChecked /> {t("bills.credit.full")}
          </label>
          <label className="check">
            <input type="radio" name="mode" value="lines" /> {t("bills.credit.partial")}
          </label>
        </fieldset>
        <table className="grid credit-lines">
          <thead>
            <tr>
              <th className="num">{t("bills.line.seq")}</th>
              <th>{t("bills.line.description")}</th>
              <th className="num">{t("bills.line.creditable")}</th>
              <th className="num">{t("bills.credit.amount")}</th>
            </tr>
          </thead>
          <tbody>
            {creditable.map((l) => (
              <tr key={l.id}>
                <td className="num">{l.seq}</td>
                <td>{l.description}</td>
                <td className="num nowrap">{formatFen(l.creditable_fen)}</td>
                <td className="num">
                  <input name={`credit_${l.id}`} inputMode="decimal" onInput={pickLines} aria-label={`${t("bills.credit.amount")} ${l.seq}`} aria-invalid={Boolean(errors[`line_${l.id}`])} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {lineErrors.length ? <div className="field-error">{lineErrors.map(([, v]) => v).join("；")}</div> : null}
        <Field label={t("bills.credit.notes")} error={errors.notes}>
          <input name="notes" maxLength={200} />
        </Field>
        <div className="actions">
          <button type="submit" className="danger" disabled={busy}>{t("bills.credit.submit")}</button>
        </div>
      </Form>
    </div>
  );
}
