// The month's deductions: amounts paid on to other advertising publishers, each with its invoice.
// Finance adds, corrects (the month too) and deletes them; everyone else reads.
import { Link } from "@remix-run/react";
import { Fragment } from "react";
import { Field } from "~/components/Field";
import { t } from "~/i18n";
import type { CultureFeeDeduction } from "~/modules/billing/culture-fee.server";
import type { FieldErrors } from "~/utils/form";
import { fenToYuanString, formatFen } from "~/utils/money";
import { AddRowForm, OpenRowForm, RowButton } from "./RowForms";

export type DeductionView = CultureFeeDeduction;

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
                        <RowButton intent="delete" id={d.id} label={t("tax.delete")} danger confirm={t("tax.cf.d.confirmDelete", { invoice: d.invoiceNumber })}>
                          <input type="hidden" name="month" value={month} />
                        </RowButton>
                      </span>
                    </td>
                  ) : null}
                </tr>
                {open ? (
                  <OpenRowForm cols={cols} intent="update" id={d.id} submit={t("common.save")} cancelTo={`?month=${month}`}>
                    <DeductionFields values={retry?.values ?? valuesOf(d)} errors={retry?.errors ?? {}} withMonth />
                  </OpenRowForm>
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
        <AddRowForm intent="add" retry={add !== null} fresh={deductions.length} submit={t("tax.cf.d.add")}>
          <DeductionFields values={add?.values ?? { month, payee: "", invoice_number: "", amount: "", notes: "" }} errors={add?.errors ?? {}} withMonth={false} />
        </AddRowForm>
      ) : null}
    </div>
  );
}
