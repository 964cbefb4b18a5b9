// The month's deductions: amounts paid on to other advertising publishers, each with its invoice.
// Finance adds, corrects (the month too) and deletes them; everyone else reads.
import { Form, Link, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { Field } from "~/components/Field";
import { t } from "~/i18n";
import type { FieldErrors } from "~/utils/form";
import { fenToYuanString, formatFen } from "~/utils/money";

export interface DeductionView {
  id: string;
  month: string;
  payee: string;
  invoiceNumber: string;
  amountFen: number;
  notes: string;
}

export interface DeductionValues {
  month: string;
  payee: string;
  invoice_number: string;
  amount: string;
  notes: string;
}

export const valuesOf = (d: DeductionView): DeductionValues => ({ month: d.month, payee: d.payee, invoice_number: d.invoiceNumber, amount: fenToYuanString(d.amountFen), notes: d.notes });

function DeductionFields({ values, errors, withMonth }: { values: DeductionValues; errors: FieldErrors; withMonth: boolean }) {
  return (
    <>
      {withMonth ? (
        <Field label={t("tax.cf.d.month")} error={errors.month} required>
          <input type="month" name="month" defaultValue={values.month} required />
        </Field>
      ) : (
        <input type="hidden" name="month" value={values.month} />
      )}
      <Field label={t("tax.cf.d.payee")} error={errors.payee} required>
        <input name="payee" defaultValue={values.payee} maxLength={100} required />
      </Field>
      <Field label={t("tax.cf.d.invoice")} error={errors.invoice_number} required>
        <input name="invoice_number" defaultValue={values.invoice_number} inputMode="numeric" maxLength={20} placeholder={t("tax.cf.d.invoiceHint")} required />
      </Field>
      <Field label={t("tax.cf.d.amount")} error={errors.amount} required>
        <input name="amount" defaultValue={values.amount} inputMode="decimal" className="num" required />
      </Field>
      <Field label={t("tax.cf.d.notes")} error={errors.notes}>
        <input name="notes" defaultValue={values.notes} maxLength={200} />
      </Field>
    </>
  );
}

export function DeductionsPanel(props: {
  month: string;
  deductions: DeductionView[];
  totalFen: number;
  canEdit: boolean;
  editing: string | null;
  refused: { target: string; errors: FieldErrors; values: DeductionValues } | null;
}) {
  const { month, deductions, totalFen, canEdit, editing, refused } = props;
  const busy = useNavigation().state !== "idle";
  const again = (target: string) => (refused?.target === target ? refused : null);
  const cols = canEdit ? 5 : 4;
  const add = again("add");
  return (
    <div className="panel">
      <h3 className="panel-title">{t("tax.cf.d.title", { month })}</h3>
      <p className="muted small">{t("tax.cf.d.hint")}</p>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("tax.cf.d.payee")}</th>
            <th>{t("tax.cf.d.invoice")}</th>
            <th className="num">{t("tax.cf.d.amount")}</th>
            <th>{t("tax.cf.d.notes")}</th>
            {canEdit ? <th>{t("common.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {deductions.length === 0 ? (
            <tr>
              <td colSpan={cols} className="muted">{t("tax.cf.d.none")}</td>
            </tr>
          ) : null}
          {deductions.map((d) => {
            const open = canEdit && (editing === d.id || refused?.target === `edit:${d.id}`);
            const retry = again(`edit:${d.id}`);
            return (
              <Fragment key={d.id}>
                <tr>
                  <td>{d.payee}</td>
                  <td className="mono">{d.invoiceNumber}</td>
                  <td className="num nowrap">{formatFen(d.amountFen)}</td>
                  <td className="muted">{d.notes}</td>
                  {canEdit ? (
                    <td className="nowrap">
                      <span className="actions">
                        <Link to={`?month=${month}&edit=${d.id}`} preventScrollReset>{t("common.edit")}</Link>
                        <Form method="post" className="inline-form" preventScrollReset>
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="id" value={d.id} />
                          <input type="hidden" name="month" value={month} />
                          <button
                            type="submit"
                            className="linklike danger-text"
                            disabled={busy}
                            onClick={(e) => {
                              if (!window.confirm(t("tax.cf.d.confirmDelete", { invoice: d.invoiceNumber }))) e.preventDefault();
                            }}
                          >
                            {t("tax.delete")}
                          </button>
                        </Form>
                      </span>
                    </td>
                  ) : null}
                </tr>
                {open ? (
                  <tr className="open-row">
                    <td colSpan={cols}>
                      <Form method="post" className="row-form" preventScrollReset>
                        <input type="hidden" name="intent" value="update" />
                        <input type="hidden" name="id" value={d.id} />
                        <DeductionFields values={retry?.values ?? valuesOf(d)} errors={retry?.errors ?? {}} withMonth />
                        <div className="actions">
                          <button type="submit" className="primary" disabled={busy}>{t("common.save")}</button>
                          <Link to={`?month=${month}`} preventScrollReset>{t("common.cancel")}</Link>
                        </div>
                      </Form>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
        {deductions.length ? (
          <tfoot>
            <tr className="total-row">
              <td>{t("tax.cf.d.total", { count: deductions.length })}</td>
              <td />
              <td className="num nowrap">{formatFen(totalFen)}</td>
              <td colSpan={cols - 3} />
            </tr>
          </tfoot>
        ) : null}
      </table>
      {canEdit ? (
        <Form method="post" className="row-form add-form" preventScrollReset key={add ? "retry" : `fresh-${deductions.length}`}>
          <input type="hidden" name="intent" value="add" />
          <DeductionFields values={add?.values ?? { month, payee: "", invoice_number: "", amount: "", notes: "" }} errors={add?.errors ?? {}} withMonth={false} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>{t("tax.cf.d.add")}</button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
