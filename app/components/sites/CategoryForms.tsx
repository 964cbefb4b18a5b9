import { Form, Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { REPORT_GROUPS } from "~/modules/categories/category-form";
import type { FieldErrors } from "~/utils/form";

export interface CategoryValues {
  name: string;
  vat_item_code: string;
  bears_culture_fee: boolean;
  is_earned: boolean;
}

function Err({ message }: { message?: string }) {
  return message ? <span className="field-error" role="alert">{message}</span> : null;
}

/** Name, the two flags and the VAT code: the part shared by editing and adding. */
function Fields({ values, errors }: { values: CategoryValues; errors: FieldErrors }) {
  return (
    <>
      <label className="field">
        <span className="field-label">{t("categories.name")}<span className="req">*</span></span>
        <input name="name" defaultValue={values.name} maxLength={50} style={{ width: 180 }} />
        <Err message={errors.name} />
      </label>
      <label className="field">
        <span className="field-label">{t("categories.vatCode")}</span>
        <input name="vat_item_code" defaultValue={values.vat_item_code} maxLength={19} className="mono" placeholder={t("categories.vatHint")} style={{ width: 230 }} />
        <Err message={errors.vat_item_code} />
      </label>
      <label className="check">
        <input type="checkbox" name="bears_culture_fee" value="1" defaultChecked={values.bears_culture_fee} /> {t("categories.cultureFee")}
      </label>
      <label className="check">
        <input type="checkbox" name="is_earned" value="1" defaultChecked={values.is_earned} /> {t("categories.earned")}
      </label>
    </>
  );
}

const formStyle = { alignItems: "flex-end", flexWrap: "wrap" as const, padding: "6px 0" };

export function EditCategoryForm({ id, values, errors = {} }: { id: string; values: CategoryValues; errors?: FieldErrors }) {
  return (
    <Form method="post" className="inline-form" style={formStyle}>
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="id" value={id} />
      <Fields values={values} errors={errors} />
      <button type="submit" className="primary">{t("common.save")}</button>
      <Link to="/settings/categories">{t("common.cancel")}</Link>
    </Form>
  );
}

/** A child under `parentId` (reports under the parent's group), or a top-level category with its group. */
export function AddCategoryForm({ parentId, values, errors = {} }: { parentId: string | null; values: CategoryValues & { report_group?: string }; errors?: FieldErrors }) {
  return (
    <Form method="post" className="inline-form" style={formStyle}>
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="parent_id" value={parentId ?? ""} />
      <Fields values={values} errors={errors} />
      {parentId ? null : (
        <label className="field">
          <span className="field-label">{t("categories.reportGroup")}<span className="req">*</span></span>
          <select name="report_group" defaultValue={values.report_group ?? ""}>
            <option value="">—</option>
            {REPORT_GROUPS.map((g) => (
              <option key={g} value={g}>{tKey("reportGroup", g)}</option>
            ))}
          </select>
          <Err message={errors.report_group} />
        </label>
      )}
      <button type="submit" className="primary">{parentId ? t("categories.addChild") : t("categories.addTop")}</button>
      {parentId ? <Link to="/settings/categories">{t("common.cancel")}</Link> : null}
    </Form>
  );
}

export function RetireButton({ id, retired }: { id: string; retired: boolean }) {
  return (
    <Form method="post" style={{ display: "inline" }}>
      <input type="hidden" name="intent" value={retired ? "restore" : "retire"} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="linklike" style={{ color: retired ? "#1f5fa8" : "#b42318" }}>
        {retired ? t("categories.restore") : t("categories.retire")}
      </button>
    </Form>
  );
}
