// Recording a subsidy received: category (the center's non-earned categories), date, grantor,
// amount in yuan and a note. A refused add comes back with what was typed and the field messages.
import { AddRowForm } from "~/components/finance/tax/RowForms";
import { Field } from "~/components/Field";
import { t } from "~/i18n";
import type { SubsidyValues } from "~/modules/revenue/subsidies.server";
import type { FieldErrors } from "~/utils/form";

export function SubsidyAddForm({ categories, today, fresh, refused }: { categories: { id: string; name: string }[]; today: string; fresh: number; refused: { values: SubsidyValues; errors: FieldErrors } | null }) {
  if (categories.length === 0) return <p className="banner banner-warn">{t("subsidy.noCategory")}</p>;
  const values = refused?.values ?? { category_id: categories[0].id, received_on: today, grantor: "", amount: "", note: "" };
  const errors = refused?.errors ?? {};
  return (
    <div className="subsidy-add">
      <h3 className="panel-title">{t("subsidy.add.title")}</h3>
      <AddRowForm intent="add" retry={refused !== null} fresh={fresh} submit={t("subsidy.add.submit")}>
        <Field label={t("subsidy.col.category")} error={errors.category_id} required>
          <select name="category_id" defaultValue={values.category_id} required>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </Field>
        <Field label={t("subsidy.col.receivedOn")} error={errors.received_on} required>
          <input type="date" name="received_on" defaultValue={values.received_on} max={today} required />
        </Field>
        <Field label={t("subsidy.col.grantor")} error={errors.grantor} required>
          <input name="grantor" defaultValue={values.grantor} maxLength={100} placeholder={t("subsidy.add.grantorHint")} required />
        </Field>
        <Field label={t("subsidy.col.amount")} error={errors.amount} required>
          <input name="amount" defaultValue={values.amount} inputMode="decimal" className="num short-money" required />
        </Field>
        <Field label={t("subsidy.col.note")} error={errors.note}>
          <input name="note" defaultValue={values.note} maxLength={500} />
        </Field>
      </AddRowForm>
    </div>
  );
}
