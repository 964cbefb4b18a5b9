// The record-a-payment form for one client: the payment's fields, then the client's open invoices
// (oldest due first) with how the amount will be allocated, shown as the user types.
import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { t, tKey } from "~/i18n";
import { Field, FormError } from "~/components/Field";
import type { PaymentFormValues } from "~/modules/billing/payment-form";
import type { ClientRef, OpenInvoiceRow } from "~/modules/billing/payment-views.server";
import type { FieldErrors } from "~/utils/form";
import { formatFen, parseYuanToFen } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";
import { BillCells, BillHeads } from "./BillColumns";

/** The client is fixed by the page, so the form starts from everything else the user types. */
export type PaymentFormDefaults = Omit<PaymentFormValues, "client_id">;

interface Props {
  client: ClientRef;
  bills: OpenInvoiceRow[];
  creditFen: number;
  methods: string[];
  today: string;
  defaults: PaymentFormDefaults;
  errors?: FieldErrors;
  busy: boolean;
}

const MODES = ["auto", "manual", "none"] as const;

/** What each bill would receive: oldest first for auto, the typed amounts by hand, nothing for none. */
function preview(mode: string, amountFen: number, bills: OpenInvoiceRow[], typed: Record<string, string>): Map<string, number> {
  const out = new Map<string, number>();
  if (mode === "auto") {
    let left = amountFen;
    for (const b of bills) {
      if (left <= 0) break;
      const take = Math.min(left, b.open_fen);
      out.set(b.id, take);
      left -= take;
    }
  } else if (mode === "manual") {
    for (const b of bills) {
      const fen = parseYuanToFen(typed[b.id] ?? "");
      if (fen && fen > 0) out.set(b.id, fen);
    }
  }
  return out;
}

export function PaymentForm({ client, bills, creditFen, methods, today, defaults, errors = {}, busy }: Props) {
  const [mode, setMode] = useState(defaults.mode);
  const [amount, setAmount] = useState(defaults.amount);
  const [typed, setTyped] = useState<Record<string, string>>(defaults.alloc);
  const amountFen = parseYuanToFen(amount) ?? 0;
  const planned = preview(mode, amountFen, bills, typed);
  const allocatedFen = [...planned.values()].reduce((s, v) => s + v, 0);
  const restFen = amountFen - allocatedFen;
  const openFen = bills.reduce((s, b) => s + b.open_fen, 0);
  // A bill's own message names the bill in the summary at the top.
  const numberOf = new Map(bills.map((b) => [`alloc_${b.id}`, b.number ?? ""]));
  const messages = Object.entries(errors)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .map(([key, message]) => (numberOf.has(key) ? `${numberOf.get(key)}：${message}` : message));
  const billError = (id: string) => errors[`alloc_${id}`];
  return (
    <Form method="post" action={`/finance/payments/new?client=${client.id}`} className="stack">
      <FormError message={messages.length ? `${t("common.formHasErrors")}：${messages.join("；")}` : undefined} />
      <input type="hidden" name="client_id" value={client.id} />
      <input type="hidden" name="idempotency_key" value={defaults.idempotency_key} />
      <div className="form-grid">
        <fieldset>
          <legend>{t("pay.section.payment")}</legend>
          <Field label={t("pay.field.client")} error={errors.clientId}>
            <span className="picked-client">
              <strong>{client.name}</strong> <Link to="/finance/payments/new" className="small">{t("pay.new.changeClient")}</Link>
            </span>
          </Field>
          <Field label={t("pay.field.receivedOn")} error={errors.receivedOn} required>
            <input type="date" name="received_on" defaultValue={defaults.received_on} max={today} required />
          </Field>
          <Field label={t("pay.field.amountYuan")} error={errors.amountFen} required>
            <input name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="0.00" autoComplete="off" required />
          </Field>
          {amountFen > 0 ? <span className="money-words">{fenToChineseUpper(amountFen)}</span> : null}
          <Field label={t("pay.field.method")} error={errors.method} required>
            <select name="method" defaultValue={defaults.method} required>
              {methods.map((m) => (
                <option key={m} value={m}>{tKey("finance.method", m)}</option>
              ))}
            </select>
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t("pay.section.voucher")}</legend>
          <Field label={t("pay.field.payer")} error={errors.payer} hint={t("pay.new.payerHint")}>
            <input name="payer" defaultValue={defaults.payer} maxLength={100} placeholder={client.name} />
          </Field>
          <Field label={t("pay.field.reference")} error={errors.reference}>
            <input name="reference" defaultValue={defaults.reference} maxLength={60} className="mono" />
          </Field>
          <Field label={t("pay.field.notes")} error={errors.notes}>
            <textarea name="notes" defaultValue={defaults.notes} maxLength={200} rows={3} />
          </Field>
        </fieldset>
      </div>
      <div className="panel">
        <div className="page-head">
          <h2>{t("pay.new.openBills", { n: bills.length, amount: formatFen(openFen) })}</h2>
          {creditFen > 0 ? <span className="muted small">{t("pay.new.existingCredit", { amount: formatFen(creditFen) })}</span> : null}
        </div>
        <div className="mode-choice" role="radiogroup" aria-label={t("pay.field.mode")}>
          <span className="field-label">{t("pay.field.mode")}</span>
          {MODES.map((m) => (
            <label key={m} className="check">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {t(`pay.mode.${m}`)}
            </label>
          ))}
        </div>
        {errors.allocations ? <p className="field-error" role="alert">{errors.allocations}</p> : null}
        {bills.length === 0 ? (
          <p className="muted">{t("pay.new.noOpenBills")}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <BillHeads />
                <th className="num">{t("pay.col.open")}</th>
                <th>{t("pay.col.status")}</th>
                <th className="num alloc-col">{t("pay.col.thisPayment")}</th>
              </tr>
            </thead>
            <tbody>
              {bills.map((b) => (
                <tr key={b.id}>
                  <BillCells
                    billId={b.id}
                    number={b.number}
                    issueDate={b.issue_date}
                    dueDate={b.due_date}
                    totalFen={b.total_fen}
                    dueNote={b.overdue_days > 0 ? <span className="overdue small">{t("pay.new.overdueDays", { n: b.overdue_days })}</span> : null}
                  />
                  <td className="num">{formatFen(b.open_fen)}</td>
                  <td className="nowrap">{b.status}</td>
                  <td className="num alloc-col">
                    {mode === "manual" ? (
                      <>
                        <input
                          name={`alloc_${b.id}`}
                          inputMode="decimal"
                          className={billError(b.id) ? "alloc-input invalid" : "alloc-input"}
                          value={typed[b.id] ?? ""}
                          onChange={(e) => setTyped({ ...typed, [b.id]: e.target.value })}
                          placeholder="0.00"
                          aria-label={t("pay.new.allocFor", { number: b.number ?? "" })}
                        />
                        {billError(b.id) ? <div className="field-error">{billError(b.id)}</div> : null}
                      </>
                    ) : planned.get(b.id) ? (
                      formatFen(planned.get(b.id)!)
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className={restFen < 0 ? "alloc-summary danger-text" : "alloc-summary"}>
          {restFen < 0
            ? t("pay.new.overAllocated", { amount: formatFen(-restFen) })
            : t("pay.new.summary", { allocated: formatFen(allocatedFen), rest: formatFen(restFen) })}
          {restFen > 0 ? <span className="muted"> {t("pay.new.restBecomesCredit")}</span> : null}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{t("pay.new.submit")}</button>
        <Link to="/finance/payments">{t("common.cancel")}</Link>
      </div>
    </Form>
  );
}
