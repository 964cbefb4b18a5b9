// The tax classification codes new bill lines choose from: code, 简称 and 品名, printed on the
// invoice as *简称*品名. Issued lines keep their own copy, so editing here changes no bill.
import { Link } from "@remix-run/react";
import { Fragment } from "react";
import { Field } from "~/components/Field";
import { t } from "~/i18n";
import type { FieldErrors } from "~/utils/form";
import type { Refused } from "./RatesPanels";
import { AddRowForm, OpenRowForm, RowButton } from "./RowForms";

export interface TaxCodeView {
  id: string;
  code: string;
  short_name: string;
  item_name: string;
  retired: number;
}

function CodeFields({ values, errors }: { values: Record<string, string>; errors: FieldErrors }) {
  return (
    <>
      <Field label={t("tax.settings.codeDigits")} error={errors.code} required>
        <input name="code" defaultValue={values.code ?? ""} inputMode="numeric" maxLength={19} className="code-input" required />
      </Field>
      <Field label={t("tax.settings.shortName")} error={errors.short_name} required>
        <input name="short_name" defaultValue={values.short_name ?? ""} maxLength={20} required />
      </Field>
      <Field label={t("tax.settings.itemName")} error={errors.item_name} required>
        <input name="item_name" defaultValue={values.item_name ?? ""} maxLength={40} required />
      </Field>
    </>
  );
}

export function TaxCodesPanel({ codes, canEdit, editing, refused }: { codes: TaxCodeView[]; canEdit: boolean; editing: string | null; refused: Refused }) {
  const cols = canEdit ? 6 : 5;
  const add = refused?.target === "code-add" ? refused : null;
  return (
    <div className="panel">
      <h3 className="panel-title">{t("tax.settings.codesTitle")}</h3>
      <p className="muted small">{t("tax.settings.codesHint")}</p>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("tax.settings.code")}</th>
            <th>{t("tax.settings.shortName")}</th>
            <th>{t("tax.settings.itemName")}</th>
            <th>{t("tax.settings.printed")}</th>
            <th>{t("tax.settings.state")}</th>
            {canEdit ? <th>{t("common.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {codes.map((c) => {
            const retry = refused?.target === `code-update:${c.id}` ? refused : null;
            const open = canEdit && (editing === c.id || retry !== null);
            return (
              <Fragment key={c.id}>
                <tr className={c.retired ? "row-muted" : undefined}>
                  <td className="mono">{c.code}</td>
                  <td>{c.short_name}</td>
                  <td>{c.item_name}</td>
                  <td>*{c.short_name}*{c.item_name}</td>
                  <td>{c.retired ? <span className="tag">{t("tax.settings.retired")}</span> : t("tax.settings.inUse")}</td>
                  {canEdit ? (
                    <td className="nowrap">
                      <span className="actions">
                        <Link to={`?edit=${c.id}`} preventScrollReset>{t("common.edit")}</Link>
                        <RowButton intent={c.retired ? "code-restore" : "code-retire"} id={c.id} label={c.retired ? t("tax.settings.restore") : t("tax.settings.retire")} />
                      </span>
                    </td>
                  ) : null}
                </tr>
                {open ? (
                  <OpenRowForm cols={cols} intent="code-update" id={c.id} submit={t("common.save")} cancelTo="?">
                    <CodeFields values={retry?.values ?? { code: c.code, short_name: c.short_name, item_name: c.item_name }} errors={retry?.errors ?? {}} />
                  </OpenRowForm>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {canEdit ? (
        <AddRowForm intent="code-add" retry={add !== null} fresh={codes.length} submit={t("tax.settings.addCode")}>
          <CodeFields values={add?.values ?? {}} errors={add?.errors ?? {}} />
        </AddRowForm>
      ) : null}
    </div>
  );
}
