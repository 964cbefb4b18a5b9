// What finance can do from a payment: reverse it when it bounced (退票), and apply the client's
// unallocated money (预收款) to its open invoices, oldest first or to one chosen invoice.
import { Form } from "@remix-run/react";
import { t } from "~/i18n";
import { Field } from "~/components/Field";
import type { OpenInvoiceRow } from "~/modules/billing/payment-views.server";
import type { FieldErrors } from "~/utils/form";
import { formatFen } from "~/utils/money";

interface Props {
  reversed: boolean;
  amountFen: number;
  receivedOn: string;
  clientName: string;
  creditFen: number;
  bills: OpenInvoiceRow[];
  today: string;
  intent?: string;
  errors?: FieldErrors;
  busy: boolean;
}

function CreditPanel({ clientName, creditFen, bills, today, error, busy }: Pick<Props, "clientName" | "creditFen" | "bills" | "today" | "busy"> & { error: (name: string) => string | undefined }) {
  return (
    <div className="panel">
      <h2>{t("pay.credit.title")}</h2>
      <p className="small">
        {t("pay.credit.available", { client: clientName, amount: formatFen(creditFen) })}
        {bills.length === 0 ? <span className="muted"> {t("pay.credit.noBills")}</span> : null}
      </p>
      {bills.length ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="apply-credit" />
          <Field label={t("pay.credit.target")} error={error("billId")}>
            <select name="bill_id" defaultValue="">
              <option value="">{t("pay.credit.oldestFirst")}</option>
              {bills.map((b) => (
                <option key={b.id} value={b.id}>{t("pay.credit.billOption", { number: b.number ?? "", due: b.due_date, amount: formatFen(b.open_fen) })}</option>
              ))}
            </select>
          </Field>
          <Field label={t("pay.credit.onDate")} error={error("onDate")}>
            <input type="date" name="on_date" defaultValue={today} max={today} required />
          </Field>
          <div className="actions">
            <button type="submit" disabled={busy}>{t("pay.credit.submit")}</button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}

function ReversePanel({ amountFen, receivedOn, today, error, busy }: Pick<Props, "amountFen" | "receivedOn" | "today" | "busy"> & { error: (name: string) => string | undefined }) {
  return (
    <div className="panel">
      <h2>{t("pay.reverse.title")}</h2>
      <p className="small muted">{t("pay.reverse.hint")}</p>
      <Form
        method="post"
        className="stack"
        onSubmit={(e) => {
          if (!window.confirm(t("pay.reverse.confirm", { amount: formatFen(amountFen), date: receivedOn }))) e.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="reverse" />
        <Field label={t("pay.reverse.date")} error={error("reversedOn")} required>
          <input type="date" name="reversed_on" defaultValue={today} min={receivedOn} max={today} required />
        </Field>
        <Field label={t("pay.reverse.reason")} error={error("reason")} required>
          <input name="reason" maxLength={200} placeholder={t("pay.reverse.reasonPlaceholder")} required />
        </Field>
        <div className="actions">
          <button type="submit" className="danger" disabled={busy}>{t("pay.reverse.submit")}</button>
        </div>
      </Form>
    </div>
  );
}

/** The credit panel only when the client has credit; the reversal only while the payment counts. */
export function PaymentActions(props: Props) {
  const { reversed, creditFen, intent, errors = {} } = props;
  const errorOf = (which: string) => (name: string) => (intent === which ? errors[name] : undefined);
  if (creditFen <= 0 && reversed) return null;
  return (
    <div className="two-col">
      {creditFen > 0 ? <CreditPanel {...props} error={errorOf("apply-credit")} /> : null}
      {reversed ? null : <ReversePanel {...props} error={errorOf("reverse")} />}
    </div>
  );
}
